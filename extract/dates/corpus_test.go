package dates

import (
	"regexp"
	"testing"
	"time"

	"github.com/docset/docset/eval"
	"github.com/docset/docset/internal/corpus"
	"github.com/docset/docset/schema"
)

var isoValue = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// scoreDocs runs Find over annotated documents and scores the dates with
// eval.Score; published picks each document's publication date.
func scoreDocs(t *testing.T, docs []corpus.Doc, published func(corpus.Doc) *time.Time) eval.DateScore {
	t.Helper()
	records := make([]*schema.Record, 0, len(docs))
	for _, d := range docs {
		r := d.Record()
		r.Dates = Find([]rune(d.Text), published(d))
		records = append(records, r)
	}
	rep := eval.Score(corpus.Golds(docs), records)
	for _, dr := range rep.Docs {
		for _, e := range dr.Errors {
			if len(e) > 4 && e[:4] == "date" {
				t.Logf("%s: %s", dr.Doc, e)
			}
		}
	}
	s := rep.Dates
	t.Logf("dates: gold %d predicted %d exact span P %.3f R %.3f F1 %.3f; values right %.3f of all gold dates (%d/%d), %.3f of valued ones",
		s.Exact.Gold, s.Exact.Pred, s.Exact.Precision(), s.Exact.Recall(), s.Exact.F1(),
		s.ValueAll.Value(), s.ValueAll.Right, s.ValueAll.Total, s.Value.Value())
	return s
}

// Floors sit just under what the rules reach; falling below one is a
// regression to look at, not noise.
func TestCorpusWikinewsDev(t *testing.T) {
	s := scoreDocs(t, corpus.Dev(t), corpus.Doc.Published)
	if s.ValueAll.Value() < 0.95 || s.Exact.Precision() < 0.95 || s.Exact.Recall() < 0.95 {
		t.Errorf("wikinews-dev dates: values %.3f, span P %.3f R %.3f; floors 0.95",
			s.ValueAll.Value(), s.Exact.Precision(), s.Exact.Recall())
	}
}

// GUM annotates times of day, durations and event names as dates too, so
// its numbers sit lower by construction. The publication date is the
// article's dateline, as a pipeline without metadata would read it.
func TestCorpusGUMNews(t *testing.T) {
	s := scoreDocs(t, corpus.GUM(t), func(d corpus.Doc) *time.Time {
		if p, ok := Dateline([]rune(d.Text)); ok {
			return &p
		}
		return d.Published()
	})
	if s.ValueAll.Value() < 0.76 || s.Exact.Precision() < 0.88 || s.Exact.Recall() < 0.78 {
		t.Errorf("gum-news dates: values %.3f, span P %.3f R %.3f; floors 0.76, 0.88, 0.78",
			s.ValueAll.Value(), s.Exact.Precision(), s.Exact.Recall())
	}
}
