package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestDecodeValues(t *testing.T) {
	tests := []struct {
		in   string
		want any
	}{
		{`{"a":[1,-2.5e3,true,false,null,"x"]}`, map[string]any{"a": []any{json.Number("1"), json.Number("-2.5e3"), true, false, nil, "x"}}},
		{` "\u00e9\ud83d\ude00\n\"\\\/" `, "é😀\n\"\\/"},
		{`"\ud800"`, "\uFFFD"}, // a lone surrogate, as encoding/json decodes it
		{`[]`, []any{}},
		{`{}`, map[string]any{}},
		{`12345678901234567890123456789`, json.Number("12345678901234567890123456789")},
		{`1e-400`, json.Number("1e-400")}, // underflows to 0: no precision a reader would trust was lost
		{"\"Russia–China\"", "Russia–China"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, issues, err := newDecoder().decode([]byte(tt.in))
			if err != nil || len(issues) > 0 {
				t.Fatalf("decode: %v %v", err, issues)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("value (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeBadInput(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		rule      string
		line, col int
		pointer   string
		msg       string // a fragment of the message
	}{
		{"empty", "", RuleEmpty, 1, 1, "", "empty"},
		{"only whitespace", " \n\t\n", RuleEmpty, 1, 1, "", "empty"},
		{"trailing comma", "{\n  \"a\": 1,\n}", RuleSyntax, 3, 1, "", "object key"},
		{"missing colon", `{"a" 1}`, RuleSyntax, 1, 6, "", "expected ':'"},
		{"unclosed array", "[1,\n2", RuleSyntax, 2, 2, "", "end of input inside an array"},
		{"cut short", `{"a":`, RuleSyntax, 1, 6, "/a", "value is missing"},
		{"two values", `{} {}`, RuleSyntax, 1, 4, "", "after the JSON value"},
		{"byte order mark inside", "[1,\uFEFF2]", RuleSyntax, 1, 4, "/1", "unexpected byte order mark U+FEFF (it may only open a file: remove it)"},
		{"bad literal", `[tru]`, RuleSyntax, 1, 2, "/0", "did you mean true"},
		{"leading zero", `[01]`, RuleSyntax, 1, 2, "/0", "leading zero"},
		{"bare minus", `[-]`, RuleSyntax, 1, 3, "/0", "digit must follow '-'"},
		{"bad exponent", `1e+`, RuleSyntax, 1, 4, "", "exponent"},
		{"control char", "\"a\tb\"", RuleSyntax, 1, 3, "", "control character"},
		{"bad escape", `"\x"`, RuleSyntax, 1, 2, "", `invalid escape '\x'`},
		{"short unicode escape", `"\u12"`, RuleSyntax, 1, 2, "", "four hex digits"},
		{"unclosed string", `{"a":"b`, RuleSyntax, 1, 8, "/a", "inside a string"},
		{"invalid utf8 in string", "{\n\"a\": \"caf\xe9\"}", RuleInvalidUTF8, 2, 10, "/a", "0xe9"},
		{"invalid utf8 in key", "{\"\xff\": 1}", RuleInvalidUTF8, 1, 3, "", "0xff"},
		{"invalid utf8 as value", "[\xc3]", RuleInvalidUTF8, 1, 2, "/0", "0xc3"},
		{"column counts code points", "{\"é\": \"ü\", x}", RuleSyntax, 1, 12, "", "object key"},
		{"deep nesting", strings.Repeat("[", maxDepth+1), RuleSyntax, 1, maxDepth + 1, strings.Repeat("/0", maxDepth), "nesting deeper"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.in)
			_, _, err := newDecoder().decode(data)
			var de *decodeError
			if !errors.As(err, &de) {
				t.Fatalf("got err %v, want a decode error", err)
			}
			line, col := position(data, de.Offset)
			if de.Rule != tt.rule || line != tt.line || col != tt.col || de.Pointer != tt.pointer || !strings.Contains(de.Msg, tt.msg) {
				t.Errorf("got %s at %d:%d %q: %q\nwant %s at %d:%d %q: …%s…", de.Rule, line, col, de.Pointer, de.Msg, tt.rule, tt.line, tt.col, tt.pointer, tt.msg)
			}
		})
	}
}

func TestDecodeIssues(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []issue
	}{
		{"duplicate key", "{\"a\": 1,\n \"b\": {\"c\": 1, \"c\": 2}, \"a\": 3}", []issue{
			{Offset: 24, Pointer: "/b/c", Rule: RuleDuplicateKey},
			{Offset: 33, Pointer: "/a", Rule: RuleDuplicateKey},
		}},
		{"escaped duplicate", `{"a/b": 1, "a\/b": 2}`, []issue{{Offset: 11, Pointer: "/a~1b", Rule: RuleDuplicateKey}}},
		{"number too large", `{"n": [1, 1e309, -2E+400]}`, []issue{
			{Offset: 10, Pointer: "/n/1", Rule: RuleNumberRange},
			{Offset: 17, Pointer: "/n/2", Rule: RuleNumberRange},
		}},
		{"400 digits", "[" + strings.Repeat("9", 400) + "]", []issue{{Offset: 1, Pointer: "/0", Rule: RuleNumberRange}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, issues, err := newDecoder().decode([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, issues, cmp.Comparer(func(a, b issue) bool {
				return a.Offset == b.Offset && a.Pointer == b.Pointer && a.Rule == b.Rule
			})); diff != "" {
				t.Errorf("issues (-want +got):\n%s", diff)
			}
			for _, is := range issues {
				if is.Msg == "" {
					t.Errorf("issue %+v has no message", is)
				}
			}
		})
	}
}

func TestDecodeLastDuplicateWins(t *testing.T) {
	got, _, err := newDecoder().decode([]byte(`{"a": 1, "a": 2}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]any{"a": json.Number("2")}; !cmp.Equal(got, want) {
		t.Errorf("got %v, want %v (the value encoding/json would keep)", got, want)
	}
}

func TestLocate(t *testing.T) {
	doc := []byte("{\n  \"a\": [10, {\"b~/\": \"x\"}],\n  \"c\\u0020d\": null,\n  \"e\": {}\n}")
	tests := []struct {
		ptr       string
		line, col int
	}{
		{"", 1, 1},
		{"/a", 2, 8},
		{"/a/0", 2, 9},
		{"/a/1", 2, 13},
		{"/a/1/b~0~1", 2, 21},
		{"/c d", 3, 15},
		{"/e", 4, 8},
		{"/e/missing", 4, 8}, // the deepest existing value
		{"/a/7", 2, 8},
		{"/zzz", 1, 1},
	}
	for _, tt := range tests {
		line, col := position(doc, locate(doc, tt.ptr))
		if line != tt.line || col != tt.col {
			t.Errorf("locate(%q) = %d:%d, want %d:%d", tt.ptr, line, col, tt.line, tt.col)
		}
	}
}

func TestExcerpt(t *testing.T) {
	data := []byte("{\n\t\t\"text\": \"" + strings.Repeat("x", 100) + "é" + strings.Repeat("y", 100) + "\"\n}")
	off := bytes.IndexRune(data, 'é')
	text, caret := excerpt(data, off, 20)
	if want := "…xxxxxxxxxxéyyyyyyyyy…"; text != want {
		t.Errorf("excerpt = %q, want %q", text, want)
	}
	if r := []rune(text)[caret]; r != 'é' {
		t.Errorf("caret at %q, want at 'é'", r)
	}
}

// FuzzDecode checks the record decoder against encoding/json: it never
// panics, accepts exactly the valid UTF-8 JSON encoding/json accepts (short
// of the nesting limit), decodes to the same value, and every issue's
// pointer locates to where the issue says it is.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{"a":[1,2.5e3,true,false,null,"x\u00e9\n"]}`, `{"a":1,"a":2}`, `[1e999]`, "\"\xff\"", `{"a":`,
		"\xef\xbb\xbf{}", `{"text":"Russia–China","entities":[{"id":"e1","mentions":[{"start":0,"end":6,"text":"Russia"}]}]}`,
		`"\ud83d\ude00\ud800"`, `-0.0E-0`, `[[[[]]]]`, ` `,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, issues, err := newDecoder().decode(data)
		var want any
		var stdErr error
		if json.Valid(data) {
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.UseNumber()
			stdErr = dec.Decode(&want)
		} else {
			stdErr = errors.New("invalid JSON")
		}
		if err != nil {
			var de *decodeError
			if !errors.As(err, &de) || de.Offset < 0 || de.Offset > len(data) {
				t.Fatalf("bad error %#v", err)
			}
			if stdErr == nil && utf8.Valid(data) && de.Rule != RuleSyntax {
				t.Fatalf("rejected %q (%v) that encoding/json accepts", data, err)
			}
			if stdErr == nil && utf8.Valid(data) && !strings.Contains(de.Msg, "nesting") {
				t.Fatalf("rejected %q (%v) that encoding/json accepts", data, err)
			}
			return
		}
		if stdErr != nil {
			t.Fatalf("accepted %q that encoding/json rejects: %v", data, stdErr)
		}
		if !cmp.Equal(want, got) {
			t.Fatalf("value differs from encoding/json:\n%s", cmp.Diff(want, got))
		}
		for _, is := range issues {
			if is.Offset < 0 || is.Offset >= len(data) {
				t.Fatalf("issue offset %d out of range", is.Offset)
			}
			if is.Rule == RuleNumberRange && locate(data, is.Pointer) != is.Offset {
				t.Fatalf("number issue at %d, but %q locates to %d", is.Offset, is.Pointer, locate(data, is.Pointer))
			}
		}
		// Locating any pointer in a decoded document stays in range.
		if off := locate(data, "/0/a/1"); off < 0 || off > len(data) {
			t.Fatalf("locate out of range: %d", off)
		}
	})
}

// TestLocateAllOnePass: locating many pointers at once, repeats included,
// answers as locating each alone, and positions answers as counting from
// the start for each offset.
func TestLocateAllOnePass(t *testing.T) {
	doc := []byte("{\n  \"a\": [10, {\"b~/\": \"x\"}],\n  \"c\\u0020d\": null,\n  \"a\": [1, 2],\n  \"e\": {\"é\": \"ü\"}\n}")
	ptrs := []string{"/e/é", "", "/a/1/b~0~1", "/a/1", "/zzz", "/c d", "/a/0", "/e/missing", "/a/7", "/e/é"}
	got := locateAll(doc, ptrs)
	for i, p := range ptrs {
		if want := locate(doc, p); got[i] != want {
			t.Errorf("locateAll %q = %d, alone %d", p, got[i], want)
		}
	}
	// A repeated key: the later value is the one checked, and what only
	// the earlier one has is not there.
	for p, want := range map[string]string{"/a/1": "2", "/a/1/b~0~1": "2", "/e/é": `"ü"`} {
		if off := locate(doc, p); !bytes.HasPrefix(doc[off:], []byte(want)) {
			t.Errorf("locate %q at %q, want %q", p, doc[off:min(off+10, len(doc))], want)
		}
	}
	offs := []int{len(doc), 0, 7, 3, 40, 40, len(doc) - 3, 12}
	lines, cols := positions(doc, offs)
	for i, off := range offs {
		before := doc[:off]
		line := bytes.Count(before, []byte{'\n'}) + 1
		col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
		if lines[i] != line || cols[i] != col {
			t.Errorf("offset %d: %d:%d, want %d:%d", off, lines[i], cols[i], line, col)
		}
	}
}

// TestExcerptReadsOnlyTheWindow: the bounded excerpt answers as cutting the
// whole line would, for indentation, tabs, CRLF, multibyte text and lines
// shorter and longer than the window.
func TestExcerptReadsOnlyTheWindow(t *testing.T) {
	docs := []string{
		"{\n\t\t\"text\": \"" + strings.Repeat("x", 100) + "é" + strings.Repeat("y", 100) + "\"\n}",
		"{\r\n  \"a\": 1,\r\n  \"b\": \"ünï\"\r\n}\r\n",
		strings.Repeat(" ", 80) + "\"deep\"",
		"[" + strings.Repeat("\"ab\", ", 50) + "1]",
		"",
	}
	for _, d := range docs {
		data := []byte(d)
		for off := 0; off <= len(data); off++ {
			if off < len(data) && !utf8.RuneStart(data[off]) {
				continue
			}
			for _, width := range []int{20, 72} {
				text, caret := excerpt(data, off, width)
				wantText, wantCaret := wholeLineExcerpt(data, off, width)
				if text != wantText || caret != wantCaret {
					t.Fatalf("excerpt(%q, %d, %d) = %q, %d; want %q, %d", d, off, width, text, caret, wantText, wantCaret)
				}
			}
		}
	}
}

// wholeLineExcerpt cuts the excerpt out of the whole line, as docset did
// before it read only the window.
func wholeLineExcerpt(data []byte, off, width int) (string, int) {
	lineStart := bytes.LastIndexByte(data[:off], '\n') + 1
	lineEnd := bytes.IndexByte(data[off:], '\n')
	if lineEnd < 0 {
		lineEnd = len(data)
	} else {
		lineEnd += off
	}
	before := []rune(strings.ToValidUTF8(string(data[lineStart:off]), "\uFFFD"))
	after := []rune(strings.ToValidUTF8(strings.TrimRight(string(data[off:lineEnd]), "\r"), "\uFFFD"))
	for len(before) > 0 && (before[0] == ' ' || before[0] == '\t') {
		before = before[1:]
	}
	prefix, suffix := "", ""
	if len(before) > width/2 {
		before = before[len(before)-width/2:]
		prefix = "…"
	}
	if len(after) > width/2 {
		after = after[:width/2]
		suffix = "…"
	}
	text := prefix + string(before) + string(after) + suffix
	return strings.ReplaceAll(text, "\t", " "), utf8.RuneCountInString(prefix) + len(before)
}
