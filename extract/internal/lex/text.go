package lex

import (
	"slices"
	"unicode/utf8"
)

// Text is a document's text both as code points, which spans count, and as
// the UTF-8 string they spell, with the byte offset of every code point, so
// that the text of a span is a substring of one string rather than a new
// string built from its code points. Extractors that share a Text share
// that work.
type Text struct {
	Runes []rune
	Str   string  // string(Runes)
	off   []int32 // byte offset of each code point in Str, then len(Str)
}

// NewText returns the Text of runes. str, when not empty, must be
// string(runes) (any valid UTF-8 string and its []rune conversion agree);
// when empty it is built.
func NewText(runes []rune, str string) *Text {
	t := new(Text)
	t.Reset(runes, str)
	return t
}

// Reset makes t the Text of runes as NewText does, reusing its offset
// table.
func (t *Text) Reset(runes []rune, str string) {
	if str == "" && len(runes) > 0 {
		str = string(runes)
	}
	off := slices.Grow(t.off[:0], len(runes)+1)
	b := 0
	for _, r := range runes {
		off = append(off, int32(b))
		b += RuneLen(r)
	}
	t.Runes, t.Str, t.off = runes, str, append(off, int32(b))
}

// Span returns the text of code points [start, end) as string(Runes[start:end]) would.
func (t *Text) Span(start, end int) string {
	return t.Str[t.off[start]:t.off[end]]
}

// ByteOffset returns the offset in Str of code point i (len(Str) at the end).
func (t *Text) ByteOffset(i int) int { return int(t.off[i]) }

// RuneLen is the length string([]rune{r}) gives r: an invalid code point
// becomes the three-byte replacement character.
func RuneLen(r rune) int {
	if n := utf8.RuneLen(r); n > 0 {
		return n
	}
	return 3
}
