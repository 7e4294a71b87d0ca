package dates

import (
	"time"

	"github.com/docset/docset/extract/internal/lex"
)

// Dateline returns the date of a news dateline: a full date with its year
// ("Saturday, January 5, 2019") standing alone on one of the first lines of
// the text, as Wikinews articles begin. A pipeline may take it as the
// publication date when the metadata has none.
func Dateline(text []rune) (time.Time, bool) {
	return DatelineOf(text, tokens(text))
}

// DatelineOf is Dateline of a text already cut into tokens (lex.Tokens):
// only the tokens of the first lines are read.
func DatelineOf(text []rune, toks []lex.Token) (time.Time, bool) {
	f := newFinder(text, toks, nil)
	line := 0
	for i := 0; i < len(f.toks) && line < 4; i++ {
		if i > 0 && f.lineBreakBefore(i) {
			line++
		}
		if i > 0 && !f.lineBreakBefore(i) {
			continue
		}
		n := len(f.found)
		if !f.at(i) || len(f.found) != n+1 {
			continue
		}
		m := f.found[n]
		if m.val.p == day && (m.to == len(f.toks) || f.lineBreakBefore(m.to)) && f.hasYear(m) {
			return m.val.t, true
		}
	}
	return time.Time{}, false
}

// lineBreakBefore reports whether a newline separates token i from i-1.
func (f *finder) lineBreakBefore(i int) bool {
	if i == 0 {
		return true
	}
	for _, r := range f.text[f.toks[i-1].End:f.toks[i].Start] {
		if r == '\n' {
			return true
		}
	}
	return false
}

// hasYear reports whether a match spells out its year, so its value does
// not depend on a publication date.
func (f *finder) hasYear(m match) bool {
	_, ok := f.yearNumber(m.to - 1)
	return ok
}
