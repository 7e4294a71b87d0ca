package exporters

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/docset/docset/internal/problems"
	"github.com/docset/docset/internal/xlsxread"
	"github.com/docset/docset/schema"
)

// ReadXLSX reads a workbook written by the XLSX exporter (and corrected by
// a person) back into the tables of l, passing each row to emit as it is
// read. Sheets are found by table name and columns by their header (row
// 1), so reordered columns still read; a sheet or column that is missing
// is noted and its values are left to the records. Typed cells come back
// as the text the records hold: numbers as written by Excel, booleans as
// true/false, dates and date-times (stored as serial numbers) as ISO 8601
// (date-times in UTC, as the workbook shows them).
//
// The workbook is read within Excel's limits (xlsxread.DefaultLimits) and
// whole or not at all: a damaged part is an error, and so is a workbook
// with none of the layout's sheets. A formula or an error value in a cell
// of a table column is a *SourceError naming each such cell: its value is
// whatever the program that saved it computed, not what a person typed.
func ReadXLSX(path string, l *schema.Layout, emit RowFunc) (*Tables, error) {
	name := filepath.ToSlash(path)
	wb, err := xlsxread.Open(path, xlsxread.DefaultLimits())
	if err != nil {
		if errors.Is(err, xlsxread.ErrNotWorkbook) {
			return nil, fmt.Errorf("read %s: %w; save it from the spreadsheet program as Excel 2007-365 (.xlsx)", name, err)
		}
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	defer wb.Close()
	date1904 := wb.Date1904()
	out := &Tables{Source: name, Dir: filepath.Dir(path), Files: []string{filepath.Base(path)}}
	sheets := map[string]bool{}
	for _, s := range wb.Sheets() {
		sheets[s.Name] = true
	}
	var bad problems.List
	for _, t := range l.Tables {
		if !sheets[t.Name] {
			out.Notes = append(out.Notes, fmt.Sprintf("%s has no sheet %s; its values are kept as the records hold them", out.Source, t.Name))
			continue
		}
		place := out.Source + ", sheet " + t.Name
		var tr *tableReader
		err := wb.Rows(t.Name, func(row int, cells []xlsxread.Cell) error {
			if tr == nil {
				if row != 1 {
					return fmt.Errorf("%s: no header row (row 1 is empty); restore the row of column names", place)
				}
				header := make([]string, cells[len(cells)-1].Col)
				for _, c := range cells {
					header[c.Col-1] = c.Value
				}
				var err error
				tr, err = newTableReader(out, t, place, header, func(c *schema.Column, s string) string { return fromExcel(c, s, date1904) }, emit)
				return err
			}
			for _, c := range cells {
				col := tr.column(c.Col - 1)
				if col == nil {
					continue
				}
				switch {
				case c.Formula && !boolConstant(c):
					bad.Addf(place, "%s, cell %s (column %s): a formula (its value is computed, not typed)", place, c.Ref(row), col.Name)
				case c.Type == xlsxread.ErrorValue:
					bad.Addf(place, "%s, cell %s (column %s): the error value %s", place, c.Ref(row), col.Name, c.Value)
				}
			}
			return tr.row(row, len(cells), func(k int) (int, string) {
				c := cells[k]
				if c.Type == xlsxread.Date {
					return c.Col - 1, isoDate(tr.column(c.Col-1), c.Value)
				}
				return c.Col - 1, c.Value
			})
		})
		if err != nil {
			var xe *xlsxread.Error
			if errors.As(err, &xe) {
				return nil, fmt.Errorf("read %s: %w", name, err)
			}
			return nil, err
		}
		if tr == nil {
			return nil, fmt.Errorf("%s: no header row; restore the row of column names", place)
		}
		out.Tables = append(out.Tables, tr.rt)
	}
	if len(out.Tables) == 0 {
		var names []string
		for _, t := range l.Tables {
			names = append(names, t.Name)
		}
		return nil, fmt.Errorf("%s: none of the sheets docset exports (%s) is in this workbook; give the dataset.xlsx of an export", name, strings.Join(names, ", "))
	}
	if bad.Len() > 0 {
		return nil, &SourceError{Source: name, Problems: bad.Lines(), Fix: "cells hold formulas or error values, so the workbook is not imported; replace each with the value it should hold (copy, then paste values only)"}
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

// isoDate turns the ISO 8601 text of a date cell (t="d", as some programs
// write dates) into the text a record holds for column c.
func isoDate(c *schema.Column, s string) string {
	if c == nil {
		return s
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999Z07:00", "2006-01-02T15:04:05.999999999", "2006-01-02"} {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		switch c.Format {
		case "date":
			return t.Format(time.DateOnly)
		case "date-time":
			return t.UTC().Format(time.RFC3339Nano)
		}
		return s
	}
	return s
}

// boolConstant tells a cell whose formula is only TRUE() or FALSE(): that
// is how LibreOffice saves a boolean cell, not a computed value.
func boolConstant(c xlsxread.Cell) bool {
	if c.Type != xlsxread.Bool {
		return false
	}
	switch strings.ToUpper(strings.TrimSpace(c.Expr)) {
	case "TRUE()", "TRUE":
		return c.Value == "1"
	case "FALSE()", "FALSE":
		return c.Value == "0"
	}
	return false
}
