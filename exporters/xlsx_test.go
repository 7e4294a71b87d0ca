package exporters

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/docset/docset/extract"
	"github.com/docset/docset/extract/input"
	"github.com/docset/docset/schema"
)

// dumpXLSX renders a workbook as excelize reads it back: per sheet its
// dimension, frozen pane, column widths, Excel Tables, drop-down lists,
// header notes, and every non-empty cell with its type, style, displayed
// value and link. Goldens compare this grid, not zip bytes.
func dumpXLSX(t testing.TB, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("reopen %s: %v", path, err)
	}
	defer f.Close()
	var b strings.Builder
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	props, err := f.GetDocProps()
	must(err)
	fmt.Fprintf(&b, "properties: title=%q creator=%q created=%s modified=%s identifier=%q\n",
		props.Title, props.Creator, props.Created, props.Modified, props.Identifier)
	fmt.Fprintf(&b, "active sheet: %s\n", f.GetSheetName(f.GetActiveSheetIndex()))
	styles := map[int]string{}
	for _, sheet := range f.GetSheetList() {
		dim, err := f.GetSheetDimension(sheet)
		must(err)
		panes, err := f.GetPanes(sheet)
		must(err)
		fmt.Fprintf(&b, "\nsheet %q dimension=%s frozen=%v@%s\n", sheet, dim, panes.Freeze, panes.TopLeftCell)
		tables, err := f.GetTables(sheet)
		must(err)
		for _, tb := range tables {
			fmt.Fprintf(&b, "  table %s %s style=%s\n", tb.Name, tb.Range, tb.StyleName)
		}
		dvs, err := f.GetDataValidations(sheet)
		must(err)
		for _, dv := range dvs {
			fmt.Fprintf(&b, "  validation %s %s %s blank=%v\n", dv.Sqref, dv.Type, dv.Formula1, dv.AllowBlank)
		}
		comments, err := f.GetComments(sheet)
		must(err)
		for _, c := range comments {
			var text strings.Builder
			for _, p := range c.Paragraph {
				text.WriteString(p.Text)
			}
			fmt.Fprintf(&b, "  note %s %q\n", c.Cell, text.String()+c.Text)
		}
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		must(err)
		width := 0
		for _, r := range rows {
			width = max(width, len(r))
		}
		var widths []string
		for c := 1; c <= width; c++ {
			name, _ := excelize.ColumnNumberToName(c)
			w, err := f.GetColWidth(sheet, name)
			must(err)
			widths = append(widths, name+"="+strconv.FormatFloat(w, 'f', -1, 64))
		}
		fmt.Fprintf(&b, "  widths %s\n", strings.Join(widths, " "))
		merged, err := f.GetMergeCells(sheet)
		must(err)
		for _, m := range merged {
			fmt.Fprintf(&b, "  merged %s:%s\n", m.GetStartAxis(), m.GetEndAxis())
		}
		for r, row := range rows {
			if h, err := f.GetRowHeight(sheet, r+1); err == nil && h != 15 {
				fmt.Fprintf(&b, "  row %d height=%v\n", r+1, h)
			}
			for c, raw := range row {
				if raw == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				b.WriteString("  " + dumpCell(t, f, sheet, ref, raw, styles) + "\n")
			}
		}
	}
	return b.String()
}

// dumpCell renders one cell: ref, type (s text, n number, d date, b
// boolean), style, raw value, the displayed value when it differs, and the
// link target.
func dumpCell(t testing.TB, f *excelize.File, sheet, ref, raw string, styles map[int]string) string {
	t.Helper()
	typ, err := f.GetCellType(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	style, ok := styles[id]
	if !ok {
		style = describeStyle(t, f, id)
		styles[id] = style
	}
	kind := map[excelize.CellType]string{
		excelize.CellTypeBool: "b", excelize.CellTypeInlineString: "s", excelize.CellTypeSharedString: "s",
		excelize.CellTypeUnset: "n", excelize.CellTypeNumber: "n", excelize.CellTypeFormula: "f",
	}[typ]
	if kind == "n" && strings.HasPrefix(style, "yyyy") {
		kind = "d"
	}
	line := fmt.Sprintf("%s %s [%s] %q", ref, kind, style, raw)
	if shown, err := f.GetCellValue(sheet, ref); err == nil && shown != raw {
		line += fmt.Sprintf(" shown %q", shown)
	}
	if ok, target, err := f.GetCellHyperLink(sheet, ref); err == nil && ok {
		line += " link " + target
	}
	return line
}

func describeStyle(t testing.TB, f *excelize.File, id int) string {
	t.Helper()
	s, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	switch {
	case s.CustomNumFmt != nil:
		parts = append(parts, *s.CustomNumFmt)
	case s.NumFmt == 49:
		parts = append(parts, "@")
	case s.NumFmt == 1:
		parts = append(parts, "0")
	case s.NumFmt != 0:
		parts = append(parts, "fmt"+strconv.Itoa(s.NumFmt))
	}
	if s.Font != nil && s.Font.Bold {
		parts = append(parts, "bold")
	}
	if s.Font != nil && s.Font.Underline != "" {
		parts = append(parts, "link")
	}
	if s.Alignment != nil && s.Alignment.WrapText {
		parts = append(parts, "wrap")
	}
	if len(parts) == 0 {
		return "general"
	}
	return strings.Join(parts, " ")
}

// openXLSX opens the workbook at path for the rest of the test.
func openXLSX(t testing.TB, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("reopen %s: %v", path, err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// xlsxExport exports ds with x into a fresh directory and returns the
// workbook's path.
func xlsxExport(t testing.TB, x *xlsxExporter, ds *Dataset) string {
	t.Helper()
	dir := t.TempDir()
	if err := x.Export(context.Background(), ds, dir); err != nil {
		t.Fatalf("export: %v", err)
	}
	return filepath.Join(dir, xlsxOutput)
}

// datasetOf is a dataset of records given as JSON text, laid out by the
// record schema document doc (nil: the embedded one).
func datasetOf(t testing.TB, doc []byte, records ...string) *Dataset {
	t.Helper()
	if doc == nil {
		doc = schema.JSON()
	}
	layout, err := schema.ParseLayout(doc)
	if err != nil {
		t.Fatal(err)
	}
	return &Dataset{
		Layout: layout,
		Schema: doc,
		Count:  len(records),
		Records: func(fn func(map[string]any) error) error {
			for _, r := range records {
				if err := fn(decodeRecord(t, []byte(r))); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

// typedRecord exercises every cell type: a digit-string id, whole numbers,
// a decimal, dates, a date-time with an offset, booleans, nulls, a year
// kept as text, a link and a multi-line note.
const typedRecord = `{
  "schema_version": "1.0", "id": "007",
  "source": {"path": "in/007.txt", "line": 3, "sha256": "00aa", "bytes": 1200},
  "metadata": {"title": "Zero zero seven", "url": "https://example.org/news/007", "published": "2020-03-15", "language": "en"},
  "text": "x",
  "paragraphs": [{"id": "p1", "start": 0, "end": 1, "text": "0042", "kind": "heading"}],
  "entities": [{"id": "e1", "name": "Ann", "type": "person", "roles": ["mayor", "judge"], "mentions": [{"start": 0, "end": 3, "text": "Ann"}]}],
  "quotes": [{"id": "q1", "start": 0, "end": 1, "text": "x", "speaker": null, "cue": "said", "partial": true}],
  "dates": [{"id": "d1", "start": 0, "end": 1, "text": "2019", "value": "2019"}, {"id": "d2", "start": 0, "end": 1, "text": "x", "value": null}],
  "quantities": [{"id": "n1", "start": 0, "end": 1, "text": "2.50", "value": 2.50, "unit": null}, {"id": "n2", "start": 0, "end": 1, "text": "-1.5e3", "value": -1.5e3, "unit": "points"}],
  "review": {"status": "reviewed", "by": "Ann", "at": "2021-06-01T12:30:00+02:00", "notes": "line one\nline two"}
}`

func TestXLSXGolden(t *testing.T) {
	for _, tc := range []struct {
		name   string
		golden string
		ds     func(t *testing.T) *Dataset
	}{
		{"sample records", "xlsx/sample.golden", func(t *testing.T) *Dataset { return testDataset(t) }},
		{"typed cells", "xlsx/typed.golden", func(t *testing.T) *Dataset { return datasetOf(t, nil, typedRecord) }},
		{"no records", "xlsx/empty.golden", func(t *testing.T) *Dataset { return datasetOf(t, nil) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := xlsxExport(t, &xlsxExporter{limits: excelLimits}, tc.ds(t))
			checkGolden(t, tc.golden, []byte(dumpXLSX(t, path)))
		})
	}
}

// cellOf reads one cell back: its type, style and value as dumped.
func cellOf(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	raw, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if raw == "" {
		return "empty"
	}
	return dumpCell(t, f, sheet, ref, raw, map[int]string{})
}

// TestXLSXTypedCells pins each typing rule on its own, so a failure names
// the rule rather than a golden line.
func TestXLSXTypedCells(t *testing.T) {
	path := xlsxExport(t, &xlsxExporter{limits: excelLimits}, datasetOf(t, nil, typedRecord))
	f := openXLSX(t, path)
	for _, tc := range []struct {
		rule, sheet, ref, want string
	}{
		{"a digit-string id stays text", "documents", "B2", `B2 s [@] "007"`},
		{"a digit-string id stays text in a one-line row", "paragraphs", "A2", `A2 s [general] "007"`},
		{"a digit-string text stays text", "paragraphs", "E2", `E2 s [general] "0042"`},
		{"an integer is a number", "documents", "D2", `D2 n [0] "3"`},
		{"an integer in a one-line row has no style", "paragraphs", "C2", `C2 n [general] "0"`},
		{"a date is an Excel date", "documents", "I2", `I2 d [yyyy-mm-dd] "43905" shown "2020-03-15"`},
		{"a date-time is an Excel date-time in UTC", "documents", "O2", `O2 d [yyyy-mm-dd hh:mm:ss] "44348.4375" shown "2021-06-01 10:30:00"`},
		{"a web address is a link", "documents", "H2", `H2 s [@ link] "https://example.org/news/007" link https://example.org/news/007`},
		{"an enum is text", "documents", "M2", `M2 s [@] "reviewed"`},
		{"multi-line text wraps", "documents", "P2", `P2 s [@ wrap] "line one\nline two"`},
		{"an absent value is empty", "documents", "K2", "empty"},
		{"a boolean is a boolean", "quotes", "H2", `H2 b [general] "1" shown "TRUE"`},
		{"null is empty", "quotes", "F2", "empty"},
		{"a decimal is a number", "quantities", "F2", `F2 n [general] "2.5"`},
		{"an exponent is a number", "quantities", "F3", `F3 n [general] "-1500"`},
		{"a year in a text column stays text", "dates", "F2", `F2 s [general] "2019"`},
		{"joined roles are one text", "entities", "F2", `F2 s [general] "mayor; judge"`},
		{"the header is bold", "entities", "A1", `A1 s [bold] "document_id"`},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			if got := cellOf(t, f, tc.sheet, tc.ref); got != tc.want {
				t.Errorf("%s!%s:\ngot  %s\nwant %s", tc.sheet, tc.ref, got, tc.want)
			}
		})
	}
}

// TestXLSXDeterministic exports the same records twice in this process and
// once in another, and wants the same bytes each time; the zip parts come
// in the fixed order.
func TestXLSXDeterministic(t *testing.T) {
	if out := os.Getenv("DOCSET_XLSX_EXPORT_TO"); out != "" {
		// The child process: export the sample records to out.
		if err := (&xlsxExporter{limits: excelLimits}).Export(context.Background(), testDataset(t), out); err != nil {
			t.Fatal(err)
		}
		return
	}
	ds := testDataset(t)
	read := func(path string) []byte {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	first := read(xlsxExport(t, &xlsxExporter{limits: excelLimits}, ds))
	second := read(xlsxExport(t, &xlsxExporter{limits: excelLimits}, ds))
	if !bytes.Equal(first, second) {
		t.Errorf("two exports in one process differ (%d and %d bytes)", len(first), len(second))
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestXLSXDeterministic$")
	cmd.Env = append(os.Environ(), "DOCSET_XLSX_EXPORT_TO="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child export: %v\n%s", err, out)
	}
	if other := read(filepath.Join(dir, xlsxOutput)); !bytes.Equal(first, other) {
		t.Errorf("exports in two processes differ (%d and %d bytes)", len(first), len(other))
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.IsZero() && f.Modified.Year() > 1980 {
			t.Errorf("%s carries a modification time %v", f.Name, f.Modified)
		}
	}
	if !slices.IsSortedFunc(names, comparePartNames) || names[0] != "[Content_Types].xml" {
		t.Errorf("zip parts not in the fixed order: %v", names)
	}
}

func TestComparePartNames(t *testing.T) {
	got := []string{"xl/worksheets/sheet10.xml", "xl/worksheets/sheet2.xml", "docProps/app.xml", "[Content_Types].xml", "xl/worksheets/sheet1.xml", "_rels/.rels", "xl/worksheets/sheet1.xml.rels"}
	slices.SortFunc(got, comparePartNames)
	want := []string{"[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet1.xml.rels", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet10.xml"}
	if !slices.Equal(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
}

// paragraphRecord is a record whose one paragraph holds text.
func paragraphRecord(id, text string) string {
	return fmt.Sprintf(`{"schema_version": "1.0", "id": %q, "source": {"path": "x.txt", "sha256": "00", "bytes": 1},
	  "text": "", "paragraphs": [{"id": "p1", "start": 0, "end": 1, "text": %q, "kind": "paragraph"}],
	  "entities": [], "quotes": [], "dates": [], "quantities": [], "review": {"status": "draft"}}`, id, text)
}

// TestXLSXCellLimit: text over 32,767 UTF-16 units is an error naming the
// record, table and column, never cut short; the previous workbook stays.
func TestXLSXCellLimit(t *testing.T) {
	x := &xlsxExporter{limits: excelLimits}
	t.Run("at the limit the text is kept whole", func(t *testing.T) {
		text := strings.Repeat("a", excelMaxCellChars)
		path := xlsxExport(t, x, datasetOf(t, nil, paragraphRecord("full", text)))
		f := openXLSX(t, path)
		got, err := f.GetCellValue("paragraphs", "E2")
		if err != nil || got != text {
			t.Errorf("cell holds %d characters (err %v), want %d", len(got), err, len(text))
		}
	})
	for _, tc := range []struct {
		name, text string
		units      int
	}{
		{"one character over", strings.Repeat("a", excelMaxCellChars+1), excelMaxCellChars + 1},
		// 16,384 emoji are 32,768 UTF-16 units, as Excel counts them,
		// though only 16,384 code points.
		{"astral characters count twice", strings.Repeat("🙂", 16_384), 32_768},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := x.Export(context.Background(), datasetOf(t, nil, paragraphRecord("good", "fine")), dir); err != nil {
				t.Fatal(err)
			}
			before, _ := os.ReadFile(filepath.Join(dir, xlsxOutput))
			err := x.Export(context.Background(), datasetOf(t, nil, paragraphRecord("good", "fine"), paragraphRecord("too-long", tc.text)), dir)
			if !errors.Is(err, ErrExcelLimit) {
				t.Fatalf("got error %v, want ErrExcelLimit", err)
			}
			for _, want := range []string{"record too-long", "table paragraphs", "column text", strconv.Itoa(tc.units)} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
			after, _ := os.ReadFile(filepath.Join(dir, xlsxOutput))
			if !bytes.Equal(before, after) {
				t.Error("the failed export changed the previous workbook")
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("the failed export left files behind: %v", entries)
			}
		})
	}
}

// rowsSchema is a record schema whose one table has a single column.
const rowsSchema = `{"$id": "https://docset.invalid/test/rows.json", "type": "object", "x-table": "items",
  "properties": {"id": {"type": "string"}}}`

// TestXLSXRowLimit: a table over 1,048,575 data rows is an error naming
// the table and its row count, found before anything is written.
func TestXLSXRowLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("walks a million records")
	}
	layout, err := schema.ParseLayout([]byte(rowsSchema))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		rows    int
		wantErr bool
	}{
		{excelMaxRows - 1, false},
		{excelMaxRows, true},
	} {
		t.Run(strconv.Itoa(tc.rows), func(t *testing.T) {
			rec := map[string]any{"id": "r"}
			ds := &Dataset{Layout: layout, Count: tc.rows, Records: func(fn func(map[string]any) error) error {
				for range tc.rows {
					if err := fn(rec); err != nil {
						return err
					}
				}
				return nil
			}}
			_, err := planWorkbook(context.Background(), ds, excelLimits)
			if !tc.wantErr {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, ErrExcelLimit) || !strings.Contains(err.Error(), "table items has 1048576 rows") {
				t.Errorf("got %v, want ErrExcelLimit naming table items and 1048576 rows", err)
			}
		})
	}
}

// TestXLSXNames: table names that Excel would refuse as a sheet or Table
// name are clear errors; the schema's own names pass.
func TestXLSXNames(t *testing.T) {
	for _, tc := range []struct {
		name, want string
	}{
		{"History", "reserves"},
		{"history", "reserves"},
		{"about", `clashes with sheet "About"`},
		{"a_name_that_is_far_too_long_for_excel", "at most 31 characters"},
		{"men[tions]", `any of []:*?/\`},
		{"men/tions", `any of []:*?/\`},
		{"'mentions'", "apostrophe"},
		{"M1", "cell reference"},
		{"xfd1048576", "cell reference"},
		{"R1C1", "cell reference"},
		{"rc", "cell reference"},
		{"2020mentions", "starts with a letter"},
		{"the mentions", "starts with a letter"},
		{"Entities", `clashes with sheet "entities"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := strings.Replace(string(schema.JSON()), `"x-table": "mentions"`, fmt.Sprintf(`"x-table": %q`, tc.name), 1)
			layout, err := schema.ParseLayout([]byte(doc))
			if err != nil {
				t.Fatal(err)
			}
			err = (&xlsxExporter{limits: excelLimits}).Export(context.Background(), &Dataset{Layout: layout, Records: func(func(map[string]any) error) error { return nil }}, t.TempDir())
			if !errors.Is(err, ErrExcelLimit) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want ErrExcelLimit saying %q", err, tc.want)
			}
		})
	}
	if err := checkNames(mustLayout(t)); err != nil {
		t.Errorf("the record schema's tables: %v", err)
	}
	for _, ok := range []string{"XFE1", "mentions2", "_x", "a.b", "R1C1x"} {
		if err := tableNameError(ok); err != nil {
			t.Errorf("%s: %v, want a valid Excel Table name", ok, err)
		}
	}
}

func mustLayout(t *testing.T) *schema.Layout {
	t.Helper()
	l, err := schema.DefaultLayout()
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// urlRecord is a document published at url.
func urlRecord(id, url string) string {
	return fmt.Sprintf(`{"schema_version": "1.0", "id": %q, "source": {"path": "x.txt", "sha256": "00", "bytes": 1},
	  "metadata": {"url": %q}, "text": "", "paragraphs": [], "entities": [], "quotes": [], "dates": [], "quantities": [],
	  "review": {"status": "draft"}}`, id, url)
}

// TestXLSXLinkLimit: web addresses past the sheet's link limit, and
// addresses that are not web addresses, are plain text, and the About
// sheet says how many.
func TestXLSXLinkLimit(t *testing.T) {
	x := &xlsxExporter{limits: limits{rows: excelMaxRows, links: 2}}
	path := xlsxExport(t, x, datasetOf(t, nil,
		urlRecord("a", "https://example.org/a"),
		urlRecord("b", "javascript:alert(1)"),
		urlRecord("c", "http://example.org/c"),
		urlRecord("d", "https://example.org/d"),
	))
	f := openXLSX(t, path)
	for ref, want := range map[string]string{
		"H2": `H2 s [@ link] "https://example.org/a" link https://example.org/a`,
		"H3": `H3 s [@] "javascript:alert(1)"`,
		"H4": `H4 s [@ link] "http://example.org/c" link http://example.org/c`,
		"H5": `H5 s [@] "https://example.org/d"`,
	} {
		if got := cellOf(t, f, "documents", ref); got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	}
	rows, err := f.GetRows(aboutSheet)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		found = found || len(r) > 4 && r[0] == "documents" && strings.Contains(r[4], "1 web addresses past the link limit are plain text")
	}
	if !found {
		t.Error("the About sheet does not say that 1 web address is plain text")
	}
}

// TestXLSXSchemaProperty: a property added to the schema appears as a
// typed column without exporter changes.
func TestXLSXSchemaProperty(t *testing.T) {
	doc := strings.Replace(string(schema.JSON()),
		`"name": {"title": "Name",`,
		`"salience": {"title": "Salience", "description": "How central the entity is.", "type": "number"},
          "name": {"title": "Name",`, 1)
	rec := strings.Replace(typedRecord, `"name": "Ann",`, `"name": "Ann", "salience": 0.75,`, 1)
	path := xlsxExport(t, &xlsxExporter{limits: excelLimits}, datasetOf(t, []byte(doc), rec))
	f := openXLSX(t, path)
	if got, want := cellOf(t, f, "entities", "C1"), `C1 s [bold] "salience"`; got != want {
		t.Errorf("header: got %s, want %s", got, want)
	}
	if got, want := cellOf(t, f, "entities", "C2"), `C2 n [general] "0.75"`; got != want {
		t.Errorf("cell: got %s, want %s", got, want)
	}
}

// TestXLSXCheck opens workbooks with real clients through
// ../shared/tools/xlsx-check (LibreOffice, openpyxl, Excel's rules): the
// sample records, records extracted from seeds/ and from part of the bulk
// corpus, and an empty dataset.
func TestXLSXCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("runs LibreOffice")
	}
	tool := filepath.Join(sharedDir(t, "tools"), "xlsx-check")
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("LibreOffice is missing: apt-get install -y --no-install-recommends python3-openpyxl libreoffice-calc-nogui poppler-utils fonts-crosextra-carlito fonts-dejavu-core fonts-nanum")
	}
	if err := exec.Command("/usr/bin/python3", "-c", "import openpyxl").Run(); err != nil {
		t.Skip("openpyxl is missing: apt-get install -y --no-install-recommends python3-openpyxl libreoffice-calc-nogui poppler-utils fonts-crosextra-carlito fonts-dejavu-core fonts-nanum")
	}
	cases := []struct {
		name string
		ds   func(t *testing.T) *Dataset
	}{
		{"sample records", func(t *testing.T) *Dataset { return testDataset(t) }},
		{"typed cells", func(t *testing.T) *Dataset { return datasetOf(t, nil, typedRecord) }},
		{"no records", func(t *testing.T) *Dataset { return datasetOf(t, nil) }},
		{"long drop-down list", func(t *testing.T) *Dataset { ds, _ := longEnumDataset(t); return ds }},
		{"seeds", func(t *testing.T) *Dataset {
			return extractedDataset(t, []string{filepath.Join(repoRoot(t), "seeds")}, 0)
		}},
		{"bulk corpus sample", func(t *testing.T) *Dataset {
			return extractedDataset(t, []string{filepath.Join(sharedDir(t, "corpus"), "bulk-wikinews", "wikinews-2019-2020.ndjson")}, 60)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := xlsxExport(t, &xlsxExporter{limits: excelLimits}, tc.ds(t))
			out, err := exec.Command(tool, path).CombinedOutput()
			if err != nil {
				t.Errorf("xlsx-check: %v\n%s", err, out)
			}
			if bytes.Contains(out, []byte("WARN")) {
				t.Errorf("xlsx-check warns:\n%s", out)
			}
		})
	}
}

// extractedDataset extracts the documents under paths (the first limit of
// them; 0: all) and returns their records as a dataset.
func extractedDataset(t *testing.T, paths []string, limit int) *Dataset {
	t.Helper()
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var records []string
	err = x.Run(ctx, input.Read(paths, nil), 2, func(r extract.Result) error {
		if r.Err != nil {
			t.Errorf("extract: %v", r.Err)
			return nil
		}
		data, err := extract.Marshal(r.Record)
		if err != nil {
			return err
		}
		records = append(records, string(data))
		if limit > 0 && len(records) == limit {
			cancel()
		}
		return nil
	})
	if err != nil && !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
	if len(records) == 0 {
		t.Fatal("no records extracted")
	}
	slices.SortFunc(records, func(a, b string) int {
		return strings.Compare(recordID(decodeRecord(t, []byte(a))), recordID(decodeRecord(t, []byte(b))))
	})
	return datasetOf(t, nil, records...)
}

// TestSheetPart: a stream-written sheet part, fed to orderedZip in pieces
// of every size, comes out with its rows before </sheetData> and its
// links in their place: after the lists, before the page margins.
func TestSheetPart(t *testing.T) {
	part := `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lt;/sheetData&gt;</t></is></c></row></sheetData>` +
		`<dataValidations count="1"></dataValidations><pageMargins/><tableParts count="1"></tableParts></worksheet>`
	rows := `<row r="2"><c r="A2"><v>1</v></c></row>`
	want := `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lt;/sheetData&gt;</t></is></c></row>` + rows + `</sheetData>` +
		`<dataValidations count="1"></dataValidations><hyperlinks><hyperlink ref="A1" r:id="rIdLink1"/></hyperlinks>` +
		`<pageMargins/><tableParts count="1"></tableParts></worksheet>`
	dir := t.TempDir()
	rowFile, err := os.CreateTemp(dir, "rows")
	if err != nil {
		t.Fatal(err)
	}
	defer rowFile.Close()
	if _, err := rowFile.WriteString(rows); err != nil {
		t.Fatal(err)
	}
	const name = "xl/worksheets/sheet2.xml"
	for _, size := range []int{1, 2, 7, 13, len(part)} {
		var out bytes.Buffer
		z := newOrderedZip(&out, dir, map[string]*sheetData{name: {rows: rowFile, links: []sheetLink{{ref: "A1", target: "https://example.org/?a=1&b=2"}}}})
		for _, p := range []string{"[Content_Types].xml", name} {
			w, err := z.Create(p)
			if err != nil {
				t.Fatal(err)
			}
			for rest := part; rest != "" && p == name; {
				n := min(size, len(rest))
				if _, err := w.Write([]byte(rest[:n])); err != nil {
					t.Fatal(err)
				}
				rest = rest[n:]
			}
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range zr.File {
			names = append(names, f.Name)
			if f.Name != name {
				continue
			}
			rc, _ := f.Open()
			got, _ := io.ReadAll(rc)
			if string(got) != want {
				t.Fatalf("pieces of %d bytes:\ngot  %s\nwant %s", size, got, want)
			}
		}
		if want := []string{"[Content_Types].xml", "xl/worksheets/_rels/sheet2.xml.rels", name}; !slices.Equal(names, want) {
			t.Errorf("parts %v, want %v", names, want)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("spools left behind: %v", entries)
	}
	var rels bytes.Buffer
	lr := &linkedRels{w: &rels, links: []sheetLink{{ref: "A1", target: "https://example.org/?a=1&b=2"}}}
	lr.Write([]byte(`<Relationships xmlns="x"><Relationship Id="rId1"/></Relationships>`))
	if err := lr.finish(); err != nil {
		t.Fatal(err)
	}
	if want := `<Relationship Id="rIdLink1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/?a=1&amp;b=2" TargetMode="External"/></Relationships>`; !strings.HasSuffix(rels.String(), want) {
		t.Errorf("relationships: got %s", rels.String())
	}
}

// TestXLSXColumnOrder: Excel repairs a sheet whose <col> elements are not
// in ascending order, which LibreOffice and openpyxl accept silently.
func TestXLSXColumnOrder(t *testing.T) {
	path := xlsxExport(t, &xlsxExporter{limits: excelLimits}, testDataset(t))
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	colMin := regexp.MustCompile(`<col [^>]*\bmin="([0-9]+)"`)
	sheets := 0
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			continue
		}
		sheets++
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		var mins []int
		for _, m := range colMin.FindAllSubmatch(data, -1) {
			n, _ := strconv.Atoi(string(m[1]))
			mins = append(mins, n)
		}
		if len(mins) == 0 || !slices.IsSorted(mins) {
			t.Errorf("%s: columns in the order %v, want ascending", f.Name, mins)
		}
	}
	if sheets != 8 {
		t.Errorf("%d sheet parts, want 8", sheets)
	}
}

// aboutRows reads the About sheet of the workbook at path.
func aboutRows(t *testing.T, path string) [][]string {
	t.Helper()
	f := openXLSX(t, path)
	rows, err := f.GetRows(aboutSheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// aboutValue is the value beside label in the About sheet's facts.
func aboutValue(rows [][]string, label string) string {
	for _, r := range rows {
		if len(r) > 1 && r[0] == label {
			return r[1]
		}
	}
	return ""
}

// TestXLSXAbout: the About sheet gives the schema, version, record count,
// sources (at most maxAboutSources, then a pointer to the documents
// sheet) and each sheet's row count.
func TestXLSXAbout(t *testing.T) {
	var recs []string
	for i := range maxAboutSources + 5 {
		recs = append(recs, strings.Replace(paragraphRecord(fmt.Sprintf("doc%02d", i), "text"), `"path": "x.txt"`, fmt.Sprintf(`"path": "in/%02d.txt"`, i), 1))
	}
	rows := aboutRows(t, xlsxExport(t, &xlsxExporter{limits: excelLimits}, datasetOf(t, nil, recs...)))
	for label, want := range map[string]string{
		"Schema":         schema.ID,
		"Schema version": "1.0",
		"Records":        strconv.Itoa(len(recs)),
		"Sources":        "in/00.txt",
		"Last review":    "no record has been reviewed yet",
	} {
		if got := aboutValue(rows, label); got != want {
			t.Errorf("%s: got %q, want %q", label, got, want)
		}
	}
	var sources []string
	sheetRows := map[string]string{}
	for i, r := range rows {
		if len(r) > 1 && r[0] == "Sources" {
			for _, s := range rows[i:] {
				if len(s) < 2 || s[0] != "" && s[0] != "Sources" {
					break
				}
				sources = append(sources, s[1])
			}
		}
		if len(r) > 1 && (r[0] == "paragraphs" || r[0] == "mentions") && sheetRows[r[0]] == "" {
			sheetRows[r[0]] = r[1]
		}
	}
	if len(sources) != maxAboutSources+1 || !strings.HasPrefix(sources[maxAboutSources], "... and more") {
		t.Errorf("sources: got %q, want %d paths and a pointer to the rest", sources, maxAboutSources)
	}
	if sheetRows["paragraphs"] != strconv.Itoa(len(recs)) || sheetRows["mentions"] != "0" {
		t.Errorf("sheet rows: got %v, want paragraphs %d and mentions 0", sheetRows, len(recs))
	}
}

// TestXLSXLongEnum: an enum whose values do not fit an inline list (255
// characters) gets its drop-down from the cells of the About sheet that
// list them.
func TestXLSXLongEnum(t *testing.T) {
	ds, values := longEnumDataset(t)
	path := xlsxExport(t, &xlsxExporter{limits: excelLimits}, ds)
	f := openXLSX(t, path)
	dvs, err := f.GetDataValidations("entities")
	if err != nil {
		t.Fatal(err)
	}
	var formula string
	for _, dv := range dvs {
		if dv.Sqref == "C2:C2" {
			formula = dv.Formula1
		}
	}
	m := regexp.MustCompile(`^'About'!\$F\$([0-9]+):\$([A-Z]+)\$([0-9]+)$`).FindStringSubmatch(formula)
	if m == nil {
		t.Fatalf("entities!C2 list: got %q, want a range of the About sheet", formula)
	}
	for i, v := range values {
		col, _ := excelize.ColumnNumberToName(6 + i)
		if got, _ := f.GetCellValue(aboutSheet, col+m[1]); got != v {
			t.Errorf("About!%s%s: got %q, want %q", col, m[1], got, v)
		}
	}
}

// longEnumDataset is typedRecord under a schema whose entities have a
// category of 40 values, too many for an inline list.
func longEnumDataset(t testing.TB) (*Dataset, []string) {
	var values []string
	for i := range 40 {
		values = append(values, fmt.Sprintf("category-number-%02d", i))
	}
	enum, _ := json.Marshal(values)
	doc := strings.Replace(string(schema.JSON()),
		`"name": {"title": "Name",`,
		`"category": {"title": "Category", "type": "string", "enum": `+string(enum)+`},
          "name": {"title": "Name",`, 1)
	rec := strings.Replace(typedRecord, `"name": "Ann",`, `"name": "Ann", "category": "category-number-07",`, 1)
	return datasetOf(t, []byte(doc), rec), values
}

// TestXLSXCancel: a cancelled export writes nothing.
func TestXLSXCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	if err := (&xlsxExporter{limits: excelLimits}).Export(ctx, testDataset(t), dir); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a cancelled export left %v", entries)
	}
}

// TestXLSXLongURL: a long web address stays one clickable line; it does
// not wrap or make its row tall.
func TestXLSXLongURL(t *testing.T) {
	url := "https://example.org/" + strings.Repeat("long-path/", 10)
	f := openXLSX(t, xlsxExport(t, &xlsxExporter{limits: excelLimits}, datasetOf(t, nil, urlRecord("a", url))))
	if got, want := cellOf(t, f, "documents", "H2"), fmt.Sprintf(`H2 s [@ link] %q link %s`, url, url); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if h, err := f.GetRowHeight("documents", 2); err != nil || h != 15 {
		t.Errorf("row 2 is %v points tall (err %v), want the default 15", h, err)
	}
	if w, err := f.GetColWidth("documents", "H"); err != nil || w != maxColWidth {
		t.Errorf("column H is %v wide (err %v), want the cap %d", w, err, maxColWidth)
	}
}
