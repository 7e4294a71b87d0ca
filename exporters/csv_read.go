package exporters

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/docset/docset/schema"
)

// csvPackage is what ReadCSV needs of datapackage.json.
type csvPackage struct {
	Description string `json:"description"`
}

// maxCSVRow is the most bytes one CSV row may take: far more than any
// row docset writes, little enough to hold.
const maxCSVRow = 16 << 20

// maxDataPackage is the largest datapackage.json read.
const maxDataPackage = 16 << 20

// ReadCSV reads the CSV files of an export (dir holds csv/<table>.csv, or
// is that csv folder) back into the tables of l, passing each row to emit
// as it is read. A UTF-8 byte order mark is skipped. Unless
// datapackage.json says the export was written with --raw, the one
// apostrophe the exporter puts before formula-like text is removed;
// without datapackage.json the default (neutralized) is assumed and
// noted. A CSV field cannot tell an empty text from null: both read as
// an empty cell.
func ReadCSV(dir string, l *schema.Layout, emit RowFunc) (*Tables, error) {
	root, tables := dir, filepath.Join(dir, csvDir)
	if st, err := os.Stat(tables); err != nil || !st.IsDir() {
		root, tables = filepath.Dir(dir), dir
	}
	out := &Tables{Source: filepath.ToSlash(tables), Dir: root}
	raw, err := readRawFlag(out, root)
	if err != nil {
		return nil, err
	}
	conv := func(c *schema.Column, s string) string {
		if !raw && c.Type == "string" && len(s) > 1 && s[0] == '\'' && formulaLike(s[1:]) {
			return s[1:]
		}
		return s
	}
	for _, t := range l.Tables {
		path := filepath.Join(tables, t.Name+".csv")
		place := filepath.ToSlash(path)
		f, err := os.Open(path)
		if errors.Is(err, fs.ErrNotExist) {
			out.Notes = append(out.Notes, fmt.Sprintf("%s is missing; its values are kept as the records hold them", place))
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", place, err)
		}
		rt, err := readCSVTable(out, t, place, f, conv, emit)
		f.Close()
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

// readRawFlag tells from datapackage.json whether the CSV files were
// written with --raw.
func readRawFlag(out *Tables, root string) (bool, error) {
	path := filepath.Join(root, DataPackageFile)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		out.Notes = append(out.Notes, fmt.Sprintf("no %s beside %s: reading the CSV files as exported without --raw (a leading apostrophe before =, +, -, @ is dropped)", DataPackageFile, out.Source))
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read %s: %w", DataPackageFile, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxDataPackage+1))
	if err != nil {
		return false, fmt.Errorf("read %s: %w", filepath.ToSlash(path), err)
	}
	if len(data) > maxDataPackage {
		return false, fmt.Errorf("read %s: larger than %d MiB, which no export writes; restore the one docset wrote", filepath.ToSlash(path), maxDataPackage>>20)
	}
	var p csvPackage
	if err := json.Unmarshal(data, &p); err != nil {
		return false, fmt.Errorf("read %s: %w", filepath.ToSlash(path), err)
	}
	return !strings.Contains(p.Description, neutralizedNote), nil
}

// neutralizedNote is the words of the Data Package description that say
// formula-like cells carry an apostrophe (see packageDescription).
const neutralizedNote = "leading apostrophe (')"

// readCSVTable reads one table's CSV file, header first, row by row.
func readCSVTable(out *Tables, t *schema.Table, place string, r io.Reader, conv func(*schema.Column, string) string, emit RowFunc) (*ReadTable, error) {
	cr := newCSVReader(r)
	header, _, err := cr.next()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: no header row; restore the row of column names", place)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s:%w", place, err)
	}
	tr, err := newTableReader(out, t, place, header, conv, emit)
	if err != nil {
		return nil, err
	}
	for {
		fields, line, err := cr.next()
		if err == io.EOF {
			return tr.rt, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read %s:%w", place, err)
		}
		if err := tr.row(line, len(fields), func(i int) (int, string) { return i, fields[i] }); err != nil {
			return nil, err
		}
	}
}

// csvReader reads RFC 4180 records and the line each starts on. It keeps
// a quoted field's bytes as written: encoding/csv turns CRLF inside a
// field into LF, which would read a cell back changed. A UTF-8 byte order
// mark is skipped; a record ends at LF or CRLF outside quotes.
type csvReader struct {
	br    *bufio.Reader
	line  int
	field []byte
	size  int // bytes of the record so far
}

func newCSVReader(r io.Reader) *csvReader {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && string(b) == "\ufeff" {
		br.Discard(3)
	}
	return &csvReader{br: br, line: 1}
}

// next returns the next record and the line it starts on; io.EOF after
// the last.
func (r *csvReader) next() ([]string, int, error) {
	if _, err := r.br.Peek(1); err != nil {
		if err == io.EOF {
			return nil, 0, io.EOF
		}
		return nil, 0, err
	}
	start := r.line
	r.size = 0
	var fields []string
	for {
		end, err := r.readField()
		if err != nil {
			return nil, 0, err
		}
		if !utf8.Valid(r.field) {
			bad := 0
			for {
				c, size := utf8.DecodeRune(r.field[bad:])
				if c == utf8.RuneError && size == 1 {
					break
				}
				bad += size
			}
			return nil, 0, fmt.Errorf("%d: not UTF-8 (byte 0x%02x); save the file as CSV UTF-8", r.line, r.field[bad])
		}
		fields = append(fields, string(r.field))
		if end {
			return fields, start, nil
		}
	}
}

// readField reads one field into r.field; end is true when the record
// ends after it.
func (r *csvReader) readField() (end bool, err error) {
	r.field = r.field[:0]
	c, err := r.br.ReadByte()
	if err == io.EOF {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	if c != '"' {
		r.br.UnreadByte()
		for {
			c, err := r.br.ReadByte()
			switch {
			case err == io.EOF:
				return true, nil
			case err != nil:
				return false, err
			case c == ',':
				return false, nil
			case c == '\n':
				if n := len(r.field); n > 0 && r.field[n-1] == '\r' {
					r.field = r.field[:n-1]
				}
				r.line++
				return true, nil
			}
			if err := r.add(c); err != nil {
				return false, err
			}
		}
	}
	qline := r.line
	for {
		c, err := r.br.ReadByte()
		if err == io.EOF {
			return false, fmt.Errorf("%d:1: a quoted field is never closed; close it with \"", qline)
		}
		if err != nil {
			return false, err
		}
		if c == '"' {
			if next, err := r.br.Peek(1); err == nil && next[0] == '"' {
				r.br.Discard(1)
			} else {
				break
			}
		}
		if c == '\n' {
			r.line++
		}
		if err := r.add(c); err != nil {
			return false, err
		}
	}
	c, err = r.br.ReadByte()
	switch {
	case err == io.EOF:
		return true, nil
	case err != nil:
		return false, err
	case c == ',':
		return false, nil
	case c == '\n':
		r.line++
		return true, nil
	case c == '\r':
		if next, err := r.br.Peek(1); err == nil && next[0] == '\n' {
			r.br.Discard(1)
			r.line++
			return true, nil
		}
	}
	return false, fmt.Errorf("%d: text after a closing quote; double a quote inside a quoted field (\"\")", r.line)
}

func (r *csvReader) add(c byte) error {
	r.size++
	if r.size > maxCSVRow {
		return fmt.Errorf("%d: a row longer than %d MiB, which no export writes; the file is damaged", r.line, maxCSVRow>>20)
	}
	r.field = append(r.field, c)
	return nil
}
