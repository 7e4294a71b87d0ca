package extract_test

import (
	"strings"
	"testing"

	"github.com/docset/docset/eval"
	"github.com/docset/docset/extract/input"
	"github.com/docset/docset/internal/corpus"
	"github.com/docset/docset/schema"
)

// TestEvalTargets extracts the annotated corpora as make eval does (gum-news
// from its bare texts, wikinews-dev with the article metadata of the bulk
// NDJSON) and holds the extractor to the targets of the extraction issue,
// so that a change to any rule that costs accuracy fails here.
func TestEvalTargets(t *testing.T) {
	x := newExtractor(t)
	tests := []struct {
		name    string
		load    func(testing.TB) []corpus.Doc
		meta    bool
		targets map[string]func(*eval.Report) float64
	}{
		{"gum-news", corpus.GUM, false, map[string]func(*eval.Report) float64{
			"micro F1 (exact span+type)": func(r *eval.Report) float64 { return r.Entities.Micro.F1() },
		}},
		{"wikinews-dev", corpus.Dev, true, map[string]func(*eval.Report) float64{
			"micro F1 (exact span+type)":   func(r *eval.Report) float64 { return r.Entities.Micro.F1() },
			"quotation recall":             func(r *eval.Report) float64 { return r.Quotes.Exact.Recall() },
			"speaker accuracy (>=3 words)": func(r *eval.Report) float64 { return r.Quotes.Speaker.Value() },
			"date values right":            func(r *eval.Report) float64 { return r.Dates.Value.Value() },
		}},
	}
	const target = 0.75
	floors := map[string]float64{"quotation recall": 0.90, "speaker accuracy (>=3 words)": 0.85, "date values right": 0.85}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := tt.load(t)
			var recs []*schema.Record
			for _, d := range docs {
				doc := &input.Document{Path: d.Name + ".txt", Raw: []byte(d.Text), Body: d.Text}
				if tt.meta {
					doc.ID, doc.Meta = d.Name, d.Meta
				}
				r, err := x.Extract(doc)
				if err != nil {
					t.Fatalf("%s: %v", d.Name, err)
				}
				recs = append(recs, r)
			}
			rep := eval.Score(corpus.Golds(docs), recs)
			var table strings.Builder
			if err := rep.WriteText(&table); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s\n%s", tt.name, table.String())
			for what, score := range tt.targets {
				floor, ok := floors[what]
				if !ok {
					floor = target
				}
				if got := score(rep); got < floor {
					t.Errorf("%s %s = %.3f, below the target %.2f", tt.name, what, got, floor)
				}
			}
		})
	}
}
