package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const seedRecord = "../exporters/testdata/records/000_5b4285e19d35a4a5.json"

func loadRecord(t *testing.T, path string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return decodeJSON(t, data)
}

func decodeJSON(t testing.TB, data []byte) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var rec map[string]any
	if err := dec.Decode(&rec); err != nil {
		t.Fatal(err)
	}
	return rec
}

func encodeJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// sourceOf is what an export of rec reads back as: every table's rows with
// cells as text, sheet row numbers from 2.
func sourceOf(t testing.TB, l *Layout, rec map[string]any) map[string]*SourceTable {
	t.Helper()
	src := map[string]*SourceTable{}
	for _, tbl := range l.Tables {
		st := &SourceTable{Table: tbl, Given: make([]bool, len(tbl.Columns))}
		for i := range st.Given {
			st.Given[i] = true
		}
		err := tbl.Rows(rec, func(row []any) error {
			cells := make([]any, len(row))
			for i, v := range row {
				switch v := v.(type) {
				case nil:
				case string:
					if v != "" {
						cells[i] = v
					}
				default:
					cells[i] = fmt.Sprint(v)
				}
			}
			st.Rows = append(st.Rows, SourceRow{Line: len(st.Rows) + 2, Cells: cells})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		src[tbl.Name] = st
	}
	return src
}

// row finds the row of table whose named cells hold the given values.
func row(t *testing.T, st *SourceTable, match ...string) *SourceRow {
	t.Helper()
	for i := range st.Rows {
		ok := true
		for j := 0; j < len(match); j += 2 {
			c := slices.IndexFunc(st.Table.Columns, func(c *Column) bool { return c.Name == match[j] })
			if s, _ := st.Rows[i].Cells[c].(string); s != match[j+1] {
				ok = false
			}
		}
		if ok {
			return &st.Rows[i]
		}
	}
	t.Fatalf("%s has no row %v", st.Table.Name, match)
	return nil
}

func setCell(st *SourceTable, r *SourceRow, col string, v any) {
	r.Cells[slices.IndexFunc(st.Table.Columns, func(c *Column) bool { return c.Name == col })] = v
}

func TestMergeUnchanged(t *testing.T) {
	l, err := DefaultLayout()
	if err != nil {
		t.Fatal(err)
	}
	paths, _ := filepath.Glob("../exporters/testdata/records/*.json")
	valid, _ := filepath.Glob("../testdata/records/valid/*.json")
	for _, p := range append(paths, valid...) {
		t.Run(filepath.Base(p), func(t *testing.T) {
			rec := loadRecord(t, p)
			want := encodeJSON(t, rec)
			m := l.Merge(rec, sourceOf(t, l, rec))
			if len(m.Changes) > 0 || len(m.Errors) > 0 {
				t.Fatalf("changes %+v, errors %v", m.Changes, m.Errors)
			}
			if got := encodeJSON(t, rec); got != want {
				t.Errorf("record changed:\n%s", cmp.Diff(want, got))
			}
		})
	}
}

func TestMerge(t *testing.T) {
	l, err := DefaultLayout()
	if err != nil {
		t.Fatal(err)
	}
	const doc = "000_5b4285e19d35a4a5"
	tests := []struct {
		name    string
		edit    func(t *testing.T, src map[string]*SourceTable)
		changes string
		errors  string
		checks  map[string]string // JSON Pointer -> JSON
	}{
		{
			name: "a cell changed",
			edit: func(t *testing.T, src map[string]*SourceTable) {
				st := src["entities"]
				setCell(st, row(t, st, "id", "e12"), "type", "place")
			},
			changes: "entities e12 type organization -> place",
			checks:  map[string]string{"/entities/11/type": `"place"`},
		},
		{
			name: "same values written differently",
			edit: func(t *testing.T, src map[string]*SourceTable) {
				st := src["quantities"]
				setCell(st, row(t, st, "id", "n1"), "value", "10.0")
				setCell(st, row(t, st, "id", "n1"), "start", "1260.0")
				st = src["entities"]
				setCell(st, row(t, st, "id", "e1"), "roles", " Russian Defense Minister ;")
				st = src["documents"]
				setCell(st, &st.Rows[0], "review_at", "2023-09-06T10:30:00.0004+02:00")
				setCell(st, &st.Rows[0], "review_notes", "Checked speakers.\r\nKirby's first quote spans two sentences; kept as one.")
			},
		},
		{
			name: "an optional cell emptied removes the member, a nullable one becomes null",
			edit: func(t *testing.T, src map[string]*SourceTable) {
				st := src["entities"]
				setCell(st, row(t, st, "id", "e4"), "subtype", nil)
				st = src["dates"]
				setCell(st, row(t, st, "id", "d1"), "value", nil)
			},
			changes: "entities e4 subtype country -> <nil>; dates d1 value 2023-09-04 -> <nil>",
			checks:  map[string]string{"/entities/3": `{"id":"e4","mentions":[{"end":231,"start":220,"text":"South Korea"}],"name":"South Korea","type":"place"}`, "/dates/0/value": "null"},
		},
		{
			name: "rows deleted and added",
			edit: func(t *testing.T, src map[string]*SourceTable) {
				st := src["mentions"]
				r := row(t, st, "entity_id", "e5", "start", "2295")
				st.Rows = slices.DeleteFunc(st.Rows, func(x SourceRow) bool { return x.Line == r.Line })
				st = src["dates"]
				st.Rows = append(st.Rows, SourceRow{Line: 99, Cells: []any{doc, "d5", "1319", "1323", "2023", "2023"}})
				st = src["entities"]
				st.Rows = append(st.Rows, SourceRow{Line: 99, Cells: []any{doc, "e17", "Interaction", "event", nil, nil}})
				st = src["mentions"]
				st.Rows = append(st.Rows, SourceRow{Line: 99, Cells: []any{doc, "e17", "1303", "1314", "Interaction"}})
			},
			changes: "entities e17 added; mentions e5/2295 removed; mentions e17/1303 added; dates d5 added",
			checks: map[string]string{
				"/entities/4/mentions": `[{"end":323,"start":312,"text":"Kim Jong Un"}]`,
				"/entities/16":         `{"id":"e17","mentions":[{"end":1314,"start":1303,"text":"Interaction"}],"name":"Interaction","type":"event"}`,
				"/dates/4":             `{"end":1323,"id":"d5","start":1319,"text":"2023","value":"2023"}`,
			},
		},
		{
			name: "every row of a table deleted",
			edit: func(t *testing.T, src map[string]*SourceTable) {
				src["quotes"].Rows = nil
			},
			changes: "quotes q1 removed; quotes q2 removed; quotes q3 removed; quotes q4 removed; quotes q5 removed; quotes q6 removed",
			checks:  map[string]string{"/quotes": `[]`},
		},
		{
			name: "a missing table or column keeps the record's values",
			edit: func(t *testing.T, src map[string]*SourceTable) {
				delete(src, "mentions")
				st := src["entities"]
				st.Given[slices.IndexFunc(st.Table.Columns, func(c *Column) bool { return c.Name == "type" })] = false
				setCell(st, row(t, st, "id", "e12"), "type", nil)
			},
		},
		{
			name: "bad rows",
			edit: func(t *testing.T, src map[string]*SourceTable) {
				st := src["mentions"]
				st.Rows = append(st.Rows, SourceRow{Line: 70, Cells: []any{doc, "e99", "0", "7", "Russian"}})
				st = src["quantities"]
				setCell(st, row(t, st, "id", "n2"), "id", "n1")
			},
			changes: "quantities n2 removed",
			errors: "table mentions, row 70: entity_id e99 names no entity of this document (no row in entities); correct the key or add that row; " +
				"table quantities, row 3: key n1 is also on row 2; each row needs its own key",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := loadRecord(t, seedRecord)
			src := sourceOf(t, l, rec)
			tt.edit(t, src)
			m := l.Merge(rec, src)
			var changes, errs []string
			for _, c := range m.Changes {
				s := c.Table + " " + c.Key + " "
				switch c.Op {
				case Added:
					s += "added"
				case Removed:
					s += "removed"
				default:
					s += fmt.Sprintf("%s %v -> %v", c.Column, c.Old, c.New)
				}
				changes = append(changes, s)
			}
			for _, e := range m.Errors {
				errs = append(errs, e.Error())
			}
			if got := strings.Join(changes, "; "); got != tt.changes {
				t.Errorf("changes:\n got %s\nwant %s", got, tt.changes)
			}
			if got := strings.Join(errs, "; "); got != tt.errors {
				t.Errorf("errors:\n got %s\nwant %s", got, tt.errors)
			}
			for p, want := range tt.checks {
				if got := pointerOf(t, rec, p); got != want {
					t.Errorf("%s = %s, want %s", p, got, want)
				}
			}
		})
	}
}

func pointerOf(t *testing.T, v any, pointer string) string {
	t.Helper()
	for _, k := range strings.Split(pointer, "/")[1:] {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			var i int
			fmt.Sscan(k, &i)
			if i >= len(x) {
				return "<missing>"
			}
			v = x[i]
		}
	}
	return encodeJSON(t, v)
}

func TestMergeLocate(t *testing.T) {
	l, err := DefaultLayout()
	if err != nil {
		t.Fatal(err)
	}
	rec := loadRecord(t, seedRecord)
	m := l.Merge(rec, sourceOf(t, l, rec))
	tests := []struct {
		pointer string
		want    string
	}{
		{"/quotes/2/text", "quotes 4 text"},
		{"/entities/4/mentions/1/start", "mentions 26 start"},
		{"/entities/0/roles/0", "entities 2 roles"},
		{"/entities/3/mentions", "entities 5 "},
		{"/review/status", "documents 2 review_status"},
		{"/review", "documents 2 review_status"},
		{"/metadata/published", "documents 2 metadata_published"},
		{"/text", "not located"},
		{"/sentences/0/start", "not located"},
	}
	for _, tt := range tests {
		table, line, col, ok := m.Locate(tt.pointer)
		got := fmt.Sprintf("%s %d %s", table, line, col)
		if !ok {
			got = "not located"
		}
		if got != tt.want {
			t.Errorf("Locate(%s) = %q, want %q", tt.pointer, got, tt.want)
		}
	}
}

// TestMergeAddedProperty adds properties to a copy of the schema and shows
// the merge bring them back with no code change.
func TestMergeAddedProperty(t *testing.T) {
	doc := string(JSON())
	doc = strings.Replace(doc, `"partial": {"title": "Partial"`, `"confidence": {"title": "Confidence", "type": "number"},
          "checked": {"title": "Checked", "type": "boolean"},
          "partial": {"title": "Partial"`, 1)
	l, err := ParseLayout([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	rec := loadRecord(t, seedRecord)
	src := sourceOf(t, l, rec)
	st := src["quotes"]
	r := row(t, st, "id", "q1")
	setCell(st, r, "confidence", "0.75")
	setCell(st, r, "checked", "TRUE")
	m := l.Merge(rec, src)
	if len(m.Errors) > 0 {
		t.Fatal(m.Errors)
	}
	if got, want := pointerOf(t, rec, "/quotes/0/confidence"), "0.75"; got != want {
		t.Errorf("confidence = %s, want %s", got, want)
	}
	if got, want := pointerOf(t, rec, "/quotes/0/checked"), "true"; got != want {
		t.Errorf("checked = %s, want %s", got, want)
	}
	if len(m.Changes) != 2 {
		t.Errorf("changes = %+v", m.Changes)
	}
}

func TestParseCell(t *testing.T) {
	tests := []struct {
		col  Column
		in   any
		want string
	}{
		{Column{Type: "integer"}, "25", "25"},
		{Column{Type: "integer"}, "25.0", "25"},
		{Column{Type: "integer"}, "2.5E1", "25"},
		{Column{Type: "integer"}, "twenty", `"twenty"`},
		{Column{Type: "number"}, " 2.50 ", "2.50"},
		{Column{Type: "number"}, "NaN", `"NaN"`},
		{Column{Type: "number"}, "0x10", `"0x10"`},
		{Column{Type: "boolean"}, "TRUE", "true"},
		{Column{Type: "boolean"}, "0", "false"},
		{Column{Type: "boolean"}, "yes", `"yes"`},
		{Column{Type: "string", Join: "; "}, "a; b;;c ", `["a","b","c"]`},
		{Column{Type: "string", Join: "; "}, " ; ", "null"},
		{Column{Type: "string"}, "=1", `"=1"`},
		{Column{Type: "string"}, nil, "null"},
	}
	for _, tt := range tests {
		got := encodeJSON(t, ParseCell(&tt.col, tt.in))
		if got != tt.want {
			t.Errorf("ParseCell(%s, %q) = %s, want %s", tt.col.Type, tt.in, got, tt.want)
		}
	}
}

// FuzzMergeCell puts any text in any cell of the seed's rows and merges:
// the merge never panics, and a cell holding the text it was exported as
// changes nothing.
func FuzzMergeCell(f *testing.F) {
	f.Add(0, 0, "reviewed")
	f.Add(2, 3, "place")
	f.Add(3, 2, "2.5E1")
	f.Add(4, 5, "e99")
	f.Add(5, 1, "")
	f.Add(1, 4, "x; ;y")
	data, err := os.ReadFile(seedRecord)
	if err != nil {
		f.Fatal(err)
	}
	l, err := DefaultLayout()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, table, col int, s string) {
		rec := decodeJSON(t, data)
		src := sourceOf(t, l, rec)
		tbl := l.Tables[abs(table)%len(l.Tables)]
		st := src[tbl.Name]
		if len(st.Rows) == 0 {
			return
		}
		i := abs(col) % len(tbl.Columns)
		r := &st.Rows[abs(col+table)%len(st.Rows)]
		was := r.Cells[i]
		r.Cells[i] = s
		m := l.Merge(rec, src)
		if was == s && (len(m.Changes) > 0 || len(m.Errors) > 0) {
			t.Errorf("cell %s.%s kept as %q: changes %+v, errors %v", tbl.Name, tbl.Columns[i].Name, s, m.Changes, m.Errors)
		}
		if _, err := json.Marshal(rec); err != nil {
			t.Errorf("merged record does not encode: %v", err)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		if n = -n; n < 0 {
			return 0
		}
	}
	return n
}

// BenchmarkMerge merges the seed record's own rows back into it: the cost
// of importing an untouched record.
func BenchmarkMerge(b *testing.B) {
	data, err := os.ReadFile(seedRecord)
	if err != nil {
		b.Fatal(err)
	}
	l, err := DefaultLayout()
	if err != nil {
		b.Fatal(err)
	}
	rec := decodeJSON(b, data)
	src := sourceOf(b, l, rec)
	b.ReportAllocs()
	for b.Loop() {
		m := l.Merge(rec, src)
		if len(m.Changes) > 0 {
			b.Fatal(m.Changes)
		}
	}
}

func TestSameNumber(t *testing.T) {
	tests := []struct {
		a, b float64
		want bool
	}{
		{0.6, 0.6, true},
		{0.6000000000000001, 0.6, true},        // cut to 15 digits by a spreadsheet
		{1700000000.0000002, 1700000000, true}, // same, large
		{0.14500000000000002, 0.145, true},
		{0.1234567890123459, 0.123456789012345, true}, // cut
		{0.1234567890123459, 0.123456789012346, true}, // rounded
		{-0.6000000000000001, -0.6, true},
		{0.145, 0.146, false},
		{123456789012345, 123456789012346, false}, // the 15th digit counts
		{0, 1e-300, false},
		{-2.5, 2.5, false},
	}
	for _, tt := range tests {
		if got := sameNumber(tt.a, tt.b); got != tt.want {
			t.Errorf("sameNumber(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
