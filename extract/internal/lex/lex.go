// Package lex cuts text into the small tokens the rule-based extractors
// (dates, quantities) match on, and reads English number words.
//
// Tokens keep code-point offsets into the text so every match maps straight
// back to a span; nothing is copied, so scanning costs one slice of tokens per
// document.
package lex

import (
	"errors"
	"math"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Kind says what a token is made of.
type Kind uint8

// Token kinds.
const (
	Word   Kind = iota + 1 // letters only
	Number                 // digits, with "," or "." only between digits: "2,019", "3.5"
	Mixed                  // letters and digits: "K2", "18b", "4th", "1960s"
	Punct                  // one other visible rune
)

// Token is a run of text between spaces and punctuation.
type Token struct {
	Start, End int  // code points, end exclusive
	Kind       Kind // what the token is made of
	// Space is true when whitespace (or the start of the text) comes right
	// before the token; false means it is glued to the previous token.
	Space bool
	// Break is true when a blank line (a paragraph break) comes before it.
	Break bool
}

// Tokens appends the tokens of text to dst and returns it.
func Tokens(text []rune, dst []Token) []Token {
	space, brk := true, false
	newlines := 0
	for i := 0; i < len(text); {
		r := text[i]
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r >= utf8.RuneSelf && unicode.IsSpace(r) {
			space = true
			if r == '\n' {
				newlines++
				if newlines >= 2 {
					brk = true
				}
			}
			i++
			continue
		}
		t := Token{Start: i, Space: space, Break: brk}
		space, brk, newlines = false, false, 0
		switch {
		case isAlnum(r):
			letters, digits := false, false
			j := i
			for j < len(text) {
				c := text[j]
				if isDigit(c) {
					digits = true
				} else if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf && (unicode.IsLetter(c) || unicode.Is(unicode.Mn, c)) {
					letters = true
				} else if (c == ',' || c == '.') && !letters && digits && j+1 < len(text) && isDigit(text[j+1]) {
					// A separator inside a number ("2,019", "3.5") belongs to it.
				} else {
					break
				}
				j++
			}
			t.End = j
			switch {
			case letters && digits:
				t.Kind = Mixed
			case digits:
				t.Kind = Number
			default:
				t.Kind = Word
			}
			i = j
		default:
			t.End = i + 1
			t.Kind = Punct
			i++
		}
		dst = append(dst, t)
	}
	return dst
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// IsASCIIAlnum reports whether r, which must be below utf8.RuneSelf, is a
// letter or digit (a-z, A-Z, 0-9: the only ones ASCII has), in one table
// look-up, so that callers' rune tests stay small enough to inline.
func IsASCIIAlnum(r rune) bool { return asciiAlnum[r] }

var asciiAlnum = func() (a [utf8.RuneSelf]bool) {
	for c := range a {
		a[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return a
}()

func isAlnum(r rune) bool {
	return isDigit(r) || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= utf8.RuneSelf && unicode.IsLetter(r)
}

// AppendLower appends the token's text in lower case, UTF-8 encoded, to buf;
// a map lookup with string(buf) then costs no allocation.
func AppendLower(buf []byte, text []rune, t Token) []byte {
	return AppendLowerRunes(buf, text[t.Start:t.End])
}

// AppendLowerRunes appends rs in lower case (as strings.ToLower would
// write string(rs)), UTF-8 encoded, to buf.
func AppendLowerRunes(buf []byte, rs []rune) []byte {
	for _, r := range rs {
		switch {
		case r >= 'A' && r <= 'Z':
			buf = append(buf, byte(r+'a'-'A'))
		case r < utf8.RuneSelf:
			buf = append(buf, byte(r))
		default:
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		}
	}
	return buf
}

// Capitalized reports whether the token starts with an upper-case letter.
func Capitalized(text []rune, t Token) bool {
	return t.End > t.Start && unicode.IsUpper(text[t.Start])
}

// Is reports whether the token is the single rune r.
func Is(text []rune, t Token, r rune) bool {
	return t.End == t.Start+1 && text[t.Start] == r
}

// Digits returns the value of a token of plain digits (no separators) and its
// digit count; ok is false for anything else or more than 9 digits.
func Digits(text []rune, t Token) (v, n int, ok bool) {
	if t.Kind != Number || t.End-t.Start > 9 {
		return 0, 0, false
	}
	for _, r := range text[t.Start:t.End] {
		if !isDigit(r) {
			return 0, 0, false
		}
		v = v*10 + int(r-'0')
	}
	return v, t.End - t.Start, true
}

// Decimal returns the value of a Number token such as "1,426", "3.5" or
// "2.5"; ok is false when the separators do not read as thousands groups
// and one decimal point.
func Decimal(text []rune, t Token) (float64, bool) {
	if t.Kind != Number {
		return 0, false
	}
	s := text[t.Start:t.End]
	// The digits go to strconv, which rounds correctly: summing digit by
	// digit makes 0.6 into 0.6000000000000001.
	var buf [64]byte
	num := buf[:0]
	seenPoint := false
	group := -1 // digits since the last thousands comma; -1 before any comma
	for _, r := range s {
		switch {
		case isDigit(r):
			num = append(num, byte(r))
			if !seenPoint && group >= 0 {
				group++
			}
		case r == ',':
			if seenPoint || group >= 0 && group != 3 {
				return 0, false
			}
			group = 0
		case r == '.':
			if seenPoint || group >= 0 && group != 3 {
				return 0, false
			}
			seenPoint = true
			num = append(num, '.')
		}
	}
	if !seenPoint && group >= 0 && group != 3 {
		return 0, false
	}
	v, err := strconv.ParseFloat(string(num), 64)
	return v, err == nil || errors.Is(err, strconv.ErrRange)
}

// Times multiplies v by a scale word's value ("1.7 billion"): by a
// power of ten in decimal, so 1.7 billion is 1700000000, not
// 1700000000.0000002.
func Times(v, by float64) float64 {
	if by <= 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return v * by
	}
	exp := math.Log10(by)
	if exp != math.Trunc(exp) || math.Pow(10, exp) != by {
		return v * by
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', -1, 64)+"e"+strconv.Itoa(int(exp)), 64)
	if err != nil {
		return v * by
	}
	return r
}
