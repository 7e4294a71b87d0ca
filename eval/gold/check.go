package gold

import (
	"fmt"
	"slices"
	"sort"
	"unicode"

	"github.com/docset/docset/eval"
)

// Check verifies a gold file against its text on its own: the digest, that
// every span slices the text to its "text" with no space at either end,
// items in text order, known types and canonical names on mentions,
// mentions that neither nest nor overlap, dates that do not overlap and
// carry ISO values, and one decision (quotation or not) for every
// double-quote pair of the text (when quotations are annotated), and no
// annotation of a layer the file does not name. It returns every problem
// found.
func Check(f *File, text string) []error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if f.TextSHA256 != SHA256(text) {
		fail("text_sha256 %s does not match the text", f.TextSHA256)
	}
	runes := []rune(text)
	span := func(kind string, i, s, e int, want string) {
		switch {
		case s < 0 || e > len(runes) || s >= e:
			fail("%s %d: bad span [%d,%d)", kind, i, s, e)
		case string(runes[s:e]) != want:
			fail("%s %d: [%d,%d) is %q in the text, not %q", kind, i, s, e, string(runes[s:e]), want)
		case unicode.IsSpace(runes[s]) || unicode.IsSpace(runes[e-1]):
			fail("%s %d: %q begins or ends with space", kind, i, want)
		}
	}
	ordered := func(kind string, starts []int, ends []int, disjoint bool) {
		for i := 1; i < len(starts); i++ {
			if starts[i] < starts[i-1] {
				fail("%s %d: out of text order", kind, i)
			}
			if disjoint && starts[i] < ends[i-1] {
				fail("%s %d at %d overlaps %s %d", kind, i, starts[i], kind, i-1)
			}
		}
	}

	for _, l := range f.Layers {
		if !slices.Contains(eval.Layers, l) {
			fail("layer %q is none of %v", l, eval.Layers)
		}
	}
	for _, c := range []struct {
		layer string
		n     int
	}{{eval.LayerMentions, len(f.Mentions)}, {eval.LayerQuotes, len(f.Quotes) + len(f.NotQuotes)}, {eval.LayerDates, len(f.Dates)}} {
		if c.n > 0 && !eval.Annotates(f.Layers, c.layer) {
			fail("%d %s given, but the file annotates %v only", c.n, c.layer, f.Layers)
		}
	}

	var ms, me []int
	for i, m := range f.Mentions {
		span("mention", i, m.Start, m.End, m.Text)
		if !slices.Contains(Types, m.Type) {
			fail("mention %d %q: type %q is none of %v", i, m.Text, m.Type, Types)
		}
		if m.Entity == "" {
			fail("mention %d %q: no entity name", i, m.Text)
		}
		ms, me = append(ms, m.Start), append(me, m.End)
	}
	ordered("mention", ms, me, true)

	var ds, de []int
	for i, d := range f.Dates {
		span("date", i, d.Start, d.End, d.Text)
		if d.Value != nil && !validValue(*d.Value) {
			fail("date %d %q: value %q is not YYYY, YYYY-MM or YYYY-MM-DD", i, d.Text, *d.Value)
		}
		ds, de = append(ds, d.Start), append(de, d.End)
	}
	ordered("date", ds, de, true)

	decided := map[[2]int]int{}
	var qs, qe []int
	for i, q := range f.Quotes {
		span("quote", i, q.Start, q.End, q.Text)
		if q.Speaker != nil && *q.Speaker == "" || q.Cue != nil && *q.Cue == "" {
			fail("quote %d: empty speaker or cue (null is written null)", i)
		}
		decided[[2]int{q.Start, q.End}]++
		qs, qe = append(qs, q.Start), append(qe, q.End)
	}
	ordered("quote", qs, qe, true)
	for i, q := range f.NotQuotes {
		span("not-quote", i, q.Start, q.End, q.Text)
		if q.Why == "" {
			fail("not-quote %d %q: no reason given", i, q.Text)
		}
		decided[[2]int{q.Start, q.End}]++
	}
	if !eval.Annotates(f.Layers, eval.LayerQuotes) {
		return errs
	}
	pairs, err := QuotePairs(text)
	if err != nil {
		fail("%v", err)
	}
	for _, p := range pairs {
		switch n := decided[p]; n {
		case 1:
		case 0:
			fail("double-quote pair [%d,%d) %q has no decision", p[0], p[1], firstRunes(string(runes[p[0]:p[1]]), 40))
		default:
			fail("double-quote pair [%d,%d) is decided %d times", p[0], p[1], n)
		}
		delete(decided, p)
	}
	var stray [][2]int
	for p := range decided {
		stray = append(stray, p)
	}
	sort.Slice(stray, func(i, j int) bool { return stray[i][0] < stray[j][0] })
	for _, p := range stray {
		fail("quote or not-quote [%d,%d) is no double-quote pair of the text", p[0], p[1])
	}
	return errs
}
