package eval_test

import (
	"bytes"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/docset/docset/eval"
	"github.com/docset/docset/internal/corpus"
	goldenfile "github.com/docset/docset/internal/golden"
	"github.com/docset/docset/schema"
)

func ptr(s string) *string { return &s }

// goldJSON is a wikinews-dev style gold file over the text below.
const text = `Pat Lee said "we will win the cup" on Monday. Acme Corp agreed.`

const goldJSON = `{"doc": "d1", "mentions": [
  {"start": 0, "end": 7, "text": "Pat Lee", "type": "person", "entity": "Pat Lee"},
  {"start": 46, "end": 55, "text": "Acme Corp", "type": "organization", "entity": "Acme Corp"}],
 "quotes": [{"start": 14, "end": 33, "text": "we will win the cup", "speaker": "Pat Lee", "cue": "said", "partial": false}],
 "dates": [{"start": 38, "end": 44, "text": "Monday", "value": "2020-01-06"}]}`

func golds(t *testing.T) map[string]*eval.Gold {
	t.Helper()
	g, err := eval.ParseGold("d1", []byte(goldJSON))
	if err != nil {
		t.Fatal(err)
	}
	return map[string]*eval.Gold{"d1": g}
}

func TestScore(t *testing.T) {
	person := schema.Entity{ID: "e1", Name: "Lee", Type: "person", Mentions: []schema.Mention{{Start: 4, End: 7, Text: "Lee"}}}
	tests := []struct {
		name    string
		rec     schema.Record
		micro   eval.Counts
		overlap eval.Counts
		quote   eval.Counts
		speaker eval.Ratio
		value   eval.Ratio
	}{
		{
			name:  "nothing predicted",
			rec:   schema.Record{ID: "d1", Text: text},
			micro: eval.Counts{Gold: 2}, overlap: eval.Counts{Gold: 2}, quote: eval.Counts{Gold: 1},
			value: eval.Ratio{Total: 1},
		},
		{
			name: "short mention overlaps, last name speaker, wrong date value",
			rec: schema.Record{ID: "d1", Text: text, Entities: []schema.Entity{person},
				Quotes: []schema.Quote{{ID: "q1", Start: 14, End: 33, Speaker: ptr("e1"), Cue: ptr("said")}},
				Dates:  []schema.Date{{ID: "d1", Start: 38, End: 44, Value: ptr("2020-01-13")}}},
			micro: eval.Counts{Pred: 1, Gold: 2}, overlap: eval.Counts{TP: 1, Pred: 1, Gold: 2},
			quote: eval.Counts{TP: 1, Pred: 1, Gold: 1}, speaker: eval.Ratio{Right: 1, Total: 1},
			value: eval.Ratio{Total: 1},
		},
		{
			name: "wrong type, quote boundary off, matched by source file name",
			rec: schema.Record{ID: "0123abcd", Source: schema.Source{Path: "news/d1.txt"}, Text: text,
				Entities: []schema.Entity{{ID: "e1", Name: "Acme Corp", Type: "place", Mentions: []schema.Mention{{Start: 46, End: 55}}}},
				Quotes:   []schema.Quote{{ID: "q1", Start: 13, End: 34, Speaker: ptr("e1")}},
				Dates:    []schema.Date{{ID: "d1", Start: 38, End: 44, Value: ptr("2020-01-06")}}},
			micro: eval.Counts{Pred: 1, Gold: 2}, overlap: eval.Counts{Pred: 1, Gold: 2},
			quote: eval.Counts{Pred: 1, Gold: 1}, value: eval.Ratio{Right: 1, Total: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := eval.Score(golds(t), []*schema.Record{&tt.rec})
			if rep.Documents != 1 || len(rep.Missed) != 0 {
				t.Fatalf("documents %d missed %v, want 1 and none", rep.Documents, rep.Missed)
			}
			check := func(what string, got, want any) {
				t.Helper()
				if got != want {
					t.Errorf("%s: got %+v, want %+v", what, got, want)
				}
			}
			check("micro", rep.Entities.Micro, tt.micro)
			check("overlap", rep.Entities.Overlap, tt.overlap)
			check("quotes", rep.Quotes.Exact, tt.quote)
			check("speaker", rep.Quotes.Speaker, tt.speaker)
			check("date value", rep.Dates.Value, tt.value)
		})
	}
}

func TestScoreMissedAndUnmatched(t *testing.T) {
	rep := eval.Score(golds(t), []*schema.Record{{ID: "other", Source: schema.Source{Path: "x.txt"}}})
	if rep.Unmatched != 1 || len(rep.Missed) != 1 || rep.Missed[0] != "d1" {
		t.Fatalf("got unmatched %d missed %v, want 1 and [d1]", rep.Unmatched, rep.Missed)
	}
	if rep.Entities.Micro.Gold != 2 {
		t.Errorf("missed document's gold not counted: %+v", rep.Entities.Micro)
	}
	var b bytes.Buffer
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "error: d1: no record") {
		t.Errorf("text report lacks the missed document line:\n%s", b.String())
	}
}

func TestSpeakerRule(t *testing.T) {
	tests := []struct {
		gold, name, mention string
		want                bool
	}{
		{"John R. Bolton", "John Bolton", "Bolton", true},
		{"John R. Bolton", "John Bolton", "John Bolton", false},
		{"Louise Turpin", "Louise Turpin", "Louise Turpin", true},
		{"Louise Turpin", "David Turpin", "David", false},
		{"Hampshire Police", "police", "police", true},
		{"Donald Trump", "Ron", "Ron", false},
		{"Donald Trump", "ump", "ump", false},
	}
	for _, tt := range tests {
		t.Run(tt.gold+"/"+tt.mention, func(t *testing.T) {
			g := &eval.Gold{Doc: "d", Quotes: []eval.Quote{{Start: 0, End: 10, Text: "one two three", Speaker: ptr(tt.gold), Attributed: true}}}
			r := &schema.Record{ID: "d",
				Entities: []schema.Entity{{ID: "e1", Name: tt.name, Type: "person", Mentions: []schema.Mention{{Text: tt.mention}}}},
				Quotes:   []schema.Quote{{ID: "q1", Start: 0, End: 10, Speaker: ptr("e1")}}}
			got := eval.ScoreDoc(g, r).Quotes.Speaker.Right == 1
			if got != tt.want {
				t.Errorf("gold %q, entity %q / mention %q: match %t, want %t", tt.gold, tt.name, tt.mention, got, tt.want)
			}
		})
	}
}

// TestGoldAsPrediction scores each corpus's gold, turned into records, and
// wants perfect scores: it checks the loader and the matching end to end.
func TestGoldAsPrediction(t *testing.T) {
	for _, c := range []struct {
		name string
		load func(testing.TB) []corpus.Doc
		// speakers is the least number of attributed gold quotations of
		// three words or more (gum-news has none).
		speakers int
	}{{"gum-news", corpus.GUM, 0}, {"wikinews-dev", corpus.Dev, 80}, {"wikinews-check", corpus.WikinewsCheckDocs, 10},
		{"wikinews-holdout", corpus.WikinewsHoldoutDocs, 50}, {"wikinews-speakers", corpus.WikinewsSpeakersDocs, 100}} {
		t.Run(c.name, func(t *testing.T) {
			docs := c.load(t)
			var recs []*schema.Record
			for _, d := range docs {
				recs = append(recs, goldRecord(d))
			}
			rep := eval.Score(corpus.Golds(docs), recs)
			if len(rep.Warnings) > 0 || len(rep.Missed) > 0 {
				t.Fatalf("warnings %v, missed %v", rep.Warnings, rep.Missed)
			}
			for _, m := range []struct {
				what, layer string
				f           float64
			}{
				{"micro F1", eval.LayerMentions, rep.Entities.Micro.F1()}, {"any-type F1", eval.LayerMentions, rep.Entities.AnyType.F1()},
				{"quote F1", eval.LayerQuotes, rep.Quotes.Exact.F1()}, {"date F1", eval.LayerDates, rep.Dates.Exact.F1()},
				{"date value all", eval.LayerDates, rep.Dates.ValueAll.Value()},
			} {
				if !slices.Contains(rep.Unannotated, m.layer) && m.f != 1 {
					t.Errorf("%s = %.3f, want 1", m.what, m.f)
				}
			}
			if c.speakers > 0 {
				if rep.Quotes.Speaker.Total < c.speakers || rep.Quotes.Speaker.Value() != 1 || rep.Quotes.Cue.Value() != 1 {
					t.Errorf("speaker %+v cue %+v, want all right", rep.Quotes.Speaker, rep.Quotes.Cue)
				}
			}
			var b bytes.Buffer
			if err := rep.WriteText(&b); err != nil {
				t.Fatal(err)
			}
			goldenfile.Check(t, filepath.Join("testdata", c.name+".txt"), b.Bytes())
		})
	}
}

// goldRecord turns a document's gold into a record: one entity per gold
// entity name (or mention text), quotes attributed to those entities.
func goldRecord(d corpus.Doc) *schema.Record {
	r := d.Record()
	rs := []rune(d.Text)
	ids := map[string]string{}
	idx := map[string]int{}
	for _, m := range d.Gold.Mentions {
		key := m.Type + "\x00" + m.Entity
		if m.Entity == "" {
			key = m.Type + "\x00" + m.Text
		}
		i, ok := idx[key]
		if !ok {
			i = len(r.Entities)
			idx[key] = i
			name := m.Entity
			if name == "" {
				name = m.Text
			}
			id := "e" + itoa(i+1)
			ids[name] = id
			r.Entities = append(r.Entities, schema.Entity{ID: id, Name: name, Type: m.Type})
		}
		r.Entities[i].Mentions = append(r.Entities[i].Mentions, schema.Mention{Start: m.Start, End: m.End, Text: string(rs[m.Start:m.End])})
	}
	for i, q := range d.Gold.Quotes {
		var sp *string
		if q.Speaker != nil {
			id, ok := ids[*q.Speaker]
			if !ok {
				id = "e" + itoa(len(r.Entities)+1)
				ids[*q.Speaker] = id
				r.Entities = append(r.Entities, schema.Entity{ID: id, Name: *q.Speaker, Type: "person", Mentions: []schema.Mention{{Text: *q.Speaker}}})
			}
			sp = &id
		}
		r.Quotes = append(r.Quotes, schema.Quote{ID: "q" + itoa(i+1), Start: q.Start, End: q.End, Text: q.Text, Speaker: sp, Cue: q.Cue, Partial: q.Partial})
	}
	for i, dt := range d.Gold.Dates {
		r.Dates = append(r.Dates, schema.Date{ID: "d" + itoa(i+1), Start: dt.Start, End: dt.End, Text: dt.Text, Value: dt.Value})
	}
	return r
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestGoldSpansSliceText checks the loaded gold, trimmed GUM quote spans
// included, against the texts.
func TestGoldSpansSliceText(t *testing.T) {
	for _, load := range []func(testing.TB) []corpus.Doc{corpus.GUM, corpus.Dev, corpus.WikinewsCheckDocs, corpus.WikinewsHoldoutDocs, corpus.WikinewsSpeakersDocs} {
		for _, d := range load(t) {
			rs := []rune(d.Text)
			check := func(kind string, start, end int, text string) {
				if start < 0 || end > len(rs) || start > end || string(rs[start:end]) != text {
					t.Errorf("%s: %s [%d,%d) %q does not slice the text", d.Name, kind, start, end, text)
				}
			}
			for _, m := range d.Gold.Mentions {
				check("mention", m.Start, m.End, m.Text)
			}
			for _, q := range d.Gold.Quotes {
				check("quote", q.Start, q.End, q.Text)
			}
			for _, x := range d.Gold.Dates {
				check("date", x.Start, x.End, x.Text)
			}
		}
	}
}

// TestScoreLayers scores a gold that annotates quotations only: the record's
// names and dates are neither right nor wrong there, and the report says
// those layers are not annotated rather than printing zeros.
func TestScoreLayers(t *testing.T) {
	g, err := eval.ParseGold("d1", []byte(`{"doc": "d1", "layers": ["quotes"],
 "quotes": [{"start": 14, "end": 33, "text": "we will win the cup", "speaker": "Pat Lee", "cue": "said", "partial": false}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if !g.Annotates(eval.LayerQuotes) || g.Annotates(eval.LayerMentions) || g.Annotates(eval.LayerDates) {
		t.Fatalf("layers %v: want quotes only", g.Layers)
	}
	rec := &schema.Record{ID: "d1", Text: text,
		Entities: []schema.Entity{{ID: "e1", Name: "Pat Lee", Type: "person", Mentions: []schema.Mention{{Start: 0, End: 7, Text: "Pat Lee"}}}},
		Quotes:   []schema.Quote{{ID: "q1", Start: 14, End: 33, Speaker: ptr("e1"), Cue: ptr("said")}},
		Dates:    []schema.Date{{ID: "d1", Start: 38, End: 44, Value: ptr("2020-01-06")}}}
	rep := eval.Score(map[string]*eval.Gold{"d1": g}, []*schema.Record{rec})
	if rep.Entities.Micro != (eval.Counts{}) || rep.Dates.Exact != (eval.Counts{}) {
		t.Errorf("unannotated layers scored: entities %+v dates %+v", rep.Entities.Micro, rep.Dates.Exact)
	}
	if rep.Quotes.Speaker != (eval.Ratio{Right: 1, Total: 1}) {
		t.Errorf("speaker %+v, want 1/1", rep.Quotes.Speaker)
	}
	if len(rep.Docs[0].Errors) > 0 {
		t.Errorf("errors listed for unannotated layers: %q", rep.Docs[0].Errors)
	}
	if want := []string{eval.LayerMentions, eval.LayerDates}; strings.Join(rep.Unannotated, ",") != strings.Join(want, ",") {
		t.Errorf("unannotated %v, want %v", rep.Unannotated, want)
	}
	var b strings.Builder
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	words := strings.Join(strings.Fields(b.String()), " ")
	for _, want := range []string{"entities (exact span+type) not annotated in this gold", "dates not annotated in this gold", "speaker (exact, >=3 words) 1.000"} {
		if !strings.Contains(words, want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "micro per/org/place") {
		t.Errorf("report prints entity scores of a gold without entities:\n%s", b.String())
	}
	b.Reset()
	if err := rep.WriteDocs(&b); err != nil {
		t.Fatal(err)
	}
	if got := strings.Fields(strings.Split(b.String(), "\n")[1]); strings.Join(got, " ") != "d1 - 1.000 1.000 -" {
		t.Errorf("per-document line %q, want no entity or date score", got)
	}
}

func TestParseGoldLayersRefused(t *testing.T) {
	for _, tt := range []struct{ name, json, want string }{
		{"unknown layer", `{"layers": ["speakers"]}`, `layer "speakers"`},
		{"empty list", `{"layers": []}`, "name the layers annotated"},
		{"mentions of a quotes-only gold", `{"layers": ["quotes"], "mentions": [{"start": 0, "end": 3, "text": "Pat", "type": "person"}]}`,
			`1 mentions given, but "layers" does not name mentions`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := eval.ParseGold("d", []byte(tt.json))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}
