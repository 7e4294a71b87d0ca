package exporters

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
)

// FuzzLDString checks the writer's string encoding against encoding/json's
// (HTML escaping off): byte for byte the same.
func FuzzLDString(f *testing.F) {
	for _, s := range []string{"", "plain", "quote \" and \\", "tab\tnl\ncr\r\x00\x1f", "<&>", "\u2028\u2029", "bad \xff\xfe utf-8", "🙂 서울 Москва"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		e := newLDEncoder()
		if err := e.string(s); err != nil {
			t.Fatal(err)
		}
		if got := e.buf.String(); got != string(bytes.TrimSuffix(want.Bytes(), []byte("\n"))) {
			t.Errorf("string(%q) = %s, encoding/json writes %s", s, got, want.Bytes())
		}
	})
}

// FuzzJSONLDSpan writes a record with one entity mention and one quotation
// at arbitrary offsets into arbitrary text: the writer either refuses the
// span or writes valid JSON whose selectors quote exactly that span.
func FuzzJSONLDSpan(f *testing.F) {
	f.Add("MADRID — María López said “no”.", 9, 20)
	f.Add("🙂 서울 2.50", 2, 4)
	f.Add("", 0, 0)
	f.Add("abc", 2, 1)
	f.Add("abc", 0, 9)
	f.Add("a\xffb", 1, 2)
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		span := map[string]any{"start": json.Number(fmt.Sprint(start)), "end": json.Number(fmt.Sprint(end)), "text": "x"}
		rec := map[string]any{
			"id":   "fuzz",
			"text": text,
			"entities": []any{map[string]any{
				"id": "e1", "name": "x", "type": "person", "mentions": []any{span},
			}},
			"quotes": []any{map[string]any{
				"id": "q1", "start": span["start"], "end": span["end"], "text": "x", "speaker": "e1",
			}},
		}
		ds := &Dataset{Count: 1, Records: func(fn func(map[string]any) error) error { return fn(rec) }}
		var buf bytes.Buffer
		err := NewJSONLD(Options{}).Write(t.Context(), &buf, ds)
		runes := []rune(text)
		valid := start >= 0 && start <= end && end <= len(runes)
		if !valid {
			if err == nil {
				t.Fatalf("span %d..%d of a %d code point text was written", start, end, len(runes))
			}
			return
		}
		if err != nil {
			t.Fatalf("valid span %d..%d: %v", start, end, err)
		}
		var doc struct {
			Graph []map[string]any `json:"@graph"`
		}
		if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Fatalf("invalid JSON: %v", err)
		}
		exact := string(runes[start:end])
		for _, n := range doc.Graph {
			if n["@type"] != "oa:Annotation" {
				continue
			}
			sel := n["oa:hasTarget"].(map[string]any)["oa:hasSelector"].([]any)
			if got := sel[1].(map[string]any)["oa:exact"]; got != exact {
				t.Errorf("exact %q, want %q", got, exact)
			}
		}
	})
}
