package validate

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/docset/docset/schema"
)

func TestInlineDefs(t *testing.T) {
	const defs = `"$defs": {"n": {"type": "integer", "minimum": 0}, "id": {"$id": "x", "type": "string"}, "r": {"$ref": "#/$defs/n"}}`
	tests := []struct {
		name, prop, want string
	}{
		{"annotations only", `{"title": "T", "x-key": true, "$ref": "#/$defs/n"}`, `{"minimum":0,"title":"T","type":"integer","x-key":true}`},
		{"bare", `{"$ref": "#/$defs/n"}`, `{"minimum":0,"type":"integer"}`},
		{"assertion beside the ref", `{"maximum": 9, "$ref": "#/$defs/n"}`, `{"$ref":"#/$defs/n","maximum":9}`},
		{"same keyword in both", `{"type": "number", "$ref": "#/$defs/n"}`, `{"$ref":"#/$defs/n","type":"number"}`},
		{"definition with an identifier", `{"$ref": "#/$defs/id"}`, `{"$ref":"#/$defs/id"}`},
		{"definition with a reference", `{"$ref": "#/$defs/r"}`, `{"$ref":"#/$defs/r"}`},
		{"missing definition", `{"$ref": "#/$defs/none"}`, `{"$ref":"#/$defs/none"}`},
		{"other document", `{"$ref": "other.json#/$defs/n"}`, `{"$ref":"other.json#/$defs/n"}`},
		{"nested", `{"type": "array", "items": {"anyOf": [{"$ref": "#/$defs/n"}, {"type": "null"}]}}`, `{"items":{"anyOf":[{"minimum":0,"type":"integer"},{"type":"null"}]},"type":"array"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := inlineDefs([]byte(`{"properties": {"p": ` + tt.prop + `}, ` + defs + `}`))
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]json.RawMessage
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatal(err)
			}
			var props map[string]json.RawMessage
			if err := json.Unmarshal(got["properties"], &props); err != nil {
				t.Fatal(err)
			}
			if string(props["p"]) != tt.want {
				t.Errorf("got %s, want %s", props["p"], tt.want)
			}
			if !strings.Contains(string(got["$defs"]), `"r":{"$ref":"#/$defs/n"}`) {
				t.Errorf("definitions changed: %s", got["$defs"])
			}
		})
	}
}

// TestInlinedRecordSchemaFindings breaks every value of the example record
// in turn, in several ways, and requires the same findings from the record
// schema as written and as the validator compiles it.
func TestInlinedRecordSchemaFindings(t *testing.T) {
	asWritten, err := schema.Compiled()
	if err != nil {
		t.Fatal(err)
	}
	inlined := recordValidator(t)
	written := &Validator{schema: asWritten, records: true, rel: inlined.rel}
	rec := leadRecord(t)
	replacements := []any{json.Number("-1"), json.Number("2.5"), "", "X/~y", nil, true, map[string]any{"zz": json.Number("1")}, []any{json.Number("0")}}
	dec := newDecoder()
	compare := func(t *testing.T, where string) {
		t.Helper()
		data, err := json.MarshalIndent(rec, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		want, _ := written.check(dec, data)
		got, _ := inlined.check(dec, data)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: findings differ (-as written +inlined):\n%s", where, diff)
		}
	}
	var walk func(v any, path string) int
	walk = func(v any, path string) int {
		changed := 0
		switch v := v.(type) {
		case map[string]any:
			v["zz"] = true
			compare(t, path+" with an extra property")
			delete(v, "zz")
			for k, x := range v {
				for _, r := range replacements {
					v[k] = r
					compare(t, path+"/"+k+" = "+string(mustJSON(t, r)))
					changed++
				}
				delete(v, k)
				compare(t, path+"/"+k+" removed")
				v[k] = x
				changed += walk(x, path+"/"+k)
			}
		case []any:
			for i, x := range v {
				for _, r := range replacements {
					v[i] = r
					compare(t, path+"/"+string(mustJSON(t, i))+" = "+string(mustJSON(t, r)))
					changed++
				}
				v[i] = x
				changed += walk(x, path+"/"+string(mustJSON(t, i)))
			}
		}
		return changed
	}
	if n := walk(rec, ""); n < 500 {
		t.Errorf("only %d values changed", n)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
