package gold

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/docset/docset/eval"
	"github.com/docset/docset/schema"
)

// File is a gold file as written: the wikinews-dev format (which eval reads)
// plus the topic and the double-quote pairs that are not quotations, so that
// a file shows a decision for every pair of its text, and the layers
// annotated when they are not all of them.
type File struct {
	Doc        string         `json:"doc"`
	TextSHA256 string         `json:"text_sha256"`
	Topic      string         `json:"topic,omitempty"`
	Layers     []string       `json:"layers,omitempty"`
	Source     Source         `json:"source"`
	Mentions   []eval.Mention `json:"mentions"`
	Quotes     []eval.Quote   `json:"quotes"`
	NotQuotes  []NotQuote     `json:"not_quotes"`
	Dates      []eval.Date    `json:"dates"`
}

// Source names the article for attribution.
type Source struct {
	Title   string `json:"title"`
	URL     string `json:"url"`
	Date    string `json:"date"`
	Licence string `json:"licence"`
}

// NotQuote is a double-quote pair that is not a quotation of speech.
type NotQuote struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Why   string `json:"why"`
}

// Build finds the offsets of spec's annotations in text and returns the
// gold file. Every error names the spec line it comes from.
func Build(spec *Spec, text string, src Source) (*File, error) {
	t := newIndexed(text)
	f := &File{Doc: spec.Doc, TextSHA256: SHA256(text), Topic: spec.Topic, Layers: spec.Layers, Source: src,
		Mentions: []eval.Mention{}, Quotes: []eval.Quote{}, NotQuotes: []NotQuote{}, Dates: []eval.Date{}}
	var err error
	if f.Mentions, err = buildMentions(t, spec.Mentions); err != nil {
		return nil, err
	}
	if eval.Annotates(spec.Layers, eval.LayerQuotes) {
		if f.Quotes, f.NotQuotes, err = buildQuotes(t, spec.Quotes); err != nil {
			return nil, err
		}
	}
	if f.Dates, err = buildDates(t, spec.Dates); err != nil {
		return nil, err
	}
	if errs := Check(f, text); len(errs) > 0 {
		return nil, fmt.Errorf("built gold fails its check: %w", errs[0])
	}
	return f, nil
}

// SHA256 is the hex digest of the UTF-8 text, as gold files carry it.
func SHA256(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// indexed is a text with its code points, for code-point offsets.
type indexed struct {
	text  string
	runes []rune
	// cp maps a byte offset at a rune boundary to its code-point offset.
	cp map[int]int
}

func newIndexed(text string) *indexed {
	t := &indexed{text: text, runes: []rune(text), cp: make(map[int]int, len(text)+1)}
	n := 0
	for i := range text {
		t.cp[i] = n
		n++
	}
	t.cp[len(text)] = n
	return t
}

func (t *indexed) slice(s, e int) string { return string(t.runes[s:e]) }

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// find returns the code-point spans of s in the text that are not part of
// a longer word: where s begins (ends) with a letter or digit, the character
// before (after) it must not be one ("Russia" never matches in "Russian").
func (t *indexed) find(s string) [][2]int {
	var out [][2]int
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	for from := 0; ; {
		i := strings.Index(t.text[from:], s)
		if i < 0 {
			return out
		}
		b := from + i
		e := b + len(s)
		before, _ := utf8.DecodeLastRuneInString(t.text[:b])
		after, _ := utf8.DecodeRuneInString(t.text[e:])
		if !(isWord(first) && b > 0 && isWord(before)) && !(isWord(last) && e < len(t.text) && isWord(after)) {
			out = append(out, [2]int{t.cp[b], t.cp[e]})
		}
		_, size := utf8.DecodeRuneInString(t.text[b:])
		from = b + size
	}
}

// selectSpans applies w to the occurrences of surface.
func (t *indexed) selectSpans(surface string, w Where) ([][2]int, error) {
	occ := t.find(surface)
	if len(occ) == 0 {
		return nil, fmt.Errorf("%q does not occur in the text (as a whole word)", surface)
	}
	for _, i := range append(append([]int{}, w.Only...), w.Skip...) {
		if i >= len(occ) {
			return nil, fmt.Errorf("%q occurs %d times: no occurrence %d", surface, len(occ), i)
		}
	}
	within := func(sp [2]int, ctxs []string) (bool, error) {
		for _, c := range ctxs {
			if !strings.Contains(c, surface) {
				return false, fmt.Errorf("context %q does not contain %q", c, surface)
			}
			cs := t.find(c)
			if len(cs) == 0 {
				return false, fmt.Errorf("context %q does not occur in the text", c)
			}
			for _, x := range cs {
				if x[0] <= sp[0] && sp[1] <= x[1] {
					return true, nil
				}
			}
		}
		return false, nil
	}
	var out [][2]int
	for i, sp := range occ {
		if (len(w.Only) > 0 && !slices.Contains(w.Only, i)) || slices.Contains(w.Skip, i) {
			continue
		}
		if len(w.At) > 0 {
			ok, err := within(sp, w.At)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
		}
		if len(w.Not) > 0 {
			drop, err := within(sp, w.Not)
			if err != nil {
				return nil, err
			}
			if drop {
				continue
			}
		}
		out = append(out, sp)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%q: no occurrence left after at=, not=, only=, skip=", surface)
	}
	return out, nil
}

type claim struct {
	span [2]int
	spec *MentionSpec
}

// buildMentions places the longest surfaces first, so that a name lying
// inside a longer listed name is dropped (flat, outermost names).
func buildMentions(t *indexed, specs []MentionSpec) ([]eval.Mention, error) {
	order := make([]*MentionSpec, len(specs))
	for i := range specs {
		order[i] = &specs[i]
	}
	sort.SliceStable(order, func(i, j int) bool {
		return utf8.RuneCountInString(order[i].Surface) > utf8.RuneCountInString(order[j].Surface)
	})
	var taken []claim
	used := map[*MentionSpec]bool{}
	for _, m := range order {
		spans, err := t.selectSpans(m.Surface, m.Where)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", m.Line, err)
		}
	next:
		for _, sp := range spans {
			for _, c := range taken {
				switch {
				case c.span == sp:
					return nil, fmt.Errorf("line %d: %q at %d is also claimed by line %d: tell them apart with at=, not=, only= or skip=",
						m.Line, m.Surface, sp[0], c.spec.Line)
				case c.span[0] <= sp[0] && sp[1] <= c.span[1]:
					continue next // inside a longer listed name
				case c.span[0] < sp[1] && sp[0] < c.span[1]:
					return nil, fmt.Errorf("line %d: %q at %d crosses %q of line %d", m.Line, m.Surface, sp[0],
						t.slice(c.span[0], c.span[1]), c.spec.Line)
				}
			}
			taken = append(taken, claim{sp, m})
			used[m] = true
		}
	}
	for _, m := range order {
		if !used[m] {
			return nil, fmt.Errorf("line %d: every occurrence of %q lies inside a longer listed name", m.Line, m.Surface)
		}
	}
	sort.Slice(taken, func(i, j int) bool { return taken[i].span[0] < taken[j].span[0] })
	out := make([]eval.Mention, 0, len(taken))
	for _, c := range taken {
		ent := c.spec.Entity
		if ent == "" {
			ent = c.spec.Surface
		}
		out = append(out, eval.Mention{Start: c.span[0], End: c.span[1], Text: t.slice(c.span[0], c.span[1]), Type: c.spec.Type, Entity: ent})
	}
	return out, nil
}

func buildQuotes(t *indexed, specs []QuoteSpec) ([]eval.Quote, []NotQuote, error) {
	pairs, err := QuotePairs(t.text)
	if err != nil {
		return nil, nil, err
	}
	if len(pairs) != len(specs) {
		return nil, nil, fmt.Errorf("the text has %d double-quote pairs, the spec decides %d (Q and N lines)", len(pairs), len(specs))
	}
	quotes, not := []eval.Quote{}, []NotQuote{}
	for i, p := range pairs {
		q := specs[i]
		inner := t.slice(p[0], p[1])
		if !strings.HasPrefix(inner, q.Prefix) {
			return nil, nil, fmt.Errorf("line %d: pair %d starts %q, not %q", q.Line, i+1, firstRunes(inner, 40), q.Prefix)
		}
		if q.Quotation {
			quotes = append(quotes, eval.Quote{Start: p[0], End: p[1], Text: inner, Speaker: q.Speaker, Cue: q.Cue, Partial: q.Partial})
		} else {
			not = append(not, NotQuote{Start: p[0], End: p[1], Text: inner, Why: q.Why})
		}
	}
	return quotes, not, nil
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

func buildDates(t *indexed, specs []DateSpec) ([]eval.Date, error) {
	out := []eval.Date{}
	line := map[int]int{}
	for _, d := range specs {
		spans, err := t.selectSpans(d.Surface, d.Where)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", d.Line, err)
		}
		for _, sp := range spans {
			if l, dup := line[sp[0]]; dup {
				return nil, fmt.Errorf("line %d: %q at %d is also a date of line %d", d.Line, d.Surface, sp[0], l)
			}
			line[sp[0]] = d.Line
			out = append(out, eval.Date{Start: sp[0], End: sp[1], Text: t.slice(sp[0], sp[1]), Value: d.Value})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out, nil
}

// QuotePairs returns the double-quote pairs of text in reading order as
// code-point spans of the words between the marks (whitespace next to the
// marks left out). Marks pair within a line: straight marks alternate,
// curly ones pair by direction. A line with an unpaired mark is an error.
func QuotePairs(text string) ([][2]int, error) {
	var pairs [][2]int
	runes := []rune(text)
	lineNo, lineStart := 1, 0
	straight, curly := -1, -1
	endLine := func(i int) error {
		if straight >= 0 || curly >= 0 {
			return fmt.Errorf("text line %d (%q...): unpaired double quotation mark", lineNo, firstRunes(string(runes[lineStart:i]), 50))
		}
		return nil
	}
	add := func(open, close int) {
		s, e := open+1, close
		for s < e && unicode.IsSpace(runes[s]) {
			s++
		}
		for e > s && unicode.IsSpace(runes[e-1]) {
			e--
		}
		pairs = append(pairs, [2]int{s, e})
	}
	for i, c := range runes {
		switch c {
		case '\n':
			if err := endLine(i); err != nil {
				return nil, err
			}
			lineNo++
			lineStart = i + 1
		case '"':
			if straight < 0 {
				straight = i
			} else {
				add(straight, i)
				straight = -1
			}
		case '\u201c':
			if curly >= 0 {
				return nil, fmt.Errorf("text line %d: opening curly mark inside a curly quotation", lineNo)
			}
			curly = i
		case '\u201d':
			if curly < 0 {
				return nil, fmt.Errorf("text line %d: closing curly mark with no opening one", lineNo)
			}
			add(curly, i)
			curly = -1
		}
	}
	if err := endLine(len(runes)); err != nil {
		return nil, err
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i][0] < pairs[j][0] })
	return pairs, nil
}

func validValue(v string) bool {
	for _, layout := range []string{"2006", "2006-01", time.DateOnly} {
		if len(v) == len(layout) {
			if _, err := time.Parse(layout, v); err == nil {
				return true
			}
		}
	}
	return false
}

// JSON is the file as written: indented by one space, non-ASCII kept, one
// final newline.
func (f *File) JSON() ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

// SourceOf is the attribution block for an article's metadata.
func SourceOf(m schema.Metadata) Source {
	lic := m.License
	if lic == "" {
		lic = "CC BY 2.5" // the licence of all Wikinews text
	}
	return Source{Title: m.Title, URL: m.URL, Date: m.Published, Licence: lic}
}
