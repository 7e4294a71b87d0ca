// Package gold turns hand annotations of news articles into gold files that
// eval scores against, and checks gold files against their texts.
//
// An annotator writes a spec (one per article): the surface strings of the
// named mentions with their type, one decision per double-quote pair of the
// text, and the surface strings of the date expressions with their values.
// Nobody types an offset: Build finds every occurrence of each surface in
// the text (never inside a longer word), keeps the outermost of nested names,
// refuses a span claimed twice or two names that cross, and pairs the quote
// decisions with the text's quotation marks in reading order. Check
// re-verifies a written gold file on its own, without the spec.
package gold

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/docset/docset/eval"
)

// Spec is the hand annotation of one article.
type Spec struct {
	// Doc is the article's id (the bulk NDJSON id).
	Doc string
	// Topic is the article's topic, for the set's README.
	Topic string
	// Layers lists the layers annotated (eval.Layers); nil means all.
	Layers   []string
	Mentions []MentionSpec
	// Quotes holds one decision per double-quote pair, in text order.
	Quotes []QuoteSpec
	Dates  []DateSpec
}

// Where selects occurrences of a surface. Empty, it selects them all.
type Where struct {
	// At keeps the occurrences lying inside an occurrence of one of these
	// context strings; Not drops those lying inside one of these.
	At, Not []string
	// Only keeps, Skip drops, occurrences by index (0-based, in text
	// order, counted before At and Not apply).
	Only, Skip []int
}

// MentionSpec is a named-mention surface string.
type MentionSpec struct {
	Line    int
	Surface string
	Type    string
	// Entity is the canonical name of the referent; the surface when empty.
	Entity string
	Where
}

// QuoteSpec is the decision for one double-quote pair.
type QuoteSpec struct {
	Line int
	// Prefix is the start of the words inside the marks, checked.
	Prefix string
	// Quotation is false for a pair that is not a quotation of speech (a
	// title, a word cited as a word, a scare quote); Why says what it is.
	Quotation bool
	Speaker   *string
	Cue       *string
	Partial   bool
	Why       string
}

// DateSpec is a date expression surface string; Value is nil for a date
// with no value of the forms YYYY, YYYY-MM, YYYY-MM-DD.
type DateSpec struct {
	Line    int
	Surface string
	Value   *string
	Where
}

// Types are the entity types a mention may have.
var Types = []string{"person", "organization", "place", "event", "other"}

// ParseSpec reads a spec. The format is line based; blank lines and lines
// starting with "#" are skipped, and " # " starts a trailing comment:
//
//	doc wikinews-2019-04-28-69572b55
//	topic business
//	M Ford Motor Company | organization
//	M Ford | organization | Ford Motor Company | not=Ford's internal
//	Q Ford is fully cooperating | Ford Motor Company | told
//	Q currently focuses | Ford Motor Company | said | partial
//	N road load | a term cited as a term
//	D Friday | 2019-04-26
//	D last week | -
//
// A spec annotating only some layers says which after the topic
// ("layers quotes"); its gold is then scored for those only, and lines of
// the other layers are refused.
//
// M: surface | type [| entity]; Q: prefix | speaker | cue [| partial];
// N: prefix | why; D: surface | value. "-" is null. Options after the
// fields select occurrences: at=CONTEXT, not=CONTEXT, only=0,2, skip=1.
// A character that cannot be seen, such as a no-break space, is written
// \uXXXX ("October\u00a08").
func ParseSpec(r io.Reader) (*Spec, error) {
	s := &Spec{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.Index(line, " # "); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kind, rest, _ := strings.Cut(line, " ")
		if err := s.parseLine(n, kind, strings.TrimSpace(rest)); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if s.Doc == "" {
		return nil, fmt.Errorf("no \"doc <id>\" line")
	}
	if err := s.checkLayers(); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Spec) parseLine(n int, kind, rest string) error {
	switch kind {
	case "doc":
		s.Doc = rest
		return nil
	case "topic":
		s.Topic = rest
		return nil
	case "layers":
		if s.Layers != nil {
			return fmt.Errorf("a second \"layers\" line")
		}
		s.Layers = strings.Fields(rest)
		if len(s.Layers) == 0 {
			return fmt.Errorf("\"layers\" names no layer: use %s", strings.Join(eval.Layers, ", "))
		}
		for _, l := range s.Layers {
			if !slices.Contains(eval.Layers, l) {
				return fmt.Errorf("layer %q: use %s", l, strings.Join(eval.Layers, ", "))
			}
		}
		return nil
	}
	fields, where, err := splitFields(rest)
	if err != nil {
		return err
	}
	want := map[string][2]int{"M": {2, 3}, "Q": {3, 4}, "N": {2, 2}, "D": {2, 2}}[kind]
	if want == [2]int{} {
		return fmt.Errorf("unknown line kind %q: use doc, topic, layers, M, Q, N or D", kind)
	}
	if len(fields) < want[0] || len(fields) > want[1] {
		return fmt.Errorf("%s wants %d to %d fields separated by \"|\", got %d", kind, want[0], want[1], len(fields))
	}
	if fields[0] == "" {
		return fmt.Errorf("empty surface")
	}
	if kind == "Q" || kind == "N" {
		if where.set() {
			return fmt.Errorf("%s takes no at=, not=, only= or skip=", kind)
		}
	}
	switch kind {
	case "M":
		m := MentionSpec{Line: n, Surface: fields[0], Type: fields[1], Where: where}
		if !slices.Contains(Types, m.Type) {
			return fmt.Errorf("type %q: use one of %s", m.Type, strings.Join(Types, ", "))
		}
		if len(fields) == 3 {
			m.Entity = fields[2]
		}
		s.Mentions = append(s.Mentions, m)
	case "Q":
		q := QuoteSpec{Line: n, Prefix: fields[0], Quotation: true, Speaker: null(fields[1]), Cue: null(fields[2])}
		if len(fields) == 4 {
			if fields[3] != "partial" {
				return fmt.Errorf("fourth field %q: only \"partial\" may stand there", fields[3])
			}
			q.Partial = true
		}
		s.Quotes = append(s.Quotes, q)
	case "N":
		s.Quotes = append(s.Quotes, QuoteSpec{Line: n, Prefix: fields[0], Why: fields[1]})
	case "D":
		d := DateSpec{Line: n, Surface: fields[0], Value: null(fields[1]), Where: where}
		if d.Value != nil && !validValue(*d.Value) {
			return fmt.Errorf("date value %q: use YYYY, YYYY-MM, YYYY-MM-DD or -", *d.Value)
		}
		s.Dates = append(s.Dates, d)
	}
	return nil
}

// checkLayers refuses annotation lines of a layer the spec says it does
// not annotate, naming the first such line.
func (s *Spec) checkLayers() error {
	if s.Layers == nil {
		return nil
	}
	first := func(layer string, lines ...int) error {
		if len(lines) == 0 || slices.Contains(s.Layers, layer) {
			return nil
		}
		return fmt.Errorf("line %d: the spec annotates %s only, not %s", slices.Min(lines), strings.Join(s.Layers, ", "), layer)
	}
	var ms, qs, ds []int
	for _, m := range s.Mentions {
		ms = append(ms, m.Line)
	}
	for _, q := range s.Quotes {
		qs = append(qs, q.Line)
	}
	for _, d := range s.Dates {
		ds = append(ds, d.Line)
	}
	return errors.Join(first(eval.LayerMentions, ms...), first(eval.LayerQuotes, qs...), first(eval.LayerDates, ds...))
}

// splitFields splits "a | b | at=x | skip=1" into its fields and options.
func splitFields(rest string) ([]string, Where, error) {
	var fields []string
	var w Where
	for _, f := range strings.Split(rest, "|") {
		f, err := unescape(strings.TrimSpace(f))
		if err != nil {
			return nil, w, err
		}
		key, val, ok := strings.Cut(f, "=")
		switch {
		case ok && (key == "at" || key == "not"):
			if val == "" {
				return nil, w, fmt.Errorf("empty %s=", key)
			}
			if key == "at" {
				w.At = append(w.At, val)
			} else {
				w.Not = append(w.Not, val)
			}
		case ok && (key == "only" || key == "skip"):
			idx, err := indices(val)
			if err != nil {
				return nil, w, fmt.Errorf("%s=: %w", key, err)
			}
			if key == "only" {
				w.Only = append(w.Only, idx...)
			} else {
				w.Skip = append(w.Skip, idx...)
			}
		default:
			if w.set() {
				return nil, w, fmt.Errorf("field %q after an option: options come last", f)
			}
			fields = append(fields, f)
		}
	}
	return fields, w, nil
}

var escape = regexp.MustCompile(`\\u[0-9a-fA-F]{4}`)

// unescape replaces each \uXXXX with its character; a backslash starting
// anything else is an error, so that a typo does not pass as text.
func unescape(f string) (string, error) {
	if strings.Contains(escape.ReplaceAllString(f, ""), "\\") {
		return "", fmt.Errorf("field %q: a backslash only starts \\uXXXX", f)
	}
	return escape.ReplaceAllStringFunc(f, func(e string) string {
		n, _ := strconv.ParseUint(e[2:], 16, 32)
		return string(rune(n))
	}), nil
}

func (w Where) set() bool {
	return len(w.At)+len(w.Not)+len(w.Only)+len(w.Skip) > 0
}

func indices(s string) ([]int, error) {
	var out []int
	for _, p := range strings.Split(s, ",") {
		i, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || i < 0 {
			return nil, fmt.Errorf("%q is not an occurrence index", p)
		}
		out = append(out, i)
	}
	return out, nil
}

func null(s string) *string {
	if s == "-" {
		return nil
	}
	return &s
}
