package extract_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/docset/docset/extract"
	"github.com/docset/docset/extract/input"
	"github.com/docset/docset/internal/corpus"
	goldenfile "github.com/docset/docset/internal/golden"
	"github.com/docset/docset/schema"
	"github.com/docset/docset/validate"
)

// extractor is built once for the package's tests: building loads the
// gazetteers, and one Extractor serves any number of goroutines.
var extractor = sync.OnceValues(extract.New)

func newExtractor(tb testing.TB) *extract.Extractor {
	tb.Helper()
	x, err := extractor()
	if err != nil {
		tb.Fatal(err)
	}
	return x
}

// extractAll runs the extractor over args and returns each record's JSON
// by id, failing on any error.
func extractAll(t *testing.T, args []string, jobs int) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := newExtractor(t).Run(context.Background(), input.Read(args, strings.NewReader("")), jobs, func(r extract.Result) error {
		if r.Err != nil {
			t.Errorf("extract: %v", r.Err)
			return nil
		}
		data, err := extract.Marshal(r.Record)
		if err != nil {
			return err
		}
		out[r.Record.ID] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// repoPath is a path from the module root.
func repoPath(rel string) string { return filepath.Join("..", filepath.FromSlash(rel)) }

// TestSeedGolden compares the record of every seed with its golden record.
// The goldens follow the extraction rules: when a rule improves, read the
// diff and refresh them with -update.
func TestSeedGolden(t *testing.T) {
	got := extractAll(t, []string{repoPath("seeds")}, 2)
	if len(got) == 0 {
		t.Fatal("no records from seeds/")
	}
	for id, data := range got {
		goldenfile.Check(t, filepath.Join("testdata", "seeds", id+".json"), data)
	}
}

// TestDeterministic extracts the same inputs twice, serially and in
// parallel, and wants byte-identical records.
func TestDeterministic(t *testing.T) {
	args := []string{repoPath("seeds")}
	if root, err := corpus.Root(); err == nil {
		args = append(args, filepath.Join(root, corpus.GUMNews, "texts"))
	}
	first := extractAll(t, args, 1)
	second := extractAll(t, args, 4)
	if len(first) != len(second) {
		t.Fatalf("%d records, then %d", len(first), len(second))
	}
	for id, data := range first {
		if !bytes.Equal(data, second[id]) {
			t.Errorf("record %s differs between runs", id)
		}
	}
}

// TestExtractRecord checks the fields the pipeline itself sets.
func TestExtractRecord(t *testing.T) {
	x := newExtractor(t)
	raw := "\ufeffPresident Jane Doe said on Monday: \"We will build 20 schools.\"\r\n\r\nShe spoke in Paris.\r\n"
	tests := []struct {
		name   string
		doc    input.Document
		wantID string
		meta   *schema.Metadata
	}{
		{"file without metadata", input.Document{Path: "a/b.txt", Raw: []byte(raw), Body: raw}, extract.TextID(input.Normalize(raw)), nil},
		{"json lines with id and date", input.Document{Path: "c.ndjson", Line: 7, ID: "story-7", Raw: []byte(raw), Body: raw,
			Meta: schema.Metadata{Published: "2020-03-04", Title: "T"}}, "story-7", &schema.Metadata{Published: "2020-03-04", Title: "T"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := x.Extract(&tt.doc)
			if err != nil {
				t.Fatal(err)
			}
			if r.ID != tt.wantID {
				t.Errorf("id %q, want %q", r.ID, tt.wantID)
			}
			if strings.ContainsAny(r.Text, "\r\ufeff") {
				t.Errorf("text not normalized: %q", r.Text)
			}
			if r.Source.Path != tt.doc.Path || r.Source.Line != tt.doc.Line || r.Source.Bytes != int64(len(raw)) || len(r.Source.SHA256) != 64 {
				t.Errorf("source %+v", r.Source)
			}
			if (r.Metadata == nil) != (tt.meta == nil) || (r.Metadata != nil && *r.Metadata != *tt.meta) {
				t.Errorf("metadata %+v, want %+v", r.Metadata, tt.meta)
			}
			if r.Review.Status != schema.StatusDraft || len(r.Paragraphs) != 2 {
				t.Errorf("review %+v, %d paragraphs; want draft and 2", r.Review, len(r.Paragraphs))
			}
			checkSpans(t, r)
		})
	}
}

// checkSpans wants every span of r to slice r.Text to its own text.
func checkSpans(t *testing.T, r *schema.Record) {
	t.Helper()
	rs := []rune(r.Text)
	check := func(what string, start, end int, text string) {
		if start < 0 || end > len(rs) || start > end || string(rs[start:end]) != text {
			t.Fatalf("%s [%d,%d) %q does not slice the text", what, start, end, text)
		}
	}
	for _, p := range r.Paragraphs {
		check("paragraph", p.Start, p.End, p.Text)
	}
	for _, s := range r.Sentences {
		check("sentence", s.Start, s.End, s.Text)
	}
	for _, e := range r.Entities {
		for _, m := range e.Mentions {
			check("mention", m.Start, m.End, m.Text)
		}
	}
	for _, q := range r.Quotes {
		check("quote", q.Start, q.End, q.Text)
	}
	for _, d := range r.Dates {
		check("date", d.Start, d.End, d.Text)
	}
	for _, q := range r.Quantities {
		check("quantity", q.Start, q.End, q.Text)
	}
}

// TestBulkCorpus extracts the whole bulk corpus: no document may fail, and
// every record must pass docset validate's full checks too (Extract checks
// each one with the fast schema checker; this keeps the two in step on
// real records).
func TestBulkCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the bulk corpus in -short mode")
	}
	path := corpus.Path(t, corpus.BulkFile)
	v, err := validate.New()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	err = newExtractor(t).Run(context.Background(), input.Read([]string{path}, nil), 2, func(r extract.Result) error {
		n++
		if r.Err != nil {
			t.Errorf("%v", r.Err)
			return nil
		}
		if fr := v.ValidateDocument(r.Record.ID+".json", r.JSON); fr.Err != nil || len(fr.Findings) > 0 {
			t.Errorf("record %s: %v %+v", r.Record.ID, fr.Err, fr.Findings)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 290 {
		t.Errorf("%d documents extracted, want the whole corpus (294)", n)
	}
}

// TestRunOrder wants results in input order whatever the parallelism.
func TestRunOrder(t *testing.T) {
	args := []string{repoPath("seeds"), corpus.Path(t, corpus.GUMNews+"/texts")}
	var want []string
	for doc, err := range input.Read(args, nil) {
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, doc.Path)
	}
	var got []string
	err := newExtractor(t).Run(context.Background(), input.Read(args, nil), 4, func(r extract.Result) error {
		got = append(got, r.Doc.Path)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("result order (-input +results):\n%s", diff)
	}
}

// TestRunStops checks that an emit error stops the run and is returned.
func TestRunStops(t *testing.T) {
	stop := errors.New("stop")
	calls := 0
	err := newExtractor(t).Run(context.Background(), input.Read([]string{repoPath("seeds"), repoPath("seeds"), repoPath("seeds")}, nil), 2,
		func(extract.Result) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("got %v after %d calls, want stop after 1", err, calls)
	}
}
