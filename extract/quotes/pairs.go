package quotes

import (
	"unicode"

	"github.com/docset/docset/schema"
)

// A quotation left open at the end of a paragraph continues into the next
// one when that one reopens with a mark (news style), for at most this many
// paragraphs and runes; past that, or without a reopening mark, it ends with
// its paragraph, so a stray mark never swallows the document.
const (
	maxQuoteParas = 8
	maxQuoteRunes = 4000
)

// pair is one quotation-mark pair: the marks and the words between them.
type pair struct {
	open, close int // mark offsets; close is -1 when the paragraph ended it
	start, end  int // the quoted words, trimmed
	para        int // paragraph of the opening mark
	endPara     int // paragraph of the end
}

func findPairs(text []rune, paras []schema.Paragraph) []pair {
	var out []pair
	open, openPara := -1, -1
	emit := func(closeMark, end, endPara int) {
		s, e := open+1, end
		for s < e && unicode.IsSpace(text[s]) {
			s++
		}
		for e > s && unicode.IsSpace(text[e-1]) {
			e--
		}
		if s < e {
			out = append(out, pair{open: open, close: closeMark, start: s, end: e, para: openPara, endPara: endPara})
		}
		open, openPara = -1, -1
	}
	prevEnd, prevPara := 0, -1
	for pi, p := range paras {
		if p.Start < prevEnd || p.End > len(text) || p.Start >= p.End {
			continue
		}
		i := p.Start
		if open >= 0 {
			if isOpenMark(text[i]) || text[i] == '"' {
				i++ // the reopening mark of a continued quotation
			} else {
				emit(-1, prevEnd, prevPara)
			}
		}
		// Straight quotes left in the paragraph: with none open, an odd
		// count means a mark that looks closing is a stray one.
		left := 0
		for _, r := range text[i:p.End] {
			if r == '"' {
				left++
			}
		}
		for ; i < p.End; i++ {
			r := text[i]
			if r == '"' {
				left--
			}
			switch {
			case isOpenMark(r):
				open, openPara = i, pi
			case isCloseMark(r):
				if open >= 0 {
					emit(i, i, pi)
				}
			case r == '"':
				if open >= 0 {
					emit(i, i, pi)
				} else if !unicode.IsDigit(text[max(i-1, p.Start)]) && !(closerLike(text, i, p.Start, p.End) && (left%2 == 0 || nextOpenerLike(text, i+1, p.Start, p.End))) {
					open, openPara = i, pi
				}
			}
		}
		if open >= 0 && (pi-openPara+1 >= maxQuoteParas || p.End-open > maxQuoteRunes) {
			emit(-1, p.End, pi)
		}
		prevEnd, prevPara = p.End, pi
	}
	if open >= 0 {
		emit(-1, prevEnd, prevPara)
	}
	return out
}

func isOpenMark(r rune) bool  { return r == '“' || r == '„' || r == '«' }
func isCloseMark(r rune) bool { return r == '”' || r == '»' }

// closerLike reports whether a straight quote at i looks like a closing
// mark: set after a word and before a space (a quotation begun in an earlier
// paragraph that was not reopened).
func closerLike(text []rune, i, start, end int) bool {
	if i == start {
		return false
	}
	prev := text[i-1]
	nextSpace := i+1 >= end || unicode.IsSpace(text[i+1])
	return nextSpace && !unicode.IsSpace(prev) && prev != '(' && prev != '['
}

// nextOpenerLike reports whether the next straight quote from i on is set
// before a word after a space: an opening mark, so a closing-looking mark
// before it cannot open a pair with it.
func nextOpenerLike(text []rune, i, start, end int) bool {
	for ; i < end; i++ {
		if text[i] == '"' {
			return i+1 < end && !unicode.IsSpace(text[i+1]) && (i == start || unicode.IsSpace(text[i-1]))
		}
	}
	return false
}
