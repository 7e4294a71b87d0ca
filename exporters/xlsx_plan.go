package exporters

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/docset/docset/schema"
)

// Excel's limits (Microsoft 365 "Excel specifications and limits").
const (
	// excelMaxRows counts the header row.
	excelMaxRows = 1_048_576
	// excelMaxCellChars is in UTF-16 code units, as Excel counts.
	excelMaxCellChars = 32_767
	// excelMaxLinks is the number of hyperlinks a sheet keeps; Excel drops
	// (and "repairs") the rest.
	excelMaxLinks = 65_530
	// excelMaxLinkChars is the longest hyperlink address Excel accepts.
	excelMaxLinkChars = 2_079
	excelMaxSheetName = 31
)

// ErrExcelLimit is wrapped by every error saying the dataset does not fit
// in an Excel workbook; the message names the table, column and record.
var ErrExcelLimit = errors.New("does not fit Excel")

// aboutSheet is the name of the first sheet, the one that explains the
// workbook.
const aboutSheet = "About"

// cellKind is how a column's values are written: the Excel cell type and
// number format they get.
type cellKind int

const (
	kindText cellKind = iota
	kindInteger
	kindNumber
	kindBool
	kindDate
	kindDateTime
	kindURL
	numKinds
)

func columnKind(c *schema.Column) cellKind {
	switch c.Type {
	case "integer":
		return kindInteger
	case "number":
		return kindNumber
	case "boolean":
		return kindBool
	}
	switch c.Format {
	case "date":
		return kindDate
	case "date-time":
		return kindDateTime
	case "uri", "iri":
		return kindURL
	}
	return kindText
}

// Column widths, in Excel character units (the width of a digit in the
// default font).
const (
	minColWidth = 6
	maxColWidth = 60
	// filterButton makes room for the filter drop-down the Excel Table puts
	// in every header cell.
	filterButton = 3
)

// maxExactInteger is the largest integer written as a number: Excel keeps
// 15 significant digits, so larger integers are written as text rather
// than silently rounded.
const maxExactInteger = 999_999_999_999_999

// sheetPlan is what the measuring pass learns about one table's sheet
// before anything is written: the StreamWriter needs column widths before
// the first row, and limits must fail before a partial file exists.
type sheetPlan struct {
	table *schema.Table
	kinds []cellKind
	rows  int
	// width is the display width of each column's widest line, header
	// included, in characters.
	width []int
	// wrap marks text columns holding a line wider than maxColWidth or a
	// line break: their cells wrap, and rows grow to show them.
	wrap []bool
	// links counts the cells that are clickable hyperlinks (at most
	// the link limit).
	links int
	// unlinked counts web addresses written as plain text because the
	// sheet reached the link limit.
	unlinked int
}

// workbookPlan is the measuring pass's result for the whole dataset.
type workbookPlan struct {
	sheets   []*sheetPlan
	records  int
	versions []string
	// sources are the distinct source paths, in record order, at most
	// maxAboutSources of them; moreSources says some were left out.
	sources     []string
	moreSources bool
	// newest is the latest review time among the records (zero if none):
	// the workbook's fixed created/modified date.
	newest time.Time
}

const maxAboutSources = 50

// limits are Excel's limits; tests lower the link limit to exercise it
// without writing 65,530 links.
type limits struct {
	rows  int
	links int
}

var excelLimits = limits{rows: excelMaxRows, links: excelMaxLinks}

// xlsxPlan is the workbook export of datasets of one layout. A record's
// part holds what the About sheet notes of it, then per table its rows
// (the cells as schema.Table.Rows gives them) and what measuring them
// found: row count, column widths, wrapping, web addresses and the first
// cell over Excel's limit. Measuring is done as records are encoded, on
// every core; the writer merges the measures in dataset order before it
// writes a row.
type xlsxPlan struct {
	x      *xlsxExporter
	ds     *Dataset
	kinds  [][]cellKind // per table, per column
	header [][]int      // per table, the width of each column's header
}

func (x *xlsxExporter) plan(ds *Dataset) (*xlsxPlan, error) {
	if err := checkNames(ds.Layout); err != nil {
		return nil, err
	}
	p := &xlsxPlan{x: x, ds: ds}
	for _, t := range ds.Layout.Tables {
		kinds := make([]cellKind, len(t.Columns))
		header := make([]int, len(t.Columns))
		for i, c := range t.Columns {
			kinds[i] = columnKind(c)
			header[i] = displayWidth(c.Name) + filterButton
		}
		p.kinds = append(p.kinds, kinds)
		p.header = append(p.header, header)
	}
	return p, nil
}

// Passes says that WriteParts reads the parts twice: to measure, then to
// write (for progress).
func (p *xlsxPlan) Passes() int { return 2 }

// Record notes: which of the About sheet's facts a record has.
const (
	noteVersion byte = 1 << iota
	noteSource
	noteReviewed
)

func (p *xlsxPlan) EncodeRecord(dst []byte, rec map[string]any) ([]byte, error) {
	id, _ := rec["id"].(string)
	var start int
	dst, start = beginSection(dst)
	dst = appendString(dst, id)
	var flags byte
	version, ok := rec["schema_version"].(string)
	if ok {
		flags |= noteVersion
	}
	var source, at string
	if src, ok := rec["source"].(map[string]any); ok {
		if source, ok = src["path"].(string); ok {
			flags |= noteSource
		}
	}
	if rv, ok := rec["review"].(map[string]any); ok {
		if at, ok = rv["at"].(string); ok {
			flags |= noteReviewed
		}
	}
	dst = append(dst, flags)
	dst = appendString(appendString(appendString(dst, version), source), at)
	dst = endSection(dst, start)
	for i, t := range p.ds.Layout.Tables {
		m := sheetMeasure{kinds: p.kinds[i], width: make([]int, len(t.Columns)), wrap: make([]bool, len(t.Columns))}
		dst, start = beginSection(dst)
		err := t.Rows(rec, func(row []any) error {
			m.rows++
			m.measure(row)
			for _, v := range row {
				var err error
				if dst, err = appendCell(dst, v); err != nil {
					return fmt.Errorf("table %s: %w", t.Name, err)
				}
			}
			return nil
		})
		if err != nil {
			return dst, err
		}
		dst = endSection(dst, start)
		dst, start = beginSection(dst)
		dst = m.append(dst)
		dst = endSection(dst, start)
	}
	return dst, nil
}

// measure checks the layout's names and walks every record's part once,
// measuring each column and enforcing Excel's limits.
func (p *xlsxPlan) measure(ctx context.Context, parts Parts) (*workbookPlan, error) {
	wp := &workbookPlan{}
	for i, t := range p.ds.Layout.Tables {
		sp := &sheetPlan{
			table: t,
			kinds: p.kinds[i],
			width: slices.Clone(p.header[i]),
			wrap:  make([]bool, len(t.Columns)),
		}
		wp.sheets = append(wp.sheets, sp)
	}
	seen := map[string]bool{}
	err := parts(func(part []byte) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		notes, part, err := nextSection(part)
		if err != nil {
			return err
		}
		id, err := wp.noteRecord(notes, seen)
		if err != nil {
			return err
		}
		for _, sp := range wp.sheets {
			var sec []byte
			if _, part, err = nextSection(part); err != nil { // the rows
				return err
			}
			if sec, part, err = nextSection(part); err != nil {
				return err
			}
			if err := sp.add(id, sec, p.x.limits); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, sp := range wp.sheets {
		if sp.rows > p.x.limits.rows-1 {
			return nil, fmt.Errorf("table %s has %d rows and %w: a sheet holds at most %d rows below its header (export fewer records per workbook, or use the CSV export)",
				sp.table.Name, sp.rows, ErrExcelLimit, p.x.limits.rows-1)
		}
	}
	slices.Sort(wp.versions)
	return wp, nil
}

// planWorkbook measures ds for the workbook, encoding each record as the
// measuring pass reads it.
func planWorkbook(ctx context.Context, ds *Dataset, lim limits) (*workbookPlan, error) {
	p, err := (&xlsxExporter{limits: lim}).plan(ds)
	if err != nil {
		return nil, err
	}
	return p.measure(ctx, encodedParts(p, ds))
}

// noteRecord gathers what the About sheet says of the records as a whole
// from a record's notes, and returns the record's id.
func (p *workbookPlan) noteRecord(notes []byte, seen map[string]bool) (string, error) {
	id, notes, err := readString(notes)
	if err != nil || len(notes) == 0 {
		return "", errBadPart
	}
	flags, notes := notes[0], notes[1:]
	var version, source, at string
	if version, notes, err = readString(notes); err != nil {
		return "", err
	}
	if source, notes, err = readString(notes); err != nil {
		return "", err
	}
	if at, _, err = readString(notes); err != nil {
		return "", err
	}
	p.records++
	if flags&noteVersion != 0 && !slices.Contains(p.versions, version) {
		p.versions = append(p.versions, version)
	}
	if flags&noteSource != 0 && !seen[source] {
		if len(p.sources) < maxAboutSources {
			seen[source] = true
			p.sources = append(p.sources, source)
		} else {
			p.moreSources = true
		}
	}
	if flags&noteReviewed != 0 {
		if t, err := time.Parse(time.RFC3339Nano, at); err == nil && t.After(p.newest) {
			p.newest = t.UTC().Truncate(time.Second)
		}
	}
	return id, nil
}

// sheetMeasure is what one record's rows of a table measure.
type sheetMeasure struct {
	kinds []cellKind
	rows  int
	width []int
	wrap  []bool
	// linkable counts the web addresses that can be links.
	linkable int
	// over is the first cell over Excel's text limit: its row among the
	// record's (1-based; 0 for none), column and length in UTF-16 units.
	over struct{ row, col, n int }
}

// measure widens columns to fit row and notes the first cell over the
// text limit.
func (m *sheetMeasure) measure(row []any) {
	for i, v := range row {
		if v == nil {
			continue
		}
		// Widths come from the value as given: a number's digits, a date's
		// fixed form, so typed cells need no conversion here.
		var w int
		s, isText := v.(string)
		switch kind := m.kinds[i]; {
		case kind == kindBool && !isText:
			w = len("FALSE")
		case kind == kindDate && isText && len(s) <= 64:
			w = max(len("2006-01-02"), len(s))
		case kind == kindDateTime && isText && len(s) <= 64:
			w = len("2006-01-02 15:04:05")
		case !isText:
			w = len(numberText(v))
		default:
			// A string of n bytes has at most n UTF-16 units and n columns
			// of width, so most cells are settled without a rune walk.
			if len(s) > excelMaxCellChars && m.over.row == 0 {
				if n := utf16Len(s); n > excelMaxCellChars {
					m.over.row, m.over.col, m.over.n = m.rows, i, n
				}
			}
			if kind == kindURL && linkable(s) {
				m.linkable++
			}
			if m.wrap[i] && m.width[i] >= maxColWidth {
				continue
			}
			if len(s) <= m.width[i] && strings.IndexByte(s, '\n') < 0 {
				continue
			}
			w = lineWidth(s)
			// Only text columns wrap: a web address stays one clickable
			// line, and text in a typed column is an oddity.
			if kind == kindText && (w > maxColWidth || strings.IndexByte(s, '\n') >= 0) {
				m.wrap[i] = true
			}
		}
		if w > m.width[i] {
			m.width[i] = w
		}
	}
}

// append appends the measure to dst.
func (m *sheetMeasure) append(dst []byte) []byte {
	dst = binary.AppendUvarint(dst, uint64(m.rows))
	dst = binary.AppendUvarint(dst, uint64(m.linkable))
	for i, w := range m.width {
		wrap := uint64(0)
		if m.wrap[i] {
			wrap = 1
		}
		dst = binary.AppendUvarint(dst, uint64(w)<<1|wrap)
	}
	dst = binary.AppendUvarint(dst, uint64(m.over.row))
	if m.over.row > 0 {
		dst = binary.AppendUvarint(dst, uint64(m.over.col))
		dst = binary.AppendUvarint(dst, uint64(m.over.n))
	}
	return dst
}

// add merges a record's measure of the sheet, in dataset order.
func (sp *sheetPlan) add(id string, sec []byte, lim limits) error {
	var rows, linkable, over uint64
	var err error
	if rows, sec, err = readUvarint(sec); err != nil {
		return err
	}
	if linkable, sec, err = readUvarint(sec); err != nil {
		return err
	}
	for i := range sp.width {
		var v uint64
		if v, sec, err = readUvarint(sec); err != nil {
			return err
		}
		sp.width[i] = max(sp.width[i], int(v>>1))
		sp.wrap[i] = sp.wrap[i] || v&1 == 1
	}
	if over, sec, err = readUvarint(sec); err != nil {
		return err
	}
	if over > 0 {
		var col, n uint64
		if col, sec, err = readUvarint(sec); err != nil {
			return err
		}
		if n, _, err = readUvarint(sec); err != nil {
			return err
		}
		if col >= uint64(len(sp.table.Columns)) {
			return errBadPart
		}
		c := sp.table.Columns[col]
		return fmt.Errorf("record %s: table %s, column %s (sheet row %d): text of %d characters %w: a cell holds at most %d, and text is never cut short (shorten it in the record, or use the CSV or JSON-LD export)",
			id, sp.table.Name, c.Name, sp.rows+int(over)+1, n, ErrExcelLimit, excelMaxCellChars)
	}
	sp.rows += int(rows)
	links := min(int(linkable), max(lim.links-sp.links, 0))
	sp.links += links
	sp.unlinked += int(linkable) - links
	return nil
}

// colWidth is the width given to column i: fitted to its content, within
// [minColWidth, maxColWidth], plus a little padding.
func (sp *sheetPlan) colWidth(i int) float64 {
	w := sp.width[i] + 2
	return float64(min(max(w, minColWidth), maxColWidth))
}

func numberText(v any) string {
	switch n := v.(type) {
	case json.Number:
		return n.String()
	case float64:
		return strconv.FormatFloat(n, 'g', -1, 64)
	}
	return fmt.Sprint(v)
}

// excelValue converts a cell from schema.Table.Rows into the value written
// for a column of the given kind, and the kind it is written as: a value
// that does not fit the column's type (an unparsable date, an integer
// beyond Excel's precision) is written as text, never altered.
func excelValue(kind cellKind, v any) (any, cellKind) {
	switch kind {
	case kindInteger:
		switch n := v.(type) {
		case json.Number:
			if i, err := strconv.ParseInt(string(n), 10, 64); err == nil && i >= -maxExactInteger && i <= maxExactInteger {
				return i, kindInteger
			}
		case float64:
			if n == math.Trunc(n) && math.Abs(n) <= maxExactInteger {
				return int64(n), kindInteger
			}
		}
	case kindNumber:
		switch n := v.(type) {
		case json.Number:
			if f, err := strconv.ParseFloat(string(n), 64); err == nil {
				return f, kindNumber
			}
		case float64:
			return v, kindNumber
		}
	case kindBool:
		if _, ok := v.(bool); ok {
			return v, kindBool
		}
	case kindDate:
		if s, ok := v.(string); ok {
			if t, err := time.Parse(time.DateOnly, s); err == nil {
				if serial, ok := excelSerial(t); ok {
					return serial, kindDate
				}
			}
		}
	case kindDateTime:
		if s, ok := v.(string); ok {
			// Excel has no time zones: date-times are shown in UTC, which
			// the column note says.
			if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
				if serial, ok := excelSerial(t); ok {
					return serial, kindDateTime
				}
			}
		}
	case kindURL:
		if _, ok := v.(string); ok {
			return v, kindURL
		}
	}
	// Values passed through keep their interface: no allocation per cell.
	switch x := v.(type) {
	case string:
		return v, kindText
	case bool:
		return strconv.FormatBool(x), kindText
	}
	return numberText(v), kindText
}

// Excel's serial day numbers: day 25569 is 1970-01-01; serials before
// day 61 (1900-03-01) are off by Excel's leap day 1900-02-29 and are not
// used.
var (
	excelFirstDay = time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)
	excelLastDay  = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
)

const unixEpochSerial = 25569

// excelSerial is t (in UTC) as an Excel date serial number, computed
// rather than through excelize's time.Time cells, which cost an
// allocation and a workbook lookup per cell. Times outside Excel's date
// range are not dates (ok false) and are written as text.
func excelSerial(t time.Time) (float64, bool) {
	if t.Before(excelFirstDay) || !t.Before(excelLastDay) {
		return 0, false
	}
	sec := t.Unix()
	days := sec / 86400
	rest := sec - days*86400
	return float64(days+unixEpochSerial) + (float64(rest)+float64(t.Nanosecond())/1e9)/86400, true
}

// linkable reports whether a web address becomes a clickable link: only
// http(s) and mailto addresses Excel accepts; anything else (javascript:,
// file:) stays plain text.
func linkable(s string) bool {
	if len(s) > excelMaxLinkChars || strings.ContainsAny(s, " \t\r\n\"<>") {
		return false
	}
	lower := strings.ToLower(s)
	return strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "mailto:")
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// lineWidth is the display width of the widest line of s.
func lineWidth(s string) int {
	w := 0
	for line := range strings.SplitSeq(s, "\n") {
		w = max(w, displayWidth(line))
	}
	return w
}

// displayWidth approximates how many digit widths s takes in the default
// font: East Asian wide characters take two.
func displayWidth(s string) int {
	w := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		w++
		if wide(r) {
			w++
		}
	}
	return w
}

func wide(r rune) bool {
	return r >= 0x1100 && (r <= 0x115f ||
		(r >= 0x2e80 && r <= 0xa4cf) ||
		(r >= 0xac00 && r <= 0xd7a3) ||
		(r >= 0xf900 && r <= 0xfaff) ||
		(r >= 0xfe30 && r <= 0xfe4f) ||
		(r >= 0xff00 && r <= 0xff60) ||
		(r >= 0xffe0 && r <= 0xffe6) ||
		(r >= 0x20000 && r <= 0x3fffd))
}

var (
	// Excel refuses a table name that could be read as a cell reference:
	// A1 style (up to column XFD) or R1C1 style.
	a1Ref   = regexp.MustCompile(`^([A-Za-z]{1,3})([0-9]+)$`)
	r1c1Ref = regexp.MustCompile(`^[Rr][0-9]*[Cc][0-9]*$`)
	// tableNameOK is the character set of an Excel Table name.
	tableNameOK = regexp.MustCompile(`^[A-Za-z_\\][A-Za-z0-9._\\]*$`)
)

// checkNames checks that every table name works as a sheet name and as an
// Excel Table name, so Excel opens the file without repairing it.
func checkNames(l *schema.Layout) error {
	seen := map[string]string{strings.ToLower(aboutSheet): aboutSheet}
	for _, t := range l.Tables {
		if err := sheetNameError(t.Name); err != nil {
			return fmt.Errorf("table %q %w: %w (rename its x-table in the record schema)", t.Name, ErrExcelLimit, err)
		}
		if other, ok := seen[strings.ToLower(t.Name)]; ok {
			return fmt.Errorf("table %q %w: its sheet name clashes with sheet %q, as Excel compares sheet names case-insensitively (rename its x-table in the record schema)", t.Name, ErrExcelLimit, other)
		}
		seen[strings.ToLower(t.Name)] = t.Name
		if err := tableNameError(t.Name); err != nil {
			return fmt.Errorf("table %q %w: %w (rename its x-table in the record schema)", t.Name, ErrExcelLimit, err)
		}
	}
	return nil
}

func sheetNameError(name string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return errors.New("a sheet name cannot be blank")
	case utf16Len(name) > excelMaxSheetName:
		return fmt.Errorf("a sheet name has at most %d characters", excelMaxSheetName)
	case strings.ContainsAny(name, `[]:*?/\`):
		return errors.New(`a sheet name cannot hold any of []:*?/\`)
	case strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'"):
		return errors.New("a sheet name cannot begin or end with an apostrophe")
	case strings.EqualFold(name, "History"):
		return errors.New(`"History" is a sheet name Excel reserves`)
	}
	return nil
}

func tableNameError(name string) error {
	if !tableNameOK.MatchString(name) || len(name) > 255 {
		return errors.New("an Excel Table name starts with a letter or _ and holds only letters, digits, underscores and periods")
	}
	if looksLikeCellRef(name) {
		return errors.New("an Excel Table name cannot look like a cell reference (A1 or R1C1 style)")
	}
	return nil
}

func looksLikeCellRef(name string) bool {
	if m := a1Ref.FindStringSubmatch(name); m != nil {
		col := 0
		for _, ch := range strings.ToUpper(m[1]) {
			col = col*26 + int(ch-'A') + 1
		}
		row, err := strconv.Atoi(m[2])
		return col <= 16384 && err == nil && row >= 1 && row <= excelMaxRows
	}
	return r1c1Ref.MatchString(name)
}
