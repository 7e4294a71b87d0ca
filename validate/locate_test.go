package validate

import "testing"

// TestTokenWidth: the end of a finding's region is the end of the value's
// first token, never past its line.
func TestTokenWidth(t *testing.T) {
	tests := []struct {
		data string
		off  int
		want int
	}{
		{`{"a": "héllo", "b": 1}`, 6, 7},
		{`{"a": "say \"hi\"", "b": 1}`, 6, 12},
		{`{"a": 12.5e3, "b": 1}`, 6, 6},
		{`{"a": true}`, 6, 4},
		{`{"a": null ,"b": 1}`, 6, 4},
		{`{"a": {"b": 1}}`, 6, 1},
		{`[[1, 2], 3]`, 1, 1},
		{"{\"a\": \"unterminated\n}", 6, 13},
		{`{"a": "unterminated`, 6, 13},
		{`{"a": tru`, 6, 3},
		{`{"a": 1}`, 8, 0},
		{`{"a": 1}`, -1, 0},
		{"{\"a\": \"x\\\n\"}", 6, 3},
	}
	for _, tt := range tests {
		if got := tokenWidth([]byte(tt.data), tt.off); got != tt.want {
			t.Errorf("tokenWidth(%q, %d) = %d, want %d", tt.data, tt.off, got, tt.want)
		}
	}
}
