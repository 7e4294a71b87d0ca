package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// prepareSchema readies one schema document for the schema library,
// changing what the library would get wrong about real-world schemas and
// nothing else:
//
//   - a pattern Go's regexp would misread moves to docset's pattern
//     keywords (see patterns.go), and a pattern that is not ECMA-262 is a
//     SchemaDocError at its place in the file;
//   - const in a draft 4 schema (a keyword of draft 6, which draft 4 schemas
//     use and ajv applies) becomes the enum of one value it means;
//   - a $ref the registry cannot serve points at a placeholder that stops
//     the check of a document reaching it (the document cannot be
//     validated); documents that never reach it are checked as usual;
//   - a $ref closing a cycle of schemas applied to the same value (A is
//     allOf [$ref A, ...]) points at a placeholder that follows it only
//     when a document reaches it, where the library reports the loop; the
//     library would refuse the whole schema.
//
// url is the document's retrieval URL and name its file as shown to
// people. It returns data itself when nothing changed.
func prepareSchema(data []byte, docURL, name string, reg *registry, res *regexCache) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(stripBOM(data)))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return data, nil // the library reports what is wrong with it
	}
	root, ok := doc.(map[string]any)
	if !ok {
		return data, nil
	}
	p := &prep{res: res, reg: reg, draft: docDraft(root, reg.defaultDraft), nodes: map[string]map[string]any{}, embedded: map[string]bool{}}
	p.docURL = p.base(docURL, root)
	p.collectIDs(root, p.docURL)
	p.schema(root, "", true, p.docURL)
	if len(p.bad) > 0 {
		slices.SortFunc(p.bad, func(a, b badPattern) int { return strings.Compare(a.ptr, b.ptr) })
		e := &SchemaDocError{File: name, What: "has a pattern that is not an ECMA-262 regular expression"}
		if len(p.bad) > 1 {
			e.What = "has patterns that are not ECMA-262 regular expressions"
		}
		text := stripBOM(data)
		for _, b := range p.bad {
			line, col := position(text, locate(text, b.ptr))
			e.Issues = append(e.Issues, fmt.Sprintf("%s:%d:%d (%s): %s", name, line, col, b.ptr, b.err))
		}
		return nil, e
	}
	p.breakCycles()
	for _, ref := range p.unresolved {
		p.placeholder(ref.site, map[string]any{kwUnresolved: map[string]any{"ref": ref.ref, "url": ref.url, "error": ref.why}})
		reg.unresolvedRef(ref.url, ref.why, name+" ("+ref.ptr+")")
	}
	if !p.moved {
		return data, nil
	}
	if len(p.placeholders) > 0 {
		root[kwPlaceholders] = p.placeholders
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// docset's own keywords in prepared documents.
const (
	kwPattern      = "docset:pattern"
	kwPatternPr    = "docset:patternProperties"
	kwAdditional   = "docset:additionalProperties"
	kwRef          = "docset:ref"
	kwUnresolved   = "docset:unresolved"
	kwPlaceholders = "docset:placeholders"
)

// SchemaDocError is a schema document that cannot be used, each issue
// located in the file it came from (a pattern that is not ECMA-262).
type SchemaDocError struct {
	File   string // as shown to people
	What   string // what is wrong, for the summary line
	Issues []string
}

func (e *SchemaDocError) Error() string {
	return fmt.Sprintf("%s %s:\n  %s", e.File, e.What, strings.Join(e.Issues, "\n  "))
}

// schemaKeywords lists the keywords whose value is a schema, or an array or
// map of schemas. Below other keywords (unknown ones included) a member
// named like a keyword may be data: it is rewritten when that is harmless
// but never an error.
var schemaKeywords = map[string]bool{
	"additionalProperties": true, "additionalItems": true, "items": true, "prefixItems": true,
	"contains": true, "propertyNames": true, "not": true, "allOf": true, "anyOf": true, "oneOf": true,
	"if": true, "then": true, "else": true, "unevaluatedItems": true, "unevaluatedProperties": true,
	"contentSchema": true, "properties": true, "patternProperties": true, "$defs": true,
	"definitions": true, "dependentSchemas": true, "dependencies": true,
}

// dataKeywords hold instances, never schemas.
var dataKeywords = map[string]bool{"enum": true, "const": true, "default": true, "examples": true}

// nameMaps are the keywords whose value maps names to schemas.
var nameMaps = map[string]bool{
	"properties": true, "patternProperties": true, "$defs": true, "definitions": true,
	"dependentSchemas": true, "dependencies": true,
}

// inPlace are the keywords that apply their schemas to the value itself,
// not to a member or item: the edges of a same-value cycle.
var inPlace = map[string]bool{
	"allOf": true, "anyOf": true, "oneOf": true, "not": true, "if": true, "then": true, "else": true,
	"dependentSchemas": true, "dependencies": true,
}

type prep struct {
	res      *regexCache
	reg      *registry
	draft    int
	docURL   string // the base URL of the document's root
	moved    bool
	bad      []badPattern
	embedded map[string]bool // $ids of resources inside the document

	// nodes are the schema objects of the root resource by JSON Pointer,
	// refs the $refs among them to the root resource, for finding cycles.
	nodes      map[string]map[string]any
	refs       []localRef
	unresolved []unresolvedRef

	placeholders []any
}

type badPattern struct {
	ptr string
	err error
}

type localRef struct {
	from, to string // JSON Pointers
	site     map[string]any
}

type unresolvedRef struct {
	site          map[string]any
	ptr, ref, url string
	why           string
}

// docDraft is the draft of a document: its $schema, else the default.
func docDraft(root map[string]any, defaultDraft string) int {
	s, _ := root["$schema"].(string)
	switch {
	case strings.Contains(s, "draft-04"):
		return 4
	case strings.Contains(s, "draft-06"):
		return 6
	case strings.Contains(s, "draft-07"):
		return 7
	case strings.Contains(s, "2019-09"):
		return 2019
	case strings.Contains(s, "2020-12"):
		return 2020
	case s != "":
		return 2020
	}
	switch defaultDraft {
	case "4":
		return 4
	case "6":
		return 6
	case "7":
		return 7
	case "2019-09":
		return 2019
	}
	return 2020
}

// base returns the base URL of schema m, whose parent's base is parent:
// its $id (id in draft 4) resolved against parent, as the library reads it.
func (p *prep) base(parent string, m map[string]any) string {
	key := "$id"
	if p.draft == 4 {
		key = "id"
	}
	id, ok := m[key].(string)
	if !ok || id == "" || strings.HasPrefix(id, "#") {
		return parent
	}
	if _, hasRef := m["$ref"]; hasRef && p.draft <= 7 {
		return parent // $ref hides a sibling id before 2019-09
	}
	abs, err := resolveRef(parent, id)
	if err != nil {
		return parent
	}
	u, _, _ := strings.Cut(abs, "#")
	return u
}

// collectIDs notes the resources embedded in the document, which $refs
// reach without the registry.
func (p *prep) collectIDs(v any, base string) {
	switch v := v.(type) {
	case map[string]any:
		b := p.base(base, v)
		p.embedded[b] = true
		for k, val := range v {
			if !dataKeywords[k] {
				p.collectIDs(val, b)
			}
		}
	case []any:
		for _, e := range v {
			p.collectIDs(e, base)
		}
	}
}

// schema walks the schema v at JSON Pointer ptr with base URL base; strict
// is false below keywords that may hold data.
func (p *prep) schema(v any, ptr string, strict bool, base string) {
	m, ok := v.(map[string]any)
	if !ok {
		return
	}
	base = p.base(base, m)
	if base == p.docURL {
		p.nodes[ptr] = m
	}
	for k, val := range m {
		switch {
		case dataKeywords[k] && strict:
		case nameMaps[k] && strict:
			if names, ok := val.(map[string]any); ok {
				for name, sub := range names {
					p.schema(sub, ptr+"/"+escapeToken(k)+"/"+escapeToken(name), true, base)
				}
			}
		default:
			p.nested(val, ptr+"/"+escapeToken(k), strict && schemaKeywords[k], base)
		}
	}
	if ref, ok := m["$ref"].(string); ok {
		p.ref(m, ptr, ref, base)
	}
	if strict && p.draft == 4 {
		if c, ok := m["const"]; ok {
			// const x means enum [x]; beside an enum, both must hold.
			delete(m, "const")
			if _, hasEnum := m["enum"]; hasEnum {
				all, _ := m["allOf"].([]any)
				m["allOf"] = append(all, map[string]any{"enum": []any{c}})
			} else {
				m["enum"] = []any{c}
			}
			p.moved = true
		}
	}
	if pat, ok := m["pattern"].(string); ok {
		if c, ok := p.compile(pat, ptr+"/pattern", strict); ok && !c.native {
			delete(m, "pattern")
			m[kwPattern] = pat
			p.moved = true
		}
	}
	if pp, ok := m["patternProperties"].(map[string]any); ok {
		native := true
		for pat := range pp {
			c, ok := p.compile(pat, ptr+"/patternProperties/"+escapeToken(pat), strict)
			native = native && (!ok || c.native)
		}
		if !native {
			delete(m, "patternProperties")
			m[kwPatternPr] = pp
			if ap, ok := m["additionalProperties"]; ok {
				delete(m, "additionalProperties")
				m[kwAdditional] = ap
			}
			p.moved = true
		}
	}
}

func (p *prep) nested(v any, ptr string, strict bool, base string) {
	switch v := v.(type) {
	case map[string]any:
		p.schema(v, ptr, strict, base)
	case []any:
		for i, e := range v {
			p.nested(e, fmt.Sprintf("%s/%d", ptr, i), strict, base)
		}
	}
}

func (p *prep) compile(pat, ptr string, strict bool) (compiled, bool) {
	c, err := p.res.compile(pat)
	if err != nil {
		if strict {
			p.bad = append(p.bad, badPattern{ptr, err})
		}
		return compiled{}, false
	}
	return c, true
}

// ref notes the $ref of schema m at ptr: one into the root resource for
// the cycle search, one the registry cannot serve as unresolved.
func (p *prep) ref(m map[string]any, ptr, ref, base string) {
	abs, err := resolveRef(base, ref)
	if err != nil {
		return // the library says what is wrong with it
	}
	u, frag, _ := strings.Cut(abs, "#")
	switch {
	case u == p.docURL:
		if target, err := url.PathUnescape(frag); err == nil && (target == "" || strings.HasPrefix(target, "/")) {
			p.refs = append(p.refs, localRef{from: ptr, to: target, site: m})
		}
	case p.embedded[u] || strings.Contains(u, "json-schema.org/"):
		// Inside the document, or a metaschema the library carries.
	case !p.reg.serves(u):
		var why string
		if err := p.reg.fetch(u).err; err != nil {
			why = err.Error()
			if re, ok := err.(*RefError); ok {
				why = re.Msg
			}
		}
		p.unresolved = append(p.unresolved, unresolvedRef{site: m, ptr: ptr + "/$ref", ref: ref, url: p.reg.display(u), why: why})
	}
}

// breakCycles finds the $refs closing a cycle of schemas applied to the
// same value in the root resource and sends each through a placeholder.
func (p *prep) breakCycles() {
	out := map[string][]localRef{}
	for _, r := range p.refs {
		out[r.from] = append(out[r.from], r)
	}
	if len(out) == 0 {
		return
	}
	edges := func(ptr string) []edge {
		m := p.nodes[ptr]
		var es []edge
		for k, val := range m {
			if !inPlace[k] {
				continue
			}
			switch val := val.(type) {
			case []any:
				for i := range val {
					es = append(es, edge{to: fmt.Sprintf("%s/%s/%d", ptr, k, i)})
				}
			case map[string]any:
				if k == "dependentSchemas" || k == "dependencies" {
					for name := range val {
						es = append(es, edge{to: ptr + "/" + k + "/" + escapeToken(name)})
					}
				} else {
					es = append(es, edge{to: ptr + "/" + k})
				}
			}
		}
		for _, r := range out[ptr] {
			es = append(es, edge{to: r.to, ref: r})
		}
		slices.SortFunc(es, func(a, b edge) int { return strings.Compare(a.to, b.to) })
		return es
	}
	const (
		unseen = iota
		open
		done
	)
	state := map[string]int{}
	var cut []localRef
	var visit func(string)
	visit = func(ptr string) {
		state[ptr] = open
		for _, e := range edges(ptr) {
			if _, known := p.nodes[e.to]; !known {
				continue
			}
			switch state[e.to] {
			case unseen:
				visit(e.to)
			case open:
				if e.ref.site != nil {
					cut = append(cut, e.ref)
				}
			}
		}
		state[ptr] = done
	}
	ptrs := make([]string, 0, len(p.nodes))
	for ptr := range p.nodes {
		ptrs = append(ptrs, ptr)
	}
	slices.Sort(ptrs)
	for _, ptr := range ptrs {
		if state[ptr] == unseen {
			visit(ptr)
		}
	}
	for _, r := range cut {
		target := p.docURL + "#" + pointerFragment(r.to)
		p.placeholder(r.site, map[string]any{kwRef: target})
	}
}

type edge struct {
	to  string
	ref localRef // set for a $ref edge
}

// placeholder points the $ref of site at a new schema under the
// document's root.
func (p *prep) placeholder(site, schema map[string]any) {
	site["$ref"] = p.docURL + "#/" + kwPlaceholders + "/" + fmt.Sprint(len(p.placeholders))
	p.placeholders = append(p.placeholders, schema)
	p.moved = true
}

// pointerFragment writes a JSON Pointer as a URL fragment.
func pointerFragment(ptr string) string {
	parts := strings.Split(ptr, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

// resolveRef resolves ref against base as the schema library does.
func resolveRef(base, ref string) (string, error) {
	if ref == "" {
		return base, nil
	}
	if strings.HasPrefix(ref, "urn:") {
		return ref, nil
	}
	r, err := url.Parse(ref)
	if err != nil {
		return "", err
	}
	if r.IsAbs() {
		return ref, nil
	}
	if strings.HasPrefix(base, "urn:") {
		b, _, _ := strings.Cut(base, "#")
		return b + ref, nil
	}
	b, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	return b.ResolveReference(r).String(), nil
}
