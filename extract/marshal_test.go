package extract

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzIndent wants indent to lay out any compact JSON exactly as
// json.Indent does.
func FuzzIndent(f *testing.F) {
	for _, s := range []string{
		`{"a":[],"b":{},"c":[1,{"d":"x\"y\\\\z,:{}[]"}],"e":null}`, `[]`, `"s"`, `{"a":[[],[{}]]}`, `{"t":"a\\u003c\u2028"}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var v any
		if json.Unmarshal([]byte(s), &v) != nil {
			t.Skip()
		}
		var compact bytes.Buffer
		enc := json.NewEncoder(&compact)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Skip()
		}
		var want bytes.Buffer
		if err := json.Indent(&want, compact.Bytes(), "", "  "); err != nil {
			t.Fatal(err)
		}
		if got := indent(compact.Bytes()); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("indent(%s):\n%s\nwant:\n%s", compact.Bytes(), got, want.Bytes())
		}
	})
}
