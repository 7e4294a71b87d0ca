package lex

import (
	"unicode"
	"unicode/utf8"
)

// Shape is a quick negative test in front of a look-up of a token's
// lower-case form (AppendLower): it holds the first byte and the length in
// code points of every key, so that most tokens which are no key are turned
// away before they are lower-cased and hashed.
type Shape [256]uint64

// Add records a lower-case key.
func (s *Shape) Add(key string) {
	if key != "" {
		s[key[0]] |= 1 << min(utf8.RuneCountInString(key), 63)
	}
}

// MayBe is false only when the lower-case form of token t is surely no key.
func (s *Shape) MayBe(text []rune, t Token) bool {
	n := t.End - t.Start
	if n <= 0 {
		return true
	}
	var first byte
	switch r := text[t.Start]; {
	case r >= 'A' && r <= 'Z':
		first = byte(r + 'a' - 'A')
	case r < utf8.RuneSelf:
		first = byte(r)
	default:
		var b [utf8.UTFMax]byte
		utf8.EncodeRune(b[:], unicode.ToLower(r)) // as AppendLower writes it
		first = b[0]
	}
	return s[first]&(1<<min(n, 63)) != 0
}

// numberShape is the Shape of the number words, built once with them.
var numberShape = ShapeOf(numberWords)

// ShapeOf returns the Shape of the keys of m.
func ShapeOf[V any](m map[string]V) *Shape {
	s := new(Shape)
	for k := range m {
		s.Add(k)
	}
	return s
}

// MayBeNumberWord is false only when token t is surely no number word.
func MayBeNumberWord(text []rune, t Token) bool {
	return numberShape.MayBe(text, t)
}
