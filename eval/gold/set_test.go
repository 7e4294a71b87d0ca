package gold_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/docset/docset/eval"
	"github.com/docset/docset/eval/gold"
	"github.com/docset/docset/internal/corpus"
	goldenfile "github.com/docset/docset/internal/golden"
)

// setDir is the wikinews-check set, relative to this package.
const setDir = "wikinews-check"

var topics = []string{"business", "sports", "local government", "culture"}

// TestWikinewsCheckSpecs rebuilds every gold file of the set from its spec
// and the article text, and wants the committed file: the gold is never
// edited by hand. With -update it rewrites the gold files instead.
func TestWikinewsCheckSpecs(t *testing.T) {
	bulk := bulkTexts(t)
	specs, err := filepath.Glob(filepath.Join(setDir, "annotate", "*.ann"))
	if err != nil || len(specs) == 0 {
		t.Fatalf("no specs under %s/annotate: %v", setDir, err)
	}
	perTopic := map[string]int{}
	for _, path := range specs {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		spec, err := gold.ParseSpec(strings.NewReader(string(data)))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if want := strings.TrimSuffix(filepath.Base(path), ".ann"); spec.Doc != want {
			t.Errorf("%s: doc %q, want the file's name %q", path, spec.Doc, want)
		}
		if !slices.Contains(topics, spec.Topic) {
			t.Errorf("%s: topic %q is none of %q", path, spec.Topic, topics)
		}
		perTopic[spec.Topic]++
		d, ok := bulk[spec.Doc]
		if !ok {
			t.Fatalf("%s: no bulk article %s", path, spec.Doc)
		}
		f, err := gold.Build(spec, d.Text, gold.SourceOf(d.Meta))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out, err := f.JSON()
		if err != nil {
			t.Fatal(err)
		}
		goldenfile.Check(t, filepath.Join(setDir, "gold", spec.Doc+".json"), out)
	}
	t.Logf("articles per topic: %v", perTopic)
}

// TestWikinewsCheckGold checks the committed gold files on their own
// against the article texts: spans slice the text, mentions and dates do
// not overlap, every double-quote pair has one decision; and that eval
// reads them with their attribution.
func TestWikinewsCheckGold(t *testing.T) {
	bulk := bulkTexts(t)
	paths, err := filepath.Glob(filepath.Join(setDir, "gold", "*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no gold files under %s/gold: %v", setDir, err)
	}
	for _, path := range paths {
		doc := strings.TrimSuffix(filepath.Base(path), ".json")
		if _, err := os.Stat(filepath.Join(setDir, "annotate", doc+".ann")); err != nil {
			t.Errorf("%s: no spec it was built from: %v", path, err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var f gold.File
		if err := json.Unmarshal(data, &f); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		d, ok := bulk[doc]
		if !ok || f.Doc != doc {
			t.Fatalf("%s: doc %q; no bulk article %s", path, f.Doc, doc)
		}
		for _, e := range gold.Check(&f, d.Text) {
			t.Errorf("%s: %v", path, e)
		}
		if f.Source.URL != d.Meta.URL || f.Source.Date != d.Meta.Published || f.Source.Licence == "" {
			t.Errorf("%s: source %+v lacks the article's url, date or licence", path, f.Source)
		}
		g, err := eval.ParseGold(doc, data)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if len(g.Mentions) != len(f.Mentions) || len(g.Quotes) != len(f.Quotes) || len(g.Dates) != len(f.Dates) {
			t.Errorf("%s: eval reads %d/%d/%d mentions/quotes/dates, the file has %d/%d/%d", path,
				len(g.Mentions), len(g.Quotes), len(g.Dates), len(f.Mentions), len(f.Quotes), len(f.Dates))
		}
		for _, q := range g.Quotes {
			if !q.Attributed {
				t.Errorf("%s: quote %q read without attribution", path, q.Text)
			}
		}
	}
}

func bulkTexts(t *testing.T) map[string]corpus.Doc {
	t.Helper()
	corpus.Path(t, corpus.BulkFile)
	root, err := corpus.Root()
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	bulk, err := corpus.LoadBulk(root)
	if err != nil {
		t.Fatal(err)
	}
	return bulk
}
