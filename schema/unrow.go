package schema

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// SourceRow is one row of a table read back from an export (a sheet row,
// a CSV record). Cells line up with the table's columns and hold nil (an
// empty cell) or the cell's text as a person sees it: a reader has already
// turned spreadsheet dates into ISO 8601 text and undone CSV formula
// neutralization. Merge parses each cell by its column's type.
type SourceRow struct {
	// Line is where the row is in its source (sheet row, CSV line), for
	// messages.
	Line  int
	Cells []any
}

// SourceTable is what a source holds of one table for one record.
type SourceTable struct {
	Table *Table
	// Given marks the columns the source has; a column missing from the
	// source (a person deleted it) leaves the record's values alone.
	Given []bool
	Rows  []SourceRow
}

// ChangeOp is what a merge did to an item.
type ChangeOp int

// Change operations.
const (
	Set ChangeOp = iota + 1
	Added
	Removed
)

// Change is one difference a merge made to a record.
type Change struct {
	Table string
	// Key names the item within the record: its key values below the
	// document, joined by "/" ("e5", "e1/262"); "" for the root table.
	Key string
	Op  ChangeOp
	// Column, Old and New are set for Set: the column and its cell before
	// and after, as the tables show them.
	Column   string
	Old, New any
}

// RowError is a source row that cannot be merged.
type RowError struct {
	Table  string
	Line   int
	Column string
	Msg    string
}

func (e *RowError) Error() string {
	if e.Column != "" {
		return fmt.Sprintf("table %s, row %d, column %s: %s", e.Table, e.Line, e.Column, e.Msg)
	}
	return fmt.Sprintf("table %s, row %d: %s", e.Table, e.Line, e.Msg)
}

// Merged is the outcome of a merge.
type Merged struct {
	Changes []Change
	// Errors are the rows that could not be merged; with any, the record
	// must not be written.
	Errors []*RowError
	// rows maps the JSON Pointer of every item built from a source row to
	// that row.
	rows map[string]rowPlace
	l    *Layout
}

type rowPlace struct {
	table *Table
	line  int
}

// Locate maps a JSON Pointer into the merged record to the source row and
// column it came from; ok is false for a value no row holds (the text,
// sentences).
func (m *Merged) Locate(pointer string) (table string, line int, column string, ok bool) {
	// The item is the longest prefix of the pointer that a row built: a
	// few map lookups, however many rows the record has.
	best, found := pointer, false
	var rp rowPlace
	for {
		if rp, found = m.rows[best]; found {
			break
		}
		i := strings.LastIndexByte(best, '/')
		if i < 0 {
			return "", 0, "", false
		}
		best = best[:i]
	}
	rest := strings.TrimPrefix(strings.TrimPrefix(pointer, best), "/")
	for _, c := range rp.table.Columns {
		path := strings.Join(c.Path, "/")
		if !c.Key && (rest == path || strings.HasPrefix(rest, path+"/")) {
			return rp.table.Name, rp.line, c.Name, true
		}
	}
	// An object flattened into columns (review: review_status, ...) is
	// named by its first column.
	for _, c := range rp.table.Columns {
		if !c.Key && rest != "" && strings.HasPrefix(strings.Join(c.Path, "/"), rest+"/") {
			return rp.table.Name, rp.line, c.Name, true
		}
	}
	if best == "" {
		// A member of the record no column holds (the text, sentences).
		return "", 0, "", false
	}
	return rp.table.Name, rp.line, "", true
}

// Depth is how many arrays deep the table's items are (0 for the root).
func (t *Table) Depth() int {
	n := 0
	for _, p := range t.Path {
		if p == "*" {
			n++
		}
	}
	return n
}

// RecordKey returns the index of the column that holds the record id in a
// row of t: the root's own key, or a child table's document key column.
func (t *Table) RecordKey() int {
	d := t.Depth()
	for i, c := range t.Columns {
		if d == 0 && len(t.PrimaryKey) > 0 && c.Name == t.PrimaryKey[0] {
			return i
		}
		if d > 0 && c.Key && c.Level == d {
			return i
		}
	}
	return -1
}

// Merge rebuilds the tabular parts of rec, a record decoded with UseNumber,
// from the rows a source holds for it, table by table in layout order, so
// that parents exist before their children are placed. It is the reverse of
// Table.Rows and is driven by the layout alone: a property added to the
// schema is merged with no code change.
//
// A row whose keys match an existing item updates that item in place: only
// cells that differ from the item's value (as the tables show it) are set,
// so an unchanged row leaves the JSON byte for byte as it was, and members
// that are not columns are kept. A row with new keys adds an item (after
// the existing ones); an item with no row is removed. A table the source
// does not hold is left alone. rec is changed in place.
func (l *Layout) Merge(rec map[string]any, src map[string]*SourceTable) *Merged {
	m := &Merged{rows: map[string]rowPlace{}, l: l}
	for _, t := range l.Tables {
		st := src[t.Name]
		if st == nil {
			continue
		}
		if t.Depth() == 0 {
			m.mergeRoot(t, rec, st)
			continue
		}
		m.mergeChild(t, rec, st)
	}
	if len(m.Errors) == 0 {
		m.locate(rec, src)
	}
	return m
}

func (m *Merged) mergeRoot(t *Table, rec map[string]any, st *SourceTable) {
	if len(st.Rows) == 0 {
		return
	}
	for _, r := range st.Rows[1:] {
		m.Errors = append(m.Errors, &RowError{Table: t.Name, Line: r.Line, Msg: fmt.Sprintf("a second row for this %s (the first is row %d); keep one", t.Row, st.Rows[0].Line)})
	}
	m.apply(t, st, rec, st.Rows[0], "")
}

// parentRef is an item a child table's items hang under, with the values
// of its keys as a child row names them.
type parentRef struct {
	item map[string]any
	key  string
}

func (m *Merged) mergeChild(t *Table, rec map[string]any, st *SourceTable) {
	d := t.Depth()
	last := len(t.Path) - 1
	prev := -1
	for i := last - 1; i >= 0; i-- {
		if t.Path[i] == "*" {
			prev = i
			break
		}
	}
	field := t.Path[prev+1 : last]
	// Ancestor key columns below the document identify the parent item.
	var parentCols []int
	for i, c := range t.Columns {
		if c.Key && c.Level >= 1 && c.Level < d {
			parentCols = append(parentCols, i)
		}
	}
	var ownCols []int
	for _, k := range t.PrimaryKey {
		for i, c := range t.Columns {
			if c.Name == k && !c.Key {
				ownCols = append(ownCols, i)
			}
		}
	}
	for _, i := range append(slices.Clone(parentCols), ownCols...) {
		if !st.Given[i] {
			m.Errors = append(m.Errors, &RowError{Table: t.Name, Line: 1, Column: t.Columns[i].Name, Msg: "the key column is missing; put it back so rows can be matched to the record"})
			return
		}
	}

	var parents []parentRef
	walkChains(rec, t.Path[:prev+1], []any{rec}, func(chain []any) {
		item, _ := chain[len(chain)-1].(map[string]any)
		if item == nil {
			return
		}
		var key []string
		for _, i := range parentCols {
			c := t.Columns[i]
			key = append(key, keyText(cell(lookup(chain[d-c.Level], c.Path), c.Join)))
		}
		parents = append(parents, parentRef{item: item, key: strings.Join(key, "\x00")})
	})
	byParent := map[string][]SourceRow{}
	for _, r := range st.Rows {
		var key []string
		for _, i := range parentCols {
			key = append(key, keyText(parseCell(t.Columns[i], r.Cells[i])))
		}
		k := strings.Join(key, "\x00")
		if !slices.ContainsFunc(parents, func(p parentRef) bool { return p.key == k }) {
			var named []string
			for _, i := range parentCols {
				named = append(named, fmt.Sprintf("%s %v", t.Columns[i].Name, r.Cells[i]))
			}
			m.Errors = append(m.Errors, &RowError{Table: t.Name, Line: r.Line, Msg: fmt.Sprintf("%s names no %s of this document (no row in %s); correct the key or add that row", strings.Join(named, ", "), m.l.Table(t.Parent).Row, t.Parent)})
			continue
		}
		byParent[k] = append(byParent[k], r)
	}
	for _, p := range parents {
		m.mergeItems(t, st, p, field, ownCols, byParent[p.key])
	}
}

func (m *Merged) mergeItems(t *Table, st *SourceTable, p parentRef, field []string, ownCols []int, rows []SourceRow) {
	old, had := lookup(p.item, field).([]any)
	if !had && len(rows) == 0 && lookup(p.item, field) == nil {
		return
	}
	prefix := ""
	if p.key != "" {
		prefix = strings.ReplaceAll(p.key, "\x00", "/") + "/"
	}
	rowOf := map[string]SourceRow{}
	var order []string
	for _, r := range rows {
		var key []string
		for _, i := range ownCols {
			key = append(key, keyText(parseCell(t.Columns[i], r.Cells[i])))
		}
		k := strings.Join(key, "/")
		if first, dup := rowOf[k]; dup {
			m.Errors = append(m.Errors, &RowError{Table: t.Name, Line: r.Line, Msg: fmt.Sprintf("key %s%s is also on row %d; each row needs its own key", prefix, k, first.Line)})
			continue
		}
		rowOf[k] = r
		order = append(order, k)
	}
	items := make([]any, 0, len(rows))
	seen := map[string]bool{}
	reshaped := false
	for _, it := range old {
		item, _ := it.(map[string]any)
		var key []string
		for _, i := range ownCols {
			c := t.Columns[i]
			key = append(key, keyText(cell(lookup(item, c.Path), c.Join)))
		}
		k := strings.Join(key, "/")
		r, ok := rowOf[k]
		if !ok || seen[k] {
			m.Changes = append(m.Changes, Change{Table: t.Name, Key: prefix + k, Op: Removed})
			reshaped = true
			continue
		}
		seen[k] = true
		m.apply(t, st, item, r, prefix+k)
		items = append(items, item)
	}
	for _, k := range order {
		if seen[k] {
			continue
		}
		item := map[string]any{}
		before := len(m.Changes)
		m.apply(t, st, item, rowOf[k], prefix+k)
		m.Changes = append(m.Changes[:before], Change{Table: t.Name, Key: prefix + k, Op: Added})
		items = append(items, item)
		reshaped = true
	}
	if had && !reshaped {
		return
	}
	setPath(p.item, field, items)
}

// apply sets the cells of row r that differ from item's values.
func (m *Merged) apply(t *Table, st *SourceTable, item map[string]any, r SourceRow, key string) {
	for i, c := range t.Columns {
		if c.Key || !st.Given[i] {
			continue
		}
		v := parseCell(c, r.Cells[i])
		old := lookup(item, c.Path)
		if sameValue(c, old, v) {
			continue
		}
		m.Changes = append(m.Changes, Change{Table: t.Name, Key: key, Op: Set, Column: c.Name, Old: cell(old, c.Join), New: r.Cells[i]})
		if v == nil && !c.Nullable {
			deletePath(item, c.Path)
			continue
		}
		setPath(item, c.Path, v)
	}
}

// locate records, for every item of the merged record, the source row it
// came from, by the item's keys.
func (m *Merged) locate(rec map[string]any, src map[string]*SourceTable) {
	for _, t := range m.l.Tables {
		st := src[t.Name]
		if st == nil {
			continue
		}
		if t.Depth() == 0 {
			if len(st.Rows) > 0 {
				m.rows[""] = rowPlace{table: t, line: st.Rows[0].Line}
			}
			continue
		}
		var keyCols []int
		for i, c := range t.Columns {
			if (c.Key && c.Level < t.Depth()) || (!c.Key && slices.Contains(t.PrimaryKey, c.Name)) {
				keyCols = append(keyCols, i)
			}
		}
		lines := map[string]int{}
		for _, r := range st.Rows {
			var key []string
			for _, i := range keyCols {
				key = append(key, keyText(parseCell(t.Columns[i], r.Cells[i])))
			}
			lines[strings.Join(key, "\x00")] = r.Line
		}
		walkPointers(rec, t.Path, []any{rec}, "", func(chain []any, ptr string) {
			var key []string
			for _, i := range keyCols {
				c := t.Columns[i]
				src := chain[len(chain)-1-c.Level]
				key = append(key, keyText(cell(lookup(src, c.Path), c.Join)))
			}
			if line, ok := lines[strings.Join(key, "\x00")]; ok {
				m.rows[ptr] = rowPlace{table: t, line: line}
			}
		})
	}
}

func walkChains(v any, path []string, chain []any, fn func([]any)) {
	walkPointers(v, path, chain, "", func(c []any, _ string) { fn(c) })
}

func walkPointers(v any, path []string, chain []any, ptr string, fn func([]any, string)) {
	if len(path) == 0 {
		fn(chain, ptr)
		return
	}
	if path[0] == "*" {
		items, _ := v.([]any)
		for i, it := range items {
			walkPointers(it, path[1:], append(slices.Clip(chain), it), ptr+"/"+strconv.Itoa(i), fn)
		}
		return
	}
	m, _ := v.(map[string]any)
	walkPointers(m[path[0]], path[1:], chain, ptr+"/"+escapePointer(path[0]), fn)
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// ParseCell turns a source cell into the JSON value of column c: numbers
// for number columns, true/false for booleans, a string array for joined
// columns. Text that does not parse as the column's type stays text, so
// validation reports it where it is.
func ParseCell(c *Column, v any) any { return parseCell(c, v) }

func parseCell(c *Column, v any) any {
	s, ok := v.(string)
	if !ok {
		return v
	}
	if c.Join != "" {
		sep := strings.TrimSpace(c.Join)
		if sep == "" {
			sep = c.Join
		}
		var out []any
		for part := range strings.SplitSeq(s, sep) {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}
	switch c.Type {
	case "integer", "number":
		t := strings.TrimSpace(s)
		f, err := strconv.ParseFloat(t, 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) || !json.Valid([]byte(t)) {
			return s
		}
		if c.Type == "integer" && f == math.Trunc(f) && math.Abs(f) < 1<<53 && strings.ContainsAny(t, ".eE") {
			return json.Number(strconv.FormatInt(int64(f), 10))
		}
		return json.Number(t)
	case "boolean":
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true", "1":
			return true
		case "false", "0":
			return false
		}
	}
	return s
}

// sameValue reports whether a record value and a parsed cell say the same
// thing as the tables show it: numbers by value (2.50 is 2.5), date-times
// by instant (a spreadsheet keeps them in UTC), text with CRLF or LF line
// breaks alike, an empty cell for null, a missing member, "" or an empty
// array.
func sameValue(c *Column, old, v any) bool {
	if isEmpty(old) || isEmpty(v) {
		return isEmpty(old) && isEmpty(v)
	}
	switch o := old.(type) {
	case []any:
		n, ok := v.([]any)
		if !ok || len(n) != len(o) {
			return false
		}
		for i := range o {
			if o[i] != n[i] {
				return false
			}
		}
		return true
	case json.Number, float64:
		a, aok := number(o)
		b, bok := number(v)
		return aok && bok && sameNumber(a, b)
	case string:
		n, ok := v.(string)
		if !ok {
			return false
		}
		// Spreadsheet programs store a line break in a cell as LF.
		if n == o || strings.ReplaceAll(o, "\r\n", "\n") == strings.ReplaceAll(n, "\r\n", "\n") {
			return true
		}
		if c.Format == "date-time" {
			a, aerr := time.Parse(time.RFC3339Nano, o)
			b, berr := time.Parse(time.RFC3339Nano, n)
			return aerr == nil && berr == nil && a.Sub(b).Abs() < time.Millisecond
		}
		return false
	}
	return old == v
}

// sameNumber is true for numbers equal as a spreadsheet keeps them: to 15
// significant digits, cut (as Excel and docset's workbooks write them) or
// rounded, so 0.14500000000000002 read back as 0.145 is no correction.
func sameNumber(a, b float64) bool {
	return a == b || spreadsheetDigits(a, b) || spreadsheetDigits(b, a)
}

// spreadsheetDigits reports whether short is long to 15 significant
// digits, cut or rounded.
func spreadsheetDigits(long, short float64) bool {
	const digits = 15
	rounded, err := strconv.ParseFloat(strconv.FormatFloat(long, 'e', digits-1, 64), 64)
	if err == nil && rounded == short {
		return true
	}
	// Cut: the shortest exact form's mantissa, no more than 15 digits.
	e := strconv.FormatFloat(long, 'e', -1, 64)
	mant, exp, ok := strings.Cut(e, "e")
	if !ok || len(mant) <= digits+1 {
		return false
	}
	if strings.HasPrefix(mant, "-") {
		if len(mant) <= digits+2 {
			return false
		}
		mant = mant[:digits+2]
	} else {
		mant = mant[:digits+1]
	}
	cut, err := strconv.ParseFloat(mant+"e"+exp, 64)
	return err == nil && cut == short
}

func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	}
	return false
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	case float64:
		return n, true
	}
	return 0, false
}

// keyText is a key value in a form that matches however it was written.
func keyText(v any) string {
	if f, ok := number(v); ok {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	return fmt.Sprint(v)
}

func setPath(item map[string]any, path []string, v any) {
	for _, k := range path[:len(path)-1] {
		next, ok := item[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			item[k] = next
		}
		item = next
	}
	item[path[len(path)-1]] = v
}

func deletePath(item map[string]any, path []string) {
	for _, k := range path[:len(path)-1] {
		next, ok := item[k].(map[string]any)
		if !ok {
			return
		}
		item = next
	}
	delete(item, path[len(path)-1])
}
