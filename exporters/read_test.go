package exporters

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/docset/docset/schema"
)

// readRows is what a read passed on, by table name.
type readRows map[string][]schema.SourceRow

func (rr readRows) add(rt *ReadTable, row schema.SourceRow) error {
	rr[rt.Table.Name] = append(rr[rt.Table.Name], row)
	return nil
}

// readBack exports ds in the named format and reads it back.
func readBack(t *testing.T, format string, opts Options, ds *Dataset) (*Tables, readRows) {
	t.Helper()
	dir := exportTo(t, format, opts, ds)
	var (
		tables *Tables
		err    error
	)
	rows := readRows{}
	if format == "xlsx" {
		tables, err = ReadXLSX(filepath.Join(dir, xlsxOutput), ds.Layout, rows.add)
	} else {
		tables, err = ReadCSV(dir, ds.Layout, rows.add)
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(tables.Notes) > 0 {
		t.Errorf("notes on an untouched export: %q", tables.Notes)
	}
	return tables, rows
}

// parseCSV reads every record of data and the line each starts on.
func parseCSV(data []byte) ([][]string, []int, error) {
	r := newCSVReader(bytes.NewReader(data))
	var rows [][]string
	var lines []int
	for {
		row, line, err := r.next()
		if err == io.EOF {
			return rows, lines, nil
		}
		if err != nil {
			return nil, nil, err
		}
		rows, lines = append(rows, row), append(lines, line)
	}
}

// TestReadRoundTrip reads every export of the sample records back and
// merges it into the records: nothing may change, in any variant, so every
// typed cell (numbers, booleans, dates, date-times, joined lists,
// neutralized text) reads back as the value it was written from.
func TestReadRoundTrip(t *testing.T) {
	ds := testDataset(t)
	variants := []struct {
		name   string
		format string
		opts   Options
	}{
		{"xlsx", "xlsx", Options{}},
		{"csv", "csv", Options{}},
		{"csv excel", "csv", Options{Excel: true}},
		{"csv raw", "csv", Options{Raw: true}},
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			tables, rows := readBack(t, v.format, v.opts, ds)
			err := ds.Records(func(rec map[string]any) error {
				id := recordID(rec)
				src := map[string]*schema.SourceTable{}
				for _, rt := range tables.Tables {
					st := &schema.SourceTable{Table: rt.Table, Given: rt.Given}
					key := rt.Table.RecordKey()
					for _, r := range rows[rt.Table.Name] {
						if r.Cells[key] == id {
							st.Rows = append(st.Rows, r)
						}
					}
					src[rt.Table.Name] = st
				}
				m := ds.Layout.Merge(rec, src)
				if len(m.Changes) > 0 || len(m.Errors) > 0 {
					t.Errorf("record %s: read back with changes %+v, errors %v", id, m.Changes, m.Errors)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestReadTypedCells checks the text typed cells come back as.
func TestReadTypedCells(t *testing.T) {
	ds := testDataset(t)
	for _, format := range []string{"xlsx", "csv"} {
		t.Run(format, func(t *testing.T) {
			tables, rows := readBack(t, format, Options{}, ds)
			get := func(table, doc, col string) any {
				for _, rt := range tables.Tables {
					if rt.Table.Name != table {
						continue
					}
					c := slices.IndexFunc(rt.Table.Columns, func(c *schema.Column) bool { return c.Name == col })
					for _, r := range rows[rt.Table.Name] {
						if r.Cells[rt.Table.RecordKey()] == doc {
							return r.Cells[c]
						}
					}
				}
				return "<none>"
			}
			const seed = "000_5b4285e19d35a4a5"
			checks := []struct {
				table, doc, col string
				want            any
			}{
				{"documents", seed, "metadata_published", "2023-09-05"},
				{"documents", seed, "review_at", "2023-09-06T08:30:00Z"},
				{"documents", seed, "source_bytes", "3204"},
				{"documents", "edge-cases", "metadata_title", `=HYPERLINK("http://evil.invalid","click")`},
				{"quotes", seed, "partial", "false"},
				{"entities", seed, "roles", "Russian Defense Minister"},
			}
			for _, c := range checks {
				if got := get(c.table, c.doc, c.col); got != c.want {
					t.Errorf("%s %s %s = %#v, want %#v", c.table, c.doc, c.col, got, c.want)
				}
			}
		})
	}
}

func TestReadNotes(t *testing.T) {
	l := testDataset(t).Layout
	dir := exportTo(t, "csv", Options{}, testDataset(t))
	p := filepath.Join(dir, "csv", "quotes.csv")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("cue,partial\n"), []byte("cue,partial,comment\n"), 1)
	for path, data := range map[string][]byte{p: data, filepath.Join(dir, "csv", "dates.csv"): []byte("document_id,id,start,end,text\n")} {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Remove(filepath.Join(dir, "csv", "paragraphs.csv")); err != nil {
		t.Fatal(err)
	}
	tables, err := ReadCSV(dir, l, readRows{}.add)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		dir + "/csv/paragraphs.csv is missing; its values are kept as the records hold them",
		dir + `/csv/quotes.csv: column "comment" is not a column of the table; ignored`,
		dir + "/csv/dates.csv has no column value; its values are kept as the records hold them",
	}
	for i := range want {
		want[i] = filepath.ToSlash(want[i])
	}
	if diff := cmp.Diff(want, tables.Notes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
}

func TestReadCSVNoTables(t *testing.T) {
	dir := t.TempDir()
	_, err := ReadCSV(dir, testDataset(t).Layout, readRows{}.add)
	if err == nil || !strings.Contains(err.Error(), "none of the exported CSV files (documents.csv, ...) is here; give the export folder (holding csv/) or its csv folder") {
		t.Errorf("err = %v", err)
	}
}

func TestReadCSVNotUTF8(t *testing.T) {
	l := testDataset(t).Layout
	dir := exportTo(t, "csv", Options{}, testDataset(t))
	p := filepath.Join(dir, "csv", "documents.csv")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	// Latin-1, as a spreadsheet saving "CSV" in a Western code page writes.
	data = bytes.Replace(data, []byte("Müller"), []byte("M\xfcller"), 1)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ReadCSV(dir, l, readRows{}.add)
	if err == nil || !strings.Contains(err.Error(), "documents.csv:2: not UTF-8 (byte 0xfc); save the file as CSV UTF-8") {
		t.Errorf("err = %v", err)
	}
}

func TestParseCSV(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		rows  [][]string
		lines []int
		err   string
	}{
		{name: "plain", in: "a,b\n1,2\n", rows: [][]string{{"a", "b"}, {"1", "2"}}, lines: []int{1, 2}},
		{name: "bom and crlf", in: "\ufeffa,b\r\n1,2\r\n", rows: [][]string{{"a", "b"}, {"1", "2"}}, lines: []int{1, 2}},
		{name: "no final newline", in: "a\nx", rows: [][]string{{"a"}, {"x"}}, lines: []int{1, 2}},
		{name: "quoted keeps crlf and quotes", in: "a,b\n\"x\r\ny \"\"z\"\"\",\n3,4\n", rows: [][]string{{"a", "b"}, {"x\r\ny \"z\"", ""}, {"3", "4"}}, lines: []int{1, 2, 4}},
		{name: "empty quoted", in: "\"\",x\n", rows: [][]string{{"", "x"}}, lines: []int{1}},
		{name: "unclosed", in: "a\n\"x,y\n", err: "2:1: a quoted field is never closed"},
		{name: "text after quote", in: "\"x\"y,z\n", err: "1: text after a closing quote"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, lines, err := parseCSV([]byte(tt.in))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.rows, rows); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.lines, lines); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzParseCSV writes any two texts as a row below a header the way the CSV exporter does
// and reads it back: both come back byte for byte. Any input at all must
// parse or fail without panicking.
func FuzzParseCSV(f *testing.F) {
	for _, s := range []string{"", "a", "a,b", `"`, "x\r\ny", "\r", "\n\n", " lead", `""`, "\ufeff"} {
		f.Add(s, "next")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		parseCSV([]byte(a))
		for _, eol := range []string{"\n", "\r\n"} {
			// A header first, as in every export: a byte order mark at
			// the very start of a file is one, not text.
			line := []byte("h,h" + eol)
			line = appendField(line, a, false)
			line = append(line, ',')
			line = appendField(line, b, false)
			line = append(line, eol...)
			rows, _, err := parseCSV(line)
			if err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			if want := [][]string{{"h", "h"}, {a, b}}; !slices.EqualFunc(rows, want, slices.Equal) {
				t.Fatalf("%q read back as %q", line, rows)
			}
		}
	})
}
