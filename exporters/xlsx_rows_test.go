package exporters

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// rowValues are cells of every kind the workbook writer gives, texts with
// everything that is escaped or preserved, but for characters XML cannot
// hold (see TestAppendRowControlCharacters).
var rowValues = []any{
	nil, "plain", "", " leading space", "trailing tab\t", "\nline first", "two\nlines", "cr\r\nlf",
	`quotes "double" and 'single'`, "a < b && c > d", "tab\tinside", "bad utf8 \xff here",
	"emoji 🙂 and 서울", "_x0041_ looks escaped", "_x005F_x0041_ twice", "_x005F_ alone", "_xD800_ surrogate", "_x12G4_ not hex",
	int64(0), int64(-42), int64(999_999_999_999_999), 0.0, 2.5, -1.5e3, 1.0 / 3, 123456789.123456789, 1e21, 5e-324, math.MaxFloat64,
	math.NaN(), math.Inf(1), true, false,
}

// TestAppendRowMatchesStreamWriter: appendRow writes the bytes
// excelize's StreamWriter.SetRow writes, for every kind of value, with
// and without column styles, cell styles and row heights.
func TestAppendRowMatchesStreamWriter(t *testing.T) {
	const cols = 5
	colStyles := []int{0, 0, 0, 0, 0}
	f := excelize.NewFile()
	defer f.Close()
	for i := range 3 {
		id, err := f.NewStyle(&excelize.Style{NumFmt: 49 + i})
		if err != nil {
			t.Fatal(err)
		}
		colStyles[i+1] = id
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range colStyles {
		if s != 0 {
			if err := sw.SetColStyle(i+1, i+1, s); err != nil {
				t.Fatal(err)
			}
		}
	}
	var names []string
	for i := range cols {
		n, _ := excelize.ColumnNumberToName(i + 1)
		names = append(names, n)
	}
	var want, got []byte
	row := 0
	for k := 0; k < len(rowValues); k += cols - 1 {
		for variant := range 3 {
			row++
			vals := make([]any, cols)
			for i := range cols {
				v := rowValues[(k+i+variant)%len(rowValues)]
				if variant == 1 && i%2 == 0 && v != nil {
					v = &excelize.Cell{StyleID: colStyles[1+i%3], Value: v}
				}
				vals[i] = v
			}
			height := 0.0
			if variant == 2 {
				height = rowHeight(row%5 + 1)
			}
			var opts []excelize.RowOpts
			if height > 0 {
				opts = append(opts, excelize.RowOpts{Height: height})
			}
			if err := sw.SetRow("A"+strconv.Itoa(row), vals, opts...); err != nil {
				t.Fatal(err)
			}
			got = appendRow(got, row, vals, names, colStyles, height)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name != "xl/worksheets/sheet1.xml" {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		want = []byte(s[strings.Index(s, "<sheetData>")+len("<sheetData>") : strings.Index(s, "</sheetData>")])
	}
	if want == nil {
		t.Fatal("no sheet part")
	}
	if !bytes.Equal(want, got) {
		for i := range min(len(want), len(got)) {
			if want[i] != got[i] {
				lo := max(0, i-120)
				t.Fatalf("differs at byte %d:\nwant %q\ngot  %q", i, want[lo:min(len(want), i+80)], got[lo:min(len(got), i+80)])
			}
		}
		t.Fatalf("lengths differ: want %d bytes, got %d", len(want), len(got))
	}
}

// TestAppendRowControlCharacters: text XML cannot hold is written as
// SpreadsheetML escapes, every underscore of it escaped, where excelize
// writes U+FFFD.
func TestAppendRowControlCharacters(t *testing.T) {
	got := string(appendRow(nil, 1, []any{"\x00\x01 control", "\ufffe and \uffff", "_x0041_\f<_>"}, []string{"A", "B", "C"}, []int{0, 0, 0}, 0))
	for _, want := range []string{
		`<t>_x0000__x0001_ control</t>`,
		`<t>_xFFFE_ and _xFFFF_</t>`,
		`<t>_x005F_x0041_x005F__x000C_&lt;_x005F_&gt;</t>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("row %s lacks %s", got, want)
		}
	}
}
