package exporters

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/docset/docset/internal/atomicfile"
	"github.com/docset/docset/schema"
)

// xlsxExporter writes the dataset as one Excel workbook, dataset.xlsx: an
// About sheet that explains it, then one sheet per layout table.
//
// Every table sheet has a bold, frozen header row with the column's
// description as a note, and is an Excel Table named after the table (a
// Table rather than a sheet autofilter: it gives the same filter buttons
// plus banded rows, grows as a reviewer adds rows, and lets formulas say
// documents[id]; the two must not cover the same range). Cells are typed
// by the column's schema type and format: numbers, whole numbers, dates
// and date-times with a date format, booleans, and text (ids and digit
// strings stay text). Enum columns get a drop-down list; web addresses are
// clickable. Columns are as wide as their content, up to a cap beyond
// which text wraps.
//
// The sheets are written after a first, measuring pass over the records
// (column widths must precede the rows): excelize's StreamWriter writes
// each sheet's frame and header, the rows go to a spool file per sheet as
// SpreadsheetML (appendRow, the bytes StreamWriter writes, on a goroutine
// per sheet), and orderedZip joins them as the workbook is saved,
// compressing the sheets side by side. Memory stays flat whatever the row
// count. The measuring pass also enforces
// Excel's limits before anything is written: a table over 1,048,575 rows
// or a text over 32,767 characters is an error (ErrExcelLimit) naming the
// table, column and record; nothing is cut short. Past 65,530 web addresses
// in a sheet, the rest are plain text, as the About sheet says.
//
// The output is byte-identical for identical input: the document dates are
// the newest review time in the records (or the Unix epoch) and the zip
// parts are written in a fixed order (see orderedZip).
type xlsxExporter struct {
	limits limits
}

func newXLSX(Options) Exporter { return &xlsxExporter{limits: excelLimits} }

// xlsxOutput is the workbook's path relative to the output directory.
const xlsxOutput = "dataset.xlsx"

// Export writes DIR/dataset.xlsx atomically.
func (x *xlsxExporter) Export(ctx context.Context, ds *Dataset, dir string) error {
	return exportDataset(ctx, x, ds, dir)
}

// Plan prepares the workbook export of datasets shaped like ds (see
// xlsxPlan for a record's part).
func (x *xlsxExporter) Plan(ds *Dataset) (Plan, error) {
	p, err := x.plan(ds)
	if err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	return p, nil
}

// WriteParts measures the parts, then writes DIR/dataset.xlsx atomically.
func (p *xlsxPlan) WriteParts(ctx context.Context, parts Parts, dir string) error {
	plan, err := p.measure(ctx, parts)
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	path := filepath.Join(dir, xlsxOutput)
	err = atomicfile.WriteFunc(path, atomicfile.Options{}, func(w io.Writer) error {
		return p.write(ctx, parts, plan, w, dir)
	})
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

// write builds the workbook and saves it to w; spoolDir holds the
// temporary files excelize and orderedZip need.
func (p *xlsxPlan) write(ctx context.Context, parts Parts, plan *workbookPlan, w io.Writer, spoolDir string) (err error) {
	ds := p.ds
	f := excelize.NewFile(excelize.Options{TmpDir: spoolDir})
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", aboutSheet); err != nil {
		return err
	}
	sheets := make([]*sheetWriter, len(plan.sheets))
	for _, sp := range plan.sheets {
		if _, err := f.NewSheet(sp.table.Name); err != nil {
			return fmt.Errorf("sheet %s: %w", sp.table.Name, err)
		}
	}
	// The About sheet comes first so the drop-down lists can refer to the
	// allowed values it lists.
	refs, err := writeAbout(f, ds, plan, st, p.x.limits)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", aboutSheet, err)
	}
	defer func() {
		for _, sw := range sheets {
			if sw != nil {
				sw.rowFile.Close()
				os.Remove(sw.rowFile.Name())
			}
		}
	}()
	for i, sp := range plan.sheets {
		if sheets[i], err = newSheetWriter(f, sp, st, p.x.limits, refs, spoolDir); err != nil {
			return fmt.Errorf("sheet %s: %w", sp.table.Name, err)
		}
	}
	if err := writeRows(ctx, parts, sheets); err != nil {
		return err
	}
	for _, sw := range sheets {
		if err := sw.finish(); err != nil {
			return fmt.Errorf("sheet %s: %w", sw.table.Name, err)
		}
	}
	// The About sheet opens first: it is the template's first sheet,
	// selected, and the workbook's active tab is 0. SetActiveSheet would
	// say so again at a high price: it parses back every stream-written
	// sheet still in excelize's buffer (hundreds of MB for a large
	// dataset), only for the result to be thrown away on saving.
	if err := setDocProps(f, ds.Layout, plan); err != nil {
		return err
	}
	data := map[string]*sheetData{}
	for _, sw := range sheets {
		data[sw.part] = &sheetData{rows: sw.rowFile, links: sw.links}
	}
	// Everything goes through orderedZip to w; excelize's own buffer stays
	// empty.
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return newOrderedZip(w, spoolDir, data) })
	return f.Write(io.Discard)
}

// rowBatch is how many bytes of encoded rows go to a sheet at a time.
const rowBatch = 256 << 10

// writeRows writes the rows of every part, each sheet on a goroutine of
// its own: a StreamWriter touches only its sheet, and turning cells into
// XML is most of the workbook's cost. Rows reach each sheet in dataset
// order, in batches.
func writeRows(ctx context.Context, parts Parts, sheets []*sheetWriter) error {
	queues := make([]chan []byte, len(sheets))
	errs := make([]error, len(sheets))
	var wg sync.WaitGroup
	for i, sw := range sheets {
		q := make(chan []byte, 2)
		queues[i] = q
		wg.Go(func() {
			for rows := range q {
				if errs[i] == nil {
					errs[i] = sw.writeRows(rows)
				}
			}
		})
	}
	pending := make([][]byte, len(sheets))
	err := parts(func(part []byte) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		_, part, err := nextSection(part) // the record's notes
		if err != nil {
			return err
		}
		for i := range sheets {
			var rows []byte
			if rows, part, err = nextSection(part); err != nil {
				return err
			}
			if _, part, err = nextSection(part); err != nil { // the measure
				return err
			}
			pending[i] = append(pending[i], rows...)
			if len(pending[i]) >= rowBatch {
				queues[i] <- pending[i]
				pending[i] = make([]byte, 0, rowBatch+rowBatch/4)
			}
		}
		return nil
	})
	for i, q := range queues {
		if err == nil && len(pending[i]) > 0 {
			q <- pending[i]
		}
		close(q)
	}
	wg.Wait()
	if err != nil {
		return err
	}
	for i, e := range errs {
		if e != nil {
			return fmt.Errorf("sheet %s: %w", sheets[i].table.Name, e)
		}
	}
	return nil
}

// writeRows writes rows of cells encoded by appendCell.
func (w *sheetWriter) writeRows(b []byte) error {
	row := make([]any, len(w.table.Columns))
	for len(b) > 0 {
		for i := range row {
			var err error
			if row[i], b, err = readCell(b); err != nil {
				return err
			}
		}
		if err := w.writeRow(row); err != nil {
			return err
		}
	}
	return nil
}

func setDocProps(f *excelize.File, l *schema.Layout, plan *workbookPlan) error {
	when := time.Unix(0, 0).UTC()
	if !plan.newest.IsZero() {
		when = plan.newest
	}
	stamp := when.Format(time.RFC3339)
	return f.SetDocProps(&excelize.DocProperties{
		Title:          l.Title,
		Subject:        "Dataset exported by docset",
		Identifier:     l.SchemaID,
		Creator:        "docset",
		LastModifiedBy: "docset",
		Created:        stamp,
		Modified:       stamp,
	})
}

// xlsxStyles are the cell styles of the workbook, registered once.
type xlsxStyles struct {
	header   int
	kind     [numKinds]int
	wrap     int
	title    int
	label    int
	value    int
	wrapText int
}

func newXLSXStyles(f *excelize.File) (*xlsxStyles, error) {
	top := &excelize.Alignment{Vertical: "top"}
	dateFmt, dateTimeFmt := "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"
	// Fonts name Calibri 11, the workbook's default, so bold text does not
	// fall back to another family in readers that lack a theme font.
	font := func(bold bool, size float64, color, underline string) *excelize.Font {
		return &excelize.Font{Family: "Calibri", Size: size, Bold: bold, Color: color, Underline: underline}
	}
	st := &xlsxStyles{}
	specs := []struct {
		id    *int
		style excelize.Style
	}{
		{&st.header, excelize.Style{Font: font(true, 11, "", ""), Alignment: top,
			Border: []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}}},
		// Text columns are formatted as text (@) so what a reviewer types,
		// "007" included, stays text.
		{&st.kind[kindText], excelize.Style{NumFmt: 49, Alignment: top}},
		{&st.wrap, excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&st.kind[kindInteger], excelize.Style{NumFmt: 1, Alignment: top}},
		{&st.kind[kindNumber], excelize.Style{Alignment: top}},
		{&st.kind[kindBool], excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}}},
		{&st.kind[kindDate], excelize.Style{CustomNumFmt: &dateFmt, Alignment: top}},
		{&st.kind[kindDateTime], excelize.Style{CustomNumFmt: &dateTimeFmt, Alignment: top}},
		{&st.kind[kindURL], excelize.Style{NumFmt: 49, Alignment: top, Font: font(false, 11, "0563C1", "single")}},
		{&st.title, excelize.Style{Font: font(true, 14, "", "")}},
		{&st.label, excelize.Style{Font: font(true, 11, "", ""), Alignment: top}},
		// A fact's value, text or number, reads from the left.
		{&st.value, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}}},
		{&st.wrapText, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
	}
	for _, s := range specs {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return nil, fmt.Errorf("style: %w", err)
		}
		*s.id = id
	}
	return st, nil
}

// sheetWriter streams one table's rows into its sheet.
type sheetWriter struct {
	*sheetPlan
	f      *excelize.File
	sw     *excelize.StreamWriter
	st     *xlsxStyles
	limits limits
	// row is the sheet row last written (1 is the header).
	row int
	// cells and fallback are reused for every row: cells[i] is the value
	// written, or a pointer into fallback for a value that needs a style
	// other than its column's (text in a typed column, a link past the
	// link limit).
	cells    []any
	fallback []excelize.Cell
	// cellKinds are the kinds of the row's cells as written; colStyles
	// the columns' styles (0: none).
	cellKinds []cellKind
	colStyles []int
	// links are the sheet's hyperlinks, added as the workbook is saved;
	// part is the sheet's part name in the package.
	links []sheetLink
	// rowFile holds the sheet's rows below the header, as SpreadsheetML
	// (appendRow), until the workbook is saved: excelize writes the sheet
	// around them.
	rowFile  *os.File
	rowsW    *bufio.Writer
	rowXML   []byte
	part     string
	lastCol  string
	colNames []string
	enumRefs enumRefs
}

func newSheetWriter(f *excelize.File, sp *sheetPlan, st *xlsxStyles, lim limits, refs enumRefs, spoolDir string) (*sheetWriter, error) {
	w := &sheetWriter{
		sheetPlan: sp,
		f:         f,
		st:        st,
		limits:    lim,
		enumRefs:  refs,
		cells:     make([]any, len(sp.table.Columns)),
		cellKinds: make([]cellKind, len(sp.table.Columns)),
		fallback:  make([]excelize.Cell, len(sp.table.Columns)),
		colStyles: make([]int, len(sp.table.Columns)),
	}
	for i := range sp.table.Columns {
		name, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return nil, err
		}
		w.colNames = append(w.colNames, name)
	}
	w.lastCol = w.colNames[len(w.colNames)-1]
	name := sp.table.Name
	// The dimension is written with the sheet's first bytes, so it is set
	// from the measured row count now; readers such as openpyxl's read-only
	// mode trust it.
	if err := f.SetSheetDimension(name, "A1:"+w.lastCol+strconv.Itoa(sp.rows+1)); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	w.sw = sw
	// excelize names a new sheet's part after its sheet id (NewSheet).
	w.part = "xl/worksheets/sheet" + strconv.Itoa(sw.SheetID) + ".xml"
	// excelize puts each column set in front of those set before, and
	// Excel wants them in ascending order (it "repairs" the file
	// otherwise): so the last column goes first.
	for i := len(sp.table.Columns) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, sp.colWidth(i)); err != nil {
			return nil, err
		}
		w.colStyles[i] = w.columnStyle(i)
		if w.colStyles[i] == 0 {
			continue
		}
		if err := sw.SetColStyle(i+1, i+1, w.colStyles[i]); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return nil, err
	}
	header := make([]any, len(sp.table.Columns))
	for i, c := range sp.table.Columns {
		header[i] = excelize.Cell{StyleID: st.header, Value: c.Name}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return nil, err
	}
	w.row = 1
	if w.rowFile, err = os.CreateTemp(spoolDir, ".xlsx-rows-*"); err != nil {
		return nil, fmt.Errorf("spool the rows: %w", err)
	}
	w.rowsW = bufio.NewWriterSize(w.rowFile, 256<<10)
	if err := w.addNotes(); err != nil {
		return nil, err
	}
	return w, nil
}

// columnStyle is the style column i's cells get unless a cell needs
// another: 0 (the default) where the value alone shows right, so most
// cells carry no style attribute: the sheet XML, and the time to compress
// it, stay close to a bare StreamWriter's.
func (w *sheetWriter) columnStyle(i int) int {
	switch {
	case w.kinds[i] == kindText && w.wrap[i]:
		return w.st.wrap
	case w.kinds[i] == kindDate, w.kinds[i] == kindDateTime, w.kinds[i] == kindURL:
		return w.st.kind[w.kinds[i]]
	case w.kinds[i] == kindInteger && w.width[i] > generalDigits:
		// General shows a whole number of more digits in E notation.
		return w.st.kind[kindInteger]
	}
	return 0
}

// generalDigits is how many characters the General format shows before
// it turns to E notation.
const generalDigits = 11

// writeRow is a schema.Table.Rows callback.
func (w *sheetWriter) writeRow(row []any) error {
	w.row++
	lines := 1
	for i, v := range row {
		if v == nil {
			w.cells[i] = nil
			continue
		}
		val, kind := excelValue(w.kinds[i], v)
		w.cellKinds[i] = kind
		switch {
		case kind == kindURL && w.linkCell(i, val.(string)):
			w.cells[i] = val
		case kind == kindURL, kind != w.kinds[i]:
			// Not a web address, past the link limit, or a value that does
			// not fit the column's type: plain text.
			w.cellKinds[i] = kindText
			w.fallback[i] = excelize.Cell{StyleID: w.st.kind[kindText], Value: val}
			w.cells[i] = &w.fallback[i]
		default:
			w.cells[i] = val
		}
		if s, ok := val.(string); ok && w.wrap[i] {
			lines = max(lines, wrappedLines(s, w.colWidth(i)))
		}
	}
	if lines == 1 {
		return w.writeCells(0)
	}
	// In a row made tall by wrapped text, every cell is aligned to the
	// top, next to the text's first line.
	for i, c := range w.cells {
		if _, styled := c.(*excelize.Cell); c == nil || styled || w.colStyles[i] != 0 {
			continue
		}
		w.fallback[i] = excelize.Cell{StyleID: w.st.kind[w.cellKinds[i]], Value: c}
		w.cells[i] = &w.fallback[i]
	}
	// Readers do not fit row heights to wrapped text on opening
	// (LibreOffice keeps the default height and the lines overlap), so the
	// row is given the height its longest cell needs.
	return w.writeCells(rowHeight(lines))
}

// writeCells writes the row of w.cells, of the given height (0: the
// default).
func (w *sheetWriter) writeCells(height float64) error {
	w.rowXML = appendRow(w.rowXML[:0], w.row, w.cells, w.colNames, w.colStyles, height)
	_, err := w.rowsW.Write(w.rowXML)
	return err
}

// Row heights in points for the default font, and Excel's maximum.
const (
	lineHeight   = 15
	maxRowHeight = 409
)

func rowHeight(lines int) float64 {
	return float64(min(lines*lineHeight+2, maxRowHeight))
}

// wrappedLines estimates how many lines s takes wrapped in a column width
// characters wide. Widths count digits, and average text in the default
// font is narrower (about 1.15 characters a digit, as LibreOffice renders
// news text); 1.1 leaves room for words wrapping whole.
func wrappedLines(s string, width float64) int {
	capacity := max(int(width*1.1)-2, 1)
	n := 0
	for line := range strings.SplitSeq(s, "\n") {
		n += max(1, (displayWidth(line)+capacity-1)/capacity)
	}
	return n
}

// linkCell makes the cell in column i of the current row a hyperlink to
// s, unless the sheet holds as many as Excel keeps or s is not a web
// address.
func (w *sheetWriter) linkCell(i int, s string) bool {
	if len(w.links) >= w.limits.links || !linkable(s) {
		return false
	}
	w.links = append(w.links, sheetLink{ref: w.colNames[i] + strconv.Itoa(w.row), target: s})
	return true
}

// addNotes puts each column's title and description in a note on its
// header cell.
func (w *sheetWriter) addNotes() error {
	for i, c := range w.table.Columns {
		text := columnNote(c)
		lines := 2
		for line := range strings.SplitSeq(text, "\n") {
			lines += 1 + len(line)/44
		}
		err := w.f.AddComment(w.table.Name, excelize.Comment{
			Author: "docset",
			Cell:   w.colNames[i] + "1",
			Width:  300,
			Height: uint(min(lines*15, 300)),
			Paragraph: []excelize.RichTextRun{
				{Text: columnTitle(c) + "\n", Font: &excelize.Font{Bold: true}},
				{Text: text},
			},
		})
		if err != nil {
			return fmt.Errorf("note on %s: %w", c.Name, err)
		}
	}
	return nil
}

// columnNote is what a reviewer needs to know of a column: its meaning,
// type and allowed values.
func columnNote(c *schema.Column) string {
	var b strings.Builder
	b.WriteString(c.Description)
	if b.Len() > 0 {
		b.WriteString("\n")
	}
	b.WriteString("Type: " + columnTypeText(c))
	return b.String()
}

// columnTypeText describes how a column's cells are typed.
func columnTypeText(c *schema.Column) string {
	var s string
	switch columnKind(c) {
	case kindInteger:
		s = "whole number"
	case kindNumber:
		s = "number"
	case kindBool:
		s = "TRUE/FALSE"
	case kindDate:
		s = "date (yyyy-mm-dd)"
	case kindDateTime:
		s = "date and time in UTC (yyyy-mm-dd hh:mm:ss)"
	case kindURL:
		s = "web address"
	default:
		s = "text"
	}
	if c.Join != "" {
		s += fmt.Sprintf(", a list joined by %q", c.Join)
	}
	if len(c.Enum) > 0 {
		s += ", one of: " + strings.Join(c.Enum, ", ")
	}
	if c.Ref != "" {
		s += ", the id of a row of " + c.Ref
	}
	if c.Nullable || !c.Required {
		s += "; may be empty"
	}
	return s
}

// columnTitle is the column's title, or its name when it has none.
func columnTitle(c *schema.Column) string {
	if c.Title != "" {
		return c.Title
	}
	return c.Name
}

// finish adds the Excel Table and the drop-down lists over the rows
// written, and ends the sheet.
func (w *sheetWriter) finish() error {
	if w.row-1 != w.rows {
		return fmt.Errorf("the records changed between passes: measured %d rows, wrote %d", w.rows, w.row-1)
	}
	// A table needs a row below its header; an empty sheet's table covers
	// one empty row.
	last := max(w.row, 2)
	showStripes := true
	err := w.sw.AddTable(&excelize.Table{
		Range:          "A1:" + w.lastCol + strconv.Itoa(last),
		Name:           w.table.Name,
		StyleName:      "TableStyleLight1",
		ShowRowStripes: &showStripes,
	})
	if err != nil {
		return fmt.Errorf("excel table: %w", err)
	}
	for i, c := range w.table.Columns {
		if len(c.Enum) == 0 {
			continue
		}
		dv := excelize.NewDataValidation(c.Nullable || !c.Required)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", w.colNames[i], w.colNames[i], last)
		if err := dv.SetDropList(c.Enum); errors.Is(err, excelize.ErrDataValidationFormulaLength) {
			dv.SetSqrefDropList(w.enumRefs[w.table.Name+"."+c.Name])
		} else if err != nil {
			return fmt.Errorf("drop-down list for %s: %w", c.Name, err)
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, columnTitle(c),
			"Pick one of the listed values: "+strings.Join(c.Enum, ", "))
		if err := w.f.AddDataValidation(w.table.Name, dv); err != nil {
			return fmt.Errorf("drop-down list for %s: %w", c.Name, err)
		}
	}
	if err := w.rowsW.Flush(); err != nil {
		return fmt.Errorf("spool the rows: %w", err)
	}
	return w.sw.Flush()
}
