package entities

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/docset/docset/eval"
	"github.com/docset/docset/extract/segment"
	"github.com/docset/docset/schema"
)

// goldMention is one named mention of a gold file of ../shared/corpus.
type goldMention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Type  string `json:"type"`
}

type goldDoc struct {
	name     string
	text     []rune
	mentions []goldMention
}

// sharedDir returns ../shared beside the repository root, or "" when the
// checkout has none.
func sharedDir(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
	shared := filepath.Join(filepath.Dir(dir), "shared")
	if _, err := os.Stat(shared); err != nil {
		return ""
	}
	return shared
}

func loadCorpus(t testing.TB, name string) []goldDoc {
	shared := sharedDir(t)
	if shared == "" {
		t.Skip("../shared is absent: corpus scores need the evaluation corpora")
	}
	dir := filepath.Join(shared, "corpus", name)
	golds, err := filepath.Glob(filepath.Join(dir, "gold", "*.json"))
	if err != nil || len(golds) == 0 {
		t.Skipf("no gold files under %s", dir)
	}
	sort.Strings(golds)
	var docs []goldDoc
	for _, g := range golds {
		b, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		var gd struct {
			Mentions []goldMention `json:"mentions"`
		}
		if err := json.Unmarshal(b, &gd); err != nil {
			t.Fatalf("%s: %v", g, err)
		}
		base := strings.TrimSuffix(filepath.Base(g), ".json")
		txt, err := os.ReadFile(filepath.Join(dir, "texts", base+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, goldDoc{name: base, text: []rune(string(txt)), mentions: gd.Mentions})
	}
	return docs
}

type prf struct{ tp, fp, fn int }

func (c prf) scores() (p, r, f float64) {
	if c.tp+c.fp > 0 {
		p = float64(c.tp) / float64(c.tp+c.fp)
	}
	if c.tp+c.fn > 0 {
		r = float64(c.tp) / float64(c.tp+c.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

var scoredTypes = []string{schema.TypePerson, schema.TypeOrganization, schema.TypePlace}

// scoreCorpus returns exact span+type counts per scored type and the
// error lines (false positives and negatives) for reading.
func scoreCorpus(t testing.TB, r *Recognizer, docs []goldDoc) (map[string]*prf, []string) {
	counts := map[string]*prf{}
	for _, ty := range scoredTypes {
		counts[ty] = &prf{}
	}
	var errs []string
	for _, d := range docs {
		type key struct {
			s, e int
			ty   string
		}
		gold := map[key]bool{}
		goldSpan := map[[2]int]string{}
		for _, m := range d.mentions {
			goldSpan[[2]int{m.Start, m.End}] = m.Type
			if counts[m.Type] != nil {
				gold[key{m.Start, m.End, m.Type}] = true
			}
		}
		pred := map[key]bool{}
		predSpan := map[[2]int]string{}
		sents := segment.Sentences(d.text, segment.Paragraphs(d.text))
		for _, e := range r.Find(d.text, sents) {
			for _, m := range e.Mentions {
				predSpan[[2]int{m.Start, m.End}] = e.Type
				if counts[e.Type] != nil {
					pred[key{m.Start, m.End, e.Type}] = true
				}
			}
		}
		for k := range pred {
			if gold[k] {
				counts[k.ty].tp++
				continue
			}
			counts[k.ty].fp++
			errs = append(errs, fmt.Sprintf("FP %s %-12s %q gold=%s", d.name, k.ty, string(d.text[k.s:k.e]), goldSpan[[2]int{k.s, k.e}]))
		}
		for k := range gold {
			if !pred[k] {
				counts[k.ty].fn++
				errs = append(errs, fmt.Sprintf("FN %s %-12s %q pred=%s", d.name, k.ty, string(d.text[k.s:k.e]), predSpan[[2]int{k.s, k.e}]))
			}
		}
	}
	sort.Strings(errs)
	return counts, errs
}

// officialMicro scores the recognizer's entities with the eval package,
// the scorer of `docset eval`, and returns its micro-F1.
func officialMicro(t *testing.T, r *Recognizer, name string, docs []goldDoc) float64 {
	golds, err := eval.LoadGold(filepath.Join(sharedDir(t), "corpus", name, "gold"))
	if err != nil {
		t.Fatal(err)
	}
	var recs []*schema.Record
	for _, d := range docs {
		sents := segment.Sentences(d.text, segment.Paragraphs(d.text))
		recs = append(recs, &schema.Record{ID: d.name, Text: string(d.text), Entities: r.Find(d.text, sents)})
	}
	rep := eval.Score(golds, recs)
	for _, w := range rep.Warnings {
		t.Errorf("%s: %s", name, w)
	}
	a := rep.Entities.AnyType
	o := rep.Entities.Overlap
	t.Logf("%s any-type span F1 %.3f, same-type overlap F1 %.3f", name, f1(a.TP, a.Pred, a.Gold), f1(o.TP, o.Pred, o.Gold))
	m := rep.Entities.Micro
	if m.Pred+m.Gold == 0 {
		return 0
	}
	return 2 * float64(m.TP) / float64(m.Pred+m.Gold)
}

func f1(tp, pred, gold int) float64 {
	if pred+gold == 0 {
		return 0
	}
	return 2 * float64(tp) / float64(pred+gold)
}

func reportScores(t *testing.T, name string, counts map[string]*prf) float64 {
	var micro prf
	for _, ty := range scoredTypes {
		c := counts[ty]
		p, r, f := c.scores()
		t.Logf("%s %-12s P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)", name, ty, p, r, f, c.tp, c.fp, c.fn)
		micro.tp += c.tp
		micro.fp += c.fp
		micro.fn += c.fn
	}
	p, r, f := micro.scores()
	t.Logf("%s %-12s P %.3f R %.3f F1 %.3f", name, "micro", p, r, f)
	return f
}

// TestCorpusScores reports exact span+type scores on the development
// corpora and fails when they fall below the floors reached so far.
// ENTITY_ERRORS=FILE writes the error list for reading.
func TestCorpusScores(t *testing.T) {
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	// Just under the scores reached; raise them as the rules improve.
	floors := map[string]float64{"gum-news": 0.82, "wikinews-dev": 0.92}
	var all []string
	for _, name := range []string{"gum-news", "wikinews-dev"} {
		t.Run(name, func(t *testing.T) {
			docs := loadCorpus(t, name)
			counts, errs := scoreCorpus(t, r, docs)
			all = append(all, errs...)
			own := reportScores(t, name, counts)
			f := officialMicro(t, r, name, docs)
			t.Logf("%s micro-F1 by the eval package: %.3f", name, f)
			if math.Abs(f-own) > 1e-9 {
				t.Errorf("%s: eval package micro-F1 %.4f differs from this test's %.4f", name, f, own)
			}
			if f < floors[name] {
				t.Errorf("%s micro-F1 %.3f below floor %.2f", name, f, floors[name])
			}
		})
	}
	if out := os.Getenv("ENTITY_ERRORS"); out != "" {
		if err := os.WriteFile(out, []byte(strings.Join(all, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
