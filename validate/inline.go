package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/docset/docset/schema"
)

// recordSchema is the record schema compiled with its local $defs
// references inlined, once per process.
var recordSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := inlineDefs(schema.JSON())
	if err != nil {
		return nil, fmt.Errorf("record schema: %w", err)
	}
	return schema.Compile(doc)
})

// inlineDefs returns the schema document with every "$ref": "#/$defs/NAME"
// replaced by the definition's keywords, where that cannot change the
// outcome: the definition holds no references or identifiers of its own
// and the referring schema only adds annotations. The schema library
// validates a $ref as a nested evaluation with its own bookkeeping; the
// record schema's offsets and ids are referenced from every span, so
// inlining them removes about a quarter of the evaluations per record. The
// findings are the same: they are named by the failing keyword and the
// instance location, which inlining does not change.
func inlineDefs(doc []byte) ([]byte, error) {
	d := json.NewDecoder(bytes.NewReader(doc))
	d.UseNumber()
	var root map[string]any
	if err := d.Decode(&root); err != nil {
		return nil, err
	}
	defs, _ := root["$defs"].(map[string]any)
	var walk func(v any) any
	walk = func(v any) any {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if k != "$defs" {
					v[k] = walk(x)
				}
			}
			ref, _ := v["$ref"].(string)
			name, ok := strings.CutPrefix(ref, "#/$defs/")
			def, _ := defs[name].(map[string]any)
			if !ok || def == nil || !inlinable(v, def) {
				return v
			}
			out := make(map[string]any, len(v)+len(def))
			for k, x := range v {
				if k != "$ref" {
					out[k] = x
				}
			}
			for k, x := range def {
				out[k] = x
			}
			return out
		case []any:
			for i, x := range v {
				v[i] = walk(x)
			}
		}
		return v
	}
	for k, x := range root {
		if k != "$defs" {
			root[k] = walk(x)
		}
	}
	return json.Marshal(root)
}

// inlinable reports whether the definition def can replace the $ref in
// the schema ref without changing what is valid.
func inlinable(ref, def map[string]any) bool {
	for k := range def {
		if strings.HasPrefix(k, "$") && k != "$comment" {
			return false // $ref, $id, $anchor, $dynamicAnchor: scoping matters
		}
		if _, both := ref[k]; both {
			return false
		}
	}
	for k := range ref {
		if k != "$ref" && !annotation(k) {
			return false
		}
	}
	return true
}

// annotation reports whether a keyword only describes and never asserts.
func annotation(k string) bool {
	switch k {
	case "title", "description", "$comment", "examples", "default", "deprecated", "readOnly", "writeOnly":
		return true
	}
	return strings.HasPrefix(k, "x-")
}
