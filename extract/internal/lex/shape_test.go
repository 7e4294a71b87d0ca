package lex

import "testing"

// TestShape checks that a Shape never turns away a token whose lower-case
// form is a key, including tokens whose case or script differs.
func TestShape(t *testing.T) {
	keys := []string{"twenty", "a", "über", "ǆemal", "straße", "x"}
	var s Shape
	for _, k := range keys {
		s.Add(k)
	}
	text := []rune("Twenty TWENTY twenty A a Über ÜBER Ǆemal ǅemal STRASSE Straße X tenth b Uber")
	toks := Tokens(text, nil)
	set := map[string]bool{}
	for _, k := range keys {
		set[k] = true
	}
	var buf []byte
	for _, tok := range toks {
		buf = AppendLower(buf[:0], text, tok)
		if set[string(buf)] && !s.MayBe(text, tok) {
			t.Errorf("MayBe(%q) = false, but its lower case %q is a key", string(text[tok.Start:tok.End]), buf)
		}
	}
	for _, w := range []string{"tenth", "b", "Uber"} {
		rs := []rune(w)
		if s.MayBe(rs, Token{Start: 0, End: len(rs), Kind: Word}) {
			t.Errorf("MayBe(%q) = true for a word of no key's shape", w)
		}
	}
}

func TestMayBeNumberWord(t *testing.T) {
	text := []rune("Twenty-one SEVEN hundred apples")
	var buf []byte
	for _, tok := range Tokens(text, nil) {
		buf = AppendLower(buf[:0], text, tok)
		if _, ok := LookupNumber(buf); ok && !MayBeNumberWord(text, tok) {
			t.Errorf("MayBeNumberWord(%q) = false for a number word", buf)
		}
	}
}
