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
	"errors"
	"fmt"
	"math"
	"reflect"
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
	typeMask    uint8 // bit per jsonKind allowed; 0: any
	constVal    any
	hasConst    bool
	enum        []any
	pattern     *pattern
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
	// plans caches, per Go struct type, each field with its schema and
	// the fields of the required properties.
	plans sync.Map // reflect.Type -> *objectPlan
}

// planField is a struct field and the schema of its property (nil when the
// schema has none).
type planField struct {
	field
	sub *node
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

// ErrUnsupported is wrapped by Compile's error for a schema using a
// keyword or form the checker does not implement: check with a general
// validator instead.
var ErrUnsupported = errors.New("not supported by schemacheck")

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
				return nil, fmt.Errorf("schemacheck: %s: $ref %q: only local $refs are %w", at, s, ErrUnsupported)
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
			for _, name := range n.types {
				k, ok := kindByName[name]
				if !ok {
					return nil, fmt.Errorf("schemacheck: %s: unknown type %q", at, name)
				}
				n.typeMask |= 1 << k
				if k == kindNumber {
					n.typeMask |= 1 << kindInteger
				}
			}
		case k == "const":
			n.constVal, n.hasConst = val, true
		case k == "enum":
			n.enum, _ = val.([]any)
		case k == "pattern":
			s, _ := val.(string)
			if n.pattern, err = compilePattern(s); err != nil {
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
				return nil, fmt.Errorf("schemacheck: %s: format %q is %w", at, n.formatName, ErrUnsupported)
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
				return nil, fmt.Errorf("schemacheck: %s: additionalProperties other than false is %w", at, ErrUnsupported)
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
			return nil, fmt.Errorf("schemacheck: %s: keyword %q is %w", at, k, ErrUnsupported)
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
	w.check(c.root, reflect.ValueOf(v))
	return w.problems
}

type walker struct {
	c        *Checker
	problems []Problem
	// stack is the location of the value being checked; a pointer is
	// built from it only when a problem is reported.
	stack []token
	// quiet walkers only tell whether a value fits (for anyOf).
	quiet, failed bool
}

// token is a property name, or an array index when name is "".
type token struct {
	name  string
	index int
}

func (w *walker) pointer() string {
	var b strings.Builder
	for _, t := range w.stack {
		b.WriteByte('/')
		if t.name == "" {
			b.WriteString(strconv.Itoa(t.index))
			continue
		}
		b.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(t.name))
	}
	return b.String()
}

func (w *walker) fail(kw, format string, args ...any) {
	if w.quiet {
		w.failed = true
		return
	}
	w.problems = append(w.problems, Problem{Pointer: w.pointer(), Keyword: kw, Message: fmt.Sprintf(format, args...)})
}

// failAt reports a problem at the location t below the current one.
func (w *walker) failAt(t token, kw, format string, args ...any) {
	w.stack = append(w.stack, t)
	w.fail(kw, format, args...)
	w.stack = w.stack[:len(w.stack)-1]
}

// at checks v against n at the location t below the current one.
func (w *walker) at(t token, n *node, v reflect.Value) {
	w.stack = append(w.stack, t)
	w.check(n, v)
	w.stack = w.stack[:len(w.stack)-1]
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

// jsonKind is a JSON type.
type jsonKind uint8

const (
	kindNull jsonKind = iota
	kindBoolean
	kindInteger
	kindNumber
	kindString
	kindArray
	kindObject
	kindUnsupported
)

var kindNames = [...]string{"null", "boolean", "integer", "number", "string", "array", "object", "unsupported"}

var kindByName = map[string]jsonKind{"null": kindNull, "boolean": kindBoolean, "integer": kindInteger,
	"number": kindNumber, "string": kindString, "array": kindArray, "object": kindObject}

// jsonType is the JSON type v encodes to.
func jsonType(v reflect.Value) jsonKind {
	return derefType(deref(v))
}

// derefType is jsonType of a value deref returned.
func derefType(v reflect.Value, ok bool) jsonKind {
	if !ok {
		return kindNull
	}
	switch v.Kind() {
	case reflect.String:
		return kindString
	case reflect.Bool:
		return kindBoolean
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return kindInteger
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); f == math.Trunc(f) {
			return kindInteger
		}
		return kindNumber
	case reflect.Slice:
		if v.IsNil() {
			return kindNull
		}
		return kindArray
	case reflect.Array:
		return kindArray
	case reflect.Struct, reflect.Map:
		return kindObject
	}
	return kindUnsupported
}

func (w *walker) check(n *node, v reflect.Value) {
	if w.quiet && w.failed {
		return
	}
	if n.refNode != nil {
		w.check(n.refNode, v)
	}
	dv, ok := deref(v)
	typ := derefType(dv, ok)
	if n.typeMask != 0 && n.typeMask&(1<<typ) == 0 {
		w.fail("type", "want %s, got %s", strings.Join(n.types, " or "), kindNames[typ])
		return
	}
	if len(n.anyOf) > 0 {
		matched := false
		for _, sub := range n.anyOf {
			sw := walker{c: w.c, quiet: true}
			sw.check(sub, v)
			if !sw.failed {
				matched = true
				break
			}
		}
		if !matched {
			w.fail("anyOf", "matches none of the allowed forms")
		}
	}
	if n.hasConst && !equalJSON(dv, n.constVal) {
		w.fail("const", "want %v", n.constVal)
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
			w.fail("enum", "want one of %v", n.enum)
		}
	}
	switch typ {
	case kindString:
		s := dv.String()
		if n.minLength >= 0 && utf8.RuneCountInString(s) < n.minLength {
			w.fail("minLength", "want at least %d characters", n.minLength)
		}
		if n.pattern != nil && !n.pattern.MatchString(s) {
			w.fail("pattern", "%q does not match %s", s, n.pattern)
		}
		if n.format != nil && !n.format(s) {
			w.fail("format", "%q is not a valid %s", s, n.formatName)
		}
	case kindInteger, kindNumber:
		if n.minimum != nil && number(dv) < *n.minimum {
			w.fail("minimum", "want >= %v", *n.minimum)
		}
	case kindArray:
		w.array(n, dv)
	case kindObject:
		w.object(n, dv)
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
		return err == nil && (t == kindInteger || t == kindNumber) && number(v) == f
	}
	return false
}

func (w *walker) array(n *node, v reflect.Value) {
	if n.minItems >= 0 && v.Len() < n.minItems {
		w.fail("minItems", "want at least %d items, got %d", n.minItems, v.Len())
	}
	if n.uniqueItems {
		for i := 0; i < v.Len(); i++ {
			for j := 0; j < i; j++ {
				if reflect.DeepEqual(v.Index(i).Interface(), v.Index(j).Interface()) {
					w.failAt(token{index: i}, "uniqueItems", "repeats item %d", j)
				}
			}
		}
	}
	if n.items != nil {
		for i := 0; i < v.Len(); i++ {
			w.at(token{index: i}, n.items, v.Index(i))
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

func (w *walker) object(n *node, v reflect.Value) {
	if v.Kind() != reflect.Struct {
		w.fail("type", "only structs are supported as objects, got %s", v.Type())
		return
	}
	p := w.c.plan(n, v.Type())
	for _, f := range p.fields {
		fv := v.Field(f.index)
		if f.omitEmpty && isEmpty(fv) {
			continue
		}
		switch {
		case f.sub != nil:
			w.at(token{name: f.name}, f.sub, fv)
		case n.closed:
			w.failAt(token{name: f.name}, "additionalProperties", "property %q is not in the schema", f.name)
		}
	}
	for _, r := range p.required {
		if !r.ok || r.omitEmpty && isEmpty(v.Field(r.index)) {
			w.fail("required", "missing property %q", r.name)
		}
	}
}

// objectPlan is how a struct type is checked against an object schema:
// its fields with their schemas, and the field of each required property.
type objectPlan struct {
	fields   []planField
	required []requiredField
}

// requiredField is a required property and its field; ok is false when
// the struct has no field of that name.
type requiredField struct {
	field
	ok bool
}

// plan pairs the fields of struct type t with their schemas under n, and
// its required properties with their fields, once per type.
func (c *Checker) plan(n *node, t reflect.Type) *objectPlan {
	if p, ok := n.plans.Load(t); ok {
		return p.(*objectPlan)
	}
	p := &objectPlan{}
	fs := c.structFields(t)
	for _, f := range fs.list {
		p.fields = append(p.fields, planField{field: f, sub: n.props[f.name]})
	}
	for _, name := range n.required {
		f, ok := fs.byName[name]
		f.name = name
		p.required = append(p.required, requiredField{field: f, ok: ok})
	}
	n.plans.Store(t, p)
	return p
}
