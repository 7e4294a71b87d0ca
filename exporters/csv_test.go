package exporters

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/docset/docset/schema"
)

// csvVariants are the option sets every CSV test runs with.
var csvVariants = []struct {
	name string
	opts Options
}{
	{"default", Options{}},
	{"excel", Options{Excel: true}},
	{"raw", Options{Raw: true}},
}

func TestCSVGolden(t *testing.T) {
	ds := testDataset(t)
	for _, v := range csvVariants {
		t.Run(v.name, func(t *testing.T) {
			dir := exportTo(t, "csv", v.opts, ds)
			for _, tbl := range ds.Layout.Tables {
				got, err := os.ReadFile(filepath.Join(dir, "csv", tbl.Name+".csv"))
				if err != nil {
					t.Fatal(err)
				}
				checkGolden(t, filepath.Join("csv", v.name, tbl.Name+".csv"), got)
			}
			got, err := os.ReadFile(filepath.Join(dir, "datapackage.json"))
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("csv", v.name, "datapackage.json"), got)
		})
	}
}

// TestCSVRow pins the cell rules one by one.
func TestCSVRow(t *testing.T) {
	tbl := &schema.Table{Name: "t", Columns: []*schema.Column{
		{Name: "text", Type: "string"},
		{Name: "n", Type: "number"},
		{Name: "b", Type: "boolean"},
	}}
	tests := []struct {
		name  string
		opts  Options
		cells []any
		want  string
	}{
		{"plain", Options{}, []any{"abc", json.Number("1"), true}, "abc,1,true\n"},
		{"null is empty", Options{}, []any{nil, nil, nil}, ",,\n"},
		{"empty text is quoted", Options{}, []any{"", json.Number("0"), false}, `"",0,false` + "\n"},
		{"comma", Options{}, []any{"a,b", nil, nil}, `"a,b",,` + "\n"},
		{"inner quotes doubled", Options{}, []any{`say "hi"`, nil, nil}, `"say ""hi""",,` + "\n"},
		{"newline kept", Options{}, []any{"a\nb", nil, nil}, "\"a\nb\",,\n"},
		{"excel keeps inner LF", Options{Excel: true}, []any{"a\nb", nil, nil}, "\"a\nb\",,\r\n"},
		{"excel keeps inner CRLF", Options{Excel: true}, []any{"a\r\nb", nil, nil}, "\"a\r\nb\",,\r\n"},
		{"edge spaces quoted", Options{}, []any{" a ", nil, nil}, `" a ",,` + "\n"},
		{"numbers exactly", Options{}, []any{nil, json.Number("-1.5e3"), nil}, ",-1.5e3,\n"},
		{"trailing zero kept", Options{}, []any{nil, json.Number("2.50"), nil}, ",2.50,\n"},
		{"float64", Options{}, []any{nil, 0.1, nil}, ",0.1,\n"},
		{"equals neutralized", Options{}, []any{"=1+1", nil, nil}, "'=1+1,,\n"},
		{"plus neutralized", Options{}, []any{"+44 20", nil, nil}, "'+44 20,,\n"},
		{"minus neutralized", Options{}, []any{"-3 degrees", json.Number("-3"), nil}, "'-3 degrees,-3,\n"},
		{"at neutralized", Options{}, []any{"@user", nil, nil}, "'@user,,\n"},
		{"tab neutralized", Options{}, []any{"\tx", nil, nil}, "'\tx,,\n"},
		{"CR neutralized inside quotes", Options{}, []any{"\rx", nil, nil}, "\"'\rx\",,\n"},
		{"LF neutralized inside quotes", Options{}, []any{"\nx", nil, nil}, "\"'\nx\",,\n"},
		{"neutralized and quoted", Options{}, []any{`=HYPERLINK("x")`, nil, nil}, `"'=HYPERLINK(""x"")",,` + "\n"},
		{"apostrophe alone untouched", Options{}, []any{"'quoted'", nil, nil}, "'quoted',,\n"},
		{"raw keeps formulas", Options{Raw: true}, []any{"=1+1", nil, nil}, "=1+1,,\n"},
		{"raw tab quoted", Options{Raw: true}, []any{"\tx", nil, nil}, "\"\tx\",,\n"},
		{"unicode", Options{}, []any{"서울 🙂 Москва", nil, nil}, "서울 🙂 Москва,,\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			tw := newTableWriter(&buf, tbl, tt.opts)
			if err := tw.row(tt.cells); err != nil {
				t.Fatal(err)
			}
			if err := tw.flush(); err != nil {
				t.Fatal(err)
			}
			got := strings.TrimPrefix(buf.String(), "\ufeff")
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCSVRowRejectsNonScalar(t *testing.T) {
	tbl := &schema.Table{Name: "t", Columns: []*schema.Column{{Name: "x", Type: "string"}}}
	tw := newTableWriter(&bytes.Buffer{}, tbl, Options{})
	if err := tw.row([]any{map[string]any{}}); err == nil || !strings.Contains(err.Error(), "column x") {
		t.Errorf("got %v, want an error naming column x", err)
	}
}

func TestCSVExcelFraming(t *testing.T) {
	dir := exportTo(t, "csv", Options{Excel: true}, testDataset(t))
	data, err := os.ReadFile(filepath.Join(dir, "csv", "documents.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\ufeffschema_version,id,")) {
		t.Errorf("documents.csv starts %q, want a BOM then the header", data[:min(len(data), 30)])
	}
	if n, m := bytes.Count(data, []byte("\r\n")), bytes.Count(data, []byte("\n")); n == 0 {
		t.Error("no CRLF row ends")
	} else if rows := len(readCSVGo(t, filepath.Join(dir, "csv", "documents.csv"))); n < rows {
		t.Errorf("%d CRLF for %d rows (%d LF in all)", n, rows, m)
	}
	// The review note holds a bare LF and a CRLF: both are kept as written.
	if !bytes.Contains(data, []byte("line one\r\nline two with \"\"quotes\"\", commas\nline three")) {
		t.Error("the review note's line breaks were rewritten")
	}
}

// expectedRows is what every table of ds should read back as, cell by
// cell, written out independently of the exporter: null as "", text as is
// (with the apostrophe for formula-like text unless raw), numbers as in
// the JSON, booleans as true/false.
func expectedRows(t *testing.T, ds *Dataset, opts Options) map[string][][]string {
	t.Helper()
	out := map[string][][]string{}
	for _, tbl := range ds.Layout.Tables {
		header := make([]string, len(tbl.Columns))
		for i, c := range tbl.Columns {
			header[i] = c.Name
		}
		out[tbl.Name] = [][]string{header}
	}
	err := ds.Records(func(rec map[string]any) error {
		for _, tbl := range ds.Layout.Tables {
			err := tbl.Rows(rec, func(row []any) error {
				cells := make([]string, len(row))
				for i, v := range row {
					switch v := v.(type) {
					case nil:
					case string:
						if !opts.Raw && tbl.Columns[i].Type == "string" && v != "" && strings.ContainsRune("=+-@\t\r\n", rune(v[0])) {
							v = "'" + v
						}
						cells[i] = v
					case json.Number:
						cells[i] = string(v)
					case bool:
						cells[i] = map[bool]string{true: "true", false: "false"}[v]
					default:
						t.Fatalf("unexpected cell %T", v)
					}
				}
				out[tbl.Name] = append(out[tbl.Name], cells)
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func readCSVGo(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	br := bufio.NewReader(f)
	if b, _ := br.Peek(3); string(b) == "\ufeff" {
		br.Discard(3)
	}
	r := csv.NewReader(br)
	r.FieldsPerRecord = 0
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("read %s with encoding/csv: %v", path, err)
	}
	return rows
}

// TestCSVReadBackGo reads every file with encoding/csv and compares it with
// the records, for every variant.
func TestCSVReadBackGo(t *testing.T) {
	ds := testDataset(t)
	for _, v := range csvVariants {
		t.Run(v.name, func(t *testing.T) {
			dir := exportTo(t, "csv", v.opts, ds)
			want := expectedRows(t, ds, v.opts)
			for _, tbl := range ds.Layout.Tables {
				// encoding/csv turns CRLF inside a quoted field into LF.
				w := want[tbl.Name]
				for _, row := range w {
					for i := range row {
						row[i] = strings.ReplaceAll(row[i], "\r\n", "\n")
					}
				}
				got := readCSVGo(t, filepath.Join(dir, "csv", tbl.Name+".csv"))
				if diff := cmp.Diff(w, got); diff != "" {
					t.Errorf("%s.csv (-want +got):\n%s", tbl.Name, diff)
				}
			}
		})
	}
}

// pythonCSV is a reader in Python's csv module: every file given becomes
// a JSON array of rows on one output line.
const pythonCSV = `
import csv, json, sys
for path in sys.argv[1:]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        print(json.dumps(list(csv.reader(f, strict=True))))
`

// TestCSVReadBackPython reads every file with Python's csv module, which
// keeps line breaks inside fields byte for byte.
func TestCSVReadBackPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed: install python3 to read the CSV back with Python's csv module")
	}
	ds := testDataset(t)
	for _, v := range csvVariants {
		t.Run(v.name, func(t *testing.T) {
			dir := exportTo(t, "csv", v.opts, ds)
			want := expectedRows(t, ds, v.opts)
			args := []string{"-c", pythonCSV}
			for _, tbl := range ds.Layout.Tables {
				args = append(args, filepath.Join(dir, "csv", tbl.Name+".csv"))
			}
			out, err := exec.Command(py, args...).Output()
			if err != nil {
				t.Fatalf("python3 csv: %v", err)
			}
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			if len(lines) != len(ds.Layout.Tables) {
				t.Fatalf("python3 printed %d tables, want %d", len(lines), len(ds.Layout.Tables))
			}
			for i, tbl := range ds.Layout.Tables {
				var got [][]string
				if err := json.Unmarshal([]byte(lines[i]), &got); err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want[tbl.Name], got); diff != "" {
					t.Errorf("%s.csv (-want +got):\n%s", tbl.Name, diff)
				}
			}
		})
	}
}

// TestCSVRoundTrip reads the CSV back into typed values (undoing the
// apostrophe, parsing numbers and booleans by the column type) and
// compares them with the records' values.
func TestCSVRoundTrip(t *testing.T) {
	ds := testDataset(t)
	for _, v := range csvVariants {
		t.Run(v.name, func(t *testing.T) {
			dir := exportTo(t, "csv", v.opts, ds)
			for _, tbl := range ds.Layout.Tables {
				var want [][]any
				err := ds.Records(func(rec map[string]any) error {
					return tbl.Rows(rec, func(row []any) error {
						r := make([]any, len(row))
						for i, c := range row {
							if s, ok := c.(string); ok {
								c = strings.ReplaceAll(s, "\r\n", "\n")
							}
							r[i] = c
						}
						want = append(want, r)
						return nil
					})
				})
				if err != nil {
					t.Fatal(err)
				}
				rows := readCSVGo(t, filepath.Join(dir, "csv", tbl.Name+".csv"))
				var got [][]any
				for _, row := range rows[1:] {
					r := make([]any, len(row))
					for i, s := range row {
						r[i] = parseCell(tbl.Columns[i], s, v.opts)
					}
					got = append(got, r)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s (-records +csv):\n%s", tbl.Name, diff)
				}
			}
		})
	}
}

// parseCell is how a consumer reads a cell back by the column's type.
func parseCell(c *schema.Column, s string, opts Options) any {
	if s == "" {
		return nil
	}
	switch c.Type {
	case "integer", "number":
		return json.Number(s)
	case "boolean":
		return s == "true"
	}
	if !opts.Raw && len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r\n", rune(s[1])) {
		return s[1:]
	}
	return s
}

// FuzzCSVField writes any text as a cell between two others and reads the
// row back with encoding/csv: the cell must come back whole (with the
// apostrophe exactly when it is formula-like), in every variant.
func FuzzCSVField(f *testing.F) {
	for _, s := range []string{"", "a", "a,b", `"`, "=1+1", "\tx", "\r\n", "x\r", " lead", "trail ", `'=x`, "\ufeffbom", "-3", "@@", "\n\n"} {
		f.Add(s)
	}
	tbl := &schema.Table{Name: "t", Columns: []*schema.Column{{Name: "a", Type: "string"}, {Name: "s", Type: "string"}, {Name: "b", Type: "string"}}}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // records are UTF-8 JSON strings
		}
		for _, v := range csvVariants {
			var buf bytes.Buffer
			tw := newTableWriter(&buf, tbl, v.opts)
			if err := tw.row([]any{"x", s, "y"}); err != nil {
				t.Fatal(err)
			}
			if err := tw.flush(); err != nil {
				t.Fatal(err)
			}
			r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\ufeff"))))
			rows, err := r.ReadAll()
			if err != nil {
				t.Fatalf("%s: %q wrote %q, which encoding/csv cannot read: %v", v.name, s, buf.Bytes(), err)
			}
			want := strings.ReplaceAll(s, "\r\n", "\n") // encoding/csv's reading of CRLF in a field
			if !v.opts.Raw && s != "" && strings.ContainsRune("=+-@\t\r\n", rune(s[0])) {
				want = "'" + want
			}
			if len(rows) != 1 || len(rows[0]) != 3 || rows[0][1] != want || rows[0][0] != "x" || rows[0][2] != "y" {
				t.Fatalf("%s: %q wrote %q, read back as %q", v.name, s, buf.Bytes(), rows)
			}
		}
	})
}
