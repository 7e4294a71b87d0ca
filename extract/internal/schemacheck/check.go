// Package schemacheck checks Go values against a JSON Schema without
// encoding them: the value is walked with reflection as encoding/json would
// write it (json tags, omitempty, nil slices as null), and each schema
// keyword is tested directly.
//
// It exists for speed: the extractor checks every record it makes against
// the record schema, and a general validator, which needs the value decoded
// into a tree and converts each number to a rational, costs more than the
// extraction itself. Only the keywords the record schema uses are
// implemented; Compile refuses a schema with any other, so the checker can
// never silently skip a constraint. A differential test keeps it in step
// with the general validator.
package schemacheck

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// annotations are keywords that do not constrain a value.
var annotations = map[string]bool{
	"$schema": true, "$id": true, "$comment": true, "title": true, "description": true,
	"examples": true, "default": true, "deprecated": true, "readOnly": true, "writeOnly": true,
}

// node is one compiled schema object.
type node struct {
	types       []string
	constVal    any
	hasConst    bool
	enum        []any
	pattern     *regexp.Regexp
	minLength   int // -1: none
	minItems    int // -1: none
	minimum     *float64
	format      func(any) bool
	formatName  string
	required    []string
	props       map[string]*node
	closed      bool // additionalProperties: false
	items       *node
	uniqueItems bool
	anyOf       []*node
	ref         string
	refNode     *node
}

// Checker checks values against one compiled schema; safe for concurrent use.
type Checker struct {
	root   *node
	fields sync.Map // reflect.Type -> []field
}

// Problem is one constraint a value breaks.
type Problem struct {
	Pointer string // RFC 6901 pointer of the value
	Keyword string
	Message string
}

func (p Problem) String() string { return fmt.Sprintf("%s: %s [%s]", p.Pointer, p.Message, p.Keyword) }

// Compile compiles a schema document. Local $refs (#/...) are resolved;
// any keyword outside the implemented set is an error.
func Compile(doc []byte) (*Checker, error) {
	var raw map[string]any
	dec := json.NewDecoder(strings.NewReader(string(doc)))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("schemacheck: %w", err)
	}
	c := &compiler{doc: raw, nodes: map[string]*node{}}
	root, err := c.compile(raw, "#")
	if err != nil {
		return nil, err
	}
	for _, n := range c.refs {
		target, ok := c.nodes[n.ref]
		if !ok {
			return nil, fmt.Errorf("schemacheck: $ref %s: not found in the schema", n.ref)
		}
		n.refNode = target
	}
	return &Checker{root: root}, nil
}

type compiler struct {
	doc   map[string]any
	nodes map[string]*node // by JSON pointer fragment, "#/$defs/x"
	refs  []*node
}

func (c *compiler) compile(v any, loc string) (*node, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("schemacheck: %s: want a schema object", loc)
	}
	n := &node{minLength: -1, minItems: -1}
	c.nodes[loc] = n
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		val := obj[k]
		at := loc + "/" + k
		var err error
		switch {
		case annotations[k] || strings.HasPrefix(k, "x-"):
		case k == "$defs":
			defs, _ := val.(map[string]any)
			for name, d := range defs {
				if _, err = c.compile(d, at+"/"+name); err != nil {
					return nil, err
				}
			}
		case k == "$ref":
			s, _ := val.(string)
			if !strings.HasPrefix(s, "#/") {
				return nil, fmt.Errorf("schemacheck: %s: only local $refs are supported, got %q", at, s)
			}
			n.ref = s
			c.refs = append(c.refs, n)
		case k == "type":
			switch t := val.(type) {
			case string:
				n.types = []string{t}
			case []any:
				for _, x := range t {
					s, _ := x.(string)
					n.types = append(n.types, s)
				}
			}
		case k == "const":
			n.constVal, n.hasConst = val, true
		case k == "enum":
			n.enum, _ = val.([]any)
		case k == "pattern":
			s, _ := val.(string)
			if n.pattern, err = regexp.Compile(s); err != nil {
				return nil, fmt.Errorf("schemacheck: %s: %w", at, err)
			}
		case k == "minLength":
			n.minLength, err = intOf(val, at)
		case k == "minItems":
			n.minItems, err = intOf(val, at)
		case k == "minimum":
			f, ferr := val.(json.Number).Float64()
			n.minimum, err = &f, ferr
		case k == "format":
			n.formatName, _ = val.(string)
			if n.format = jsonschema.Formats[n.formatName]; n.format == nil {
				return nil, fmt.Errorf("schemacheck: %s: unknown format %q", at, n.formatName)
			}
		case k == "required":
			list, _ := val.([]any)
			for _, x := range list {
				s, _ := x.(string)
				n.required = append(n.required, s)
			}
		case k == "properties":
			props, _ := val.(map[string]any)
			n.props = map[string]*node{}
			for name, p := range props {
				if n.props[name], err = c.compile(p, at+"/"+name); err != nil {
					return nil, err
				}
			}
		case k == "additionalProperties":
			b, isBool := val.(bool)
			if !isBool || b {
				return nil, fmt.Errorf("schemacheck: %s: only additionalProperties: false is supported", at)
			}
			n.closed = true
		case k == "items":
			n.items, err = c.compile(val, at)
		case k == "uniqueItems":
			n.uniqueItems, _ = val.(bool)
		case k == "anyOf":
			list, _ := val.([]any)
			for i, x := range list {
				sub, err := c.compile(x, at+"/"+strconv.Itoa(i))
				if err != nil {
					return nil, err
				}
				n.anyOf = append(n.anyOf, sub)
			}
		default:
			return nil, fmt.Errorf("schemacheck: %s: keyword %q is not supported; validate with the general validator", at, k)
		}
		if err != nil {
			return nil, err
		}
	}
	return n, nil
}

func intOf(v any, at string) (int, error) {
	num, ok := v.(json.Number)
	if !ok {
		return 0, fmt.Errorf("schemacheck: %s: want an integer", at)
	}
	i, err := num.Int64()
	return int(i), err
}

// Check returns every constraint v breaks, nil when it is valid.
func (c *Checker) Check(v any) []Problem {
	w := &walker{c: c}
	w.check(c.root, reflect.ValueOf(v), nil)
	return w.problems
}

type walker struct {
	c        *Checker
	problems []Problem
}

// path is the reverse-linked location of a value, turned into a pointer
// only when a problem is reported.
type path struct {
	parent *path
	name   string // property name, or "" for an array index
	index  int
}

func (p *path) pointer() string {
	var parts []string
	for ; p != nil; p = p.parent {
		if p.name == "" {
			parts = append(parts, strconv.Itoa(p.index))
			continue
		}
		parts = append(parts, strings.NewReplacer("~", "~0", "/", "~1").Replace(p.name))
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteString("/" + parts[i])
	}
	return b.String()
}

func (w *walker) fail(p *path, kw, format string, args ...any) {
	w.problems = append(w.problems, Problem{Pointer: p.pointer(), Keyword: kw, Message: fmt.Sprintf(format, args...)})
}

// deref follows pointers and interfaces; a nil one is JSON null.
func deref(v reflect.Value) (reflect.Value, bool) {
	for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) {
		if v.IsNil() {
			return reflect.Value{}, false
		}
		v = v.Elem()
	}
	return v, v.IsValid()
}

// jsonType is the JSON type v encodes to.
func jsonType(v reflect.Value) string {
	v, ok := deref(v)
	if !ok {
		return "null"
	}
	switch v.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); f == math.Trunc(f) {
			return "integer"
		}
		return "number"
	case reflect.Slice:
		if v.IsNil() {
			return "null"
		}
		return "array"
	case reflect.Array:
		return "array"
	case reflect.Struct, reflect.Map:
		return "object"
	}
	return "unsupported " + v.Kind().String()
}

func typeMatches(got string, want []string) bool {
	for _, t := range want {
		if t == got || t == "number" && got == "integer" {
			return true
		}
	}
	return false
}

func (w *walker) check(n *node, v reflect.Value, p *path) {
	if n.refNode != nil {
		w.check(n.refNode, v, p)
	}
	typ := jsonType(v)
	if len(n.types) > 0 && !typeMatches(typ, n.types) {
		w.fail(p, "type", "want %s, got %s", strings.Join(n.types, " or "), typ)
		return
	}
	if len(n.anyOf) > 0 {
		matched := false
		for _, sub := range n.anyOf {
			sw := &walker{c: w.c}
			sw.check(sub, v, p)
			if len(sw.problems) == 0 {
				matched = true
				break
			}
		}
		if !matched {
			w.fail(p, "anyOf", "matches none of the allowed forms")
		}
	}
	dv, _ := deref(v)
	if n.hasConst && !equalJSON(dv, n.constVal) {
		w.fail(p, "const", "want %v", n.constVal)
	}
	if n.enum != nil {
		ok := false
		for _, e := range n.enum {
			if equalJSON(dv, e) {
				ok = true
				break
			}
		}
		if !ok {
			w.fail(p, "enum", "want one of %v", n.enum)
		}
	}
	switch typ {
	case "string":
		s := dv.String()
		if n.minLength >= 0 && utf8.RuneCountInString(s) < n.minLength {
			w.fail(p, "minLength", "want at least %d characters", n.minLength)
		}
		if n.pattern != nil && !n.pattern.MatchString(s) {
			w.fail(p, "pattern", "%q does not match %s", s, n.pattern)
		}
		if n.format != nil && !n.format(s) {
			w.fail(p, "format", "%q is not a valid %s", s, n.formatName)
		}
	case "integer", "number":
		if n.minimum != nil && number(dv) < *n.minimum {
			w.fail(p, "minimum", "want >= %v", *n.minimum)
		}
	case "array":
		w.array(n, dv, p)
	case "object":
		w.object(n, dv, p)
	}
}

func number(v reflect.Value) float64 {
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		return v.Float()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(v.Uint())
	}
	return float64(v.Int())
}

// equalJSON compares a Go value with a schema literal (string, number,
// bool or null).
func equalJSON(v reflect.Value, lit any) bool {
	switch l := lit.(type) {
	case nil:
		return !v.IsValid()
	case string:
		return v.IsValid() && v.Kind() == reflect.String && v.String() == l
	case bool:
		return v.IsValid() && v.Kind() == reflect.Bool && v.Bool() == l
	case json.Number:
		f, err := l.Float64()
		t := jsonType(v)
		return err == nil && (t == "integer" || t == "number") && number(v) == f
	}
	return false
}

func (w *walker) array(n *node, v reflect.Value, p *path) {
	if n.minItems >= 0 && v.Len() < n.minItems {
		w.fail(p, "minItems", "want at least %d items, got %d", n.minItems, v.Len())
	}
	if n.uniqueItems {
		for i := 0; i < v.Len(); i++ {
			for j := 0; j < i; j++ {
				if reflect.DeepEqual(v.Index(i).Interface(), v.Index(j).Interface()) {
					w.fail(&path{parent: p, index: i}, "uniqueItems", "repeats item %d", j)
				}
			}
		}
	}
	if n.items != nil {
		for i := 0; i < v.Len(); i++ {
			w.check(n.items, v.Index(i), &path{parent: p, index: i})
		}
	}
}

// field is a struct field as encoding/json sees it.
type field struct {
	name      string
	index     int
	omitEmpty bool
}

// fieldSet is a struct type's fields, in order and by name.
type fieldSet struct {
	list   []field
	byName map[string]field
}

func (c *Checker) structFields(t reflect.Type) *fieldSet {
	if f, ok := c.fields.Load(t); ok {
		return f.(*fieldSet)
	}
	fs := &fieldSet{byName: map[string]field{}}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = sf.Name
		}
		f := field{name: name, index: i, omitEmpty: strings.Contains(","+opts+",", ",omitempty,")}
		fs.list = append(fs.list, f)
		fs.byName[name] = f
	}
	c.fields.Store(t, fs)
	return fs
}

// isEmpty is encoding/json's omitempty test.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}

func (w *walker) object(n *node, v reflect.Value, p *path) {
	if v.Kind() != reflect.Struct {
		w.fail(p, "type", "only structs are supported as objects, got %s", v.Type())
		return
	}
	fs := w.c.structFields(v.Type())
	for _, f := range fs.list {
		fv := v.Field(f.index)
		if f.omitEmpty && isEmpty(fv) {
			continue
		}
		sub, ok := n.props[f.name]
		if !ok {
			if n.closed {
				w.fail(&path{parent: p, name: f.name}, "additionalProperties", "property %q is not in the schema", f.name)
			}
			continue
		}
		w.check(sub, fv, &path{parent: p, name: f.name})
	}
	for _, r := range n.required {
		if f, ok := fs.byName[r]; !ok || f.omitEmpty && isEmpty(v.Field(f.index)) {
			w.fail(p, "required", "missing property %q", r)
		}
	}
}
