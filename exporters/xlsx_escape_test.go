package exporters

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/docset/docset/schema"
)

// awkwardTexts are texts XML cannot hold as they are, or that look like
// the escapes that stand for such text.
var awkwardTexts = []string{
	"form\ffeed, vertical\vtab, escape \x1b[0m, bell\a",
	"\x01 at the start and the end \x1f",
	"looks escaped: _x000B_ and _x005F_x0041_",
	"an escape\vright after _x005F and _x0041",
	"\x0b_x0041_\x0c",
	"private use \ue000\ue001\ue024 and \ufffe\uffff",
	"_\v_",
}

// TestXLSXControlCharacters exports records whose text holds control
// characters and read-alike escapes, reads the workbook back as import
// does and as excelize does: every text comes back as it was, so an
// import of an unchanged export changes nothing.
func TestXLSXControlCharacters(t *testing.T) {
	raw, err := os.ReadFile("testdata/records/edge-cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var records []string
	for i, s := range awkwardTexts {
		var rec map[string]any
		if err := json.Unmarshal(raw, &rec); err != nil {
			t.Fatal(err)
		}
		rec["id"] = "awkward-" + string(rune('a'+i))
		rec["metadata"].(map[string]any)["title"] = s
		rec["review"].(map[string]any)["notes"] = s
		data, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		records = append(records, string(data))
	}
	ds := datasetOf(t, nil, records...)
	book := xlsxExport(t, &xlsxExporter{limits: excelLimits}, ds)

	rows := readRows{}
	if _, err := ReadXLSX(book, ds.Layout, rows.add); err != nil {
		t.Fatal(err)
	}
	err = ds.Records(func(rec map[string]any) error {
		id := recordID(rec)
		src := map[string]*schema.SourceTable{}
		for _, t := range ds.Layout.Tables {
			st := &schema.SourceTable{Table: t, Given: make([]bool, len(t.Columns))}
			for i := range st.Given {
				st.Given[i] = true
			}
			for _, r := range rows[t.Name] {
				if r.Cells[t.RecordKey()] == id {
					st.Rows = append(st.Rows, r)
				}
			}
			src[t.Name] = st
		}
		if m := ds.Layout.Merge(rec, src); len(m.Changes) > 0 || len(m.Errors) > 0 {
			t.Errorf("%s: read back with changes %+v, errors %v", id, m.Changes, m.Errors)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// excelize reads the escapes as Excel does.
	f := openXLSX(t, book)
	grid, err := f.GetRows("documents", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, name := range grid[0] {
		if name == "metadata_title" {
			col = i
		}
	}
	for i, s := range awkwardTexts {
		if got := grid[i+1][col]; got != s {
			t.Errorf("excelize reads %q, want %q", got, s)
		}
	}
}
