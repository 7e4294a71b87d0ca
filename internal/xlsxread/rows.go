package xlsxread

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// CellType is what a cell holds, as its t attribute says.
type CellType int

// Cell types.
const (
	Number     CellType = iota // a number, as written ("3", "2.5", "-1.5E3")
	Text                       // text: shared, inline or plain
	Bool                       // 1 or 0
	Date                       // an ISO 8601 date or date-time (t="d")
	ErrorValue                 // an error value such as #DIV/0!
)

// Cell is one cell of a row.
type Cell struct {
	// Col is the cell's column, from 1.
	Col   int
	Type  CellType
	Value string
	// Formula is true for a cell computed by a formula: Value is then
	// only the result last saved, if any. Expr is the formula's text
	// ("" for a cell sharing another cell's formula).
	Formula bool
	Expr    string
}

// Ref is the cell's reference in row ("C7").
func (c Cell) Ref(row int) string { return ColumnName(c.Col) + strconv.Itoa(row) }

// Rows reads the rows of sheet in order and calls fn with each row that
// has cells: its number (from 1) and its cells in column order. fn must
// not keep cells, which the next row reuses. Rows stops at fn's first
// error and returns it. A sheet declaring more rows than Limits allow is
// refused before any row is read.
func (w *Workbook) Rows(sheet string, fn func(row int, cells []Cell) error) error {
	var s *Sheet
	for i := range w.sheets {
		if w.sheets[i].Name == sheet {
			s = &w.sheets[i]
		}
	}
	switch {
	case s == nil:
		return fmt.Errorf("no sheet %s", sheet)
	case s.Part == "":
		return &Error{Sheet: sheet, Err: errors.New("not a worksheet (a chart sheet?); it holds no rows")}
	}
	// A sheet that claims no more rows than allowed may still hold more:
	// they are counted before any is read.
	if err := w.checkRows(s); err != nil {
		return err
	}
	// fn's own error comes back as it is, not as a damaged part.
	var fnErr error
	err := w.readSheetPart(s.Part, sheet, w.lim.Part, func(d *decoder) error {
		r := &rowReader{w: w, d: d, fn: func(row int, cells []Cell) error {
			fnErr = fn(row, cells)
			return fnErr
		}}
		return r.read()
	})
	if fnErr != nil {
		return fnErr
	}
	return err
}

type rowReader struct {
	w     *Workbook
	d     *decoder
	fn    func(int, []Cell) error
	row   int // the row being read
	cells []Cell
	text  []byte
}

func (r *rowReader) read() error {
	lim := r.w.lim
	return r.d.eachStart(func(se xml.StartElement) error {
		switch se.Name.Local {
		case "dimension":
			// The used range, as the writer saw it: a sheet claiming more
			// rows than allowed is refused before its rows are read.
			ref := attr(se, "ref")
			if i := strings.LastIndexByte(ref, ':'); i >= 0 {
				ref = ref[i+1:]
			}
			if _, last, ok := cellRef(strings.ReplaceAll(ref, "$", "")); ok && last > lim.Rows {
				return fmt.Errorf("%w: the sheet declares %d rows (%s), more than the %d a sheet may have", ErrLimit, last, attr(se, "ref"), lim.Rows)
			}
		case "row":
			return r.readRow(se)
		}
		return nil
	})
}

func (r *rowReader) readRow(se xml.StartElement) error {
	lim := r.w.lim
	n := r.row + 1
	if v := attr(se, "r"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			return fmt.Errorf("row number %q is not a number from 1", v)
		}
	}
	r.d.where = "row " + strconv.Itoa(n)
	if n <= r.row {
		return fmt.Errorf("row %d comes after row %d; rows must be in order", n, r.row)
	}
	if n > lim.Rows {
		return fmt.Errorf("%w: row %d, past the %d rows a sheet may have", ErrLimit, n, lim.Rows)
	}
	r.row = n
	r.cells = r.cells[:0]
	depth := r.d.depth
	for {
		tok, err := r.d.token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "c" && r.d.depth == depth+1 {
				if err := r.readCell(t); err != nil {
					return err
				}
			}
		case xml.EndElement:
			if r.d.depth < depth {
				if len(r.cells) == 0 {
					return nil
				}
				return r.fn(r.row, r.cells)
			}
		}
	}
}

func (r *rowReader) readCell(se xml.StartElement) error {
	lim := r.w.lim
	c := Cell{Col: 1}
	if len(r.cells) > 0 {
		c.Col = r.cells[len(r.cells)-1].Col + 1
	}
	if ref := attr(se, "r"); ref != "" {
		col, row, ok := cellRef(ref)
		if !ok || row != r.row {
			return fmt.Errorf("cell reference %q is not a cell of row %d", ref, r.row)
		}
		c.Col = col
	}
	r.d.where = c.Ref(r.row)
	if len(r.cells) > 0 && c.Col <= r.cells[len(r.cells)-1].Col {
		return fmt.Errorf("cell %s comes after %s; cells must be in order", c.Ref(r.row), r.cells[len(r.cells)-1].Ref(r.row))
	}
	if c.Col > lim.Columns {
		return fmt.Errorf("%w: column %d, past the %d columns a sheet may have", ErrLimit, c.Col, lim.Columns)
	}
	typ := attr(se, "t")
	switch typ {
	case "s", "inlineStr", "str":
		c.Type = Text
	case "b":
		c.Type = Bool
	case "d":
		c.Type = Date
	case "e":
		c.Type = ErrorValue
	case "", "n":
	default:
		return fmt.Errorf("cell type %q is not one of SpreadsheetML's", typ)
	}
	var v []byte
	hasValue := false
	depth := r.d.depth
	for {
		tok, err := r.d.token()
		if err != nil {
			return err
		}
		if _, ok := tok.(xml.EndElement); ok && r.d.depth < depth {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok || r.d.depth != depth+1 {
			continue
		}
		switch se.Name.Local {
		case "f":
			expr, err := r.d.text(nil, lim.Text*4, "")
			if err != nil {
				return err
			}
			c.Formula, c.Expr = true, string(expr)
		case "v":
			if r.text, err = r.d.text(r.text[:0], lim.Text, ""); err != nil {
				return err
			}
			v, hasValue = r.text, true
		case "is":
			if r.text, err = r.d.text(r.text[:0], lim.Text, "rPh"); err != nil {
				return err
			}
			v, hasValue = r.text, true
		default:
			if _, err := r.d.text(nil, lim.Text*4, ""); err != nil {
				return err
			}
		}
	}
	if !hasValue && !c.Formula {
		return nil // a styled, empty cell
	}
	switch {
	case typ == "s" && hasValue:
		i, err := strconv.Atoi(strings.TrimSpace(string(v)))
		if err != nil || i < 0 {
			return fmt.Errorf("shared string index %q is not a number", v)
		}
		s, err := r.w.sharedString(i)
		if err != nil {
			return err
		}
		c.Value = s
	case c.Type == Text:
		c.Value = unescape(v)
	default:
		c.Value = strings.TrimSpace(string(v))
	}
	r.cells = append(r.cells, c)
	return nil
}

// sharedStrings holds the shared strings part in one buffer.
type sharedStrings struct {
	data []byte
	ends []uint32 // end of each string in data
}

func (w *Workbook) sharedString(i int) (string, error) {
	if w.shared == nil {
		if err := w.readSharedStrings(); err != nil {
			return "", err
		}
	}
	ss := w.shared
	if i >= len(ss.ends) {
		return "", fmt.Errorf("shared string %d does not exist (the workbook has %d)", i, len(ss.ends))
	}
	start := uint32(0)
	if i > 0 {
		start = ss.ends[i-1]
	}
	return unescape(ss.data[start:ss.ends[i]]), nil
}

func (w *Workbook) readSharedStrings() error {
	ss := &sharedStrings{}
	if w.sharedPart == "" {
		w.shared = ss
		return nil
	}
	err := w.readPart(w.sharedPart, w.lim.SharedStrings, func(d *decoder) error {
		return d.eachStart(func(se xml.StartElement) error {
			if se.Name.Local != "si" {
				return nil
			}
			d.where = "shared string " + strconv.Itoa(len(ss.ends))
			var err error
			if ss.data, err = d.text(ss.data, w.lim.Text, "rPh"); err != nil {
				return err
			}
			if len(ss.data) > 1<<32-1 {
				return fmt.Errorf("%w: shared strings past 4 GiB", ErrLimit)
			}
			ss.ends = append(ss.ends, uint32(len(ss.data)))
			return nil
		})
	})
	if err != nil {
		return err
	}
	w.shared = ss
	return nil
}

// checkRows counts the rows of the sheet's part, reading it as bytes,
// which takes a fraction of the time parsing it does: a sheet of more
// rows than allowed is refused before its rows are read.
func (w *Workbook) checkRows(s *Sheet) error {
	f := w.parts[strings.ToLower(s.Part)]
	if f == nil || f.UncompressedSize64 > uint64(w.lim.Part) {
		return nil // readSheetPart says what is wrong
	}
	rc, err := f.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	n, err := countRows(rc, w.lim.Rows)
	if err != nil {
		return &Error{Part: s.Part, Sheet: s.Name, Err: damaged(err)}
	}
	if n > w.lim.Rows {
		return &Error{Part: s.Part, Sheet: s.Name, Err: fmt.Errorf("%w: the sheet holds more than the %d rows a sheet may have", ErrLimit, w.lim.Rows)}
	}
	return nil
}

// countRows counts the start tags of rows (<row ...>, or <x:row ...>
// with a prefix) in XML read from r, up to one past limit.
func countRows(r io.Reader, limit int) (int, error) {
	buf := make([]byte, 256<<10)
	n, have := 0, 0 // have: bytes in buf, some carried over
	for {
		m, err := r.Read(buf[have:])
		have += m
		atEOF := err == io.EOF
		if err != nil && !atEOF {
			return n, err
		}
		data := buf[:have]
		// A tag that starts near the end may go on in the next read.
		safe := len(data)
		if !atEOF {
			safe = max(0, len(data)-64)
		}
		i := 0
		for {
			j := bytes.IndexByte(data[i:safe], '<')
			if j < 0 {
				break
			}
			i += j + 1
			end := i
			for end < len(data) && end-i < 64 && !isNameEnd(data[end]) {
				end++
			}
			if name := data[i:end]; end < len(data) && (string(name) == "row" || bytes.HasSuffix(name, []byte(":row"))) {
				if n++; n > limit {
					return n, nil
				}
			}
		}
		if atEOF {
			return n, nil
		}
		have = copy(buf, data[safe:])
	}
}

func isNameEnd(c byte) bool {
	return c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\n' || c == '\r'
}
