package validate

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Record rules: checks on docset records that JSON Schema cannot express.
const (
	RuleSpanRange      = "span-range"
	RuleSpanText       = "span-text"
	RuleUniqueID       = "unique-id"
	RuleSpeakerRef     = "speaker-ref"
	RuleMentionOverlap = "mention-overlap"
)

// spanCollections are the record's top-level arrays of spans over text.
var spanCollections = []string{"paragraphs", "sentences", "quotes", "dates", "quantities"}

// idCollections are the arrays whose items carry an id unique within the array.
var idCollections = []string{"paragraphs", "entities", "quotes", "dates", "quantities"}

// recordChecker runs the cross-field checks on one decoded record. It reads
// the generic decoded value, not Go structs, so a record that fails the
// schema is still checked as far as its shape allows; values of the wrong
// type are left to the schema findings.
type recordChecker struct {
	text  string
	ascii bool
	runes int
	out   []issue
	*checkScratch
}

// checkScratch is memory the record checks reuse from one record to the
// next on one goroutine.
type checkScratch struct {
	starts  []int // byte offset of each code point when text is not ASCII
	mention []mentionSpan
	ids     map[string]int
}

// idSet returns the reused id map, empty.
func (s *checkScratch) idSet() map[string]int {
	if s.ids == nil {
		s.ids = make(map[string]int, 32)
	}
	clear(s.ids)
	return s.ids
}

type mentionSpan struct {
	start, end int
	entity     int
	index      int
}

func (m mentionSpan) ptr() string { return spanPtr{"entities", m.entity, m.index}.String() }

// spanPtr names a span without building its pointer string: records are
// full of spans and only the faulty ones need one.
type spanPtr struct {
	collection string
	i, j       int // j is the mention index, or -1
}

func (p spanPtr) String() string {
	if p.j < 0 {
		return fmt.Sprintf("/%s/%d", p.collection, p.i)
	}
	return fmt.Sprintf("/%s/%d/mentions/%d", p.collection, p.i, p.j)
}

// checkRecord runs the record checks on doc.
func checkRecord(doc any, scratch *checkScratch) []issue {
	rec, ok := doc.(map[string]any)
	if !ok {
		return nil
	}
	scratch.starts, scratch.mention = scratch.starts[:0], scratch.mention[:0]
	c := &recordChecker{checkScratch: scratch}
	if text, ok := rec["text"].(string); ok {
		c.setText(text)
		for _, name := range spanCollections {
			for i, item := range array(rec[name]) {
				c.span(spanPtr{name, i, -1}, item)
			}
		}
		for i, e := range array(rec["entities"]) {
			ent, _ := e.(map[string]any)
			for j, m := range array(ent["mentions"]) {
				if s, e, ok := c.span(spanPtr{"entities", i, j}, m); ok {
					c.mention = append(c.mention, mentionSpan{start: s, end: e, entity: i, index: j})
				}
			}
		}
		c.overlaps(rec)
	}
	for _, name := range idCollections {
		c.uniqueIDs(name, array(rec[name]))
	}
	c.speakers(rec)
	clear(c.ids) // its keys are slices of this record's text
	return c.out
}

func array(v any) []any {
	a, _ := v.([]any)
	return a
}

func (c *recordChecker) add(ptr, rule, format string, args ...any) {
	c.out = append(c.out, issue{Offset: -1, Pointer: ptr, Rule: rule, Msg: fmt.Sprintf(format, args...)})
}

func (c *recordChecker) setText(text string) {
	c.text = text
	c.ascii = true
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			c.ascii = false
			break
		}
	}
	if c.ascii {
		c.runes = len(text)
		return
	}
	for i := range text {
		c.starts = append(c.starts, i)
	}
	c.runes = len(c.starts)
}

// slice returns text[start:end] in code points; the offsets are in range.
func (c *recordChecker) slice(start, end int) string {
	if c.ascii {
		return c.text[start:end]
	}
	b := len(c.text)
	if end < c.runes {
		b = c.starts[end]
	}
	a := len(c.text)
	if start < c.runes {
		a = c.starts[start]
	}
	return c.text[a:b]
}

// span checks one {start, end, text} object against the record text.
func (c *recordChecker) span(p spanPtr, v any) (start, end int, ok bool) {
	m, _ := v.(map[string]any)
	start, okS := integer(m["start"])
	end, okE := integer(m["end"])
	if !okS || !okE {
		return 0, 0, false
	}
	if start > end {
		c.add(p.String()+"/start", RuleSpanRange, "start %d is after end %d; spans run from start (inclusive) to end (exclusive)", start, end)
		return 0, 0, false
	}
	if end > c.runes {
		c.add(p.String()+"/end", RuleSpanRange, "end %d is past the end of text (%d code points); offsets count Unicode code points, not bytes or UTF-16 units", end, c.runes)
		return 0, 0, false
	}
	got, isString := m["text"].(string)
	if want := c.slice(start, end); isString && got != want {
		fix := "fix start/end or set text to the slice (offsets count Unicode code points)"
		if a, ok := c.nearest(got, start); ok {
			fix = fmt.Sprintf("%s occurs at [%d,%d): fix start/end, or set text to the slice (offsets count Unicode code points)", quoteShort(got), a, a+utf8.RuneCountInString(got))
		}
		c.add(p.String()+"/text", RuleSpanText, "text %s differs from text[%d:%d] = %s; %s",
			quoteShort(got), start, end, quoteShort(want), fix)
	}
	return start, end, true
}

// nearWindow bounds how far from a span nearest looks, in bytes either
// side: far enough for offsets that drifted, and a document with thousands
// of wrong spans still costs linear time.
const nearWindow = 4096

// nearest finds the occurrence of s in the text closest to code point
// start, within nearWindow bytes of it, so a span-text finding can say
// where the text really is.
func (c *recordChecker) nearest(s string, start int) (int, bool) {
	if s == "" {
		return 0, false
	}
	at := start // byte offset of code point start
	if !c.ascii {
		at = len(c.text)
		if start < c.runes {
			at = c.starts[start]
		}
	}
	lo, hi := max(at-nearWindow, 0), min(at+nearWindow+len(s), len(c.text))
	best, found := 0, false
	for from := lo; from < hi; {
		i := strings.Index(c.text[from:hi], s)
		if i < 0 {
			break
		}
		b := from + i
		cp := b
		if !c.ascii {
			cp, _ = slices.BinarySearch(c.starts, b)
		}
		if !found || abs(cp-start) < abs(best-start) {
			best, found = cp, true
		}
		from = b + 1
	}
	return best, found
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// integer reads a JSON integer (2 and 2.0 alike); ok is false for anything
// else, which the schema reports.
func integer(v any) (int, bool) {
	n, isNum := v.(json.Number)
	if !isNum {
		return 0, false
	}
	if i, err := strconv.Atoi(string(n)); err == nil {
		return i, i >= 0
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil || f != math.Trunc(f) || f < 0 || f > math.MaxInt32 {
		return 0, false
	}
	return int(f), true
}

func (c *recordChecker) uniqueIDs(name string, items []any) {
	first := c.idSet()
	for i, item := range items {
		m, _ := item.(map[string]any)
		id, ok := m["id"].(string)
		if !ok {
			continue
		}
		if j, dup := first[id]; dup {
			c.add(fmt.Sprintf("/%s/%d/id", name, i), RuleUniqueID, "id %q is already used by /%s/%d; ids must be unique within %s", id, name, j, name)
			continue
		}
		first[id] = i
	}
}

func (c *recordChecker) speakers(rec map[string]any) {
	quotes := array(rec["quotes"])
	if len(quotes) == 0 {
		return
	}
	ids := c.idSet()
	for _, e := range array(rec["entities"]) {
		if m, ok := e.(map[string]any); ok {
			if id, ok := m["id"].(string); ok {
				ids[id] = 1
			}
		}
	}
	for i, q := range quotes {
		m, _ := q.(map[string]any)
		sp, ok := m["speaker"].(string)
		if _, known := ids[sp]; ok && !known {
			c.add(fmt.Sprintf("/quotes/%d/speaker", i), RuleSpeakerRef, "speaker %q is not the id of any entity; use an id from /entities or null when the speaker is not named", sp)
		}
	}
}

// overlaps reports mentions of one entity that overlap another entity's:
// a stretch of text names one thing.
func (c *recordChecker) overlaps(rec map[string]any) {
	ms := c.mention
	slices.SortStableFunc(ms, func(a, b mentionSpan) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return a.end - b.end
	})
	entities := array(rec["entities"])
	idOf := func(i int) string {
		if m, ok := entities[i].(map[string]any); ok {
			if id, ok := m["id"].(string); ok {
				return id
			}
		}
		return fmt.Sprintf("/entities/%d", i)
	}
	// active holds earlier mentions that may still overlap later ones.
	var active []mentionSpan
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
				c.add(m.ptr(), RuleMentionOverlap, "mention [%d,%d) of entity %s overlaps mention [%d,%d) of entity %s at %s; a stretch of text names one entity: shorten one span or merge the entities",
					m.start, m.end, idOf(m.entity), a.start, a.end, idOf(a.entity), a.ptr())
				break
			}
		}
		active = append(active, m)
	}
}

func quoteShort(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		s = string(r[:40]) + "…" + string(r[len(r)-15:])
	}
	return strconv.Quote(s)
}
