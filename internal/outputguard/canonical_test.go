package outputguard

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestCanonicalIsMarshal: appendCanonical writes what json.Marshal writes,
// for real records and for every character json escapes.
func TestCanonicalIsMarshal(t *testing.T) {
	var docs [][]byte
	paths, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "records", "valid", "*.json"))
	more, _ := filepath.Glob(filepath.Join("..", "..", "exporters", "testdata", "records", "*.json"))
	for _, p := range append(paths, more...) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, data)
	}
	docs = append(docs,
		[]byte(`{"s": "<a href=\"x\">&amp;</a> \u2028 \u2029 \b \f \n \r \t \u0001 \u001f \\ é 🙂 \ud800", "k<>&": [1, -2.50, 1e3, 0, true, false, null, {}, []]}`),
		[]byte(`{"z": 1, "a": {"y": [{"b": 2, "a": 1}]}, "": ""}`),
		append([]byte(`{"bad": "`), append([]byte{0xff, 0xfe}, []byte(`"}`)...)...),
	)
	for i, data := range docs {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("doc %d: %v", i, err)
		}
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := appendCanonical(nil, v)
		if !ok || !bytes.Equal(got, want) {
			t.Errorf("doc %d: ok %v\ngot  %s\nwant %s", i, ok, got, want)
		}
	}
	for _, v := range []any{json.Number("x"), json.Number(""), json.Number(" 1"), json.Number("01"), json.Number("1."), json.Number("1e"), json.Number(`"1"`),
		1.5, map[string]any{"a": struct{}{}}} {
		if _, ok := appendCanonical(nil, v); ok {
			t.Errorf("%#v: want json.Marshal to judge it", v)
		}
	}
}

func BenchmarkRecordSumOf(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "exporters", "testdata", "records", "000_5b4285e19d35a4a5.json"))
	if err != nil {
		b.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var rec map[string]any
	if err := dec.Decode(&rec); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := RecordSumOf(rec); err != nil {
			b.Fatal(err)
		}
	}
}
