package quotes

import (
	"fmt"
	"strings"
	"testing"

	"github.com/docset/docset/eval"
	"github.com/docset/docset/extract/entities"
	"github.com/docset/docset/extract/segment"
	"github.com/docset/docset/internal/corpus"
	"github.com/docset/docset/schema"
)

// goldEntities builds entities from the gold mentions, grouped by their
// canonical name, so that attribution is measured apart from NER quality.
func goldEntities(g *eval.Gold) []schema.Entity {
	byName := map[string]int{}
	var ents []schema.Entity
	for _, m := range g.Mentions {
		name := m.Entity
		if name == "" {
			name = m.Text
		}
		i, ok := byName[name]
		if !ok {
			i = len(ents)
			byName[name] = i
			ents = append(ents, schema.Entity{ID: fmt.Sprintf("e%d", i+1), Name: name, Type: m.Type})
		}
		ents[i].Mentions = append(ents[i].Mentions, schema.Mention{Start: m.Start, End: m.End, Text: m.Text})
	}
	return ents
}

// scoreDocs runs Find over docs with entities from ents and scores it.
func scoreDocs(docs []corpus.Doc, ents func(corpus.Doc, []rune, []schema.Sentence) []schema.Entity) *eval.Report {
	var recs []*schema.Record
	for _, d := range docs {
		r := d.Record()
		text := []rune(r.Text)
		r.Paragraphs = segment.Paragraphs(text)
		r.Sentences = segment.Sentences(text, r.Paragraphs)
		r.Entities = ents(d, text, r.Sentences)
		r.Quotes = Find(text, r.Paragraphs, r.Sentences, r.Entities)
		recs = append(recs, r)
	}
	return eval.Score(corpus.Golds(docs), recs)
}

func withGoldEntities(d corpus.Doc, _ []rune, _ []schema.Sentence) []schema.Entity {
	return goldEntities(d.Gold)
}

func quoteErrors(rep *eval.Report) string {
	var b strings.Builder
	for _, dr := range rep.Docs {
		for _, e := range dr.Errors {
			if strings.HasPrefix(e, "quote") {
				fmt.Fprintf(&b, "%s: %s\n", dr.Doc, e)
			}
		}
	}
	return b.String()
}

// Floors sit just under the measured scores so that a regression fails.
func TestWikinewsDevQuotes(t *testing.T) {
	docs := corpus.Dev(t)
	rep := scoreDocs(docs, withGoldEntities)
	q := rep.Quotes
	t.Logf("wikinews-dev, gold entities: recall %.3f precision %.3f (exact %d/%d, predicted %d); speaker %.3f (%d/%d), speaker end-to-end %.3f; cue %.3f; partial %.3f",
		q.Exact.Recall(), q.Exact.Precision(), q.Exact.TP, q.Exact.Gold, q.Exact.Pred,
		q.Speaker.Value(), q.Speaker.Right, q.Speaker.Total, q.SpeakerAll.Value(), q.Cue.Value(), q.Partial.Value())
	if testing.Verbose() {
		t.Log("\n" + quoteErrors(rep))
	}
	floors := []struct {
		name      string
		got, want float64
	}{
		{"recall", q.Exact.Recall(), 0.98},
		{"precision", q.Exact.Precision(), 0.98},
		{"speaker", q.Speaker.Value(), 0.97},
		{"cue", q.Cue.Value(), 0.97},
		{"partial", q.Partial.Value(), 0.97},
	}
	for _, f := range floors {
		if f.got < f.want {
			t.Errorf("%s %.3f below floor %.3f", f.name, f.got, f.want)
		}
	}
}

func TestGUMQuoteSpans(t *testing.T) {
	docs := corpus.GUM(t)
	rep := scoreDocs(docs, func(corpus.Doc, []rune, []schema.Sentence) []schema.Entity { return nil })
	q := rep.Quotes
	t.Logf("gum-news quote spans: recall %.3f precision %.3f (exact %d/%d, predicted %d), overlap recall %.3f",
		q.Exact.Recall(), q.Exact.Precision(), q.Exact.TP, q.Exact.Gold, q.Exact.Pred, q.Overlap.Recall())
	if testing.Verbose() {
		t.Log("\n" + quoteErrors(rep))
	}
	// GUM cuts a quotation at sentence ends and leaves some pairs
	// unmarked, so exact recall stays low by convention; overlap is the
	// measure that tracks finding them.
	if q.Overlap.Recall() < 0.85 || q.Exact.Recall() < 0.74 {
		t.Errorf("recall exact %.3f overlap %.3f below floors 0.74/0.85", q.Exact.Recall(), q.Overlap.Recall())
	}
}

// TestQuotesRealNER scores attribution with the recognizer's entities on
// the sets that may be read: wikinews-dev, wikinews-check and
// wikinews-speakers (made to measure speakers on text the rules were not
// written on). The floors leave room for recognizer changes; attribution
// itself is held by the gold-entity test.
func TestQuotesRealNER(t *testing.T) {
	rec, err := entities.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range []struct {
		name  string
		load  func(testing.TB) []corpus.Doc
		floor float64
	}{
		{"wikinews-dev", corpus.Dev, 0.90},
		{"wikinews-check", corpus.WikinewsCheckDocs, 0.90},
		{"wikinews-speakers", corpus.WikinewsSpeakersDocs, 0.80},
	} {
		t.Run(set.name, func(t *testing.T) {
			rep := scoreDocs(set.load(t), func(_ corpus.Doc, text []rune, sents []schema.Sentence) []schema.Entity {
				return rec.Find(text, sents)
			})
			q := rep.Quotes
			t.Logf("%s, recognized entities: recall %.3f precision %.3f; speaker %.3f (%d/%d); cue %.3f; partial %.3f", set.name,
				q.Exact.Recall(), q.Exact.Precision(), q.Speaker.Value(), q.Speaker.Right, q.Speaker.Total, q.Cue.Value(), q.Partial.Value())
			if testing.Verbose() {
				t.Log("\n" + quoteErrors(rep))
			}
			if q.Speaker.Value() < set.floor {
				t.Errorf("speaker %.3f below floor %.2f", q.Speaker.Value(), set.floor)
			}
		})
	}
}
