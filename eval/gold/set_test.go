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

// sets are the gold sets kept here (folders of this package) with the
// topics their articles were picked for.
var sets = []struct {
	dir    string
	topics []string
}{
	{"wikinews-check", []string{"business", "sports", "local government", "culture"}},
	{"wikinews-holdout", []string{"science/health", "disasters", "courts/crime", "international politics", "business", "sports"}},
	// Picked for their ways of attributing quotations, not their subject.
	{"wikinews-speakers", []string{"statements", "social media", "press and interviews", "courts", "several speakers"}},
}

// TestSetSpecs rebuilds every gold file of each set from its spec and the
// article text, and wants the committed file: the gold is never edited by
// hand. With -update it rewrites the gold files instead.
func TestSetSpecs(t *testing.T) {
	bulk := bulkTexts(t)
	for _, set := range sets {
		t.Run(set.dir, func(t *testing.T) { checkSpecs(t, bulk, set.dir, set.topics) })
	}
}

func checkSpecs(t *testing.T, bulk map[string]corpus.Doc, setDir string, topics []string) {
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
	for _, topic := range topics {
		if perTopic[topic] == 0 {
			t.Errorf("no article on %s", topic)
		}
	}
	t.Logf("articles per topic: %v", perTopic)
}

// TestSetGold checks the committed gold files of each set on their own
// against the article texts: spans slice the text, mentions and dates do
// not overlap, every double-quote pair has one decision; and that eval
// reads them with their attribution.
func TestSetGold(t *testing.T) {
	bulk := bulkTexts(t)
	for _, set := range sets {
		t.Run(set.dir, func(t *testing.T) { checkGold(t, bulk, set.dir) })
	}
}

func checkGold(t *testing.T, bulk map[string]corpus.Doc, setDir string) {
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

// TestSetsDisjoint wants every article in one set only, wikinews-dev
// included: a set measures text the others were not made on.
func TestSetsDisjoint(t *testing.T) {
	seen := map[string]string{}
	add := func(set string, paths []string) {
		for _, p := range paths {
			doc := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
			if other, ok := seen[doc]; ok {
				t.Errorf("%s is in %s and in %s", doc, other, set)
			}
			seen[doc] = set
		}
	}
	dev, err := filepath.Glob(filepath.Join(corpus.Path(t, corpus.WikinewsDev), "gold", "*.json"))
	if err != nil || len(dev) == 0 {
		t.Fatalf("no wikinews-dev gold: %v", err)
	}
	add(corpus.WikinewsDev, dev)
	for _, set := range sets {
		specs, err := filepath.Glob(filepath.Join(set.dir, "annotate", "*.ann"))
		if err != nil || len(specs) == 0 {
			t.Fatalf("no specs under %s/annotate: %v", set.dir, err)
		}
		add(set.dir, specs)
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
