package validate

import (
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dlclark/regexp2/v2"
)

// TestECMAPatterns pins ECMA-262 meanings, whichever engine runs them.
func TestECMAPatterns(t *testing.T) {
	tests := []struct {
		pattern string
		match   []string
		miss    []string
	}{
		{`^(?!\.).+`, []string{"a.b", "x"}, []string{".hidden", ""}},
		{`^(?=.*[0-9])(?=.*[a-z]).{6,}$`, []string{"abc123"}, []string{"abcdef", "123456", "ab12"}},
		{`(?<!\$)\d+$`, []string{"12", "a12"}, []string{"$", "x"}},
		{`^(?<q>['"]).*\k<q>$`, []string{`'a'`, `"b"`}, []string{`'a"`}},
		{`^(a)\1$`, []string{"aa"}, []string{"ab"}},
		{`^\d+$`, []string{"0123"}, []string{"١٢", "1a"}},
		{`^\w+$`, []string{"a_Z9"}, []string{"é"}},
		{`^.$`, []string{"a", "é", "😀"}, []string{"\n", "\r", "\u2028", "\u2029"}},
		{`^\s$`, []string{" ", "\t", "\v", "\u00a0", "\u2003", "\ufeff", "\u2028"}, []string{"a", "\u200b"}},
		{`^\S$`, []string{"a"}, []string{"\u00a0", "\v"}},
		{`^[\s]$`, []string{"\u3000"}, []string{"x"}},
		{`^\u0041\x42$`, []string{"AB"}, []string{"ab"}},
		{`^[^]$`, []string{"x", "\n"}, []string{""}},
		{`^[]$`, nil, []string{"", "x"}},
		{`^[]a]$`, nil, []string{"]", "a", "a]"}},
		{`a{,2}`, []string{"a{,2}"}, []string{"aa"}},
		{`^x{2}$`, []string{"xx"}, []string{"x", "xxx"}},
		{`^\p{Lu}+$`, []string{"ÀB"}, []string{"àb"}},
		{`^[a-z\-]+$`, []string{"a-b"}, []string{"A"}},
		{`^a\-b$`, []string{"a-b"}, nil},
		{`^\/api\/v[0-9]+$`, []string{"/api/v2"}, nil},
		{`^[\b]$`, []string{"\b"}, []string{"b"}},
		{`\bword\b`, []string{"a word here"}, []string{"swordfish"}},
		{`^(?<year>\d{4})-(?<month>\d{2})$`, []string{"2026-08"}, []string{"26-08"}},
		{`^[[:alpha:]]$`, []string{":]", "a]"}, []string{"a"}},
		{`^a{1001}$`, []string{strings.Repeat("a", 1001)}, []string{strings.Repeat("a", 1000)}},
		{`^\cJ$`, []string{"\n"}, []string{"J"}},
		{`^$`, []string{""}, []string{"\n"}},
		{`abc$`, []string{"xabc"}, []string{"abc\n"}},
	}
	for _, tt := range tests {
		c, err := compileECMA(tt.pattern, time.Second)
		if err != nil {
			t.Errorf("%s: %v", tt.pattern, err)
			continue
		}
		for _, s := range tt.match {
			if ok, err := c.m.MatchString(s); !ok || err != nil {
				t.Errorf("%s should match %q (got %v, %v)", tt.pattern, s, ok, err)
			}
		}
		for _, s := range tt.miss {
			if ok, err := c.m.MatchString(s); ok || err != nil {
				t.Errorf("%s should not match %q (got %v, %v)", tt.pattern, s, ok, err)
			}
		}
	}
}

// TestECMAInvalid: what ECMA-262 rejects is an error, even where Go's
// syntax would accept it.
func TestECMAInvalid(t *testing.T) {
	for _, p := range []string{`(?i)abc`, `(?P<n>a)`, `[z-a]`, `(`, `a**`, `\p{Foo}x(`, `x{2,1}`} {
		if _, err := compileECMA(p, time.Second); err == nil {
			t.Errorf("%s: no error", p)
		} else if !strings.Contains(err.Error(), "is not an ECMA-262 regular expression") {
			t.Errorf("%s: error %q", p, err)
		}
	}
}

// TestGoEquivalent: which patterns run on Go's regexp, as what.
func TestGoEquivalent(t *testing.T) {
	for p, want := range map[string]string{
		`^[a-z][a-z0-9-]*$`:     `^[a-z][a-z0-9-]*$`,
		`^\d{4}-\d{2}$`:         `^\d{4}-\d{2}$`,
		`^a.b$`:                 `^a` + ecmaDot + `b$`,
		`\s+`:                   `[` + ecmaSpaces + `]+`,
		`[\s,]`:                 `[` + ecmaSpaces + `,]`,
		`\u00e9`:                `\x{00e9}`,
		`^(?<n>x)$`:             `^(?P<n>x)$`,
		`a]b}`:                  `a\]b\}`,
		`^(?!x)`:                "",
		`(a)\1`:                 "",
		`a{2`:                   "",
		`[]`:                    "",
		`\p{L}`:                 "",
		`[\S]`:                  "",
		`\ud83d`:                "",
		`^\b*`:                  "",
		`(?i)x`:                 "",
		`[[:digit:]]`:           "",
		`\012`:                  "",
		`^[^"\\\\]*$`:           `^[^"\\\\]*$`,
		`^https?://[^\s/$.?#]+`: `^https?://[^` + ecmaSpaces + `/$.?#]+`,
	} {
		got, ok := goEquivalent(p)
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("goEquivalent(%q) = %q, want %q", p, got, want)
		}
	}
}

// TestECMABound: a catastrophic pattern on a hostile value gives up within
// its bound instead of hanging.
func TestECMABound(t *testing.T) {
	c, err := compileECMA(`^(?=x)?(a+)+$`, 50*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = c.m.MatchString(strings.Repeat("a", 40) + "!")
	if err == nil {
		t.Fatal("no error from a catastrophic match")
	}
	if !errors.Is(err, regexp2.ErrMatchTimeout) && !errors.Is(err, regexp2.ErrBacktrackingStackLimit) {
		t.Errorf("error %v, want a timeout or the stack limit", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("gave up after %v", d)
	}
}

// FuzzGoEquivalent: a pattern run on Go's regexp must answer as the
// ECMA-262 engine does.
func FuzzGoEquivalent(f *testing.F) {
	for _, s := range [][2]string{
		{`^[a-z]+$`, "abc"}, {`a.c`, "a\u2028c"}, {`\s`, "\u00a0"}, {`[^\s]`, "\u3000"},
		{`\bx\b`, "éxé"}, {`^\w+$`, "ſ"}, {`[\b]`, "\b"}, {`a{2,3}?`, "aaa"}, {`(?<n>a)|b`, "b"},
		{`\u212a`, "K"}, {`^\d$`, "٣"}, {`[\-\]]`, "]"}, {`\x41`, "A"}, {`a|`, ""}, {`\0`, "\x00"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pattern, input string) {
		if !utf8.ValidString(pattern) || !utf8.ValidString(input) || len(pattern) > 48 || len(input) > 64 {
			return // long inputs only make backtracking slow, not the answers different
		}
		gp, ok := goEquivalent(pattern)
		if !ok {
			return
		}
		re, err := regexp.Compile(gp)
		if err != nil {
			return
		}
		ecma, err := regexp2.Compile(pattern, regexp2.ECMAScript|regexp2.Unicode)
		if err != nil {
			if ecma, err = regexp2.Compile(pattern, regexp2.ECMAScript); err != nil {
				t.Fatalf("%q compiles in Go as %q but is not ECMA-262: %v", pattern, gp, err)
			}
		}
		ecma.MatchTimeout = 100 * time.Millisecond
		want, err := ecma.MatchString(input)
		if err != nil {
			return
		}
		if got := re.MatchString(input); got != want {
			t.Fatalf("%q on %q: Go (%q) says %v, ECMA-262 says %v", pattern, input, gp, got, want)
		}
	})
}

// TestSchemaECMAPatterns: pattern, patternProperties (with
// additionalProperties and unevaluatedProperties beside it) and format
// "regex" follow ECMA-262 in a schema, with the standard keywords in the
// findings.
func TestSchemaECMAPatterns(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		schema string
		docs   map[string]string // document -> rules found, comma-separated
	}{
		{"pattern with lookahead", `{"properties": {"name": {"pattern": "^(?!\\.)[\\w.]+$"}}}`, map[string]string{
			`{"name": "a.b"}`: "", `{"name": ".git"}`: "pattern", `{"name": 3}`: "",
		}},
		{"pattern spelled out for Go", `{"properties": {"x": {"pattern": "^a.b\\sc$"}}}`, map[string]string{
			"{\"x\": \"a-b\\u00a0c\"}": "", "{\"x\": \"a\\u2028b c\"}": "pattern",
		}},
		{"patternProperties and additionalProperties", `{"properties": {"ID": {}}, "patternProperties": {"^(?!x-)[a-z]+$": {"type": "string"}, "^x-": true}, "additionalProperties": false}`, map[string]string{
			`{"ID": 1, "name": "n", "x-any": 2}`: "",
			`{"name": 1}`:                        "type",
			`{"Name": "n", "_": 1}`:              "additionalProperties,additionalProperties",
		}},
		{"additionalProperties schema", `{"patternProperties": {"^(?=a)": {"type": "integer"}}, "additionalProperties": {"type": "string"}}`, map[string]string{
			`{"a1": 1, "b": "s"}`: "", `{"a1": "s"}`: "type", `{"b": 1}`: "type",
		}},
		{"unevaluatedProperties sees ECMA patternProperties", `{"$schema": "https://json-schema.org/draft/2020-12/schema", "allOf": [{"patternProperties": {"^(?!_)": true}}], "unevaluatedProperties": false}`, map[string]string{
			`{"a": 1}`: "", `{"_a": 1}`: "unevaluatedProperties",
		}},
		{"draft 4", `{"$schema": "http://json-schema.org/draft-04/schema#", "patternProperties": {"^(?!_)\\w+$": {"type": "integer"}}, "additionalProperties": false}`, map[string]string{
			`{"a": 1}`: "", `{"a": "s"}`: "type", `{"_a": 1}`: "additionalProperties",
		}},
		{"format regex", `{"format": "regex"}`, map[string]string{
			`"^(?!x)"`: "", `"(?i)x"`: "format", `"[a"`: "format",
		}},
		{"pattern in enum data is data", `{"enum": [{"pattern": "(?i)"}], "default": {"pattern": "("}}`, map[string]string{
			`{"pattern": "(?i)"}`: "", `{"pattern": "x"}`: "enum",
		}},
		{"catastrophic pattern is a finding", `{"pattern": "^(?=x)?(a+)+$"}`, map[string]string{
			`"` + strings.Repeat("a", 40) + `!"`: "pattern", `"aaa"`: "",
		}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, filepath.Join(dir, "s"+string(rune('a'+i))+".json"), tt.schema)
			v, err := NewForSchema(p, SchemaOptions{MatchTimeout: 50 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			for doc, want := range tt.docs {
				checkRules(t, v, doc, want)
			}
		})
	}
}

// TestSchemaBadPattern: a pattern that is not ECMA-262 is a SchemaError at
// its place in the file, whichever file it is in.
func TestSchemaBadPattern(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "lib.json"), "{\n  \"$id\": \"https://example.com/lib.json\",\n  \"pattern\": \"(?i)abc\"\n}")
	main := writeFile(t, filepath.Join(dir, "main.json"), "{\n  \"properties\": {\n    \"a\": {\"pattern\": \"[z-a]\"},\n    \"b\": {\"$ref\": \"https://example.com/lib.json\"}\n  }\n}")
	_, err := NewForSchema(main, SchemaOptions{})
	if err == nil || !strings.Contains(err.Error(), "has a pattern that is not an ECMA-262 regular expression") ||
		!strings.Contains(err.Error(), "main.json:3:22 (/properties/a/pattern): '[z-a]' is not an ECMA-262 regular expression") {
		t.Errorf("error %v", err)
	}
	writeFile(t, main, `{"properties": {"b": {"$ref": "https://example.com/lib.json"}}}`)
	_, err = NewForSchema(main, SchemaOptions{})
	if err == nil || !strings.Contains(err.Error(), "lib.json:3:14 (/pattern): '(?i)abc' is not an ECMA-262 regular expression") {
		t.Errorf("error %v", err)
	}
}
