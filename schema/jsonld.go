package schema

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// JSONLD is the linked-data mapping of the record schema: which graph nodes
// a record becomes, their classes, and which schema.org term each property
// fills. It is read from the schema's annotations, so a property added to
// the schema with an x-jsonld annotation reaches the JSON-LD export without
// code changes.
//
// The annotations:
//   - x-jsonld-class: CLASS on the root or an array item: the record or each
//     item is a node of CLASS. On a string property: the value is the name
//     of a node of CLASS of its own (a publisher name becomes an
//     Organization). On an enum property: a map value -> class, read through
//     x-jsonld-class-from.
//   - x-jsonld-class-from: PROP or [PROP...] on an array item: the class is
//     looked up in the x-jsonld-class map of each PROP in turn, most specific
//     first; the first value found wins, schema.org's Thing otherwise.
//   - x-jsonld: TERM on a property: the value fills TERM. Nested objects
//     without annotations are looked through (metadata.title -> headline).
//     On an array of node items: TERM links the enclosing node to each item.
//   - x-jsonld-type: "@id" or a datatype (Date, DateTime, ...): how a string
//     is written. "@id": an absolute IRI becomes a node reference, anything
//     else a literal. Defaults from the JSON Schema format: uri -> "@id",
//     date -> Date, date-time -> DateTime.
//   - x-ref: TABLE (shared with the table layout): the value is the id of an
//     item of TABLE and becomes a reference to that item's node.
//   - x-jsonld-count: TERM on a string property: TERM gets the string's
//     word count.
//   - x-jsonld-inverse: TERM on an array of node items: each item links back
//     to the enclosing node through TERM (a quotation isPartOf its article).
//   - x-jsonld-about: TERM on an array of node items: the enclosing node gets
//     TERM pointing at the items it is chiefly about (see the exporter).
//   - x-jsonld-const: {TERM: VALUE} on an array item: every node of the
//     kind carries these literals.
//   - x-jsonld-annotation: MOTIVATION on an object with start/end offsets
//     into the record's text: each such span is the provenance of the
//     nearest node (the object itself when it is a node, else the node
//     holding it), written as a W3C Web Annotation with that motivation.
type JSONLD struct {
	Root *LDNode
	// Text is the path of the root string that span offsets index into.
	Text []string
}

// LDNode is one kind of graph node: the record itself, or the items of an
// array of objects.
type LDNode struct {
	// Table is the x-table name, the target of x-ref.
	Table string
	// Row is the x-row name; item nodes get the fragment "<row>-<id>".
	Row string
	// Path is the property path from the enclosing item to the array of
	// these items; nil for the root.
	Path []string
	// Class is the fixed class, or the fallback when ClassFrom finds none.
	Class string
	// ClassFrom lists the properties whose value picks the class, most
	// specific first.
	ClassFrom []LDClassFrom
	// Link, Inverse and About are the terms relating items to the
	// enclosing node (x-jsonld, x-jsonld-inverse, x-jsonld-about).
	Link, Inverse, About string
	Const                []LDConst
	Terms                []*LDTerm
	// Spans are the annotated spans that are provenance of this node.
	Spans    []*LDSpan
	Children []*LDNode
}

// LDClassFrom maps the values of one property to classes.
type LDClassFrom struct {
	Prop    string
	Classes map[string]string
}

// LDConst is a literal every node of a kind carries.
type LDConst struct {
	Term, Value string
}

// LDTerm maps one property (possibly nested, possibly an array of scalars)
// to a term.
type LDTerm struct {
	Term string
	// Path is the property path from the node's item to the value.
	Path []string
	// Type is "@id", a datatype name, or "" for a plain literal.
	Type string
	// Ref is the table whose item the value names (x-ref).
	Ref string
	// Class makes the value the name of a node of this class.
	Class string
	// Count makes the value the word count of the string.
	Count bool
}

// LDSpan is a span whose start/end offsets locate a node in the text.
type LDSpan struct {
	// Path is the property path from the node's item to an array of span
	// objects; nil when the item itself is the span.
	Path []string
	// Motivation is the Web Annotation motivation, e.g. "identifying".
	Motivation string
}

// motivations are the Web Annotation motivations (W3C Web Annotation
// Vocabulary, section 3.3.5); others would be unknown oa: terms.
var motivations = []string{"assessing", "bookmarking", "classifying", "commenting", "describing", "editing",
	"highlighting", "identifying", "linking", "moderating", "questioning", "replying", "tagging"}

var defaultJSONLD = sync.OnceValues(func() (*JSONLD, error) { return ParseJSONLD(recordJSON) })

// DefaultJSONLD returns the mapping of the embedded record schema.
func DefaultJSONLD() (*JSONLD, error) { return defaultJSONLD() }

// Node returns the node kind of table, or nil.
func (m *JSONLD) Node(table string) *LDNode {
	var find func(n *LDNode) *LDNode
	find = func(n *LDNode) *LDNode {
		if n.Table == table {
			return n
		}
		for _, c := range n.Children {
			if f := find(c); f != nil {
				return f
			}
		}
		return nil
	}
	return find(m.Root)
}

// ParseJSONLD reads the JSON-LD mapping from a record schema document.
func ParseJSONLD(doc []byte) (*JSONLD, error) {
	root, err := ParseNode(doc)
	if err != nil {
		return nil, fmt.Errorf("record schema: %w", err)
	}
	r := &ldReader{root: root}
	n, err := r.node(root, "#")
	if err != nil {
		return nil, fmt.Errorf("record schema: %w", err)
	}
	if n.Class == "" {
		return nil, fmt.Errorf("record schema: the root has no x-jsonld-class annotation")
	}
	m := &JSONLD{Root: n}
	if text, _ := root.Get("properties").Get("text").Resolve(root); text == nil || !hasType(text, "string") {
		if r.spans {
			return nil, fmt.Errorf("record schema: x-jsonld-annotation needs a root string property \"text\" for offsets to index into")
		}
	} else {
		m.Text = []string{"text"}
	}
	if err := m.checkRefs(m.Root); err != nil {
		return nil, fmt.Errorf("record schema: %w", err)
	}
	return m, nil
}

type ldReader struct {
	root  *Node
	spans bool // some x-jsonld-annotation was seen
}

// node reads the node kind whose item schema is item; ptr is its JSON
// pointer in the schema, for error messages.
func (r *ldReader) node(item *Node, ptr string) (*LDNode, error) {
	n := &LDNode{Table: item.String("x-table"), Row: item.String("x-row")}
	if c := item.Get("x-jsonld-class"); c != nil {
		if c.Kind != "string" {
			return nil, fmt.Errorf("%s: x-jsonld-class of a node must be a class name", ptr)
		}
		n.Class = c.Str
	}
	for _, prop := range item.Strings("x-jsonld-class-from") {
		decl := item.Get("properties").Get(prop)
		classes := decl.StringMap("x-jsonld-class")
		if len(classes) == 0 {
			return nil, fmt.Errorf("%s: x-jsonld-class-from names %q, which has no x-jsonld-class map", ptr, prop)
		}
		n.ClassFrom = append(n.ClassFrom, LDClassFrom{Prop: prop, Classes: classes})
	}
	if cs := item.Get("x-jsonld-const"); cs != nil {
		for _, k := range cs.Keys {
			v := cs.Props[k]
			if v.Kind != "string" {
				return nil, fmt.Errorf("%s: x-jsonld-const %q must be a string", ptr, k)
			}
			n.Const = append(n.Const, LDConst{Term: k, Value: v.Str})
		}
	}
	span, err := r.span(item, nil, ptr)
	if err != nil {
		return nil, err
	}
	if span != nil {
		n.Spans = append(n.Spans, span)
	}
	if err := r.props(n, item, nil, ptr); err != nil {
		return nil, err
	}
	return n, nil
}

// span returns the span annotation of obj, or nil when it has none.
func (r *ldReader) span(obj *Node, path []string, ptr string) (*LDSpan, error) {
	mot := obj.String("x-jsonld-annotation")
	if mot == "" {
		return nil, nil
	}
	if !slices.Contains(motivations, mot) {
		return nil, fmt.Errorf("%s: x-jsonld-annotation %q is not a Web Annotation motivation (%s)", ptr, mot, strings.Join(motivations, ", "))
	}
	for _, p := range []string{"start", "end"} {
		off, err := obj.Get("properties").Get(p).Resolve(r.root)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ptr, err)
		}
		if off == nil || !hasType(off, "integer") {
			return nil, fmt.Errorf("%s: x-jsonld-annotation needs integer %q offsets", ptr, p)
		}
	}
	r.spans = true
	return &LDSpan{Path: path, Motivation: mot}, nil
}

// props adds the terms, spans and child node kinds found in the properties
// of obj, which lies at path from the node's item.
func (r *ldReader) props(n *LDNode, obj *Node, path []string, ptr string) error {
	props := obj.Get("properties")
	if props == nil {
		return nil
	}
	for _, name := range props.Keys {
		decl := props.Props[name]
		at := ptr + "/properties/" + name
		p, err := decl.Resolve(r.root)
		if err != nil {
			return fmt.Errorf("%s: %w", at, err)
		}
		sub := append(slices.Clip(path), name)
		term := decl.String("x-jsonld")
		if hasType(p, "array") {
			items, err := p.Get("items").Resolve(r.root)
			if err != nil {
				return fmt.Errorf("%s/items: %w", at, err)
			}
			if items != nil && hasType(items, "object") {
				if err := r.objects(n, decl, items, sub, at+"/items"); err != nil {
					return err
				}
				continue
			}
		}
		if hasType(p, "object") {
			if term != "" {
				return fmt.Errorf("%s: x-jsonld on an object: annotate its properties instead", at)
			}
			if err := r.props(n, p, sub, at); err != nil {
				return err
			}
			continue
		}
		if term != "" {
			t := &LDTerm{Term: term, Path: sub, Ref: decl.String("x-ref"), Type: decl.String("x-jsonld-type")}
			if c := decl.Get("x-jsonld-class"); c != nil && c.Kind == "string" {
				t.Class = c.Str
			}
			if t.Type == "" {
				t.Type = formatType(first(decl.String("format"), p.String("format")))
			}
			n.Terms = append(n.Terms, t)
		}
		if count := decl.String("x-jsonld-count"); count != "" {
			n.Terms = append(n.Terms, &LDTerm{Term: count, Path: sub, Count: true})
		}
	}
	return nil
}

// objects handles an array of objects: a child node kind, the spans of n,
// or nothing for JSON-LD.
func (r *ldReader) objects(n *LDNode, decl, items *Node, path []string, ptr string) error {
	term := decl.String("x-jsonld")
	if items.Get("x-jsonld-class") == nil && items.Get("x-jsonld-class-from") == nil {
		if term != "" {
			return fmt.Errorf("%s: x-jsonld on an array whose items are not nodes: give the items an x-jsonld-class", ptr)
		}
		span, err := r.span(items, path, ptr)
		if span != nil {
			n.Spans = append(n.Spans, span)
		}
		return err
	}
	c, err := r.node(items, ptr)
	if err != nil {
		return err
	}
	if c.Row == "" {
		return fmt.Errorf("%s: a node item needs an x-row to name its @id fragment", ptr)
	}
	if id, _ := items.Get("properties").Get("id").Resolve(r.root); id == nil || !hasType(id, "string") {
		return fmt.Errorf("%s: a node item needs a string \"id\" property for its @id", ptr)
	}
	if c.Table == "" {
		c.Table = decl.String("x-table")
	}
	c.Path = path
	c.Link = term
	c.Inverse = decl.String("x-jsonld-inverse")
	c.About = decl.String("x-jsonld-about")
	n.Children = append(n.Children, c)
	return nil
}

// checkRefs makes sure every x-ref on a term names a node kind directly
// under the root: item ids are unique only within their array, so only
// those resolve within a record.
func (m *JSONLD) checkRefs(n *LDNode) error {
	for _, t := range n.Terms {
		if t.Ref != "" && !slices.ContainsFunc(m.Root.Children, func(c *LDNode) bool { return c.Table == t.Ref }) {
			return fmt.Errorf("term %s: x-ref %q is not a table of nodes under the root", t.Term, t.Ref)
		}
	}
	for _, c := range n.Children {
		if err := m.checkRefs(c); err != nil {
			return err
		}
	}
	return nil
}

// hasType reports whether a schema node admits JSON type typ, through
// "type" (a name or a list) or any "anyOf"/"oneOf" branch.
func hasType(n *Node, typ string) bool {
	if n == nil {
		return false
	}
	if slices.Contains(n.Strings("type"), typ) {
		return true
	}
	if typ == "number" && slices.Contains(n.Strings("type"), "integer") {
		return true
	}
	for _, k := range []string{"anyOf", "oneOf"} {
		for _, b := range n.Get(k).itemsOrNil() {
			if hasType(b, typ) {
				return true
			}
		}
	}
	return false
}

func (n *Node) itemsOrNil() []*Node {
	if n == nil {
		return nil
	}
	return n.Items
}

// formatType is the JSON-LD value type a JSON Schema format implies.
func formatType(format string) string {
	switch format {
	case "uri", "iri":
		return "@id"
	case "date":
		return "Date"
	case "date-time":
		return "DateTime"
	}
	return ""
}
