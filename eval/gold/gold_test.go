package gold_test

import (
	"strings"
	"testing"

	"github.com/docset/docset/eval"
	"github.com/docset/docset/eval/gold"
)

const story = `Friday, March 6, 2020

Acme Rail said on Monday its Acme unit "will close in June", and Acme's chief Jo Hart added: "We are sorry." Hart's "Acme" brand stays. Acmeville did not comment.`

const storySpec = `doc story-1
topic business
# the company and its short form; "Acmeville" must not match "Acme"
M Acme Rail | organization
M Acme | organization | Acme Rail | not="Acme"
M Jo Hart | person
M Hart | person | Jo Hart  # nested in "Jo Hart" once, alone once
M Acmeville | place
Q will close in June | Acme Rail | said | partial
Q We are sorry | Jo Hart | added
N Acme | a brand name
D Friday, March 6, 2020 | 2020-03-06
D Monday | 2020-03-02
D June | 2020-06
`

func mustSpec(t *testing.T, s string) *gold.Spec {
	t.Helper()
	spec, err := gold.ParseSpec(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

func TestBuild(t *testing.T) {
	f, err := gold.Build(mustSpec(t, storySpec), story, gold.Source{Date: "2020-03-06"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range f.Mentions {
		got = append(got, m.Text+"/"+m.Type+"/"+m.Entity)
	}
	want := "Acme Rail/organization/Acme Rail Acme/organization/Acme Rail Acme/organization/Acme Rail " +
		"Jo Hart/person/Jo Hart Hart/person/Jo Hart Acmeville/place/Acmeville"
	if strings.Join(got, " ") != want {
		t.Errorf("mentions:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	if len(f.Quotes) != 2 || f.Quotes[0].Text != "will close in June" || !f.Quotes[0].Partial || *f.Quotes[1].Cue != "added" {
		t.Errorf("quotes: %+v", f.Quotes)
	}
	if len(f.NotQuotes) != 1 || f.NotQuotes[0].Text != "Acme" {
		t.Errorf("not-quotes: %+v", f.NotQuotes)
	}
	if len(f.Dates) != 3 || f.Dates[2].Text != "June" || *f.Dates[2].Value != "2020-06" {
		t.Errorf("dates: %+v", f.Dates)
	}
	if errs := gold.Check(f, story); len(errs) > 0 {
		t.Errorf("check: %v", errs)
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name, spec, want string
	}{
		{"surface absent", "doc d\nM Acme Corp | organization\n", `line 2: "Acme Corp" does not occur`},
		{"only inside a word", "doc d\nM Acm | organization\n", `"Acm" does not occur`},
		{"span claimed twice", "doc d\nM Hart | person\nM Hart | organization\n", "also claimed by line 2"},
		{"names cross", "doc d\nM Rail said | other\nM Acme Rail | organization\n", "crosses"},
		{"nested only", "doc d\nM Acme Rail | organization\nM Rail | other\n", "inside a longer listed name"},
		{"too few decisions", "doc d\nQ will close | Acme Rail | said\n", "3 double-quote pairs, the spec decides 1"},
		{"wrong prefix", "doc d\nQ shall close | - | -\nQ We | - | -\nN Acme | brand\n", `starts "will close in June", not "shall close"`},
		{"context without surface", "doc d\nM Acme | organization | at=Jo Hart\n", "does not contain"},
		{"context absent", "doc d\nM Acme | organization | at=Acme plc\n", `context "Acme plc" does not occur`},
		{"bad index", "doc d\nM Jo Hart | person | only=3\n", "no occurrence 3"},
		{"dates overlap", "doc d\nQ will | - | -\nQ We | - | -\nN Acme | brand\nD June | 2020-06\nD June | 2021-06\n", "also a date of line 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := gold.Build(mustSpec(t, tt.spec), story, gold.Source{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestParseSpecErrors(t *testing.T) {
	tests := []struct {
		name, spec, want string
	}{
		{"no doc", "M Acme | organization\n", `no "doc <id>" line`},
		{"unknown kind", "doc d\nX Acme\n", `line 2: unknown line kind "X"`},
		{"unknown type", "doc d\nM Acme | company\n", `type "company"`},
		{"too many fields", "doc d\nD June | 2020-06 | x\n", "D wants 2 to 2 fields"},
		{"bad value", "doc d\nD June | June 2020\n", `date value "June 2020"`},
		{"bad month", "doc d\nD June | 2020-13\n", `date value "2020-13"`},
		{"option on a quote", "doc d\nQ We | Jo | said | at=x\n", "Q takes no at="},
		{"field after option", "doc d\nM Acme | at=Acme Rail | organization\n", "options come last"},
		{"bad partial", "doc d\nQ We | Jo | said | part\n", `only "partial"`},
		{"bad index", "doc d\nM Acme | organization | skip=a\n", "not an occurrence index"},
		{"bad escape", "doc d\nD June\\n | 2020-06\n", "a backslash only starts"},
		{"unknown layer", "doc d\nlayers quotes speakers\n", `layer "speakers"`},
		{"no layer", "doc d\nlayers\n", `names no layer`},
		{"layers twice", "doc d\nlayers quotes\nlayers dates\n", `a second "layers" line`},
		{"mention in a quotes-only spec", "doc d\nQ We | Jo | said\nM Acme | organization\nlayers quotes\n", "line 3: the spec annotates quotes only, not mentions"},
		{"date in a quotes-only spec", "doc d\nlayers quotes\nD June | 2020-06\n", "line 3: the spec annotates quotes only, not dates"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := gold.ParseSpec(strings.NewReader(tt.spec))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestParseSpecEscapes(t *testing.T) {
	spec := mustSpec(t, "doc d\nD October\\u00a08 | 2019-10-08 | at=through October\\u00A08\n")
	d := spec.Dates[0]
	if d.Surface != "October\u00a08" || d.At[0] != "through October\u00a08" {
		t.Errorf("got surface %q, context %q: want the no-break space unescaped", d.Surface, d.At)
	}
}

// TestBuildQuotesOnly builds a spec that annotates quotations only: the
// gold names its layer, holds no mentions or dates, and still decides every
// double-quote pair.
func TestBuildQuotesOnly(t *testing.T) {
	spec := mustSpec(t, "doc story-1\ntopic statements\nlayers quotes\nQ will close | Acme Rail | said | partial\nQ We are | Jo Hart | added\nN Acme | a brand name\n")
	f, err := gold.Build(spec, story, gold.Source{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(f.Layers, ",") != "quotes" || len(f.Mentions) != 0 || len(f.Dates) != 0 || len(f.Quotes) != 2 {
		t.Errorf("layers %v, %d mentions, %d dates, %d quotes: want quotes only, 2 of them", f.Layers, len(f.Mentions), len(f.Dates), len(f.Quotes))
	}
	if errs := gold.Check(f, story); len(errs) > 0 {
		t.Errorf("check: %v", errs)
	}
	data, err := f.JSON()
	if err != nil {
		t.Fatal(err)
	}
	g, err := eval.ParseGold(f.Doc, data)
	if err != nil || g.Annotates(eval.LayerMentions) || !g.Annotates(eval.LayerQuotes) {
		t.Errorf("eval reads layers %v (%v): want quotes only", g.Layers, err)
	}
	f.Mentions = []eval.Mention{{Start: 0, End: 9, Text: "Acme Rail", Type: "organization", Entity: "Acme Rail"}}
	if errs := gold.Check(f, story); len(errs) == 0 || !strings.Contains(errs[0].Error(), "1 mentions given") {
		t.Errorf("check of a mention in a quotes-only file: %v", errs)
	}
	spec = mustSpec(t, "doc story-1\nlayers mentions\nM Acme Rail | organization\n")
	if f, err := gold.Build(spec, story, gold.Source{}); err != nil || len(f.Quotes)+len(f.NotQuotes) != 0 {
		t.Errorf("a mentions-only spec: %v, %+v: want no quote decisions asked for", err, f)
	}
}

func TestCheckFindsDamage(t *testing.T) {
	good := func() *gold.File {
		f, err := gold.Build(mustSpec(t, storySpec), story, gold.Source{})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	tests := []struct {
		name   string
		damage func(f *gold.File)
		want   string
	}{
		{"text moved", func(f *gold.File) { f.Mentions[0].Start++ }, "is \"cme Rail\" in the text"},
		{"overlapping mentions", func(f *gold.File) {
			f.Mentions = append(f.Mentions[:1], append([]eval.Mention{{Start: 27, End: 36, Text: "Rail said", Type: "other", Entity: "x"}}, f.Mentions[1:]...)...)
		}, "overlaps mention 0"},
		{"unknown type", func(f *gold.File) { f.Mentions[0].Type = "company" }, `type "company"`},
		{"quote pair undecided", func(f *gold.File) { f.NotQuotes = nil }, `pair [140,144) "Acme" has no decision`},
		{"pair decided twice", func(f *gold.File) {
			q := f.Quotes[0]
			f.NotQuotes = append(f.NotQuotes, gold.NotQuote{Start: q.Start, End: q.End, Text: q.Text, Why: "x"})
		}, "decided 2 times"},
		{"not a pair", func(f *gold.File) { f.Quotes[0].End--; f.Quotes[0].Text = "will close in Jun" }, "no double-quote pair"},
		{"bad value", func(f *gold.File) { v := "2020-02-30"; f.Dates[0].Value = &v }, `value "2020-02-30"`},
		{"other text", func(f *gold.File) { f.TextSHA256 = gold.SHA256("x") }, "does not match the text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := good()
			tt.damage(f)
			var msgs []string
			for _, e := range gold.Check(f, story) {
				msgs = append(msgs, e.Error())
			}
			if !strings.Contains(strings.Join(msgs, "\n"), tt.want) {
				t.Errorf("got %q, want a problem containing %q", msgs, tt.want)
			}
		})
	}
}

func TestQuotePairs(t *testing.T) {
	tests := []struct {
		text string
		want [][2]int
		err  string
	}{
		{`a " b " c`, [][2]int{{4, 5}}, ""},
		{"\u201cx\u201d and \"y\"", [][2]int{{1, 2}, {9, 10}}, ""},
		{"\"a\n\"", nil, "text line 1"},
		{"\u201da", nil, "closing curly mark"},
	}
	for _, tt := range tests {
		got, err := gold.QuotePairs(tt.text)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: got error %v, want %q", tt.text, err, tt.err)
			}
			continue
		}
		if err != nil || len(got) != len(tt.want) {
			t.Errorf("%q: got %v %v, want %v", tt.text, got, err, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%q: got %v, want %v", tt.text, got, tt.want)
			}
		}
	}
}

func TestWriteReviewListsLeftovers(t *testing.T) {
	f, err := gold.Build(mustSpec(t, "doc story-1\nM Acme Rail | organization\nQ will | - | -\nQ We | - | -\nN Acme | brand\nD June | 2020-06\n"), story, gold.Source{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := gold.WriteReview(&b, f, story); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Jo@101", "Acmeville@159", "Monday@41", "2020@17"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("review lacks %s:\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "Rail@") || strings.Contains(b.String(), "June@") {
		t.Errorf("review lists covered words:\n%s", b.String())
	}
}
