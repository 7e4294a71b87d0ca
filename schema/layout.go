package schema

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Layout is the tabular shape of the dataset, derived from the record
// schema: which tables exist, their columns in schema property order, and
// how they join. Every tabular exporter (CSV, XLSX, Data Package) reads it,
// so a property added to the schema reaches every format without code.
//
// The schema drives it through these annotations:
//   - x-table: NAME on the root (the per-document table) and on arrays of
//     objects (one row per item, keyed by the parent's keys).
//   - x-row: NAME on a table's item object: the singular used to name the
//     key column in child tables ("document" -> "document_id").
//   - x-key: [PROP...] on an item object without an `id`: its key columns.
//   - x-column: false on a property that is not a column.
//   - x-join: SEP on an array of strings: one cell, items joined by SEP.
//   - x-ref: TABLE on a property holding the id of an item of TABLE.
//
// Nested objects are flattened into PARENT_CHILD columns; arrays of objects
// without x-table are not tabular and are left to the JSON formats.
type Layout struct {
	SchemaID string
	Title    string
	Tables   []*Table
}

// Table is one table of the layout.
type Table struct {
	Name        string
	Title       string
	Description string
	// Row is the singular noun for one row ("document", "entity").
	Row string
	// Parent is the name of the table this one hangs under ("" for the root).
	Parent string
	// Path is the property path from the record root to the array holding
	// this table's items; "*" steps into array items.
	Path    []string
	Columns []*Column
	// PrimaryKey names the columns that identify a row.
	PrimaryKey  []string
	ForeignKeys []ForeignKey
}

// ForeignKey says that Columns of a table refer to RefColumns of RefTable.
type ForeignKey struct {
	Columns    []string
	RefTable   string
	RefColumns []string
}

// Column is one column: where its value comes from and what it may hold.
type Column struct {
	Name        string
	Title       string
	Description string
	// Type is the JSON Schema type: string, integer, number or boolean.
	Type string
	// Format is the JSON Schema format (date, date-time, uri, ...), if any.
	Format   string
	Enum     []string
	Pattern  string
	Minimum  *float64
	Nullable bool
	// Required is true when every row has a value (it may still be null
	// when Nullable).
	Required bool
	// Join is the separator for an array-of-strings column; "" otherwise.
	Join string
	// Key is true for the parent key columns copied into a child row
	// (document_id, entity_id): their values come from the ancestors.
	Key bool
	// Path is the property path from the table's item (or, for Key
	// columns, from the ancestor item Level levels up) to the value.
	Path []string
	// Level is, for Key columns, how many tables up the value lives.
	Level int
	// Ref names the table whose row id this column holds (x-ref), if any.
	Ref string
}

var defaultLayout = sync.OnceValues(func() (*Layout, error) { return ParseLayout(recordJSON) })

// DefaultLayout returns the layout of the embedded record schema.
func DefaultLayout() (*Layout, error) { return defaultLayout() }

// Table returns the table called name, or nil.
func (l *Layout) Table(name string) *Table {
	for _, t := range l.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// Column returns the column called name, or nil.
func (t *Table) Column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// ParseLayout derives the layout from a record schema document.
func ParseLayout(doc []byte) (*Layout, error) {
	root, err := ParseNode(doc)
	if err != nil {
		return nil, fmt.Errorf("record schema: %w", err)
	}
	b := &layoutBuilder{root: root}
	l := &Layout{SchemaID: root.String("$id"), Title: root.String("title")}
	name := root.String("x-table")
	if name == "" {
		return nil, fmt.Errorf("record schema: the root has no x-table annotation")
	}
	if err := b.table(l, root, name, "", nil, nil); err != nil {
		return nil, fmt.Errorf("record schema: %w", err)
	}
	for _, t := range l.Tables {
		if err := l.refKeys(t); err != nil {
			return nil, fmt.Errorf("record schema: table %s: %w", t.Name, err)
		}
	}
	return l, nil
}

type layoutBuilder struct {
	root *Node
}

// ancestorKey is a key column of an enclosing table, as child tables name it.
type ancestorKey struct {
	col   *Column
	table string
}

func (b *layoutBuilder) table(l *Layout, item *Node, name, parent string, path []string, keys []ancestorKey) error {
	if l.Table(name) != nil {
		return fmt.Errorf("table %q is defined twice", name)
	}
	t := &Table{
		Name:        name,
		Title:       item.String("title"),
		Description: item.String("description"),
		Row:         item.String("x-row"),
		Parent:      parent,
		Path:        path,
	}
	if t.Row == "" {
		t.Row = strings.TrimSuffix(name, "s")
	}
	l.Tables = append(l.Tables, t)
	// Parent keys come first so every table starts with the columns that
	// join it to its ancestors.
	for _, k := range keys {
		c := *k.col
		c.Key = true
		t.Columns = append(t.Columns, &c)
	}
	if err := b.columns(t, item, nil, true); err != nil {
		return fmt.Errorf("table %s: %w", name, err)
	}
	own := item.Strings("x-key")
	if len(own) == 0 && t.Column("id") != nil {
		own = []string{"id"}
	}
	if len(own) == 0 {
		return fmt.Errorf("table %s: rows have no id and no x-key", name)
	}
	for _, k := range keys {
		t.PrimaryKey = append(t.PrimaryKey, k.col.Name)
	}
	if len(keys) > 0 {
		last := keys[len(keys)-1]
		t.ForeignKeys = append(t.ForeignKeys, ForeignKey{
			Columns:    slices.Clone(t.PrimaryKey),
			RefTable:   last.table,
			RefColumns: slices.Clone(l.Table(last.table).PrimaryKey),
		})
	}
	childKeys := slices.Clone(keys)
	for _, k := range own {
		c := t.Column(k)
		if c == nil || c.Key {
			return fmt.Errorf("table %s: x-key names unknown column %q", name, k)
		}
		t.PrimaryKey = append(t.PrimaryKey, k)
		kc := *c
		kc.Name = t.Row + "_" + c.Name
		kc.Level = 0
		childKeys = append(childKeys, ancestorKey{col: &kc, table: name})
	}
	// A key column copied one table further down lives one level further up.
	for i := range childKeys {
		c := *childKeys[i].col
		c.Level++
		childKeys[i].col = &c
	}
	return b.children(l, t, item, nil, childKeys)
}

// columns adds a column for every scalar property of obj (flattening nested
// objects), in the schema's property order.
func (b *layoutBuilder) columns(t *Table, obj *Node, prefix []string, required bool) error {
	props := obj.Get("properties")
	if props == nil {
		return nil
	}
	req := obj.Strings("required")
	for _, k := range props.Keys {
		decl := props.Props[k]
		p, err := decl.Resolve(b.root)
		if err != nil {
			return fmt.Errorf("property %s: %w", k, err)
		}
		if v := decl.Get("x-column"); v != nil && v.Kind == "bool" && !v.Bool {
			continue
		}
		if decl.String("x-table") != "" {
			continue
		}
		path := append(slices.Clone(prefix), k)
		isReq := required && slices.Contains(req, k)
		types, nullable, shape, err := b.types(p)
		if err != nil {
			return fmt.Errorf("property %s: %w", strings.Join(path, "."), err)
		}
		switch {
		case slices.Contains(types, "object"):
			if err := b.columns(t, p, path, isReq); err != nil {
				return err
			}
			continue
		case slices.Contains(types, "array"):
			sep := decl.String("x-join")
			if sep == "" {
				continue // not tabular: left to the JSON formats
			}
			items, err := p.Get("items").Resolve(b.root)
			if err != nil {
				return err
			}
			if it, _, _, _ := b.types(items); !slices.Equal(it, []string{"string"}) {
				return fmt.Errorf("property %s: x-join needs an array of strings", strings.Join(path, "."))
			}
			types, shape = []string{"string"}, items
		}
		if len(types) != 1 {
			return fmt.Errorf("property %s: a column needs one type (plus null), got %v", strings.Join(path, "."), types)
		}
		c := &Column{
			Name:        strings.Join(path, "_"),
			Title:       first(decl.String("title"), p.String("title")),
			Description: first(decl.String("description"), p.String("description")),
			Type:        types[0],
			Format:      first(decl.String("format"), shape.String("format")),
			Enum:        first2(decl.Strings("enum"), shape.Strings("enum")),
			Pattern:     first(decl.String("pattern"), shape.String("pattern")),
			Nullable:    nullable,
			Required:    isReq,
			Join:        decl.String("x-join"),
			Ref:         decl.String("x-ref"),
			Path:        path,
		}
		if m := shape.Get("minimum"); m != nil && m.Kind == "number" {
			f, err := m.Num.Float64()
			if err == nil {
				c.Minimum = &f
			}
		}
		if t.Column(c.Name) != nil {
			return fmt.Errorf("column %s is defined twice (flattened names collide)", c.Name)
		}
		t.Columns = append(t.Columns, c)
	}
	return nil
}

// types returns the JSON types a property allows, whether null is one of
// them, and the node that carries the non-null shape (format, enum, ...).
func (b *layoutBuilder) types(p *Node) (types []string, nullable bool, shape *Node, err error) {
	shape = p
	if any := p.Get("anyOf"); any != nil {
		for _, alt := range any.Items {
			a, err := alt.Resolve(b.root)
			if err != nil {
				return nil, false, nil, err
			}
			at, an, as, err := b.types(a)
			if err != nil {
				return nil, false, nil, err
			}
			nullable = nullable || an
			for _, t := range at {
				if !slices.Contains(types, t) {
					types = append(types, t)
				}
			}
			if len(at) > 0 {
				shape = as
			}
		}
		return types, nullable, shape, nil
	}
	for _, t := range p.Strings("type") {
		if t == "null" {
			nullable = true
			continue
		}
		types = append(types, t)
	}
	if len(types) == 0 && p.Get("const") != nil {
		types = []string{jsonKind(p.Get("const"))}
	}
	return types, nullable, shape, nil
}

func jsonKind(n *Node) string {
	switch n.Kind {
	case "bool":
		return "boolean"
	case "number":
		if _, err := n.Num.Int64(); err == nil {
			return "integer"
		}
	}
	return n.Kind
}

// children builds the child tables found under obj (also inside nested
// objects) after the table's own columns.
func (b *layoutBuilder) children(l *Layout, t *Table, obj *Node, prefix []string, keys []ancestorKey) error {
	props := obj.Get("properties")
	if props == nil {
		return nil
	}
	for _, k := range props.Keys {
		decl := props.Props[k]
		p, err := decl.Resolve(b.root)
		if err != nil {
			return err
		}
		path := append(slices.Clone(prefix), k)
		if child := decl.String("x-table"); child != "" {
			items, err := p.Get("items").Resolve(b.root)
			if err != nil || items == nil {
				return fmt.Errorf("table %s: property %s has x-table but no items", t.Name, k)
			}
			full := append(slices.Clone(t.Path), path...)
			if err := b.table(l, items, child, t.Name, append(full, "*"), keys); err != nil {
				return err
			}
			continue
		}
		if p.Get("properties") != nil {
			if err := b.children(l, t, p, path, keys); err != nil {
				return err
			}
		}
	}
	return nil
}

func first(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func first2(a, b []string) []string {
	if len(a) > 0 {
		return a
	}
	return b
}

// refKeys adds a foreign key for every x-ref column of t. Ids are local to
// a document, so the key pairs the column with the ancestor keys the two
// tables share (document_id, speaker) -> entities (document_id, id).
func (l *Layout) refKeys(t *Table) error {
	for _, c := range t.Columns {
		if c.Ref == "" || c.Key {
			continue
		}
		rt := l.Table(c.Ref)
		if rt == nil {
			return fmt.Errorf("column %s: x-ref names unknown table %q", c.Name, c.Ref)
		}
		fk := ForeignKey{RefTable: rt.Name, RefColumns: slices.Clone(rt.PrimaryKey)}
		for _, k := range rt.PrimaryKey[:len(rt.PrimaryKey)-1] {
			if kc := t.Column(k); kc == nil || !kc.Key {
				return fmt.Errorf("column %s: refers to %s, which is keyed by %s that this table lacks", c.Name, rt.Name, k)
			}
			fk.Columns = append(fk.Columns, k)
		}
		fk.Columns = append(fk.Columns, c.Name)
		t.ForeignKeys = append(t.ForeignKeys, fk)
	}
	return nil
}

// Rows calls fn once per row of t in rec, a record decoded from JSON into
// map[string]any / []any values (decode with UseNumber to keep numbers
// exact). Cells are nil, string, bool, json.Number or float64; joined
// array columns are strings. The row slice is reused between calls.
func (t *Table) Rows(rec any, fn func(row []any) error) error {
	row := make([]any, len(t.Columns))
	chain := []any{rec}
	return t.walk(rec, t.Path, chain, row, fn)
}

// Count returns how many rows t has in rec, as Rows would give them,
// without building the rows.
func (t *Table) Count(rec any) int {
	return count(rec, t.Path)
}

func count(v any, path []string) int {
	if len(path) == 0 {
		return 1
	}
	if path[0] == "*" {
		items, _ := v.([]any)
		n := 0
		for _, it := range items {
			n += count(it, path[1:])
		}
		return n
	}
	m, _ := v.(map[string]any)
	return count(m[path[0]], path[1:])
}

func (t *Table) walk(v any, path []string, chain []any, row []any, fn func([]any) error) error {
	if len(path) == 0 {
		for i, c := range t.Columns {
			src := chain[len(chain)-1]
			if c.Key {
				src = chain[len(chain)-1-c.Level]
			}
			row[i] = cell(lookup(src, c.Path), c.Join)
		}
		return fn(row)
	}
	if path[0] == "*" {
		items, _ := v.([]any)
		for _, it := range items {
			if err := t.walk(it, path[1:], append(chain, it), row, fn); err != nil {
				return err
			}
		}
		return nil
	}
	m, _ := v.(map[string]any)
	return t.walk(m[path[0]], path[1:], chain, row, fn)
}

func lookup(v any, path []string) any {
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func cell(v any, join string) any {
	if join == "" {
		return v
	}
	items, ok := v.([]any)
	if !ok {
		return v
	}
	if len(items) == 0 {
		return nil
	}
	parts := make([]string, 0, len(items))
	for _, it := range items {
		if s, ok := it.(string); ok {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, join)
}
