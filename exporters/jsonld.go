package exporters

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docset/docset/internal/atomicfile"
	"github.com/docset/docset/schema"
)

// DefaultBaseIRI is the base of @ids when no --base-iri is given: under the
// reserved .invalid top-level domain, so the IRIs are absolute and stable
// yet never mistaken for a real site.
const DefaultBaseIRI = "https://docset.invalid/"

// jsonldFile is the output, relative to the output directory.
const jsonldFile = "dataset.jsonld"

// JSONLD writes the dataset as one JSON-LD document: a @context of
// schema.org plus the W3C Web Annotation (oa:) terms, and one @graph.
//
// Each record becomes the nodes its schema's x-jsonld annotations describe
// (schema.JSONLD): with the embedded schema, a NewsArticle, its publisher,
// a Person, Organization, Place (Country, City, ...), Event or Thing per
// entity, a Quotation per quotation (creator: its speaker; isPartOf: the
// article), a PropertyValue per date and a QuantitativeValue per quantity.
// Every span that locates a node in the text (an entity mention, a
// quotation, a date, a quantity) becomes an oa:Annotation identifying that
// node, targeting the article through an oa:TextPositionSelector (Unicode
// code points, end exclusive) and an oa:TextQuoteSelector (the exact text
// and up to 32 code points either side).
//
// @ids are absolute: <base>doc/<record id>#article, #<row>-<item id> for
// item nodes (#entity-e1, #quote-q1), #<term> for a node named by a string
// (#publisher), #mention-N for annotations numbered in text order. Node
// references are always {"@id": ...}; dates are typed literals; nothing is
// ever null. The output is deterministic: records in dataset order, nodes
// in schema order, annotations by position, keys in a fixed order.
//
// The article's about is computed: of the entities named in the lede (the
// text up to the end of the first body paragraph of ten words or more, so
// not a dateline), the ones mentioned most often in the whole text, ties
// kept, if that is at least twice. A news lede names who and what the
// story is about, and the most repeated of those is its subject; the
// dateline place or a passing name in the lede is mentioned less. When no
// entity of the lede is named again, the text gives no sign of its subject
// and about is left out rather than guessed.
//
// The file is written node by node through a buffer, so a dataset of any
// size is written in memory bounded by its largest record.
type JSONLD struct {
	base string
}

// NewJSONLD returns the JSON-LD exporter; opts.BaseIRI is checked when it
// writes.
func NewJSONLD(opts Options) *JSONLD { return &JSONLD{base: opts.BaseIRI} }

// jsonldContext is the document's @context. schema.org's context is named,
// not inlined, as every schema.org consumer expects; a processor must
// resolve it from a local copy (no fetching at run time, see the tests).
// oa:start/oa:end are typed as the Web Annotation model types them.
var jsonldContext = []any{
	"https://schema.org/",
	ldObject{
		{"oa", "http://www.w3.org/ns/oa#"},
		{"xsd", "http://www.w3.org/2001/XMLSchema#"},
		{"oa:start", ldObject{{"@type", "xsd:nonNegativeInteger"}}},
		{"oa:end", ldObject{{"@type", "xsd:nonNegativeInteger"}}},
	},
}

// Export writes DIR/dataset.jsonld atomically.
func (j *JSONLD) Export(ctx context.Context, ds *Dataset, dir string) error {
	return exportDataset(ctx, j, ds, dir)
}

// Write writes the JSON-LD document of ds to w.
func (j *JSONLD) Write(ctx context.Context, w io.Writer, ds *Dataset) error {
	p, err := j.plan(ds)
	if err != nil {
		return err
	}
	return p.write(ctx, w, encodedParts(p, ds))
}

// Plan prepares the JSON-LD export of datasets shaped like ds: a record's
// part is its nodes, each written as a @graph element after a comma.
func (j *JSONLD) Plan(ds *Dataset) (Plan, error) {
	p, err := j.plan(ds)
	if err != nil {
		return nil, fmt.Errorf("jsonld: %w", err)
	}
	return p, nil
}

func (j *JSONLD) plan(ds *Dataset) (*jsonldPlan, error) {
	base, err := BaseIRI(j.base)
	if err != nil {
		return nil, err
	}
	m, err := jsonldMapping(ds.Schema)
	if err != nil {
		return nil, err
	}
	return &jsonldPlan{base: base, m: m}, nil
}

type jsonldPlan struct {
	base string
	m    *schema.JSONLD
}

func (p *jsonldPlan) EncodeRecord(dst []byte, rec map[string]any) ([]byte, error) {
	lw := &ldWriter{m: p.m, base: p.base, enc: &ldEncoder{buf: *bytes.NewBuffer(dst)}}
	err := lw.record(rec)
	return lw.enc.buf.Bytes(), err
}

// WriteParts writes DIR/dataset.jsonld atomically.
func (p *jsonldPlan) WriteParts(ctx context.Context, parts Parts, dir string) error {
	err := atomicfile.WriteFunc(filepath.Join(dir, jsonldFile), atomicfile.Options{}, func(w io.Writer) error {
		return p.write(ctx, w, parts)
	})
	if err != nil {
		return fmt.Errorf("jsonld: %w", err)
	}
	return nil
}

// write writes the document: the context, then the @graph of every
// record's nodes. Each node in a part comes after a comma, which the
// first node of the graph goes without.
func (p *jsonldPlan) write(ctx context.Context, w io.Writer, parts Parts) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := newLDEncoder()
	enc.buf.WriteString("{\n  \"@context\": ")
	if err := enc.encode(jsonldContext, 1); err != nil {
		return err
	}
	enc.buf.WriteString(",\n  \"@graph\": [")
	if _, err := bw.Write(enc.buf.Bytes()); err != nil {
		return err
	}
	nodes := false
	err := parts(func(part []byte) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if len(part) == 0 {
			return nil
		}
		if !nodes {
			part, nodes = part[1:], true
		}
		_, err := bw.Write(part)
		return err
	})
	if err != nil {
		return err
	}
	if nodes {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]\n}\n")
	return bw.Flush()
}

// BaseIRI checks a --base-iri value and returns it ending in "/", or the
// default for "".
func BaseIRI(s string) (string, error) {
	if s == "" {
		return DefaultBaseIRI, nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(s, " \t\n<>\"{}|\\^`") {
		return "", fmt.Errorf("base IRI %q: want an absolute http(s) IRI without query or fragment, e.g. https://data.example.org/news/", s)
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s, nil
}

func jsonldMapping(doc []byte) (*schema.JSONLD, error) {
	if doc == nil {
		return schema.DefaultJSONLD()
	}
	return schema.ParseJSONLD(doc)
}

// ldWriter encodes the nodes of one record, each after a comma.
type ldWriter struct {
	m    *schema.JSONLD
	base string
	enc  *ldEncoder
}

// ldRecord is what the nodes of one record share.
type ldRecord struct {
	id  string
	doc string // the document IRI, without fragment
	// text is the record's text as valid UTF-8 and runes the byte offset
	// of each of its code points (and of its end): spans count code
	// points, and a span's text is a slice of text, not a conversion.
	text    string
	runes   []int32
	ids     map[string]map[string]bool // table -> item ids, for x-ref
	anns    []ldAnnotation
	written map[string]bool // named nodes already written (#publisher)
}

// ldAnnotation is one span to write as an oa:Annotation.
type ldAnnotation struct {
	start, end int
	motivation string
	body       string
}

func (lw *ldWriter) record(rec map[string]any) error {
	id, _ := rec["id"].(string)
	if id == "" {
		return fmt.Errorf("a record has no id")
	}
	r := &ldRecord{
		id:      id,
		doc:     lw.base + "doc/" + url.PathEscape(id),
		ids:     map[string]map[string]bool{},
		written: map[string]bool{},
	}
	if len(lw.m.Text) > 0 {
		text, _ := lookup(rec, lw.m.Text).(string)
		r.setText(text)
	}
	for _, c := range lw.m.Root.Children {
		set := map[string]bool{}
		for i, it := range items(rec, c.Path) {
			// Two items with one id would become one node.
			if id := itemID(it); set[id] {
				return fmt.Errorf("record %s: %s[%d]: id %q is used twice", r.id, strings.Join(c.Path, "."), i, id)
			}
			set[itemID(it)] = true
		}
		r.ids[c.Table] = set
	}
	if err := lw.node(r, lw.m.Root, rec, "article", ""); err != nil {
		return fmt.Errorf("record %s: %w", id, err)
	}
	return lw.annotations(r)
}

// node writes the node of item (of kind n), then the nodes it holds.
func (lw *ldWriter) node(r *ldRecord, n *schema.LDNode, item map[string]any, frag, parent string) error {
	iri := r.doc + "#" + frag
	obj := ldObject{{"@id", iri}, {"@type", nodeClass(n, item)}}
	for _, c := range n.Const {
		obj.add(c.Term, c.Value)
	}
	var named []ldObject
	for _, t := range n.Terms {
		v, node, err := lw.termValue(r, t, lookup(item, t.Path))
		if err != nil {
			return fmt.Errorf("%s: %w", strings.Join(t.Path, "."), err)
		}
		obj.add(t.Term, v)
		if node != nil && !r.written[node[0].val.(string)] {
			r.written[node[0].val.(string)] = true
			named = append(named, node)
		}
	}
	if parent != "" && n.Inverse != "" {
		obj.add(n.Inverse, ref(parent))
	}
	var links ldObject
	for _, c := range n.Children {
		its := items(item, c.Path)
		if c.About != "" {
			obj.add(c.About, aboutRefs(r, c, its, item, frag))
		}
		if c.Link == "" {
			continue
		}
		refs := make([]any, 0, len(its))
		for _, it := range its {
			refs = append(refs, ref(r.doc+"#"+childFrag(frag, c.Row, itemID(it))))
		}
		links = appendLink(links, c.Link, refs)
	}
	for _, l := range links {
		obj.add(l.key, l.val)
	}
	if err := lw.spans(r, n, item, iri); err != nil {
		return err
	}
	if err := lw.write(obj); err != nil {
		return err
	}
	for _, nn := range named {
		if err := lw.write(nn); err != nil {
			return err
		}
	}
	for _, c := range n.Children {
		for i, it := range items(item, c.Path) {
			if itemID(it) == "" {
				return fmt.Errorf("%s[%d]: no id", strings.Join(c.Path, "."), i)
			}
			if err := lw.node(r, c, it, childFrag(frag, c.Row, itemID(it)), iri); err != nil {
				return fmt.Errorf("%s[%d]: %w", strings.Join(c.Path, "."), i, err)
			}
		}
	}
	return nil
}

// childFrag is the fragment of an item node: <row>-<id> under the article,
// prefixed by its parent's fragment deeper down, so ids stay unique.
func childFrag(parent, row, id string) string {
	id = url.PathEscape(id)
	if parent == "article" {
		return row + "-" + id
	}
	return parent + "-" + row + "-" + id
}

// appendLink adds refs under key, merging keys that several arrays fill
// (entities, dates and quantities are all mentions of the article).
func appendLink(links ldObject, key string, refs []any) ldObject {
	for i := range links {
		if links[i].key == key {
			links[i].val = append(links[i].val.([]any), refs...)
			return links
		}
	}
	return append(links, ldField{key, refs})
}

// nodeClass picks the class of item: the first x-jsonld-class-from value
// with a class, else the fixed class, else schema.org's Thing.
func nodeClass(n *schema.LDNode, item map[string]any) string {
	for _, cf := range n.ClassFrom {
		if v, ok := item[cf.Prop].(string); ok {
			if c, ok := cf.Classes[v]; ok {
				return c
			}
		}
	}
	if n.Class != "" {
		return n.Class
	}
	return "Thing"
}

// termValue converts the value v of term t to JSON-LD. It returns nil for
// an absent value, and the node a string names when t.Class is set.
func (lw *ldWriter) termValue(r *ldRecord, t *schema.LDTerm, v any) (any, ldObject, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil, nil
	case []any:
		var out []any
		for _, it := range v {
			x, _, err := lw.termValue(r, &schema.LDTerm{Term: t.Term, Type: t.Type, Ref: t.Ref}, it)
			if err != nil {
				return nil, nil, err
			}
			if x != nil {
				out = append(out, x)
			}
		}
		if len(out) == 1 {
			return out[0], nil, nil
		}
		return out, nil, nil
	case map[string]any:
		return nil, nil, fmt.Errorf("an object cannot fill %s: annotate its properties instead", t.Term)
	case string:
		switch {
		case t.Count:
			return wordCount(v), nil, nil
		case t.Ref != "":
			if !r.ids[t.Ref][v] {
				return nil, nil, fmt.Errorf("%q names no item of %s", v, t.Ref)
			}
			return ref(r.doc + "#" + childFrag("article", lw.m.Node(t.Ref).Row, v)), nil, nil
		case t.Class != "":
			iri := r.doc + "#" + t.Term
			return ref(iri), ldObject{{"@id", iri}, {"@type", t.Class}, {"name", v}}, nil
		case t.Type == "@id":
			if isAbsIRI(v) {
				return ref(v), nil, nil
			}
			// A literal, made explicit so that a context coercing the
			// term to IRIs cannot turn it into a relative IRI.
			return ldObject{{"@value", v}}, nil, nil
		case t.Type != "":
			return ldObject{{"@value", v}, {"@type", t.Type}}, nil, nil
		}
		return v, nil, nil
	case json.Number, bool:
		return v, nil, nil
	}
	return nil, nil, fmt.Errorf("unexpected %T value", v)
}

// isAbsIRI reports whether s is an absolute IRI that RDF keeps as one.
func isAbsIRI(s string) bool {
	if strings.ContainsAny(s, " \t\r\n<>\"{}|\\^`") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.IsAbs() && (u.Host != "" || u.Opaque != "")
}

// wordCount counts the runs of non-space characters that hold a letter or
// digit, so a dash or a lone quotation mark between spaces is no word.
func wordCount(s string) int {
	n := 0
	inWord, counted := false, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			inWord = false
			continue
		}
		if !inWord {
			inWord, counted = true, false
		}
		if !counted && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			n++
			counted = true
		}
	}
	return n
}

// spans records the provenance spans of the node iri for the annotations.
func (lw *ldWriter) spans(r *ldRecord, n *schema.LDNode, item map[string]any, iri string) error {
	for _, s := range n.Spans {
		objs := []map[string]any{item}
		if s.Path != nil {
			objs = items(item, s.Path)
		}
		for i, o := range objs {
			start, err1 := offset(o["start"])
			end, err2 := offset(o["end"])
			if err1 != nil || err2 != nil || start > end || end > r.n() {
				where := "span"
				if s.Path != nil {
					where = fmt.Sprintf("%s[%d]", strings.Join(s.Path, "."), i)
				}
				return fmt.Errorf("%s: offsets %v..%v are not a span of the %d code point text", where, o["start"], o["end"], r.n())
			}
			r.anns = append(r.anns, ldAnnotation{start: start, end: end, motivation: s.Motivation, body: iri})
		}
	}
	return nil
}

func offset(v any) (int, error) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, fmt.Errorf("not a number")
	}
	i, err := n.Int64()
	if err != nil || i < 0 || i > 1<<40 {
		return 0, fmt.Errorf("not an offset")
	}
	return int(i), nil
}

// contextRunes is how much text a TextQuoteSelector carries either side,
// enough to tell repeated occurrences apart.
const contextRunes = 32

// setText sets the record's text; invalid UTF-8 becomes U+FFFD, as in a
// conversion to runes.
func (r *ldRecord) setText(text string) {
	if !utf8.ValidString(text) {
		text = string([]rune(text))
	}
	r.text = text
	r.runes = make([]int32, 0, len(text)+1)
	for i := range text {
		r.runes = append(r.runes, int32(i))
	}
	r.runes = append(r.runes, int32(len(text)))
}

// n is the text's length in code points.
func (r *ldRecord) n() int { return max(len(r.runes)-1, 0) }

// span is the text from code point start to end.
func (r *ldRecord) span(start, end int) string { return r.text[r.runes[start]:r.runes[end]] }

// annotations writes the record's annotations in text order.
func (lw *ldWriter) annotations(r *ldRecord) error {
	slices.SortStableFunc(r.anns, func(a, b ldAnnotation) int { return cmp.Or(a.start-b.start, a.end-b.end) })
	for i, a := range r.anns {
		lw.annotation(r, i+1, a)
	}
	return nil
}

// annotation writes the i-th annotation of the record, as the encoder
// writes the ldObject
//
//	{"@id": DOC#mention-I, "@type": "oa:Annotation",
//	 "oa:motivatedBy": {"@id": "oa:MOTIVATION"}, "oa:hasBody": {"@id": BODY},
//	 "oa:hasTarget": {"@type": "oa:SpecificResource", "oa:hasSource": {"@id": DOC#article},
//	   "oa:hasSelector": [
//	     {"@type": "oa:TextPositionSelector", "oa:start": START, "oa:end": END},
//	     {"@type": "oa:TextQuoteSelector", "oa:exact": ..., "oa:prefix": ..., "oa:suffix": ...}]}}
//
// (prefix and suffix when not empty), but without building it: a record
// has hundreds of annotations and they are most of the document.
func (lw *ldWriter) annotation(r *ldRecord, i int, a ldAnnotation) {
	e := lw.enc
	b := &e.buf
	b.WriteString(",\n    {\n      \"@id\": ")
	e.string(r.doc + "#mention-" + strconv.Itoa(i))
	b.WriteString(",\n      \"@type\": \"oa:Annotation\",\n      \"oa:motivatedBy\": {\n        \"@id\": ")
	e.string("oa:" + a.motivation)
	b.WriteString("\n      },\n      \"oa:hasBody\": {\n        \"@id\": ")
	e.string(a.body)
	b.WriteString("\n      },\n      \"oa:hasTarget\": {\n        \"@type\": \"oa:SpecificResource\",\n        \"oa:hasSource\": {\n          \"@id\": ")
	e.string(r.doc + "#article")
	b.WriteString("\n        },\n        \"oa:hasSelector\": [\n          {\n            \"@type\": \"oa:TextPositionSelector\",\n            \"oa:start\": ")
	b.WriteString(strconv.Itoa(a.start))
	b.WriteString(",\n            \"oa:end\": ")
	b.WriteString(strconv.Itoa(a.end))
	b.WriteString("\n          },\n          {\n            \"@type\": \"oa:TextQuoteSelector\",\n            \"oa:exact\": ")
	e.string(r.span(a.start, a.end))
	if a.start > 0 {
		b.WriteString(",\n            \"oa:prefix\": ")
		e.string(r.span(max(0, a.start-contextRunes), a.start))
	}
	if a.end < r.n() {
		b.WriteString(",\n            \"oa:suffix\": ")
		e.string(r.span(a.end, min(r.n(), a.end+contextRunes)))
	}
	b.WriteString("\n          }\n        ]\n      }\n    }")
}

// write appends one node of the @graph.
func (lw *ldWriter) write(obj ldObject) error {
	lw.enc.buf.WriteString(",\n    ")
	return lw.enc.encode(obj, 2)
}

// aboutRefs is the article's about: of the items of kind c with a span in
// the lede, the most often located ones (see JSONLD).
func aboutRefs(r *ldRecord, c *schema.LDNode, its []map[string]any, parent map[string]any, frag string) []any {
	lede := ledeEnd(parent, r.n())
	best := 0
	var refs []any
	for _, it := range its {
		count, inLede := 0, false
		for _, s := range c.Spans {
			objs := []map[string]any{it}
			if s.Path != nil {
				objs = items(it, s.Path)
			}
			for _, o := range objs {
				count++
				if start, err := offset(o["start"]); err == nil && start < lede {
					inLede = true
				}
			}
		}
		if !inLede || count < max(best, 2) {
			continue
		}
		if count > best {
			best, refs = count, refs[:0]
		}
		refs = append(refs, ref(r.doc+"#"+childFrag(frag, c.Row, itemID(it))))
	}
	return refs
}

// ledeMinWords is the length from which a body paragraph is taken as the
// lede: shorter ones are datelines ("Thursday, January 24, 2019") and
// bylines, which name no subject.
const ledeMinWords = 10

// ledeEnd is the offset where the lede ends: the end of the first body
// paragraph of at least ledeMinWords words (what comes before it, headings
// included, counts as part of it), else of the first body paragraph, else
// the text's end.
func ledeEnd(rec map[string]any, n int) int {
	first := -1
	for _, p := range items(rec, []string{"paragraphs"}) {
		end, err := offset(p["end"])
		if p["kind"] != "paragraph" || err != nil {
			continue
		}
		if first < 0 {
			first = end
		}
		if text, _ := p["text"].(string); wordCount(text) >= ledeMinWords {
			return end
		}
	}
	if first >= 0 {
		return first
	}
	return n
}

// lookup follows path through nested objects; nil when absent.
func lookup(v map[string]any, path []string) any {
	var cur any = v
	for _, p := range path {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[p]
	}
	return cur
}

// items returns the objects of the array at path.
func items(v map[string]any, path []string) []map[string]any {
	arr, _ := lookup(v, path).([]any)
	out := make([]map[string]any, 0, len(arr))
	for _, it := range arr {
		if m, ok := it.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func itemID(it map[string]any) string {
	id, _ := it["id"].(string)
	return id
}
