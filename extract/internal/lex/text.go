package lex

import "unicode/utf8"

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
	if str == "" && len(runes) > 0 {
		str = string(runes)
	}
	off := make([]int32, len(runes)+1)
	b := 0
	for i, r := range runes {
		off[i] = int32(b)
		b += RuneLen(r)
	}
	off[len(runes)] = int32(b)
	return &Text{Runes: runes, Str: str, off: off}
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
