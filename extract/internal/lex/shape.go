package lex

import (
	"unicode"
	"unicode/utf8"
)

// Shape is a quick negative test in front of a look-up of a token's
// lower-case form (AppendLower): it holds, for every key, its length in
// code points with the first byte of its first, second and last code
// point, so that most tokens which are no key are turned away before they
// are lower-cased and hashed.
type Shape struct {
	first, second, last [256]uint64 // byte -> lengths seen with it
}

// Add records a lower-case key.
func (s *Shape) Add(key string) {
	if key == "" {
		return
	}
	n := utf8.RuneCountInString(key)
	bit := uint64(1) << min(n, 63)
	s.first[key[0]] |= bit
	second := byte(0) // none, for one code point
	if n > 1 {
		_, size := utf8.DecodeRuneInString(key)
		second = key[size]
	}
	s.second[second] |= bit
	_, size := utf8.DecodeLastRuneInString(key)
	s.last[key[len(key)-size]] |= bit
}

// MayBe is false only when the lower-case form of token t is surely no key.
func (s *Shape) MayBe(text []rune, t Token) bool {
	n := t.End - t.Start
	if n <= 0 {
		return true
	}
	bit := uint64(1) << min(n, 63)
	if s.first[leadByte(text[t.Start])]&bit == 0 {
		return false
	}
	second := byte(0)
	if n > 1 {
		second = leadByte(text[t.Start+1])
	}
	return s.second[second]&bit != 0 && s.last[leadByte(text[t.End-1])]&bit != 0
}

// leadByte is the first byte AppendLower writes for r; small enough to be
// inlined, with non-ASCII runes left to leadByteSlow.
func leadByte(r rune) byte {
	if r < utf8.RuneSelf {
		return asciiLower[r]
	}
	return leadByteSlow(r)
}

var asciiLower = func() (a [utf8.RuneSelf]byte) {
	for c := range a {
		a[c] = byte(c)
		if c >= 'A' && c <= 'Z' {
			a[c] += 'a' - 'A'
		}
	}
	return a
}()

func leadByteSlow(r rune) byte {
	var b [utf8.UTFMax]byte
	utf8.EncodeRune(b[:], unicode.ToLower(r))
	return b[0]
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
