package exporters

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	goldenfile "github.com/docset/docset/internal/golden"
	"github.com/docset/docset/schema"
	"github.com/docset/docset/validate"
)

// update rewrites the goldens under testdata/ instead of comparing with them.

// sampleRecords are realistic records for every exporter test: the seed
// article with speakers, partial and unattributed quotes, resolved and
// unresolved dates; a record of edge cases (cells that look like formulas,
// quotes and commas, newlines, Hangul, Cyrillic, an astral code point,
// numbers written as -3, 2.50 and -1.5e3); and an NDJSON file with a record
// that has no metadata and nothing found in it.
var sampleRecords = []string{
	"testdata/records/000_5b4285e19d35a4a5.json",
	"testdata/records/edge-cases.json",
	"testdata/records/wire.ndjson",
}

// testDataset returns a Dataset of the records in paths (JSON files holding
// one record, or .ndjson files holding one per line) laid out by the
// embedded record schema; with no paths, the sample records.
func testDataset(t testing.TB, paths ...string) *Dataset {
	t.Helper()
	return testDatasetSchema(t, schema.JSON(), paths...)
}

// testDatasetSchema is testDataset with another record schema document, e.g.
// a copy of the embedded one with a property added.
func testDatasetSchema(t testing.TB, doc []byte, paths ...string) *Dataset {
	t.Helper()
	layout, err := schema.ParseLayout(doc)
	if err != nil {
		t.Fatalf("parse layout: %v", err)
	}
	if len(paths) == 0 {
		paths = sampleRecords
	}
	var raws []json.RawMessage
	for _, p := range paths {
		raws = append(raws, readRecordFile(t, p)...)
	}
	recs := make([]map[string]any, len(raws))
	for i, raw := range raws {
		recs[i] = decodeRecord(t, raw)
	}
	sort.SliceStable(recs, func(i, j int) bool { return recordID(recs[i]) < recordID(recs[j]) })
	return &Dataset{
		Layout: layout,
		Schema: doc,
		Count:  len(recs),
		// Each pass decodes afresh so an exporter that keeps or changes a
		// record cannot leak into the next pass or the next exporter.
		Records: func(fn func(map[string]any) error) error {
			for _, rec := range recs {
				raw, err := json.Marshal(rec)
				if err != nil {
					return err
				}
				if err := fn(decodeRecord(t, raw)); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

// testRecords returns the records of testDataset(t, paths...) in order.
func testRecords(t testing.TB, paths ...string) []map[string]any {
	t.Helper()
	var out []map[string]any
	err := testDataset(t, paths...).Records(func(rec map[string]any) error {
		out = append(out, rec)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func readRecordFile(t testing.TB, path string) []json.RawMessage {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(path, ".ndjson") && !strings.HasSuffix(path, ".jsonl") {
		return []json.RawMessage{data}
	}
	var out []json.RawMessage
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		if line := bytes.TrimSpace(sc.Bytes()); len(line) > 0 {
			out = append(out, append(json.RawMessage(nil), line...))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return out
}

func decodeRecord(t testing.TB, raw []byte) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var rec map[string]any
	if err := dec.Decode(&rec); err != nil {
		t.Fatalf("decode record: %v", err)
	}
	return rec
}

func recordID(rec map[string]any) string {
	id, _ := rec["id"].(string)
	return id
}

// repoRoot is the folder holding go.mod.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
}

// sharedDir returns ../shared/<rel> beside the repository, skipping the
// test when it is absent (a user's clone has no ../shared; CI does).
func sharedDir(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(filepath.Dir(repoRoot(t)), "shared", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s is absent: this test needs the shared data folder beside the repository (../shared)", filepath.ToSlash(filepath.Join("../shared", rel)))
	}
	return p
}

// exportTo runs the format called name with opts over ds into a fresh
// temporary directory and returns it.
func exportTo(t testing.TB, name string, opts Options, ds *Dataset) string {
	t.Helper()
	f, err := Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := f.New(opts).Export(t.Context(), ds, dir); err != nil {
		t.Fatalf("export %s: %v", name, err)
	}
	return dir
}

// checkGolden compares got with testdata/<name>, or rewrites it with -update.
func checkGolden(t testing.TB, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

// TestSampleRecordsValid keeps the fixtures honest: every sample record
// passes the validator the export command runs first.
func TestSampleRecordsValid(t *testing.T) {
	v, err := validate.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range sampleRecords {
		for i, raw := range readRecordFile(t, p) {
			rep := v.ValidateDocument(fmt.Sprintf("%s#%d", p, i+1), raw)
			for _, f := range rep.Findings {
				t.Errorf("%s:%d:%d: %s: %s", f.File, f.Line, f.Column, f.Rule, f.Message)
			}
			if rep.Err != nil {
				t.Errorf("%s: %v", p, rep.Err)
			}
		}
	}
}
