package exporters

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/docset/docset/internal/atomicfile"
	"github.com/docset/docset/schema"
)

// CSV writes one RFC 4180 file per layout table, DIR/csv/<table>.csv, and
// DIR/datapackage.json, the Frictionless Data Package that describes them.
//
// The files are UTF-8 with a header row of column names; a field is quoted
// when it holds a comma, a double quote (doubled inside), CR or LF, or
// starts or ends with a space or tab, or is an empty string (so "" differs
// from null, written as an empty field). Booleans are true/false and
// numbers are written exactly as in the record's JSON. Rows come in record
// order and, within a record, in array order, so equal input gives equal
// bytes.
//
// Unless Options.Raw is set, a text cell that starts with =, +, -, @, tab,
// CR or LF gets a leading apostrophe (OWASP's CSV injection guidance), so a
// spreadsheet shows it as text instead of running it as a formula. Numeric
// columns are never changed: -3 in a number column stays -3.
//
// With Options.Excel every file starts with a UTF-8 BOM and rows end in
// CRLF, which Excel needs to detect UTF-8 and rows; line breaks inside a
// field are kept byte for byte (encoding/csv's UseCRLF would rewrite them).
type CSV struct {
	opts Options
}

// NewCSV returns the CSV exporter.
func NewCSV(opts Options) *CSV { return &CSV{opts: opts} }

// csvFiles lists the CSV files and the Data Package descriptor.
func csvFiles(l *schema.Layout) []string {
	files := make([]string, 0, len(l.Tables)+1)
	for _, t := range l.Tables {
		files = append(files, csvDir+"/"+t.Name+".csv")
	}
	return append(files, DataPackageFile)
}

// csvDir is where the CSV files go, relative to the output directory; the
// Data Package refers to them by this path.
const csvDir = "csv"

// Export writes every table's CSV in one pass over the records, then the
// Data Package descriptor.
func (c *CSV) Export(ctx context.Context, ds *Dataset, dir string) error {
	return exportDataset(ctx, c, ds, dir)
}

// Plan prepares the CSV export of datasets shaped like ds: a record's part
// is one section per table holding the record's rows as CSV lines.
func (c *CSV) Plan(ds *Dataset) (Plan, error) {
	p := &csvPlan{opts: c.opts, ds: ds}
	for _, t := range ds.Layout.Tables {
		p.rows = append(p.rows, newRowEncoder(t, c.opts))
	}
	return p, nil
}

type csvPlan struct {
	opts Options
	ds   *Dataset
	rows []*rowEncoder
}

func (p *csvPlan) EncodeRecord(dst []byte, rec map[string]any) ([]byte, error) {
	for _, re := range p.rows {
		var start int
		dst, start = beginSection(dst)
		err := re.t.Rows(rec, func(cells []any) error {
			var err error
			dst, err = re.appendRow(dst, cells)
			return err
		})
		if err != nil {
			return dst, err
		}
		dst = endSection(dst, start)
	}
	return dst, nil
}

// WriteParts writes every table's CSV in one pass over the parts, then
// the Data Package descriptor.
func (p *csvPlan) WriteParts(ctx context.Context, parts Parts, dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, csvDir), 0o755); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	ws := make([]*tableWriter, len(p.rows))
	if err := p.writeTables(ctx, parts, dir, ws, 0); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	return writeDataPackage(p.ds, dir, p.opts)
}

// writeTables opens table i's file atomically and recurses, so that one
// pass over the parts fills every file. A failure removes every file not
// yet renamed into place.
func (p *csvPlan) writeTables(ctx context.Context, parts Parts, dir string, ws []*tableWriter, i int) error {
	if i == len(ws) {
		return parts(func(part []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			for _, w := range ws {
				sec, rest, err := nextSection(part)
				if err != nil {
					return err
				}
				part = rest
				if err := w.write(sec); err != nil {
					return err
				}
			}
			return nil
		})
	}
	t := p.rows[i].t
	path := filepath.Join(dir, csvDir, t.Name+".csv")
	return atomicfile.WriteFunc(path, atomicfile.Options{}, func(f io.Writer) error {
		w := newTableWriter(f, t, p.opts)
		ws[i] = w
		w.header()
		if err := p.writeTables(ctx, parts, dir, ws, i+1); err != nil {
			return err
		}
		return w.flush()
	})
}

// rowEncoder turns the rows of one table into CSV lines.
type rowEncoder struct {
	t    *schema.Table
	eol  string
	text []bool // per column: a text column, so a candidate for neutralizing
}

func newRowEncoder(t *schema.Table, opts Options) *rowEncoder {
	e := &rowEncoder{t: t, eol: "\n", text: make([]bool, len(t.Columns))}
	if opts.Excel {
		e.eol = "\r\n"
	}
	for i, col := range t.Columns {
		e.text[i] = !opts.Raw && col.Type == "string"
	}
	return e
}

// appendRow appends one row to buf, with no allocation per cell.
func (e *rowEncoder) appendRow(buf []byte, cells []any) ([]byte, error) {
	text := e.text[:len(cells)]
	for i, v := range cells {
		if i > 0 {
			buf = append(buf, ',')
		}
		switch v := v.(type) {
		case nil:
		case string:
			buf = appendField(buf, v, text[i] && formulaLike(v))
		case json.Number:
			buf = append(buf, v...)
		case bool:
			buf = strconv.AppendBool(buf, v)
		case float64:
			buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
		default:
			return buf, fmt.Errorf("table %s, column %s: a %T is not a cell value", e.t.Name, e.t.Columns[i].Name, v)
		}
	}
	return append(buf, e.eol...), nil
}

// tableWriter writes the rows of one table. It appends rows to its own
// buffer and hands the writer 64 KiB at a time: one write call per buffer.
type tableWriter struct {
	*rowEncoder
	w   io.Writer
	buf []byte
	err error
}

const tableWriterBuffer = 64 << 10

func newTableWriter(w io.Writer, t *schema.Table, opts Options) *tableWriter {
	tw := &tableWriter{rowEncoder: newRowEncoder(t, opts), w: w, buf: make([]byte, 0, tableWriterBuffer+4<<10)}
	if opts.Excel {
		tw.buf = append(tw.buf, "\ufeff"...)
	}
	return tw
}

func (tw *tableWriter) header() {
	for i, col := range tw.t.Columns {
		if i > 0 {
			tw.buf = append(tw.buf, ',')
		}
		tw.buf = appendField(tw.buf, col.Name, false)
	}
	tw.buf = append(tw.buf, tw.eol...)
}

// row writes one row.
func (tw *tableWriter) row(cells []any) error {
	var err error
	if tw.buf, err = tw.appendRow(tw.buf, cells); err != nil {
		return err
	}
	if len(tw.buf) >= tableWriterBuffer {
		return tw.flush()
	}
	return nil
}

// write writes rows already encoded by appendRow.
func (tw *tableWriter) write(rows []byte) error {
	if len(tw.buf)+len(rows) > cap(tw.buf) {
		if err := tw.flush(); err != nil {
			return err
		}
		if len(rows) >= tableWriterBuffer {
			if tw.err == nil {
				_, tw.err = tw.w.Write(rows)
			}
			return tw.err
		}
	}
	tw.buf = append(tw.buf, rows...)
	return nil
}

// flush writes out the buffered rows; a write error sticks.
func (tw *tableWriter) flush() error {
	if tw.err == nil && len(tw.buf) > 0 {
		_, tw.err = tw.w.Write(tw.buf)
		tw.buf = tw.buf[:0]
	}
	return tw.err
}

// formulaLike reports whether a spreadsheet could take s for a formula
// (OWASP CSV injection: =, +, -, @, tab, CR, LF).
func formulaLike(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r', '\n':
		return true
	}
	return false
}

// needsQuote marks the bytes that force a field into quotes.
var needsQuote = [256]bool{',': true, '"': true, '\r': true, '\n': true}

// appendField appends s as one RFC 4180 field, quoted only when needed,
// after an apostrophe when neutralize is set.
func appendField(buf []byte, s string, neutralize bool) []byte {
	quote := s == "" || s[0] == ' ' || s[len(s)-1] == ' ' || s[len(s)-1] == '\t' || (s[0] == '\t' && !neutralize)
	for i := 0; i < len(s) && !quote; i++ {
		quote = needsQuote[s[i]]
	}
	if !quote {
		if neutralize {
			buf = append(buf, '\'')
		}
		return append(buf, s...)
	}
	buf = append(buf, '"')
	if neutralize {
		buf = append(buf, '\'')
	}
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		buf = append(buf, s[:i+1]...)
		buf = append(buf, '"')
		s = s[i+1:]
	}
	buf = append(buf, s...)
	return append(buf, '"')
}
