package segment

import (
	"unicode"

	"github.com/docset/docset/extract/internal/lex"
	"github.com/docset/docset/schema"
)

// Sentences splits each paragraph into sentences; a sentence never crosses a
// paragraph. A period ends a sentence unless it belongs to an abbreviation
// ("Mr.", "St."), an initial ("John R. Bolton"), a dotted acronym ("U.S.")
// or a number ("3.5"), or the next word starts in lower case. After an
// ambiguous period ("U.S.", "Inc.", an initial, an ellipsis) the sentence ends
// only when a common sentence-start word follows. Closing quotes and brackets
// right after the final punctuation belong to the sentence, so a quotation of
// several sentences splits at its inner sentence ends.
func Sentences(text []rune, paras []schema.Paragraph) []schema.Sentence {
	return SentencesOf(lex.NewText(text, ""), paras)
}

// SentencesOf is Sentences of a shared Text: their texts are substrings of
// t.Str.
func SentencesOf(t *lex.Text, paras []schema.Paragraph) []schema.Sentence {
	text := t.Runes
	lx := loadLexicon()
	var out []schema.Sentence
	emit := func(s, e int) {
		s, e = trim(text, s, e)
		if s < e {
			out = append(out, schema.Sentence{Start: s, End: e, Text: t.Span(s, e)})
		}
	}
	last := 0
	for _, p := range paras {
		start, end := p.Start, p.End
		if start < last {
			start = last
		}
		if end > len(text) {
			end = len(text)
		}
		if start >= end {
			continue
		}
		s := start
		for i := start; i < end; i++ {
			if !isTerminal(text[i]) {
				continue
			}
			j := i + 1
			for j < end && isTerminal(text[j]) {
				j++
			}
			k := closeRun(text, j, end)
			if k >= end {
				break
			}
			n := k
			for n < end && unicode.IsSpace(text[n]) {
				n++
			}
			if n == k && !isCurlyOpener(text[k]) {
				// Glued to the next character: "3.5", "U.S", "e.g".
				i = j - 1
				continue
			}
			if n < end && endsSentence(t, s, i, j, n, end, lx) {
				emit(s, k)
				s = n
			}
			i = k - 1
		}
		emit(s, end)
		last = end
	}
	return out
}

// endsSentence decides whether the terminator run text[i:j] ends the sentence
// that started at s, given that the next sentence would start at n.
func endsSentence(t *lex.Text, s, i, j, n, end int, lx *lexicon) bool {
	text := t.Runes
	w := n
	for w < end && (isOpener(text[w]) || isQuote(text[w])) {
		w++
	}
	if w == end {
		return true
	}
	first := text[w]
	if unicode.IsLower(first) {
		return false
	}
	next := nextWord(t, w, end)
	starter := lx.starters[next]
	if text[n] == '(' && !starter {
		return false // "Ipari Kft. (HDT Limited) acquired": a gloss, not a new sentence
	}
	if i > s && (text[i-1] == '[' || text[i-1] == '(') && (j-i > 1 || text[i] == '…') {
		// An elision mark "[...]" inside a quotation; "[.]" still ends one.
		return false
	}
	for _, r := range text[i:j] {
		if r == '!' || r == '?' {
			return true
		}
	}
	if j-i > 1 || text[i] == '…' {
		return starter
	}
	tok, dotted := tokenBefore(t, s, i)
	switch lx.abbrev[tok] {
	case abbrevTitle:
		return false
	case abbrevNumber:
		return !unicode.IsDigit(first)
	case abbrevAny:
		return starter
	}
	if dotted || isInitial(tok) {
		// "Wayne A. I. Frederick": a following initial is no pronoun.
		return starter && !(len(next) == 1 && w+1 < end && text[w+1] == '.')
	}
	return true
}

// tokenBefore returns the word that the period at i ends (letters, digits and
// inner periods) and whether it holds an inner period ("U.S", "a.m").
func tokenBefore(t *lex.Text, s, i int) (string, bool) {
	text := t.Runes
	b := i
	dotted := false
	for b > s {
		r := text[b-1]
		if r == '.' {
			dotted = true
		} else if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		b--
	}
	for b < i && text[b] == '.' {
		b++
	}
	tok := text[b:i]
	dotted = false
	for _, r := range tok {
		if r == '.' {
			dotted = true
		}
	}
	return t.Span(b, i), dotted
}

func isInitial(tok string) bool {
	rs := []rune(tok)
	return len(rs) == 1 && unicode.IsUpper(rs[0])
}

func nextWord(t *lex.Text, w, end int) string {
	text := t.Runes
	e := w
	for e < end && unicode.IsLetter(text[e]) {
		e++
	}
	return t.Span(w, e)
}

func isStraightQuote(r rune) bool { return r == '"' || r == '\'' }

func isCurlyOpener(r rune) bool { return r == '“' || r == '‘' || r == '«' || r == '„' }

// closingStraight reports whether the straight quote at k closes: nothing
// word-like follows it.
func closingStraight(text []rune, k, end int) bool {
	return k+1 >= end || !(unicode.IsLetter(text[k+1]) || unicode.IsDigit(text[k+1]))
}

// closeRun returns the end of the closing marks and final punctuation after a
// sentence's terminator ending at j: quotes, brackets, and a closing straight
// quote set off by one space ("tomorrow.' \"").
func closeRun(text []rune, j, end int) int {
	k := j
	for k < end {
		switch r := text[k]; {
		case isCloser(r) || isTerminal(r):
			k++
		case isStraightQuote(r) && closingStraight(text, k, end):
			k++
		case unicode.IsSpace(r) && r != '\n' && k+1 < end && (text[k+1] == '"' || text[k+1] == '”') &&
			(k+2 >= end || unicode.IsSpace(text[k+2]) || isTerminal(text[k+2])):
			k += 2
		default:
			return k
		}
	}
	return k
}
