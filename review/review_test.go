package review

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/docset/docset/exporters"
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
	dir := t.TempDir()
	recs, out = filepath.Join(dir, "records"), filepath.Join(dir, "out")
	for _, d := range []string{recs, out} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var raws [][]byte
	for _, p := range sampleRecords {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(recs, filepath.Base(p)), raw, 0o644); err != nil {
			t.Fatal(err)
		}
		raws = append(raws, raw)
	}
	layout, err := schema.DefaultLayout()
	if err != nil {
		t.Fatal(err)
	}
	ds := &exporters.Dataset{Layout: layout, Schema: schema.JSON(), Count: len(raws), Records: func(fn func(map[string]any) error) error {
		for _, raw := range raws {
			dec := json.NewDecoder(bytes.NewReader(raw))
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
