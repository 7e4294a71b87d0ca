package validate

import (
	"errors"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// TestNewForSchemaErrors: every way a --schema can be unusable is a
// SchemaError naming the schema, the place and the fix, with no machine
// paths in the message.
func TestNewForSchemaErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		draft string
		want  []string // fragments of the message
	}{
		{"missing file", nil, "", []string{"cannot read it: no such file or directory"}},
		{"a directory", map[string]string{"s.json/a.json": `{}`}, "", []string{"cannot read it: is a directory; give a file"}},
		{"not JSON", map[string]string{"s.json": "{\n  \"type\": \"object\",\n}"}, "", []string{"3:1: not valid JSON"}},
		{"fails its metaschema", map[string]string{"s.json": "{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n  \"properties\": {\n    \"a\": {\"type\": \"strng\"},\n    \"b\": {\"minLength\": -1}\n  }\n}"}, "", []string{
			"does not follow its metaschema",
			"s.json:4:19 (/properties/a/type): anyOf: matches none of the allowed alternatives",
			"s.json:5:24 (/properties/b/minLength): minimum: must be >= 0 but found -1",
		}},
		{"draft 4 metaschema", map[string]string{"s.json": `{"type": "object", "required": []}`}, "4", []string{"does not follow its metaschema", "(/required): minItems"}},
		{"unresolvable local $ref", map[string]string{"s.json": `{"$ref": "defs.json#/$defs/missing"}`, "defs.json": `{"$defs": {}}`}, "", []string{"defs.json#/$defs/missing: nothing there; correct the $ref"}},
		{"unresolvable $ref in the schema itself", map[string]string{"s.json": `{"$ref": "#/$defs/nope"}`}, "", []string{"s.json#/$defs/nope: nothing there"}},
		{"unknown draft", map[string]string{"s.json": `{}`}, "5", []string{`unknown draft "5"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, main := writeSchemaFiles(t, tt.files)
			// Given relative, as people type it: the message must not turn
			// it into the absolute path.
			wd, _ := os.Getwd()
			if rel, err := filepath.Rel(wd, main); err == nil {
				main = rel
			}
			_, err := NewForSchema(main, SchemaOptions{Draft: tt.draft})
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q\ndoes not contain %q", msg, w)
				}
			}
			if shown := strings.ReplaceAll(msg, filepath.ToSlash(filepath.Dir(main)), "<dir>"); strings.Contains(shown, dir) || strings.Contains(shown, "file:") {
				t.Errorf("error %q shows the machine path %s", msg, dir)
			}
			var se *SchemaError
			if tt.draft != "5" && !errors.As(err, &se) {
				t.Errorf("got %T, want *SchemaError", err)
			}
		})
	}
}

// TestUnservedRefs: a $ref no local file serves is a warning naming the
// place and the fix; the schema is still used, and a document reaching the
// $ref cannot be validated (an UnresolvedRefError, exit 2 in the CLI)
// while one that does not is checked as usual.
func TestUnservedRefs(t *testing.T) {
	tests := []struct {
		name           string
		files          map[string]string
		reaches, avoid string
		want           []string
	}{
		{"missing $ref file", map[string]string{"s.json": `{"properties": {"a": {"$ref": "nowhere.json"}}}`}, `{"a": 1}`, `{"b": 1}`,
			[]string{"$ref ", "nowhere.json at ", "s.json (/properties/a/$ref): cannot read it: no such file or directory"}},
		{"remote $ref", map[string]string{"s.json": `{"properties": {"a": {"$ref": "https://example.com/schemas/a.json"}}}`}, `{"a": 1}`, `{}`, []string{
			"$ref https://example.com/schemas/a.json at ", "remote schemas are not fetched (docset works offline)", "--ref FILE", "--map URL_PREFIX=DIR",
		}},
		{"$ref outside the folder", map[string]string{"sub/s.json": `{"anyOf": [{"type": "string"}, {"$ref": "../other.json"}]}`, "other.json": `{}`}, `1`, `"s"`,
			[]string{"other.json at ", "sub/s.json (/anyOf/1/$ref): is outside the schema's folder"}},
		{"$ref into a missing schema's definitions", map[string]string{"s.json": `{"$schema": "http://json-schema.org/draft-07/schema#", "items": {"$ref": "https://example.com/base.json#/definitions/x", "type": "string"}}`}, `[1]`, `[]`,
			[]string{"$ref https://example.com/base.json at "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, main := writeSchemaFiles(t, tt.files)
			v, err := NewForSchema(main, SchemaOptions{})
			if err != nil {
				t.Fatal(err)
			}
			warn := strings.Join(v.Warnings(), "\n")
			for _, w := range tt.want {
				if !strings.Contains(warn, w) {
					t.Errorf("warnings %q\ndo not contain %q", warn, w)
				}
			}
			if fr := v.ValidateDocument("doc.json", []byte(tt.reaches)); fr.Err == nil || !strings.Contains(fr.Err.Error(), "cannot be validated: it reaches $ref") {
				t.Errorf("%s: error %v, want it to say it cannot be validated", tt.reaches, fr.Err)
			}
			if fr := v.ValidateDocument("doc.json", []byte(tt.avoid)); fr.Err != nil || len(fr.Findings) > 0 {
				t.Errorf("%s: %v %v, want valid", tt.avoid, fr.Err, fr.Findings)
			}
		})
	}
}

// TestSameValueCycle: a schema applying itself to the same value
// (allOf [$ref itself]) is usable; a document that runs into the cycle
// cannot be validated, others are checked as usual.
func TestSameValueCycle(t *testing.T) {
	p := writeFile(t, filepath.Join(t.TempDir(), "s.json"), `{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "properties": {"kind": {"type": "string"}, "spec": {"$ref": "#/definitions/spec"}},
  "allOf": [{"if": {"properties": {"kind": {"const": "loop"}}}, "then": {"properties": {"spec": {"$ref": "#/definitions/loop"}}}}],
  "definitions": {
    "spec": {"type": "object", "required": ["name"]},
    "loop": {"allOf": [{"$ref": "#/definitions/loop"}, {"type": "object"}]}
  }
}`)
	v, err := NewForSchema(p, SchemaOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for doc, want := range map[string]string{
		`{"kind": "a", "spec": {"name": "n"}}`:  "",
		`{"kind": "a", "spec": {}}`:             "required",
		`{"kind": "loop", "spec": {"name": 1}}`: "error",
	} {
		var rules []string
		fr := v.ValidateDocument("doc.json", []byte(doc))
		for _, f := range fr.Findings {
			rules = append(rules, f.Rule)
		}
		var loop *SchemaLoopError
		if errors.As(fr.Err, &loop) && strings.Contains(fr.Err.Error(), "s.json#/allOf/0/then/properties/spec/$ref/allOf/0/$ref") {
			rules = append(rules, "error")
		} else if fr.Err != nil {
			t.Errorf("%s: error %v", doc, fr.Err)
		}
		if got := strings.Join(rules, ","); got != want {
			t.Errorf("%s: rules %q, want %q", doc, got, want)
		}
	}
}

// TestDraft4Const: const in a draft 4 schema, which draft 4 does not
// define, is applied as the enum of one value it means.
func TestDraft4Const(t *testing.T) {
	p := writeFile(t, filepath.Join(t.TempDir(), "s.json"), `{"$schema": "http://json-schema.org/draft-04/schema#",
  "properties": {"a": {"const": "x"}, "b": {"const": 1, "enum": [1, 2]}, "c": {"enum": [{"const": "data"}]}}}`)
	v, err := NewForSchema(p, SchemaOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for doc, want := range map[string]string{
		`{"a": "x", "b": 1, "c": {"const": "data"}}`: "",
		`{"a": "y"}`:                "enum",
		`{"b": 2}`:                  "enum",
		`{"c": {"enum": ["data"]}}`: "enum",
	} {
		checkRules(t, v, doc, want)
	}
}

func TestNewForSchemaValidates(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "defs", "common.json"), `{"$defs": {"email": {"type": "string", "format": "email"}}}`)
	tests := []struct {
		name   string
		schema string
		draft  string
		doc    string
		rules  []string
	}{
		{"relative $ref across files", `{"properties": {"to": {"$ref": "defs/common.json#/$defs/email"}}}`, "", `{"to": "ann@example.com"}`, nil},
		{"formats are asserted", `{"properties": {"to": {"$ref": "defs/common.json#/$defs/email"}}}`, "", `{"to": "not an address"}`, []string{"format"}},
		{"draft 4 without $schema", `{"id": "http://example.com/s", "properties": {"n": {"type": "integer", "maximum": 3, "exclusiveMaximum": true}}}`, "4", `{"n": 3}`, []string{"exclusiveMaximum"}},
		{"draft 7 without $schema", `{"properties": {"n": {"type": "integer", "exclusiveMaximum": 3}}}`, "7", `{"n": 3}`, []string{"exclusiveMaximum"}},
		{"$schema wins over --draft", `{"$schema": "http://json-schema.org/draft-07/schema#", "items": [{"type": "string"}]}`, "2020-12", `[1]`, []string{"type"}},
		{"anyOf is one finding", `{"anyOf": [{"type": "string"}, {"type": "null"}]}`, "", `1`, []string{"anyOf"}},
		{"duplicate key with a custom schema", `{}`, "", `{"a": 1, "a": 1}`, []string{RuleDuplicateKey}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, filepath.Join(dir, "s"+string(rune('a'+i))+".json"), tt.schema)
			v, err := NewForSchema(p, SchemaOptions{Draft: tt.draft})
			if err != nil {
				t.Fatal(err)
			}
			var rules []string
			for _, f := range v.ValidateDocument("doc.json", []byte(tt.doc)).Findings {
				rules = append(rules, f.Rule)
			}
			if strings.Join(rules, ",") != strings.Join(tt.rules, ",") {
				t.Errorf("rules %v, want %v", rules, tt.rules)
			}
		})
	}
}

func TestKeyword(t *testing.T) {
	for loc, want := range map[string]string{
		"":                                     "schema",
		"/required":                            "required",
		"/properties/id/$ref/pattern":          "pattern",
		"/properties/a":                        "properties",
		"/anyOf/1":                             "anyOf",
		"/$defs/x/properties/pattern/type":     "type",
		"/properties/properties/items/minimum": "minimum",
	} {
		if got := keyword(loc); got != want {
			t.Errorf("keyword(%q) = %q, want %q", loc, got, want)
		}
	}
}

// TestFormatAnnotations: FormatAnnotations (--assert-formats=false) makes
// format an annotation in every draft; by default it is asserted in all.
func TestFormatAnnotations(t *testing.T) {
	dir := t.TempDir()
	for _, draft := range Drafts() {
		p := writeFile(t, filepath.Join(dir, "s"+draft+".json"), `{"properties": {"when": {"format": "date-time"}, "mail": {"format": "email"}}}`)
		doc := []byte(`{"when": "yesterday", "mail": "nobody"}`)
		for _, annotate := range []bool{false, true} {
			v, err := NewForSchema(p, SchemaOptions{Draft: draft, FormatAnnotations: annotate})
			if err != nil {
				t.Fatal(err)
			}
			n := len(v.ValidateDocument("doc.json", doc).Findings)
			if want := map[bool]int{false: 2, true: 0}[annotate]; n != want {
				t.Errorf("draft %s, annotations %v: %d findings, want %d", draft, annotate, n, want)
			}
		}
	}
}

// checkRules validates doc and compares the rules of its findings, in
// order and comma-separated, with want.
func checkRules(t *testing.T, v *Validator, doc, want string) {
	t.Helper()
	var rules []string
	for _, f := range v.ValidateDocument("doc.json", []byte(doc)).Findings {
		rules = append(rules, f.Rule)
	}
	if got := strings.Join(rules, ","); got != want {
		t.Errorf("%s: rules %q, want %q", doc, got, want)
	}
}

// writeSchemaFiles writes files (slash paths) into a new folder and returns
// it with the path of the file named s.json, the --schema.
func writeSchemaFiles(t *testing.T, files map[string]string) (dir, main string) {
	t.Helper()
	dir = t.TempDir()
	main = filepath.Join(dir, "s.json")
	for name, content := range files {
		p := writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), content)
		if path.Base(name) == "s.json" {
			main = p
		}
	}
	return dir, main
}
