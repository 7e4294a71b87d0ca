package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	goldenfile "github.com/docset/docset/internal/golden"
)

// dumpLayout renders a layout as text so a golden file pins it.
func dumpLayout(l *Layout) string {
	var b strings.Builder
	fmt.Fprintf(&b, "schema %s\n", l.SchemaID)
	for _, t := range l.Tables {
		fmt.Fprintf(&b, "\ntable %s (row %s, parent %q, path %s)\n", t.Name, t.Row, t.Parent, strings.Join(t.Path, "/"))
		fmt.Fprintf(&b, "  primary key %s\n", strings.Join(t.PrimaryKey, ", "))
		for _, fk := range t.ForeignKeys {
			fmt.Fprintf(&b, "  foreign key (%s) -> %s (%s)\n", strings.Join(fk.Columns, ", "), fk.RefTable, strings.Join(fk.RefColumns, ", "))
		}
		for _, c := range t.Columns {
			fmt.Fprintf(&b, "  %-20s %-8s", c.Name, c.Type)
			for _, f := range []struct {
				on   bool
				text string
			}{
				{c.Format != "", "format=" + c.Format},
				{len(c.Enum) > 0, "enum=" + strings.Join(c.Enum, "|")},
				{c.Nullable, "nullable"},
				{c.Required, "required"},
				{c.Join != "", fmt.Sprintf("join=%q", c.Join)},
				{c.Key, fmt.Sprintf("key(level %d)", c.Level)},
				{c.Ref != "", "ref=" + c.Ref},
			} {
				if f.on {
					b.WriteString(" " + f.text)
				}
			}
			fmt.Fprintf(&b, " path=%s\n", strings.Join(c.Path, "."))
		}
	}
	return b.String()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

func TestDefaultLayout(t *testing.T) {
	l, err := DefaultLayout()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "layout.golden", []byte(dumpLayout(l)))
}

func TestLayoutRows(t *testing.T) {
	l, err := DefaultLayout()
	if err != nil {
		t.Fatal(err)
	}
	doc := `{"schema_version":"1.0","id":"doc1","source":{"path":"a.txt","sha256":"` + strings.Repeat("a", 64) + `","bytes":10},
	"text":"Ann Lee said \"hi\".","paragraphs":[{"id":"p1","start":0,"end":18,"text":"Ann Lee said \"hi\".","kind":"paragraph"}],
	"entities":[{"id":"e1","name":"Ann Lee","type":"person","roles":["mayor","judge"],"mentions":[{"start":0,"end":7,"text":"Ann Lee"}]}],
	"quotes":[{"id":"q1","start":14,"end":16,"text":"hi","speaker":"e1","cue":"said","partial":false}],
	"dates":[],"quantities":[{"id":"n1","start":0,"end":1,"text":"A","value":1.5,"unit":null}],"review":{"status":"draft"}}`
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	var rec any
	if err := dec.Decode(&rec); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, tb := range l.Tables {
		n := 0
		err := tb.Rows(rec, func(row []any) error {
			fmt.Fprintf(&b, "%s %#v\n", tb.Name, row)
			n++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := tb.Count(rec); got != n {
			t.Errorf("%s: Count %d, Rows gave %d", tb.Name, got, n)
		}
	}
	golden(t, "rows.golden", b.Bytes())
}

// A property added to the schema must reach the layout with no code change.
func TestLayoutFollowsSchema(t *testing.T) {
	doc := bytes.Replace(JSON(), []byte(`"cue": {`),
		[]byte(`"confidence": {"title": "Confidence", "description": "How sure.", "type": "number", "minimum": 0},
          "cue": {`), 1)
	l, err := ParseLayout(doc)
	if err != nil {
		t.Fatal(err)
	}
	q := l.Table("quotes")
	c := q.Column("confidence")
	if c == nil {
		t.Fatalf("added property missing from quotes columns: %v", q.Columns)
	}
	if c.Type != "number" || c.Description != "How sure." || q.Columns[len(q.Columns)-3] != c {
		t.Errorf("got %+v at wrong place or with wrong type", c)
	}
}

func TestParseLayoutErrors(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"no root table", `{"type":"object","properties":{}}`, "no x-table"},
		{"no key", `{"x-table":"docs","type":"object","properties":{"a":{"type":"string"}}}`, "no id and no x-key"},
		{"two types", `{"x-table":"docs","type":"object","properties":{"id":{"type":"string"},"a":{"type":["string","number"]}}}`, "one type"},
		{"bad ref", `{"x-table":"docs","type":"object","properties":{"id":{"$ref":"#/$defs/nope"}}}`, "points nowhere"},
		{"unknown x-ref", `{"x-table":"docs","type":"object","properties":{"id":{"type":"string"},"a":{"type":"string","x-ref":"zz"}}}`, "unknown table"},
		{"not json", `{`, "record schema"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseLayout([]byte(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want error containing %q", err, tt.want)
			}
		})
	}
}
