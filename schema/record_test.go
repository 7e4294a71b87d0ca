package schema_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/docset/docset/schema"
	"github.com/docset/docset/validate"
)

// lead is the first two paragraphs of the seed document.
const lead = "Russian Defense Minister Sergei Shoigu said Monday that Russia is in talks with North Korea for possible joint military drills as the two nations seek to bolster their military cooperation and arms trade.\n" +
	"It comes after South Korea’s spy agency claimed that Mr. Shoigu had likely proposed to North Korean leader Kim Jong Un to hold a “three-way naval drill” involving China during his visit to Pyongyang in July."

// spanOf returns the code-point offsets of the n-th (0-based) occurrence of
// s in text, the way extraction computes them.
func spanOf(t *testing.T, text, s string, n int) (start, end int) {
	t.Helper()
	from := 0
	for i := 0; ; i++ {
		j := strings.Index(text[from:], s)
		if j < 0 {
			t.Fatalf("%q occurs fewer than %d times", s, n+1)
		}
		if i == n {
			b := from + j
			return utf8.RuneCountInString(text[:b]), utf8.RuneCountInString(text[:b+len(s)])
		}
		from += j + len(s)
	}
}

func ptr[T any](v T) *T { return &v }

// buildRecord fills every field of the Go types, optional ones included,
// so that the round trip through JSON exercises the whole schema.
func buildRecord(t *testing.T) schema.Record {
	t.Helper()
	sum := sha256.Sum256([]byte(lead))
	mention := func(s string, n int) schema.Mention {
		a, b := spanOf(t, lead, s, n)
		return schema.Mention{Start: a, End: b, Text: s}
	}
	r := schema.Record{
		SchemaVersion: schema.Version,
		ID:            "000_5b4285e19d35a4a5-lead",
		Source:        schema.Source{Path: "seeds/lead.jsonl", Line: 3, SHA256: hex.EncodeToString(sum[:]), Bytes: int64(len(lead))},
		Metadata: &schema.Metadata{
			Title: "Russia in talks with North Korea on joint drills", URL: "https://example.com/news/shoigu-drills",
			Published: "2023-09-04", Language: "en", Source: "Example Wire", License: "CC BY 4.0",
		},
		Text: lead,
		Entities: []schema.Entity{
			{ID: "e1", Name: "Sergei Shoigu", Type: schema.TypePerson, Roles: []string{"Russian Defense Minister"},
				Mentions: []schema.Mention{mention("Sergei Shoigu", 0), mention("Shoigu", 1)}},
			{ID: "e2", Name: "Russia", Type: schema.TypePlace, Subtype: "country", Mentions: []schema.Mention{mention("Russia", 1)}},
			{ID: "e3", Name: "North Korea", Type: schema.TypePlace, Subtype: "country", Mentions: []schema.Mention{mention("North Korea", 0)}},
			{ID: "e4", Name: "Kim Jong Un", Type: schema.TypePerson, Roles: []string{"North Korean leader"}, Mentions: []schema.Mention{mention("Kim Jong Un", 0)}},
		},
		Review: schema.Review{Status: schema.StatusReviewed, By: "Dana Whitfield", At: "2026-11-20T14:05:00Z", Notes: "Spans checked."},
	}
	off := 0
	for i, p := range strings.Split(lead, "\n") {
		a, b := utf8.RuneCountInString(lead[:off]), utf8.RuneCountInString(lead[:off+len(p)])
		r.Paragraphs = append(r.Paragraphs, schema.Paragraph{ID: fmt.Sprintf("p%d", i+1), Start: a, End: b, Text: p, Kind: schema.KindParagraph})
		r.Sentences = append(r.Sentences, schema.Sentence{Start: a, End: b, Text: p})
		off += len(p) + 1
	}
	qa, qb := spanOf(t, lead, "three-way naval drill", 0)
	r.Quotes = []schema.Quote{{ID: "q1", Start: qa, End: qb, Text: "three-way naval drill", Speaker: ptr("e1"), Cue: ptr("proposed"), Partial: true}}
	da, db := spanOf(t, lead, "July", 0)
	r.Dates = []schema.Date{{ID: "d1", Start: da, End: db, Text: "July", Value: ptr("2023-07")}}
	na, nb := spanOf(t, lead, "two nations", 0)
	r.Quantities = []schema.Quantity{{ID: "n1", Start: na, End: nb, Text: "two nations", Value: 2, Unit: ptr("nations")}}
	return r
}

// TestGoRecordValidates: a record built from the Go types passes the
// schema and the record checks, and survives the JSON round trip.
func TestGoRecordValidates(t *testing.T) {
	r := buildRecord(t)
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	v, err := validate.New()
	if err != nil {
		t.Fatal(err)
	}
	if fs := v.ValidateDocument("record.json", data).Findings; len(fs) > 0 {
		t.Fatalf("findings for a record built from the Go types:\n%v", fs)
	}
	var back schema.Record
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r, back) {
		t.Error("record changed in the JSON round trip")
	}

	// A zero Record is what a careless writer produces: it must not pass.
	zero, _ := json.Marshal(schema.Record{})
	if fs := v.ValidateDocument("zero.json", zero).Findings; len(fs) == 0 {
		t.Error("the zero Record validates; required fields are not enforced")
	}
}

// TestSchemaMatchesGoTypes walks the schema and the Go types together:
// every schema property has a Go field with that json name at that place,
// every Go json field is a schema property, the kinds agree, and a
// required property is never dropped by omitempty.
func TestSchemaMatchesGoTypes(t *testing.T) {
	var root map[string]any
	if err := json.Unmarshal(schema.JSON(), &root); err != nil {
		t.Fatal(err)
	}
	defs, _ := root["$defs"].(map[string]any)
	checked := 0
	var walk func(path string, node map[string]any, typ reflect.Type)
	walk = func(path string, node map[string]any, typ reflect.Type) {
		node = resolve(t, node, defs)
		for typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		if props, ok := node["properties"].(map[string]any); ok {
			if typ.Kind() != reflect.Struct {
				t.Errorf("%s: schema object, Go %s", path, typ)
				return
			}
			fields := jsonFields(typ)
			required := map[string]bool{}
			for _, r := range asSlice(node["required"]) {
				required[r.(string)] = true
			}
			for _, name := range sortedKeys(props) {
				f, ok := fields[name]
				if !ok {
					t.Errorf("%s/%s: schema property has no Go field in %s", path, name, typ)
					continue
				}
				if required[name] && slices.Contains(strings.Split(f.Tag.Get("json"), ",")[1:], "omitempty") {
					t.Errorf("%s/%s: required, but %s.%s is omitempty", path, name, typ.Name(), f.Name)
				}
				checked++
				walk(path+"/"+name, props[name].(map[string]any), f.Type)
			}
			for _, name := range sortedKeys(fields) {
				if _, ok := props[name]; !ok {
					t.Errorf("%s: Go field %s.%s (json %q) is not a schema property", path, typ.Name(), fields[name].Name, name)
				}
			}
			return
		}
		kinds := schemaTypes(node, defs)
		switch {
		case kinds["array"]:
			if typ.Kind() != reflect.Slice {
				t.Errorf("%s: schema array, Go %s", path, typ)
				return
			}
			if items, ok := node["items"].(map[string]any); ok {
				walk(path+"/items", items, typ.Elem())
			}
		case kinds["string"]:
			expectKind(t, path, typ, reflect.String)
		case kinds["integer"]:
			expectKind(t, path, typ, reflect.Int, reflect.Int64)
		case kinds["number"]:
			expectKind(t, path, typ, reflect.Float64)
		case kinds["boolean"]:
			expectKind(t, path, typ, reflect.Bool)
		default:
			t.Errorf("%s: schema node without a type docset knows: %v", path, node)
		}
	}
	walk("", root, reflect.TypeFor[schema.Record]())
	if checked < 50 {
		t.Errorf("only %d properties checked; the walk missed part of the schema", checked)
	}
}

// resolve follows a local $ref, keeping the referring node's keywords.
func resolve(t *testing.T, node, defs map[string]any) map[string]any {
	ref, ok := node["$ref"].(string)
	if !ok {
		return node
	}
	name, ok := strings.CutPrefix(ref, "#/$defs/")
	target, found := defs[name].(map[string]any)
	if !ok || !found {
		t.Fatalf("unresolvable $ref %q", ref)
	}
	merged := map[string]any{}
	for k, v := range target {
		merged[k] = v
	}
	for k, v := range node {
		if k != "$ref" {
			merged[k] = v
		}
	}
	return merged
}

// schemaTypes collects the types a node allows, through anyOf branches.
func schemaTypes(node, defs map[string]any) map[string]bool {
	out := map[string]bool{}
	switch ty := node["type"].(type) {
	case string:
		out[ty] = true
	case []any:
		for _, x := range ty {
			out[x.(string)] = true
		}
	}
	for _, alt := range asSlice(node["anyOf"]) {
		a := alt.(map[string]any)
		if ref, ok := a["$ref"].(string); ok {
			a = defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
		}
		for k := range schemaTypes(a, defs) {
			out[k] = true
		}
	}
	return out
}

func expectKind(t *testing.T, path string, typ reflect.Type, kinds ...reflect.Kind) {
	t.Helper()
	if !slices.Contains(kinds, typ.Kind()) {
		t.Errorf("%s: Go type %s, want kind %v", path, typ, kinds)
	}
}

func jsonFields(typ reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for f := range typ.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f
	}
	return out
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// TestExampleRecordsDecodeIntoGoTypes: the shipped valid examples decode
// into the Go types without unknown fields.
func TestExampleRecordsDecodeIntoGoTypes(t *testing.T) {
	for _, name := range []string{"000_5b4285e19d35a4a5.json", "000_5b4285e19d35a4a5-lead.json"} {
		data, err := os.ReadFile("../testdata/records/valid/" + name)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(strings.NewReader(string(data)))
		dec.DisallowUnknownFields()
		var r schema.Record
		if err := dec.Decode(&r); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
