package exporters

import (
	"fmt"
	"strings"

	"github.com/docset/docset/schema"
)

// Tables is a dataset read back from an export: which layout tables the
// source holds and where. The rows themselves go to a RowFunc as they are
// read, cells as text in the layout's columns, ready for
// schema.Layout.Merge, so that memory does not grow with the source.
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
}

// RowFunc takes each row read, in source order. A row holds one cell per
// layout column of its table: nil for an empty cell or a column the
// source lacks, else the cell's text. A read stops at RowFunc's first
// error and returns it.
//
// A read that fails may have passed some rows already: whoever takes
// them must drop them all, as the source was not read whole.
type RowFunc func(rt *ReadTable, row schema.SourceRow) error

// SourceError is a source that was read but cannot be used as it is,
// with each place at fault (as many as a person needs to see).
type SourceError struct {
	Source   string
	Problems []string
	// Fix says what to do about them.
	Fix string
}

func (e *SourceError) Error() string {
	return fmt.Sprintf("%s: %s:\n  %s", e.Source, e.Fix, strings.Join(e.Problems, "\n  "))
}

// tableReader maps the rows of one table's source (a sheet, a CSV file),
// header first, onto the table's columns.
type tableReader struct {
	rt    *ReadTable
	index []int // source column -> layout column, or -1
	conv  func(*schema.Column, string) string
	emit  RowFunc
}

// newTableReader reads the header row of a table's source.
func newTableReader(out *Tables, t *schema.Table, place string, header []string, conv func(*schema.Column, string) string, emit RowFunc) (*tableReader, error) {
	rt := &ReadTable{Table: t, Place: place, Given: make([]bool, len(t.Columns))}
	index := make([]int, len(header))
	for i, name := range header {
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
	return &tableReader{rt: rt, index: index, conv: conv, emit: emit}, nil
}

// column returns the layout column of source column i, nil for a column
// the table does not have.
func (r *tableReader) column(i int) *schema.Column {
	if i >= len(r.index) || r.index[i] < 0 {
		return nil
	}
	return r.rt.Table.Columns[r.index[i]]
}

// row passes on a row given as (source column, text) pairs by cell.
func (r *tableReader) row(line int, n int, cell func(i int) (col int, text string)) error {
	cells := make([]any, len(r.rt.Table.Columns))
	empty := true
	for k := range n {
		i, s := cell(k)
		if i >= len(r.index) || r.index[i] < 0 || s == "" {
			continue
		}
		cells[r.index[i]] = r.conv(r.rt.Table.Columns[r.index[i]], s)
		empty = false
	}
	// A row a person emptied (rather than deleted) is no row.
	if empty {
		return nil
	}
	return r.emit(r.rt, schema.SourceRow{Line: line, Cells: cells})
}
