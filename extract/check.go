package extract

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/docset/docset/extract/internal/lex"
	"github.com/docset/docset/extract/internal/schemacheck"
	"github.com/docset/docset/schema"
)

// recordChecker checks a record, given also as encoded, against the
// embedded record schema and returns what is wrong, nil when it is valid.
type recordChecker interface {
	check(r *schema.Record, data []byte) []string
}

// newRecordChecker returns the fast schema-driven checker, or the general
// validator when the schema uses something the fast one does not implement:
// slower, never wrong.
func newRecordChecker() (recordChecker, error) {
	c, err := schemacheck.Compile(schema.JSON())
	if err == nil {
		return fastChecker{c}, nil
	}
	if !errors.Is(err, schemacheck.ErrUnsupported) {
		return nil, err
	}
	s, err := schema.Compiled()
	if err != nil {
		return nil, err
	}
	return generalChecker{s}, nil
}

type fastChecker struct{ c *schemacheck.Checker }

func (f fastChecker) check(r *schema.Record, _ []byte) []string {
	var problems []string
	for _, p := range f.c.Check(r) {
		problems = append(problems, p.String())
	}
	return problems
}

type generalChecker struct{ s *jsonschema.Schema }

func (g generalChecker) check(_ *schema.Record, data []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return []string{fmt.Sprintf("encoded record does not decode: %v", err)}
	}
	err := g.s.Validate(v)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []string{err.Error()}
	}
	var problems []string
	var leaves func(e *jsonschema.ValidationError)
	leaves = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			problems = append(problems, fmt.Sprintf("%s: %s", e.InstanceLocation, e.Message))
		}
		for _, c := range e.Causes {
			leaves(c)
		}
	}
	leaves(ve)
	return problems
}

// checkSpans returns what in r does not hold together beyond the schema:
// a span outside the text or not equal to the text it covers, a repeated id
// among the record's items, a quotation whose speaker is no entity, a
// mention overlapping another entity's. These are the record checks of
// `docset validate`, so a record extraction writes is one it accepts.
func checkSpans(r *schema.Record, text *lex.Text) []string {
	var c spanCheck
	return c.check(r, text)
}

// spanCheck holds checkSpans' maps, which an extraction's scratch keeps
// for the next record.
type spanCheck struct {
	ids      map[string]itemPointer
	entities map[string]bool
	mentions []mentionAt
}

// mentionAt is a mention with its entity, for the overlap check.
type mentionAt struct {
	entity, mention, start, end int
}

// check is checkSpans with c's maps, emptied first.
func (c *spanCheck) check(r *schema.Record, text *lex.Text) []string {
	if c.ids == nil {
		c.ids = make(map[string]itemPointer, len(r.Paragraphs)+len(r.Entities)+len(r.Quotes)+len(r.Dates)+len(r.Quantities))
		c.entities = make(map[string]bool, len(r.Entities))
	}
	clear(c.ids)
	clear(c.entities)
	n := len(text.Runes)
	var problems []string
	span := func(ptr itemPointer, start, end int, got string) {
		switch {
		case start < 0 || end > n || start > end:
			problems = append(problems, fmt.Sprintf("%s: span [%d,%d) outside the text (%d characters)", ptr, start, end, n))
		case got != text.Span(start, end): // a substring of the same string compares at once
			problems = append(problems, fmt.Sprintf("%s: text %q is not the text of its span [%d,%d)", ptr, got, start, end))
		}
	}
	ids := c.ids
	id := func(ptr itemPointer, id string) {
		if first, dup := ids[id]; dup {
			problems = append(problems, fmt.Sprintf("%s: id %s already used at %s", ptr, id, first))
		}
		ids[id] = ptr
	}
	at := func(list string, i int) itemPointer { return itemPointer{list: list, i: i, mention: -1} }
	for i, p := range r.Paragraphs {
		id(at("paragraphs", i), p.ID)
		span(at("paragraphs", i), p.Start, p.End, p.Text)
	}
	for i, s := range r.Sentences {
		span(at("sentences", i), s.Start, s.End, s.Text)
	}
	entities := c.entities
	for i, e := range r.Entities {
		id(at("entities", i), e.ID)
		entities[e.ID] = true
		for j, m := range e.Mentions {
			span(itemPointer{list: "entities", i: i, mention: j}, m.Start, m.End, m.Text)
		}
	}
	problems = c.overlaps(r, problems)
	for i, q := range r.Quotes {
		id(at("quotes", i), q.ID)
		span(at("quotes", i), q.Start, q.End, q.Text)
		if q.Speaker != nil && !entities[*q.Speaker] {
			problems = append(problems, fmt.Sprintf("/quotes/%d/speaker: %s is not an entity id", i, *q.Speaker))
		}
	}
	for i, d := range r.Dates {
		id(at("dates", i), d.ID)
		span(at("dates", i), d.Start, d.End, d.Text)
	}
	for i, q := range r.Quantities {
		id(at("quantities", i), q.ID)
		span(at("quantities", i), q.Start, q.End, q.Text)
	}
	return problems
}

// overlaps adds a problem for each mention that overlaps a mention of
// another entity: a stretch of text names one thing.
func (c *spanCheck) overlaps(r *schema.Record, problems []string) []string {
	ms := c.mentions[:0]
	for i, e := range r.Entities {
		for j, m := range e.Mentions {
			ms = append(ms, mentionAt{i, j, m.Start, m.End})
		}
	}
	c.mentions = ms
	slices.SortStableFunc(ms, func(a, b mentionAt) int { return cmp.Or(a.start-b.start, a.end-b.end) })
	// active holds earlier mentions that may still overlap later ones.
	var active []mentionAt
	for _, m := range ms {
		kept := active[:0]
		for _, a := range active {
			if a.end > m.start {
				kept = append(kept, a)
			}
		}
		active = kept
		for _, a := range active {
			if a.entity != m.entity && m.start < m.end && a.start < a.end {
				problems = append(problems, fmt.Sprintf("%s: mention [%d,%d) of entity %s overlaps mention [%d,%d) of entity %s at %s",
					itemPointer{list: "entities", i: m.entity, mention: m.mention}, m.start, m.end, r.Entities[m.entity].ID,
					a.start, a.end, r.Entities[a.entity].ID, itemPointer{list: "entities", i: a.entity, mention: a.mention}))
				break
			}
		}
		active = append(active, m)
	}
	return problems
}

// itemPointer locates an item of a record's lists (or a mention of an
// entity when mention >= 0); its JSON Pointer is built only for a problem,
// since the checks run on every record.
type itemPointer struct {
	list    string
	i       int
	mention int
}

func (p itemPointer) String() string {
	if p.mention >= 0 {
		return fmt.Sprintf("/%s/%d/mentions/%d", p.list, p.i, p.mention)
	}
	return fmt.Sprintf("/%s/%d", p.list, p.i)
}
