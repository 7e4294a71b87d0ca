// Package corpus finds and loads the annotated evaluation corpora kept
// beside the repository (../shared/corpus relative to the module root): the
// texts, their metadata and their gold, for tests, benchmarks and the
// measurement harness.
//
// A clone without ../shared has no corpus: Root returns ErrAbsent and the
// testing helpers skip.
package corpus

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/docset/docset/eval"
	"github.com/docset/docset/schema"
)

// Corpus folder names under Root.
const (
	GUMNews     = "gum-news"
	WikinewsDev = "wikinews-dev"
	BulkDir     = "bulk-wikinews"
	// BulkFile is the bulk corpus NDJSON, relative to Root.
	BulkFile = BulkDir + "/wikinews-2019-2020.ndjson"
	// WikinewsCheck is the gold set kept in this repository (relative to the
	// module root) for articles of the bulk corpus outside wikinews-dev.
	WikinewsCheck = "eval/gold/wikinews-check"
	// WikinewsHoldout is a second such set, on other topics and in neither
	// of the two others, kept for measuring: its errors are not read.
	WikinewsHoldout = "eval/gold/wikinews-holdout"
	// WikinewsSpeakers is a set of bulk articles in none of the others,
	// picked for the ways they attribute quotations and annotated for
	// quotations only.
	WikinewsSpeakers = "eval/gold/wikinews-speakers"
)

// ErrAbsent is returned when the shared corpus is not beside the module.
var ErrAbsent = errors.New("corpus not found: expected ../shared/corpus beside the module root (go.mod)")

// Root returns the corpus directory: from the working directory up to the
// first folder holding go.mod, then ../shared/corpus.
func Root() (string, error) {
	dir, err := ModuleRoot()
	if err != nil {
		return "", err
	}
	root := filepath.Join(filepath.Dir(dir), "shared", "corpus")
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		return "", ErrAbsent
	}
	return root, nil
}

// ModuleRoot returns the first folder holding go.mod from the working
// directory up.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("corpus: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", ErrAbsent
		}
		dir = parent
	}
}

// Path returns Root joined with rel, skipping the test when the corpus (or
// rel inside it) is absent.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	root, err := Root()
	if err != nil {
		tb.Skipf("skipping: %v", err)
	}
	p := filepath.Join(root, filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("skipping: corpus file %s absent", p)
	}
	return p
}

// Doc is one corpus document with what is known about it.
type Doc struct {
	// Name is the document name: the text file's stem, which is also the
	// gold file's stem and, for wikinews, the NDJSON id.
	Name string
	// Text is the document text as stored (UTF-8, LF line ends).
	Text string
	// Meta is the document metadata known from the corpus (title, url,
	// published date, licence); empty fields are unknown.
	Meta schema.Metadata
	// Gold is the annotation, nil for unannotated documents.
	Gold *eval.Gold
}

// Published returns the publication date, nil when unknown.
func (d Doc) Published() *time.Time {
	if d.Meta.Published == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, d.Meta.Published)
	if err != nil {
		return nil
	}
	return &t
}

// Record returns a record skeleton for the document (id, text, metadata):
// fill in the fields under test and pass it to eval.Score.
func (d Doc) Record() *schema.Record {
	meta := d.Meta
	return &schema.Record{SchemaVersion: schema.Version, ID: d.Name, Text: d.Text, Metadata: &meta,
		Source: schema.Source{Path: d.Name + ".txt"}, Review: schema.Review{Status: schema.StatusDraft}}
}

// Golds returns the gold of docs keyed by name, as eval.Score wants it.
func Golds(docs []Doc) map[string]*eval.Gold {
	m := make(map[string]*eval.Gold, len(docs))
	for _, d := range docs {
		if d.Gold != nil {
			m[d.Name] = d.Gold
		}
	}
	return m
}

// LoadGUM reads gum-news under root: texts/*.txt with their gold. The
// publication date is the article's creation date from the gold source
// block (GUM's texts carry no metadata of their own).
func LoadGUM(root string) ([]Doc, error) {
	docs, err := loadAnnotated(filepath.Join(root, GUMNews))
	if err != nil {
		return nil, err
	}
	for i := range docs {
		docs[i].Meta.Published = docs[i].Gold.Published
	}
	return docs, nil
}

// LoadWikinewsDev reads wikinews-dev under root: texts/*.txt with their
// gold, and each article's title, url, date and licence from the bulk
// NDJSON record with the same id.
func LoadWikinewsDev(root string) ([]Doc, error) {
	docs, err := loadAnnotated(filepath.Join(root, WikinewsDev))
	if err != nil {
		return nil, err
	}
	bulk, err := LoadBulk(root)
	if err != nil {
		return nil, err
	}
	for i := range docs {
		b, ok := bulk[docs[i].Name]
		if !ok {
			return nil, fmt.Errorf("corpus %s: no bulk record with id %s", WikinewsDev, docs[i].Name)
		}
		docs[i].Meta = b.Meta
	}
	return docs, nil
}

// LoadBulkGold reads the gold of dir (a folder of <id>.json) and takes
// each article's text and metadata from the bulk NDJSON under root: the
// layout of the gold sets kept in this repository.
func LoadBulkGold(root, dir string) ([]Doc, error) {
	golds, err := eval.LoadGold(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	bulk, err := LoadBulk(root)
	if err != nil {
		return nil, err
	}
	docs := make([]Doc, 0, len(golds))
	for name, g := range golds {
		b, ok := bulk[name]
		if !ok {
			return nil, fmt.Errorf("corpus: gold %s/%s.json: no bulk record with this id", dir, name)
		}
		b.Gold = g
		docs = append(docs, b)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].Name < docs[j].Name })
	return docs, nil
}

// GUM loads gum-news for a test, skipping when the corpus is absent.
func GUM(tb testing.TB) []Doc {
	tb.Helper()
	docs, err := LoadGUM(filepath.Dir(Path(tb, GUMNews)))
	if err != nil {
		tb.Fatal(err)
	}
	return docs
}

// Dev loads wikinews-dev for a test, skipping when the corpus is absent.
func Dev(tb testing.TB) []Doc {
	tb.Helper()
	Path(tb, BulkFile)
	docs, err := LoadWikinewsDev(filepath.Dir(Path(tb, WikinewsDev)))
	if err != nil {
		tb.Fatal(err)
	}
	return docs
}

// WikinewsCheckDocs loads the wikinews-check set for a test, skipping when
// the bulk corpus is absent.
func WikinewsCheckDocs(tb testing.TB) []Doc {
	tb.Helper()
	return repoSet(tb, WikinewsCheck)
}

// WikinewsHoldoutDocs loads the wikinews-holdout set for a test, skipping
// when the bulk corpus is absent. It is for checks of the gold and of the
// scoring, not for tuning the extractor.
func WikinewsHoldoutDocs(tb testing.TB) []Doc {
	tb.Helper()
	return repoSet(tb, WikinewsHoldout)
}

// WikinewsSpeakersDocs loads the wikinews-speakers set for a test, skipping
// when the bulk corpus is absent. Its gold annotates quotations only.
func WikinewsSpeakersDocs(tb testing.TB) []Doc {
	tb.Helper()
	return repoSet(tb, WikinewsSpeakers)
}

// repoSet loads the gold set kept in this repository at set (relative to
// the module root) with its bulk texts.
func repoSet(tb testing.TB, set string) []Doc {
	tb.Helper()
	Path(tb, BulkFile)
	root, err := Root()
	if err != nil {
		tb.Skipf("skipping: %v", err)
	}
	mod, err := ModuleRoot()
	if err != nil {
		tb.Fatal(err)
	}
	docs, err := LoadBulkGold(root, filepath.Join(mod, filepath.FromSlash(set), "gold"))
	if err != nil {
		tb.Fatal(err)
	}
	return docs
}

func loadAnnotated(dir string) ([]Doc, error) {
	golds, err := eval.LoadGold(filepath.Join(dir, "gold"))
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	texts, err := fs.Glob(os.DirFS(dir), "texts/*.txt")
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %w", dir, err)
	}
	sort.Strings(texts)
	docs := make([]Doc, 0, len(texts))
	for _, t := range texts {
		data, err := os.ReadFile(filepath.Join(dir, t))
		if err != nil {
			return nil, fmt.Errorf("corpus: %w", err)
		}
		name := strings.TrimSuffix(filepath.Base(t), ".txt")
		g, ok := golds[name]
		if !ok {
			return nil, fmt.Errorf("corpus %s: no gold for %s", dir, t)
		}
		docs = append(docs, Doc{Name: name, Text: string(data), Gold: g})
	}
	if len(docs) != len(golds) {
		return nil, fmt.Errorf("corpus %s: %d texts for %d gold files", dir, len(docs), len(golds))
	}
	return docs, nil
}

// bulkLine is a bulk NDJSON record.
type bulkLine struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Date    string `json:"date"`
	URL     string `json:"url"`
	Text    string `json:"text"`
	License string `json:"license"`
}

// LoadBulk reads the bulk NDJSON under root: every article with its text and
// metadata, keyed by id (the bulk corpus is 1.3 MB of text).
func LoadBulk(root string) (map[string]Doc, error) {
	path := filepath.Join(root, filepath.FromSlash(BulkFile))
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	defer f.Close()
	docs := map[string]Doc{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		var l bulkLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, fmt.Errorf("corpus %s:%d: %w", path, n, err)
		}
		docs[l.ID] = Doc{Name: l.ID, Text: l.Text,
			Meta: schema.Metadata{Title: l.Title, URL: l.URL, Published: l.Date, License: l.License}}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("corpus %s: %w", path, err)
	}
	return docs, nil
}
