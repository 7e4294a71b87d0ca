package dates

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/docset/docset/schema"
)

// goldDoc is the part of a corpus gold file the date scores read.
type goldDoc struct {
	Doc    string `json:"doc"`
	Source struct {
		Date        string `json:"date"`
		DateCreated string `json:"date_created"`
	} `json:"source"`
	Dates []struct {
		Start int     `json:"start"`
		End   int     `json:"end"`
		Text  string  `json:"text"`
		Value *string `json:"value"`
		When  *string `json:"when"`
		Kind  string  `json:"kind"`
	} `json:"dates"`
}

// corpusDir finds ../shared/corpus/name beside the module root.
func corpusDir(t testing.TB, name string) string {
	t.Helper()
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
			t.Skip("no go.mod above the package: corpus not reachable")
		}
		dir = parent
	}
	root := filepath.Join(filepath.Dir(dir), "shared", "corpus", name)
	if _, err := os.Stat(root); errors.Is(err, os.ErrNotExist) {
		t.Skipf("corpus %s absent (expected at ../shared/corpus beside the module root)", name)
	}
	return root
}

// score is exact-span date matching over a corpus.
type score struct {
	gold, found, spanHits, valueHits int
}

func (s score) precision() float64 { return ratio(s.spanHits, s.found) }
func (s score) recall() float64    { return ratio(s.spanHits, s.gold) }
func (s score) values() float64    { return ratio(s.valueHits, s.gold) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

var isoValue = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// scoreCorpus runs Find over every gold document of a corpus; published
// picks each document's publication date.
func scoreCorpus(t *testing.T, name string, published func(g goldDoc, text []rune) *time.Time) score {
	root := corpusDir(t, name)
	files, err := filepath.Glob(filepath.Join(root, "gold", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no gold files in %s: %v", root, err)
	}
	var s score
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var g goldDoc
		if err := json.Unmarshal(data, &g); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		raw, err := os.ReadFile(filepath.Join(root, "texts", g.Doc+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		text := []rune(string(raw))
		got := Find(text, published(g, text))
		byStart := map[[2]int]schema.Date{}
		for _, d := range got {
			byStart[[2]int{d.Start, d.End}] = d
		}
		s.found += len(got)
		matched := map[[2]int]bool{}
		for _, gd := range g.Dates {
			want := gd.Value
			if gd.Kind != "" {
				if gd.Kind != "date" {
					continue // gum times of day are not dates here
				}
				want = gd.When
				if want != nil && !isoValue.MatchString(*want) {
					want = nil
				}
			}
			s.gold++
			k := [2]int{gd.Start, gd.End}
			d, ok := byStart[k]
			if !ok {
				t.Logf("%s: missed %q (%s)", g.Doc, gd.Text, str(want))
				continue
			}
			matched[k] = true
			s.spanHits++
			if str(d.Value) == str(want) {
				s.valueHits++
			} else {
				t.Logf("%s: %q value %s, want %s", g.Doc, gd.Text, str(d.Value), str(want))
			}
		}
		for _, d := range got {
			if !matched[[2]int{d.Start, d.End}] {
				t.Logf("%s: extra %q (%s) at %d", g.Doc, d.Text, str(d.Value), d.Start)
			}
		}
	}
	t.Logf("%s: gold %d found %d span P %.3f R %.3f value accuracy %.3f",
		name, s.gold, s.found, s.precision(), s.recall(), s.values())
	return s
}

func str(p *string) string {
	if p == nil {
		return "null"
	}
	return *p
}

func TestCorpusWikinewsDev(t *testing.T) {
	s := scoreCorpus(t, "wikinews-dev", func(g goldDoc, _ []rune) *time.Time {
		d, err := time.Parse("2006-01-02", g.Source.Date)
		if err != nil {
			t.Fatalf("%s: source date: %v", g.Doc, err)
		}
		return &d
	})
	// Floors just under what the rules reach; a drop means a regression.
	if s.values() < 0.85 || s.precision() < 0.85 {
		t.Errorf("wikinews-dev: value accuracy %.3f, span precision %.3f; want >= 0.85 each", s.values(), s.precision())
	}
}

func TestCorpusGUMNews(t *testing.T) {
	s := scoreCorpus(t, "gum-news", func(g goldDoc, text []rune) *time.Time {
		if d, ok := Dateline(text); ok {
			return &d
		}
		d, err := time.Parse("2006-01-02", g.Source.DateCreated)
		if err != nil {
			return nil
		}
		return &d
	})
	if s.values() < 0.5 {
		t.Errorf("gum-news: value accuracy %.3f, want >= 0.5", s.values())
	}
}
