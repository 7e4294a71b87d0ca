// Package xlsxread reads the rows of an .xlsx workbook's worksheets as a
// stream, for a workbook that may come from anywhere. Every part is read
// whole or not at all: a part whose XML is broken, whose checksum fails or
// that ends early is an error, never the rows read up to that point. The
// uncompressed size of each part is checked against Limits before it is
// read, and so is the number of rows a sheet declares; the text between
// two pieces of markup is bounded too, so memory stays small whatever the
// workbook claims.
//
// Cells are handed over as written: text (shared, inline or plain),
// numbers as their text, booleans as 1 or 0, ISO 8601 dates, and whether
// a cell holds a formula or an error value; what they mean is up to the
// caller.
package xlsxread

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Limits bound what a workbook may make the reader do.
type Limits struct {
	// Part is the largest uncompressed size of a worksheet or other XML
	// part read, in bytes.
	Part int64
	// SharedStrings is the largest uncompressed size of the shared
	// strings part, which is held in memory, in bytes.
	SharedStrings int64
	// Rows is the highest row number a sheet may use (Excel's own limit
	// is 1,048,576).
	Rows int
	// Columns is the highest column number a row may use (Excel's limit
	// is 16,384, column XFD).
	Columns int
	// Text is the longest a cell's text may be, in UTF-16 code units as
	// Excel counts them (Excel's limit is 32,767).
	Text int
	// Depth is how deeply elements may nest in a part.
	Depth int
}

// DefaultLimits are Excel's own limits, and part sizes well above what
// a sheet of Excel's largest size takes.
func DefaultLimits() Limits {
	return Limits{
		Part:          512 << 20,
		SharedStrings: 128 << 20,
		Rows:          1_048_576,
		Columns:       16_384,
		Text:          32_767,
		Depth:         64,
	}
}

// markupGap is the most bytes a part may hold between two '<': the
// longest cell text Excel allows, with every character written as a
// numeric character reference, fits well within it. It bounds every
// token the XML decoder holds.
func (l Limits) markupGap() int64 { return int64(l.Text)*12 + 4096 }

// Workbook is an open workbook.
type Workbook struct {
	zr       *zip.ReadCloser
	lim      Limits
	parts    map[string]*zip.File // by lower-case part name
	sheets   []Sheet
	date1904 bool
	shared   *sharedStrings
	// sharedPart is the shared strings part's name, "" for none.
	sharedPart string
}

// Sheet is a sheet of the workbook, in the workbook's order.
type Sheet struct {
	Name string
	// Part is the sheet's part name ("xl/worksheets/sheet2.xml"); "" for
	// a sheet that is not a worksheet (a chart sheet).
	Part string
}

// Error is a part of the workbook that cannot be read.
type Error struct {
	// Part is the part name; Sheet the sheet it holds, if any.
	Part, Sheet string
	// Cell is the cell reference ("B7") or row ("row 7") the error is at,
	// if known.
	Cell string
	Err  error
}

func (e *Error) Error() string {
	where := e.Part
	if e.Sheet != "" {
		where = "sheet " + e.Sheet
	}
	if e.Cell != "" {
		where += ", " + e.Cell
	}
	return where + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// ErrNotWorkbook is wrapped by the error for a file that is not an .xlsx
// workbook at all.
var ErrNotWorkbook = errors.New("not an .xlsx workbook")

// ErrLimit is wrapped by the errors for a workbook past Limits.
var ErrLimit = errors.New("past the limit")

// Open opens the workbook at path and reads its list of sheets.
func Open(path string, lim Limits) (*Workbook, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		if errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrAlgorithm) {
			return nil, fmt.Errorf("%w (%v)", ErrNotWorkbook, err)
		}
		return nil, err
	}
	w := &Workbook{zr: zr, lim: lim, parts: map[string]*zip.File{}}
	if err := w.init(); err != nil {
		zr.Close()
		return nil, err
	}
	return w, nil
}

// Close closes the workbook file.
func (w *Workbook) Close() error { return w.zr.Close() }

// Sheets lists the workbook's sheets in order.
func (w *Workbook) Sheets() []Sheet { return w.sheets }

// Date1904 is true when the workbook counts dates from 1904 (old Mac
// Excel) rather than 1900.
func (w *Workbook) Date1904() bool { return w.date1904 }

const (
	relOfficeDocument = "/officeDocument"
	relWorksheet      = "/worksheet"
	relSharedStrings  = "/sharedStrings"
)

func (w *Workbook) init() error {
	for _, f := range w.zr.File {
		name := strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/"))
		if _, dup := w.parts[name]; dup {
			// Two parts of one name: which one a program reads is
			// anyone's guess.
			return &Error{Part: f.Name, Err: errors.New("the workbook holds this part twice; save it again from the spreadsheet program")}
		}
		w.parts[name] = f
	}
	book := "xl/workbook.xml"
	if rels, err := w.readRels("_rels/.rels", ""); err != nil {
		return err
	} else {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, relOfficeDocument) {
				book = r.target
				break
			}
		}
	}
	if w.parts[strings.ToLower(book)] == nil {
		return fmt.Errorf("%w: it has no workbook part (%s)", ErrNotWorkbook, book)
	}
	dir := path.Dir(book)
	rels, err := w.readRels(path.Join(dir, "_rels", path.Base(book)+".rels"), dir)
	if err != nil {
		return err
	}
	targets := map[string]relationship{}
	for _, r := range rels {
		targets[r.id] = r
		if strings.HasSuffix(r.typ, relSharedStrings) {
			w.sharedPart = r.target
		}
	}
	return w.readPart(book, w.lim.Part, func(d *decoder) error {
		return d.eachStart(func(se xml.StartElement) error {
			switch se.Name.Local {
			case "workbookPr":
				v := attr(se, "date1904")
				w.date1904 = v == "1" || v == "true"
			case "sheet":
				s := Sheet{Name: attr(se, "name")}
				if r, ok := targets[attrNS(se, "id")]; ok && strings.HasSuffix(r.typ, relWorksheet) {
					s.Part = r.target
				}
				w.sheets = append(w.sheets, s)
			}
			return nil
		})
	})
}

type relationship struct{ id, typ, target string }

// readRels reads a relationships part; targets are resolved against dir.
// A missing part has no relationships.
func (w *Workbook) readRels(name, dir string) ([]relationship, error) {
	if w.parts[strings.ToLower(name)] == nil {
		return nil, nil
	}
	var rels []relationship
	err := w.readPart(name, w.lim.Part, func(d *decoder) error {
		return d.eachStart(func(se xml.StartElement) error {
			if se.Name.Local != "Relationship" || attr(se, "TargetMode") == "External" {
				return nil
			}
			target := attr(se, "Target")
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join(dir, target)
			}
			rels = append(rels, relationship{id: attr(se, "Id"), typ: attr(se, "Type"), target: target})
			return nil
		})
	})
	return rels, err
}

// readPart checks the part's declared size against limit, then lets read
// decode it, then reads the part to its end so that a checksum error or a
// part shorter than declared shows.
func (w *Workbook) readPart(name string, limit int64, read func(*decoder) error) error {
	return w.readSheetPart(name, "", limit, read)
}

func (w *Workbook) readSheetPart(name, sheet string, limit int64, read func(*decoder) error) error {
	f := w.parts[strings.ToLower(name)]
	if f == nil {
		return &Error{Part: name, Sheet: sheet, Err: errors.New("the part is missing from the workbook; save it again from the spreadsheet program")}
	}
	if f.UncompressedSize64 > uint64(limit) {
		return &Error{Part: name, Sheet: sheet, Err: fmt.Errorf("%w: %s uncompressed, more than the %s a part may have", ErrLimit, size(f.UncompressedSize64), size(uint64(limit)))}
	}
	rc, err := f.Open()
	if err != nil {
		return &Error{Part: name, Sheet: sheet, Err: damaged(err)}
	}
	defer rc.Close()
	g := &gapReader{r: rc, max: w.lim.markupGap()}
	d := &decoder{dec: xml.NewDecoder(bufio.NewReaderSize(g, 64<<10)), maxDepth: w.lim.Depth}
	d.dec.Strict = true
	if err := read(d); err != nil {
		var e *Error
		if errors.As(err, &e) {
			return err
		}
		return &Error{Part: name, Sheet: sheet, Cell: d.where, Err: damaged(err)}
	}
	// The decoder reads ahead, so what is left is after the last
	// element; reading it to the end checks the checksum.
	if _, err := io.Copy(io.Discard, g); err != nil {
		return &Error{Part: name, Sheet: sheet, Err: damaged(err)}
	}
	return nil
}

// damaged says what a read error means for the person holding the file.
func damaged(err error) error {
	switch {
	case errors.Is(err, ErrLimit):
		return err
	case errors.Is(err, zip.ErrChecksum), errors.Is(err, zip.ErrFormat), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, zip.ErrAlgorithm):
		return fmt.Errorf("the workbook is damaged (%v); save it again from the spreadsheet program", err)
	}
	var ce flate.CorruptInputError
	if errors.As(err, &ce) {
		return fmt.Errorf("the workbook is damaged (%v); save it again from the spreadsheet program", err)
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("broken XML at line %d (%s); the workbook is damaged: save it again from the spreadsheet program", se.Line, se.Msg)
	}
	return err
}

func size(n uint64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// gapReader fails when more than max bytes pass without a '<': no token
// of a part can then be longer, so the decoder's buffers stay small.
type gapReader struct {
	r   io.Reader
	max int64
	gap int64
}

func (g *gapReader) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	chunk := p[:n]
	for len(chunk) > 0 {
		i := bytes.IndexByte(chunk, '<')
		if i < 0 {
			g.gap += int64(len(chunk))
			break
		}
		g.gap += int64(i)
		if g.gap > g.max {
			break
		}
		g.gap = 0
		chunk = chunk[i+1:]
	}
	if g.gap > g.max {
		return 0, fmt.Errorf("%w: more than %s of text or markup in one piece; no cell holds that much (Excel's limit is 32,767 characters)", ErrLimit, size(uint64(g.max)))
	}
	return n, err
}

// decoder walks the elements of a part, keeping the nesting bounded. It
// reads raw tokens, which is much faster than having encoding/xml
// resolve namespaces, and checks itself that each end tag matches its
// start tag; names are matched by their local part.
type decoder struct {
	dec      *xml.Decoder
	depth    int
	maxDepth int
	open     []xml.Name
	// where is the cell or row being read, for errors.
	where string
}

// eachStart calls fn with every start element not read by an earlier
// call of fn, to the end of the part.
func (d *decoder) eachStart(fn func(xml.StartElement) error) error {
	for {
		tok, err := d.token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok {
			if err := fn(se); err != nil {
				return err
			}
		}
	}
}

func (d *decoder) token() (xml.Token, error) {
	tok, err := d.dec.RawToken()
	if err != nil {
		if err == io.EOF && d.depth > 0 {
			return nil, d.syntaxError("unexpected EOF")
		}
		return nil, err
	}
	switch t := tok.(type) {
	case xml.StartElement:
		d.depth++
		if d.depth > d.maxDepth {
			return nil, fmt.Errorf("%w: elements nested more than %d deep", ErrLimit, d.maxDepth)
		}
		d.open = append(d.open, t.Name)
	case xml.EndElement:
		if d.depth == 0 {
			return nil, d.syntaxError("unexpected end element </" + name(t.Name) + ">")
		}
		if start := d.open[d.depth-1]; start != t.Name {
			return nil, d.syntaxError("element <" + name(start) + "> closed by </" + name(t.Name) + ">")
		}
		d.depth--
		d.open = d.open[:d.depth]
	}
	return tok, nil
}

func (d *decoder) syntaxError(msg string) error {
	line, _ := d.dec.InputPos()
	return &xml.SyntaxError{Msg: msg, Line: line}
}

func name(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// text appends the character data up to the end of the element just
// started to buf, skipping the text of any element named in skip
// (phonetic runs); it fails when the text passes max UTF-16 code units.
func (d *decoder) text(buf []byte, max int, skip string) ([]byte, error) {
	depth, skipping, units := d.depth, 0, 0
	for {
		tok, err := d.token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skipping > 0 || t.Name.Local == skip {
				skipping++
			}
		case xml.EndElement:
			if skipping > 0 {
				skipping--
			}
			if d.depth < depth {
				return buf, nil
			}
		case xml.CharData:
			if skipping == 0 {
				buf = append(buf, t...)
				if units += utf16Len(t); units > max {
					return nil, fmt.Errorf("%w: text longer than %d characters", ErrLimit, max)
				}
			}
		}
	}
}

// utf16Len is the length of b in UTF-16 code units, as Excel counts text.
func utf16Len(b []byte) int {
	n := 0
	for _, r := range string(b) {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// attrNS returns the value of a namespaced attribute (r:id), whatever its
// namespace.
func attrNS(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local && a.Name.Space != "" {
			return a.Value
		}
	}
	return ""
}

// unescape decodes the _xHHHH_ escapes by which SpreadsheetML writes
// characters XML cannot hold (ST_Xstring): _x000B_ is a vertical tab, and
// _x005F_ an underscore, which keeps a literal "_x000B_" apart.
func unescape(b []byte) string {
	if !bytes.Contains(b, []byte("_x")) {
		return string(b)
	}
	var out strings.Builder
	for i := 0; i < len(b); {
		if b[i] == '_' && i+7 <= len(b) && b[i+1] == 'x' && b[i+6] == '_' {
			if n, err := strconv.ParseUint(string(b[i+2:i+6]), 16, 16); err == nil {
				r := rune(n)
				i += 7
				// A character past U+FFFF comes as two escaped halves.
				if utf16.IsSurrogate(r) && i+7 <= len(b) && b[i] == '_' && b[i+1] == 'x' && b[i+6] == '_' {
					if lo, err := strconv.ParseUint(string(b[i+2:i+6]), 16, 16); err == nil {
						if c := utf16.DecodeRune(r, rune(lo)); c != utf8.RuneError {
							r = c
							i += 7
						}
					}
				}
				out.WriteRune(r)
				continue
			}
		}
		out.WriteByte(b[i])
		i++
	}
	return out.String()
}

// cellRef splits a cell reference ("AB12") into column and row numbers,
// both from 1.
func cellRef(ref string) (col, row int, ok bool) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
		if col > 1<<20 {
			return 0, 0, false
		}
	}
	if i == 0 || i == len(ref) {
		return 0, 0, false
	}
	row, err := strconv.Atoi(ref[i:])
	if err != nil || row < 1 || ref[i] == '0' || ref[i] == '+' {
		return 0, 0, false
	}
	return col, row, true
}

// ColumnName is the letters of column col (from 1): A, B, ..., AA.
func ColumnName(col int) string {
	var b []byte
	for col > 0 {
		col--
		b = append([]byte{byte('A' + col%26)}, b...)
		col /= 26
	}
	return string(b)
}
