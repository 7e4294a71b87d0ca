package xlsxread

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// part is one part of a hand-made workbook.
type part struct {
	name, body string
	// store writes it uncompressed, so its bytes can be damaged in place.
	store bool
}

const (
	ns       = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	rootRels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	bookRels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>`
	book     = `<?xml version="1.0"?><workbook ` + ns + `><sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>`
	shared   = `<?xml version="1.0"?><sst ` + ns + `><si><t>first</t></si><si><r><t>rich </t></r><r><rPr/><t>text</t></r><rPh><t>ignored</t></rPh></si></sst>`
)

// sheetXML wraps rows in a worksheet part.
func sheetXML(rows string) string {
	return `<?xml version="1.0"?><worksheet ` + ns + `><sheetData>` + rows + `</sheetData></worksheet>`
}

// workbook writes a workbook of one sheet, "data", holding rows, and
// returns its path; extra parts replace or add to the standard ones.
func workbook(t testing.TB, rows string, extra ...part) string {
	t.Helper()
	parts := []part{
		{name: "_rels/.rels", body: rootRels},
		{name: "xl/workbook.xml", body: book},
		{name: "xl/_rels/workbook.xml.rels", body: bookRels},
		{name: "xl/sharedStrings.xml", body: shared},
		{name: "xl/worksheets/sheet1.xml", body: sheetXML(rows)},
	}
	for _, e := range extra {
		replaced := false
		for i := range parts {
			if parts[i].name == e.name {
				parts[i], replaced = e, true
			}
		}
		if !replaced {
			parts = append(parts, e)
		}
	}
	return writeZip(t, parts)
}

func writeZip(t testing.TB, parts []part) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		method := zip.Deflate
		if p.store {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// readAll reads every row of sheet "data" as "ref=value" lines, marking
// types other than numbers and formulas.
func readAll(path string, lim Limits) (string, error) {
	w, err := Open(path, lim)
	if err != nil {
		return "", err
	}
	defer w.Close()
	var b strings.Builder
	err = w.Rows("data", func(row int, cells []Cell) error {
		for _, c := range cells {
			fmt.Fprintf(&b, "%s=%q", c.Ref(row), c.Value)
			switch c.Type {
			case Text:
				b.WriteString(" text")
			case Bool:
				b.WriteString(" bool")
			case Date:
				b.WriteString(" date")
			case ErrorValue:
				b.WriteString(" error")
			}
			if c.Formula {
				b.WriteString(" formula")
			}
			b.WriteString("\n")
		}
		return nil
	})
	return b.String(), err
}

func TestRows(t *testing.T) {
	path := workbook(t, `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>`+
		`<row r="3"><c t="inlineStr"><is><t xml:space="preserve"> tab_x0009_vt_x000B_ </t></is></c><c><v>2.5</v></c><c t="b"><v>1</v></c><c t="d"><v>2023-09-05T00:00:00</v></c></row>`+
		`<row><c r="B4" t="str"><f>A1&amp;"x"</f><v>firstx</v></c><c r="C4" t="e"><v>#DIV/0!</v></c><c r="D4" s="1"/></row>`+
		`<row r="5"><c r="A5" t="inlineStr"><is><t>_x005F_x000B_ &amp; _xD83D__xDE00_</t></is></c></row>`)
	got, err := readAll(path, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := `A1="first" text
C1="rich text" text
A3=" tab\tvt\v " text
B3="2.5"
C3="1" bool
D3="2023-09-05T00:00:00" date
B4="firstx" text formula
C4="#DIV/0!" error
A5="_x000B_ & 😀" text
`
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

// TestRowsExcelize reads a workbook as excelize writes it.
func TestRowsExcelize(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "data")
	for ref, v := range map[string]any{"A1": "plain", "B1": 42, "C1": true, "B2": "=not a formula"} {
		if err := f.SetCellValue("data", ref, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetCellFormula("data", "C2", "B1*2"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "x.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	got, err := readAll(path, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := `A1="plain" text
B1="42"
C1="1" bool
B2="=not a formula" text
C2="" text formula
`
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

func TestRowsRefused(t *testing.T) {
	small := DefaultLimits()
	small.Rows, small.Part, small.SharedStrings, small.Text = 10, 4096, 4096, 100
	row := `<row r="1"><c r="A1"><v>1</v></c></row>`
	tests := []struct {
		name  string
		path  func(t *testing.T) string
		lim   Limits
		want  string
		limit bool // the error wraps ErrLimit
	}{
		{
			name: "undefined entity",
			path: func(t *testing.T) string {
				return workbook(t, row+`<row r="2"><c r="A2" t="inlineStr"><is><t>a &nbsp; b</t></is></c></row>`+row)
			},
			want: "sheet data, A2: broken XML at line 1 (invalid character entity &nbsp;)",
		},
		{
			name: "tags that do not match",
			path: func(t *testing.T) string { return workbook(t, `<row r="1"><c r="A1"><v>1</c></row>`) },
			want: "broken XML at line 1 (element <v> closed by </c>)",
		},
		{
			name: "sheet cut short",
			path: func(t *testing.T) string {
				return workbook(t, "", part{name: "xl/worksheets/sheet1.xml", body: sheetXML(row)[:200]})
			},
			want: "sheet data, row 1: broken XML at line 1 (unexpected EOF)",
		},
		{
			name: "checksum",
			path: func(t *testing.T) string {
				p := workbook(t, "", part{name: "xl/worksheets/sheet1.xml", body: sheetXML(row + `<row r="2"><c r="A2"><v>12345</v></c></row>`), store: true})
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				data = bytes.Replace(data, []byte("12345"), []byte("99999"), 1)
				if err := os.WriteFile(p, data, 0o644); err != nil {
					t.Fatal(err)
				}
				return p
			},
			want: "sheet data: the workbook is damaged (zip: checksum error)",
		},
		{
			name: "part past its size",
			path: func(t *testing.T) string {
				return workbook(t, strings.Repeat(row, 200))
			},
			lim:   small,
			want:  "sheet data: past the limit: 7.8 KiB uncompressed",
			limit: true,
		},
		{
			name: "declared rows",
			path: func(t *testing.T) string {
				return workbook(t, "", part{name: "xl/worksheets/sheet1.xml", body: strings.Replace(sheetXML(row), "<sheetData>", `<dimension ref="A1:K11"/><sheetData>`, 1)})
			},
			lim:   small,
			want:  "the sheet declares 11 rows (A1:K11), more than the 10 a sheet may have",
			limit: true,
		},
		{
			name:  "row past the limit",
			path:  func(t *testing.T) string { return workbook(t, row+`<row r="11"><c r="A11"><v>1</v></c></row>`) },
			lim:   small,
			want:  "row 11, past the 10 rows a sheet may have",
			limit: true,
		},
		{
			name:  "more rows than allowed, unnumbered",
			path:  func(t *testing.T) string { return workbook(t, strings.Repeat(`<row><c><v>1</v></c></row>`, 11)) },
			lim:   small,
			want:  "sheet data: past the limit: the sheet holds more than the 10 rows a sheet may have",
			limit: true,
		},
		{
			name:  "column past the limit",
			path:  func(t *testing.T) string { return workbook(t, `<row r="1"><c r="XFE1"><v>1</v></c></row>`) },
			want:  "column 16385, past the 16384 columns",
			limit: true,
		},
		{
			name: "long text",
			path: func(t *testing.T) string {
				return workbook(t, `<row r="1"><c r="A1" t="inlineStr"><is><t>`+strings.Repeat("ab", 60)+`</t></is></c></row>`)
			},
			lim:   small,
			want:  "text longer than 100 characters",
			limit: true,
		},
		{
			name: "text with no markup for long",
			path: func(t *testing.T) string {
				return workbook(t, `<row r="1"><c r="A1" t="inlineStr"><is><t>`+strings.Repeat("x", 10000)+`</t></is></c></row>`)
			},
			lim:   Limits{Part: 1 << 20, SharedStrings: 1 << 20, Rows: 10, Columns: 10, Text: 10, Depth: 64},
			want:  "of text or markup in one piece",
			limit: true,
		},
		{
			name:  "deep nesting",
			path:  func(t *testing.T) string { return workbook(t, strings.Repeat("<x>", 100)+strings.Repeat("</x>", 100)) },
			want:  "elements nested more than 64 deep",
			limit: true,
		},
		{
			name: "rows out of order",
			path: func(t *testing.T) string {
				return workbook(t, `<row r="2"><c r="A2"><v>1</v></c></row>`+row)
			},
			want: "row 1 comes after row 2",
		},
		{
			name: "cell of another row",
			path: func(t *testing.T) string { return workbook(t, `<row r="1"><c r="A2"><v>1</v></c></row>`) },
			want: `cell reference "A2" is not a cell of row 1`,
		},
		{
			name: "shared string that is not there",
			path: func(t *testing.T) string { return workbook(t, `<row r="1"><c r="A1" t="s"><v>7</v></c></row>`) },
			want: "sheet data, A1: shared string 7 does not exist (the workbook has 2)",
		},
		{
			name: "broken shared strings",
			path: func(t *testing.T) string {
				return workbook(t, `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, part{name: "xl/sharedStrings.xml", body: `<sst><si><t>a &bogus; b</t></si></sst>`})
			},
			want: "xl/sharedStrings.xml, shared string 0: broken XML at line 1 (invalid character entity &bogus;)",
		},
		{
			name: "a part twice",
			path: func(t *testing.T) string {
				return writeZip(t, []part{{name: "xl/workbook.xml", body: book}, {name: "XL/Workbook.xml", body: book}})
			},
			want: "XL/Workbook.xml: the workbook holds this part twice",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lim := tt.lim
			if lim == (Limits{}) {
				lim = DefaultLimits()
			}
			_, err := readAll(tt.path(t), lim)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if errors.Is(err, ErrLimit) != tt.limit {
				t.Errorf("errors.Is(err, ErrLimit) = %v, want %v", !tt.limit, tt.limit)
			}
		})
	}
}

func TestOpenNotAWorkbook(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.xlsx")
	if err := os.WriteFile(path, []byte("name,value\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, DefaultLimits()); !errors.Is(err, ErrNotWorkbook) {
		t.Errorf("err = %v, want ErrNotWorkbook", err)
	}
	// A zip that is not a workbook.
	if _, err := Open(writeZip(t, []part{{name: "readme.txt", body: "hi"}}), DefaultLimits()); !errors.Is(err, ErrNotWorkbook) {
		t.Errorf("err = %v, want ErrNotWorkbook", err)
	}
}

func TestSheets(t *testing.T) {
	f := excelize.NewFile()
	f.NewSheet("second")
	if _, err := f.NewSheet("third"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "x.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	w, err := Open(path, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var names []string
	for _, s := range w.Sheets() {
		names = append(names, s.Name)
		if s.Part == "" {
			t.Errorf("sheet %s has no part", s.Name)
		}
	}
	if diff := cmp.Diff([]string{"Sheet1", "second", "third"}, names); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	if w.Date1904() {
		t.Error("Date1904 = true")
	}
}

func FuzzRows(f *testing.F) {
	f.Add(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>x_x000B_</t></is></c></row>`)
	f.Add(`<row><c><f>1+1</f><v>2</v></c></row><row r="9"><c r="Z9" t="b"><v>1</v></c></row>`)
	f.Add(`<dimension ref="A1:B3"/><row r="2"><c r="B2" t="e"><v>#N/A</v></c></row>`)
	dir := f.TempDir()
	lim := DefaultLimits()
	lim.Rows, lim.Part, lim.Text = 1000, 1<<20, 1000
	f.Fuzz(func(t *testing.T, rows string) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, p := range []part{{name: "xl/workbook.xml", body: book}, {name: "xl/_rels/workbook.xml.rels", body: bookRels}, {name: "xl/sharedStrings.xml", body: shared}, {name: "xl/worksheets/sheet1.xml", body: sheetXML(rows)}} {
			w, _ := zw.Create(p.name)
			w.Write([]byte(p.body))
		}
		zw.Close()
		path := filepath.Join(dir, "f.xlsx")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		last := 0
		w, err := Open(path, lim)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		_ = w.Rows("data", func(row int, cells []Cell) error {
			if row <= last || row > lim.Rows {
				t.Fatalf("row %d after %d", row, last)
			}
			last = row
			for i, c := range cells {
				if c.Col < 1 || c.Col > lim.Columns || i > 0 && c.Col <= cells[i-1].Col {
					t.Fatalf("row %d: cells out of order: %+v", row, cells)
				}
			}
			return nil
		})
	})
}

func TestCountRows(t *testing.T) {
	xml := sheetXML(strings.Repeat(`<row r="1"><c><v>1</v></c></row><x:row>`, 1000) + `<rowBreaks/><row/><row	/>`)
	for name, r := range map[string]io.Reader{
		"whole":       strings.NewReader(xml),
		"byte a time": iotest.OneByteReader(strings.NewReader(xml)),
		"half":        iotest.HalfReader(strings.NewReader(xml)),
	} {
		n, err := countRows(r, 1<<20)
		if err != nil || n != 2002 {
			t.Errorf("%s: %d rows, %v; want 2002", name, n, err)
		}
	}
	if n, _ := countRows(strings.NewReader(xml), 10); n != 11 {
		t.Errorf("counted %d rows past a limit of 10, want 11", n)
	}
}
