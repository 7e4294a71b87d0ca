package review

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/docset/docset/exporters"
	"github.com/docset/docset/extract"
	"github.com/docset/docset/extract/input"
	"github.com/docset/docset/internal/problems"
	"github.com/docset/docset/internal/xlsxread"
	"github.com/docset/docset/schema"
)

const seedID = "000_5b4285e19d35a4a5"

// sampleRecords are the exporters' sample records, one per file.
var sampleRecords = []string{
	"../exporters/testdata/records/000_5b4285e19d35a4a5.json",
	"../exporters/testdata/records/edge-cases.json",
}

// exported copies the sample records into a records folder and exports
// them as CSV and XLSX into an export folder, the way a reviewer gets
// them; it returns both folders.
func exported(t testing.TB) (recs, out string) {
	t.Helper()
	raws := map[string][]byte{}
	for _, p := range sampleRecords {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		raws[filepath.Base(p)] = raw
	}
	return exportedRecords(t, raws)
}

// exportedRecords writes raws (file name -> record JSON) into a records
// folder and exports them as CSV and XLSX into an export folder; it
// returns both folders.
func exportedRecords(t testing.TB, raws map[string][]byte) (recs, out string) {
	t.Helper()
	dir := t.TempDir()
	recs, out = filepath.Join(dir, "records"), filepath.Join(dir, "out")
	for _, d := range []string{recs, out} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	names := slices.Sorted(maps.Keys(raws))
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(recs, name), raws[name], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	layout, err := schema.DefaultLayout()
	if err != nil {
		t.Fatal(err)
	}
	ds := &exporters.Dataset{Layout: layout, Schema: schema.JSON(), Count: len(raws), Records: func(fn func(map[string]any) error) error {
		for _, name := range names {
			dec := json.NewDecoder(bytes.NewReader(raws[name]))
			dec.UseNumber()
			var rec map[string]any
			if err := dec.Decode(&rec); err != nil {
				return err
			}
			if err := fn(rec); err != nil {
				return err
			}
		}
		return nil
	}}
	for _, name := range []string{"csv", "xlsx"} {
		ft, err := exporters.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := ft.New(exporters.Options{}).Export(context.Background(), ds, out); err != nil {
			t.Fatal(err)
		}
	}
	return recs, out
}

// files reads every file of dir by name.
func files(t testing.TB, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = string(data)
	}
	return m
}

func TestImportUnchangedExport(t *testing.T) {
	for _, source := range []string{"dataset.xlsx", "."} {
		t.Run(source, func(t *testing.T) {
			recs, out := exported(t)
			before := files(t, recs)
			res, err := Import(context.Background(), Options{Source: filepath.Join(out, source), RecordsDir: recs})
			if err != nil {
				t.Fatal(err)
			}
			if !res.OK() || len(res.Changes) > 0 || res.Unchanged != 2 {
				t.Errorf("result = %+v, want 2 unchanged", res)
			}
			if diff := cmp.Diff(before, files(t, recs)); diff != "" {
				t.Errorf("records changed (-before +after):\n%s", diff)
			}
		})
	}
}

// TestImportLongDocument: a document long enough for more rows than
// baseRecordRows, with numbers a spreadsheet keeps to 15 digits, comes
// back from its own export unchanged.
func TestImportLongDocument(t *testing.T) {
	var text strings.Builder
	text.WriteString("Prices at Harrowfield\n\n")
	for i := range 900 {
		fmt.Fprintf(&text, "On %d May 2020, Anna Berg%d of Acme Holdings said prices rose 0.6%% to 1.7 billion dollars. \"We saw %d.145 tonnes,\" said Tom Lund%d in Oslo.\n\n", i%28+1, i, i, i)
	}
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	rec, err := x.Extract(&input.Document{Path: "long.txt", Raw: []byte(text.String()), Body: text.String()})
	if err != nil {
		t.Fatal(err)
	}
	// A reviewer's value with more digits than a spreadsheet keeps.
	rec.Quantities[0].Value = 1.0 / 3
	raw, err := extract.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	recs, out := exportedRecords(t, map[string][]byte{rec.ID + ".json": raw})
	rows := 0
	for name, data := range files(t, filepath.Join(out, "csv")) {
		if n := strings.Count(data, "\n") - 1; name != "documents.csv" {
			rows += n
		}
	}
	if rows <= baseRecordRows {
		t.Fatalf("the test needs more than %d rows, has %d", baseRecordRows, rows)
	}
	before := files(t, recs)
	for _, source := range []string{"dataset.xlsx", "."} {
		res, err := Import(context.Background(), Options{Source: filepath.Join(out, source), RecordsDir: recs})
		if err != nil {
			t.Fatal(err)
		}
		if !res.OK() || len(res.Changes) > 0 || res.Unchanged != 1 {
			t.Errorf("%s: result = %+v, want 1 unchanged", source, res)
		}
	}
	if diff := cmp.Diff(before, files(t, recs)); diff != "" {
		t.Errorf("record changed (-before +after):\n%s", diff)
	}
}

func TestImportDryRun(t *testing.T) {
	recs, out := exported(t)
	book := filepath.Join(out, "dataset.xlsx")
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	// Row 3 of entities is the seed's e2.
	if v, _ := f.GetCellValue("entities", "B3"); v != "e2" {
		t.Fatalf("entities!B3 = %q, want e2", v)
	}
	if err := f.SetCellValue("entities", "D3", "other"); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	before := files(t, recs)
	// The sample is reviewed in its JSON, so the change needs Force.
	res, err := Import(context.Background(), Options{Source: book, RecordsDir: recs, DryRun: true, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{{ID: seedID, Summary: "entities e2 type place -> other"}}
	if diff := cmp.Diff(want, res.Changes); diff != "" || !res.OK() {
		t.Errorf("changes (-want +got):\n%s\nproblems %q", diff, res.Problems)
	}
	if diff := cmp.Diff(before, files(t, recs)); diff != "" {
		t.Errorf("a dry run wrote (-before +after):\n%s", diff)
	}
}

// rewritePart rewrites the part of the workbook at path that holds sheet,
// with edit; store keeps the part uncompressed, so that its bytes can be
// damaged in place.
func rewritePart(t testing.TB, path, sheet string, store bool, edit func(string) string) {
	t.Helper()
	wb, err := xlsxread.Open(path, xlsxread.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	part := ""
	for _, s := range wb.Sheets() {
		if s.Name == sheet {
			part = s.Part
		}
	}
	wb.Close()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	found := false
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		h := &zip.FileHeader{Name: f.Name, Method: zip.Deflate}
		if f.Name == part {
			found = true
			data = []byte(edit(string(data)))
			if store {
				h.Method = zip.Store
			}
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if !found {
		t.Fatalf("%s has no sheet %s", path, sheet)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// damage replaces the first old in the file at path by new, of the same
// length, as a bad disk or transfer would.
func damage(t testing.TB, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(old) != len(new) || !bytes.Contains(data, []byte(old)) {
		t.Fatalf("cannot damage %q into %q", old, new)
	}
	if err := os.WriteFile(path, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestImportRefusesWorkbook gives workbooks that cannot be read whole or
// used as they are: each is refused with a located error, and every
// record stays as it was.
func TestImportRefusesWorkbook(t *testing.T) {
	tests := []struct {
		name string
		edit func(t *testing.T, book string)
		want []string
	}{
		{
			name: "undefined entity in a sheet",
			edit: func(t *testing.T, book string) {
				rewritePart(t, book, "quotes", false, func(s string) string {
					return strings.Replace(s, "<row r=\"3\"", "<row r=\"3\"><c r=\"Z3\" t=\"inlineStr\"><is><t>&bogus;</t></is></c></row><row r=\"99\"", 1)
				})
			},
			want: []string{"sheet quotes, Z3: broken XML at line 2 (invalid character entity &bogus;); the workbook is damaged: save it again from the spreadsheet program"},
		},
		{
			name: "sheet fails its checksum",
			edit: func(t *testing.T, book string) {
				rewritePart(t, book, "quotes", true, func(s string) string { return s })
				damage(t, book, "These are our neighbors", "These are our neighbours"[:23])
			},
			want: []string{"sheet quotes", "the workbook is damaged (zip: checksum error)"},
		},
		{
			name: "formula in a cell",
			edit: func(t *testing.T, book string) {
				f, err := excelize.OpenFile(book)
				if err != nil {
					t.Fatal(err)
				}
				if err := f.SetCellFormula("entities", "F2", "1+1"); err != nil {
					t.Fatal(err)
				}
				if err := f.Save(); err != nil {
					t.Fatal(err)
				}
				f.Close()
			},
			want: []string{"sheet entities, cell F2 (column roles): a formula", "cells hold formulas or error values, so the workbook is not imported"},
		},
		{
			name: "a workbook docset did not export",
			edit: func(t *testing.T, book string) {
				f := excelize.NewFile()
				if err := f.SetCellValue("Sheet1", "A1", "name"); err != nil {
					t.Fatal(err)
				}
				if err := f.SaveAs(book); err != nil {
					t.Fatal(err)
				}
			},
			want: []string{"none of the sheets docset exports (documents, paragraphs, entities, mentions, quotes, dates, quantities) is in this workbook"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, out := exported(t)
			book := filepath.Join(out, "dataset.xlsx")
			tt.edit(t, book)
			before := files(t, recs)
			_, err := Import(context.Background(), Options{Source: book, RecordsDir: recs, Force: true})
			if err == nil {
				t.Fatal("imported")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
			if diff := cmp.Diff(before, files(t, recs)); diff != "" {
				t.Errorf("records changed (-before +after):\n%s", diff)
			}
		})
	}
}

// TestImportProblemsCapped adds many rows that name no record: a few are
// shown, and how many more there are.
func TestImportProblemsCapped(t *testing.T) {
	recs, out := exported(t)
	path := filepath.Join(out, "csv", "dates.csv")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.Write(data)
	for i := range 1000 {
		fmt.Fprintf(&b, "ghost-%d,d1,0,4,2023,2023\n", i)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Import(context.Background(), Options{Source: out, RecordsDir: recs})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != problems.DefaultMax+1 {
		t.Fatalf("%d problems shown, want %d", len(res.Problems), problems.DefaultMax+1)
	}
	if want := "csv/dates.csv: 980 more problems like these not shown"; !strings.HasSuffix(res.Problems[problems.DefaultMax], want) {
		t.Errorf("last problem = %q, want %q", res.Problems[problems.DefaultMax], want)
	}
}

// TestImportStampsReview marks a draft reviewed in the workbook: review.at
// was empty, so it becomes the time of the import.
func TestImportStampsReview(t *testing.T) {
	recs, out := exported(t)
	book := filepath.Join(out, "dataset.xlsx")
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("documents")
	if err != nil {
		t.Fatal(err)
	}
	col, row := slices.Index(rows[0], "review_status"), slices.IndexFunc(rows, func(r []string) bool { return r[1] == "edge-cases" })
	if col < 0 || row < 0 || rows[row][col] != "draft" {
		t.Fatalf("no draft edge-cases row in documents: %q", rows)
	}
	ref, _ := excelize.CoordinatesToCellName(col+1, row+1)
	if err := f.SetCellValue("documents", ref, "reviewed"); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	now := func() time.Time { return time.Date(2024, 5, 6, 7, 8, 9, 500, time.FixedZone("CEST", 2*3600)) }
	res, err := Import(context.Background(), Options{Source: book, RecordsDir: recs, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{{ID: "edge-cases", Summary: "review_status draft -> reviewed; review_at (empty) -> 2024-05-06T05:08:09Z"}}
	if diff := cmp.Diff(want, res.Changes); diff != "" || !res.OK() {
		t.Errorf("changes (-want +got):\n%s\nproblems %q", diff, res.Problems)
	}
	data, err := os.ReadFile(filepath.Join(recs, "edge-cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"at": "2024-05-06T05:08:09Z"`) {
		t.Errorf("review.at not set:\n%s", data)
	}
}
