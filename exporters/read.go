package exporters

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/docset/docset/schema"
)

// Tables is a dataset read back from an export: the rows of every layout
// table the source holds, cells as text in the layout's columns, ready for
// schema.Layout.Merge.
type Tables struct {
	// Source names what was read (the workbook, the CSV folder).
	Source string
	// Dir is the export folder the source lies in, and Files the files
	// read, as slash paths relative to it (as the export's output
	// manifest names them).
	Dir    string
	Files  []string
	Tables []*ReadTable
	// Notes are things a person should know that do not stop the read:
	// an extra column ignored, a column or table missing and so kept.
	Notes []string
}

// ReadTable is one table read back.
type ReadTable struct {
	Table *schema.Table
	// Place names where the rows are, for messages: "out/dataset.xlsx,
	// sheet entities", "out/csv/entities.csv".
	Place string
	// Given marks the layout columns the source has.
	Given []bool
	// Rows hold one cell per layout column: nil for an empty cell or a
	// column the source lacks, else the cell's text.
	Rows []schema.SourceRow
}

// ReadXLSX reads a workbook written by the XLSX exporter (and corrected by
// a person) back into the tables of l. Sheets are found by table name and
// columns by their header, so reordered columns still read; a sheet or
// column that is missing is noted and its values are left to the records.
// Typed cells come back as the text the records hold: numbers as written
// by Excel, booleans as true/false, dates and date-times (stored as serial
// numbers) as ISO 8601 (date-times in UTC, as the workbook shows them).
func ReadXLSX(path string, l *schema.Layout) (*Tables, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		if errors.Is(err, zip.ErrFormat) {
			return nil, fmt.Errorf("read %s: not an .xlsx workbook (%w); save it from the spreadsheet program as Excel 2007-365 (.xlsx)", filepath.ToSlash(path), err)
		}
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	props, err := f.GetWorkbookProps()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	date1904 := props.Date1904 != nil && *props.Date1904
	out := &Tables{Source: filepath.ToSlash(path), Dir: filepath.Dir(path), Files: []string{filepath.Base(path)}}
	sheets := map[string]bool{}
	for _, s := range f.GetSheetList() {
		sheets[s] = true
	}
	for _, t := range l.Tables {
		if !sheets[t.Name] {
			out.Notes = append(out.Notes, fmt.Sprintf("%s has no sheet %s; its values are kept as the records hold them", out.Source, t.Name))
			continue
		}
		rows, err := f.GetRows(t.Name, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("read %s: sheet %s: %w", path, t.Name, err)
		}
		rt, err := readGrid(out, t, out.Source+", sheet "+t.Name, rows, nil, func(c *schema.Column, s string) string {
			return fromExcel(c, s, date1904)
		})
		if err != nil {
			return nil, err
		}
		out.Tables = append(out.Tables, rt)
	}
	return out, nil
}

// fromExcel turns a raw cell value into the text a record holds.
func fromExcel(c *schema.Column, s string, date1904 bool) string {
	switch {
	case c.Type == "boolean":
		switch s {
		case "1":
			return "true"
		case "0":
			return "false"
		}
	case c.Format == "date" || c.Format == "date-time":
		serial, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(serial, 0) || serial < 0 {
			return s // typed as text: left for validation to judge
		}
		t, err := excelize.ExcelDateToTime(serial, date1904)
		if err != nil {
			return s
		}
		if c.Format == "date" {
			return t.Format(time.DateOnly)
		}
		return t.UTC().Round(time.Millisecond).Format(time.RFC3339Nano)
	}
	return s
}

// csvPackage is what ReadCSV needs of datapackage.json.
type csvPackage struct {
	Description string `json:"description"`
}

// ReadCSV reads the CSV files of an export (dir holds csv/<table>.csv, or
// is that csv folder) back into the tables of l. A UTF-8 byte order mark is
// skipped. Unless datapackage.json says the export was written with --raw,
// the one apostrophe the exporter puts before formula-like text is
// removed; without datapackage.json the default (neutralized) is assumed
// and noted. A CSV field cannot tell an empty text from null: both read as
// an empty cell.
func ReadCSV(dir string, l *schema.Layout) (*Tables, error) {
	root, tables := dir, filepath.Join(dir, csvDir)
	if st, err := os.Stat(tables); err != nil || !st.IsDir() {
		root, tables = filepath.Dir(dir), dir
	}
	out := &Tables{Source: filepath.ToSlash(tables), Dir: root}
	raw := false
	data, err := os.ReadFile(filepath.Join(root, DataPackageFile))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		out.Notes = append(out.Notes, fmt.Sprintf("no %s beside %s: reading the CSV files as exported without --raw (a leading apostrophe before =, +, -, @ is dropped)", DataPackageFile, out.Source))
	case err != nil:
		return nil, fmt.Errorf("read %s: %w", DataPackageFile, err)
	default:
		var p csvPackage
		if err := json.Unmarshal(data, &p); err != nil {
			return nil, fmt.Errorf("read %s: %w", filepath.ToSlash(filepath.Join(root, DataPackageFile)), err)
		}
		raw = !strings.Contains(p.Description, neutralizedNote)
	}
	for _, t := range l.Tables {
		path := filepath.Join(tables, t.Name+".csv")
		place := filepath.ToSlash(path)
		rows, lines, err := readCSVFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			out.Notes = append(out.Notes, fmt.Sprintf("%s is missing; its values are kept as the records hold them", place))
			continue
		}
		if err != nil {
			return nil, err
		}
		rt, err := readGrid(out, t, place, rows, lines, func(c *schema.Column, s string) string {
			if !raw && c.Type == "string" && len(s) > 1 && s[0] == '\'' && formulaLike(s[1:]) {
				return s[1:]
			}
			return s
		})
		if err != nil {
			return nil, err
		}
		out.Tables = append(out.Tables, rt)
		out.Files = append(out.Files, csvDir+"/"+t.Name+".csv")
	}
	if len(out.Tables) == 0 {
		// Every table missing is a wrong folder, not a review to merge.
		return nil, fmt.Errorf("%s: none of the exported CSV files (%s.csv, ...) is here; give the export folder (holding csv/) or its csv folder", out.Source, l.Tables[0].Name)
	}
	return out, nil
}

// neutralizedNote is the words of the Data Package description that say
// formula-like cells carry an apostrophe (see packageDescription).
const neutralizedNote = "leading apostrophe (')"

// readCSVFile reads every record of a CSV file and the line each starts on.
func readCSVFile(path string) ([][]string, []int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	if !utf8.Valid(data) {
		bad := 0
		for bad < len(data) {
			r, size := utf8.DecodeRune(data[bad:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			bad += size
		}
		return nil, nil, fmt.Errorf("read %s:%d: not UTF-8 (byte 0x%02x); save the file as CSV UTF-8", filepath.ToSlash(path), 1+bytes.Count(data[:bad], []byte("\n")), data[bad])
	}
	rows, lines, err := parseCSV(data)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s:%w", filepath.ToSlash(path), err)
	}
	return rows, lines, nil
}

// parseCSV reads RFC 4180 records and the line each starts on. It keeps
// a quoted field's bytes as written: encoding/csv turns CRLF inside a
// field into LF, which would read a cell back changed. A UTF-8 byte order
// mark is skipped; a record ends at LF or CRLF outside quotes.
func parseCSV(data []byte) ([][]string, []int, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	var rows [][]string
	var lines []int
	line := 1
	for len(data) > 0 {
		var row []string
		start := line
		for {
			var field []byte
			if len(data) > 0 && data[0] == '"' {
				qline, qcol := line, 1
				data = data[1:]
				for {
					i := bytes.IndexByte(data, '"')
					if i < 0 {
						return nil, nil, fmt.Errorf("%d:%d: a quoted field is never closed; close it with \"", qline, qcol)
					}
					line += bytes.Count(data[:i], []byte("\n"))
					field = append(field, data[:i]...)
					data = data[i+1:]
					if len(data) > 0 && data[0] == '"' {
						field = append(field, '"')
						data = data[1:]
						continue
					}
					break
				}
				if len(data) > 0 && data[0] != ',' && data[0] != '\n' && !bytes.HasPrefix(data, []byte("\r\n")) {
					return nil, nil, fmt.Errorf("%d: text after a closing quote; double a quote inside a quoted field (\"\")", line)
				}
			} else {
				i := bytes.IndexAny(data, ",\n")
				if i < 0 {
					i = len(data)
				}
				field = data[:i]
				if i < len(data) && data[i] == '\n' && i > 0 && data[i-1] == '\r' {
					field = data[:i-1]
				}
				data = data[len(field):]
			}
			row = append(row, string(field))
			if len(data) > 0 && data[0] == ',' {
				data = data[1:]
				continue
			}
			data = bytes.TrimPrefix(data, []byte("\r"))
			if len(data) > 0 && data[0] == '\n' {
				data = data[1:]
				line++
			}
			break
		}
		rows = append(rows, row)
		lines = append(lines, start)
	}
	return rows, lines, nil
}

// readGrid maps a grid of text (header row first) onto t's columns. lines
// gives each grid row's line number (nil: its row number).
func readGrid(out *Tables, t *schema.Table, place string, grid [][]string, lines []int, conv func(*schema.Column, string) string) (*ReadTable, error) {
	rt := &ReadTable{Table: t, Place: place, Given: make([]bool, len(t.Columns))}
	if len(grid) == 0 {
		return nil, fmt.Errorf("%s: no header row; restore the row of column names", place)
	}
	index := make([]int, len(grid[0])) // grid column -> layout column, or -1
	for i, name := range grid[0] {
		index[i] = -1
		name = strings.TrimSpace(name)
		for j, c := range t.Columns {
			if c.Name == name {
				if rt.Given[j] {
					return nil, fmt.Errorf("%s: column %s appears twice in the header; keep one", place, name)
				}
				index[i], rt.Given[j] = j, true
			}
		}
		if index[i] < 0 && name != "" {
			out.Notes = append(out.Notes, fmt.Sprintf("%s: column %q is not a column of the table; ignored", place, name))
		}
	}
	for j, c := range t.Columns {
		if !rt.Given[j] {
			out.Notes = append(out.Notes, fmt.Sprintf("%s has no column %s; its values are kept as the records hold them", place, c.Name))
		}
	}
	for r, row := range grid[1:] {
		line := r + 2
		if lines != nil {
			line = lines[r+1]
		}
		cells := make([]any, len(t.Columns))
		empty := true
		for i, s := range row {
			if i >= len(index) || index[i] < 0 || s == "" {
				continue
			}
			cells[index[i]] = conv(t.Columns[index[i]], s)
			empty = false
		}
		// A row a person emptied (rather than deleted) is no row.
		if !empty {
			rt.Rows = append(rt.Rows, schema.SourceRow{Line: line, Cells: cells})
		}
	}
	return rt, nil
}
