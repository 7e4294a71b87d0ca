package entities

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docset/docset/extract/internal/lex"
	"github.com/docset/docset/schema"
)

// token is a word or a single punctuation rune of the text.
type token struct {
	// start and end are int32 so that a token takes 48 bytes, not 56;
	// documents have tens of thousands of tokens.
	start, end int32 // code points, end exclusive
	text       string
	low        string // text in lowercase, ’ as '
	word       bool   // letters or digits, not punctuation
	cap        bool   // a capitalised word ("Kabul", "al-Assad", "U.S.")
	upper      bool   // an all-capitals word of two letters or more ("NATO")
	lower      bool   // starts with a lowercase letter
	// weak marks a capitalised word whose capital says nothing: the first
	// word of a sentence, of a quotation, or any word of a title-case
	// headline.
	weak   bool
	lineBr bool  // a line break lies between this token and the previous one
	common uint8 // lexicon.common's answer, memoUnknown until asked
}

// tokenize splits text into tokens. A possessive 's is split off the word
// it follows; hyphens, apostrophes inside names and the dots of initials
// and abbreviations ("R.", "U.S.", "Mr.") stay in the word.
func tokenize(t *lex.Text, lx *lexicon) []token {
	return appendTokensOf(nil, t, lx, new(tokenScratch))
}

// tokenScratch is appendTokensOf's working memory, which a doc keeps from
// one document to the next.
type tokenScratch struct {
	lowBuf []byte
	lows   []lowSpan
}

// appendTokensOf appends the tokens of text to toks.
func appendTokensOf(toks []token, t *lex.Text, lx *lexicon, sc *tokenScratch) []token {
	// Token texts are substrings of the whole text, so that tokenizing
	// allocates no strings.
	text := t.Runes
	toks = slices.Grow(toks, len(text)/4+8)
	lineBr := false
	lowBuf, lows := sc.lowBuf[:0], sc.lows[:0]
	for i := 0; i < len(text); {
		r := text[i]
		if unicode.IsSpace(r) {
			if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' {
				lineBr = true
			}
			i++
			continue
		}
		if !isWordRune(r) {
			w := t.Span(i, i+1)
			toks = append(toks, token{start: int32(i), end: int32(i + 1), text: w, low: w, lineBr: lineBr})
			lineBr = false
			i++
			continue
		}
		j := scanWord(t, i, lx)
		toks = append(toks, token{start: int32(i), end: int32(j), text: t.Span(i, j), word: true, lineBr: lineBr})
		lineBr = false
		tok := &toks[len(toks)-1]
		classifyCase(tok, text[i:j], lx)
		if isPlainLower(tok.text) {
			tok.low = tok.text
		} else {
			// Lower-cased words go into one buffer, made a string at the
			// end, rather than a string each.
			lo := len(lowBuf)
			lowBuf = appendLowerWord(lowBuf, text[i:j])
			lows = append(lows, lowSpan{len(toks) - 1, lo, len(lowBuf)})
		}
		i = j
	}
	if len(lows) > 0 {
		all := string(lowBuf)
		for _, l := range lows {
			toks[l.tok].low = all[l.lo:l.hi]
		}
	}
	sc.lowBuf, sc.lows = lowBuf, lows
	return toks
}

// lowSpan is where the lower-case form of token tok lies in the buffer.
type lowSpan struct{ tok, lo, hi int }

// isPlainLower reports whether w is ASCII without capitals: its own lower
// case form.
func isPlainLower(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 0x80 || (c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// appendLowerWord appends lowerWord(string(w)): lower case, ’ as '.
func appendLowerWord(buf []byte, w []rune) []byte {
	start := len(buf)
	buf = lex.AppendLowerRunes(buf, w)
	if word := buf[start:]; bytes.Contains(word, curlyApostrophe) {
		buf = append(buf[:start], bytes.ReplaceAll(word, curlyApostrophe, []byte("'"))...)
	}
	return buf
}

var curlyApostrophe = []byte("’")

// lowerWord is the form dictionary and title look-ups use.
func lowerWord(w string) string {
	if isPlainLower(w) {
		return w
	}
	lw := strings.ToLower(w)
	if strings.ContainsRune(lw, '’') {
		lw = strings.ReplaceAll(lw, "’", "'")
	}
	return lw
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return lex.IsASCIIAlnum(r)
	}
	return isWordRuneSlow(r)
}

func isWordRuneSlow(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// scanWord returns the end of the word starting at i.
func scanWord(t *lex.Text, i int, lx *lexicon) int {
	text := t.Runes
	j := i
	seg := 0 // runes since the last inner dot
	dotted := false
	for j < len(text) {
		r := text[j]
		if isWordRune(r) {
			j++
			seg++
			continue
		}
		next := rune(0)
		if j+1 < len(text) {
			next = text[j+1]
		}
		switch {
		case (r == '-' || r == '‐') && isWordRune(next):
		case isApostrophe(r) && unicode.IsLetter(next):
			// "O'Brien", "T'Challa", "don't" go on; a possessive stops.
			if (next == 's' || next == 'S') && (j+2 >= len(text) || !isWordRune(text[j+2])) {
				return j
			}
		case r == '.' && seg == 1 && unicode.IsLetter(next) && unicode.IsLetter(text[j-1]):
			dotted = true
			j++
			seg = 0
			continue
		case r == '.' && next >= 'a' && next <= 'z' && unicode.IsUpper(text[i]):
			// "Pricewise.com", "CBC.ca", "Example.co.uk": a web site.
			if k := domainEnd(t, j, lx); k > j {
				return k
			}
			return keepDot(t, i, j, seg, dotted, lx)
		default:
			return keepDot(t, i, j, seg, dotted, lx)
		}
		j++
		seg = 0
	}
	return j
}

// domainEnd returns the end of the top-level domains that follow the dot
// at j (".com", ".co.uk"), or j when the letters after the dot are none.
func domainEnd(t *lex.Text, j int, lx *lexicon) int {
	text := t.Runes
	end := j
	for end < len(text) && text[end] == '.' {
		k := end + 1
		for k < len(text) && text[k] >= 'a' && text[k] <= 'z' {
			k++
		}
		if k == end+1 || k < len(text) && isWordRune(text[k]) || !lx.tlds[t.Span(end+1, k)] {
			break
		}
		end = k
	}
	return end
}

// isDomain reports whether a word ends with a top-level domain
// ("Pricewise.com").
func isDomain(w string, lx *lexicon) bool {
	i := strings.IndexByte(w, '.')
	if i <= 0 {
		return false
	}
	for _, p := range strings.Split(w[i+1:], ".") {
		if !lx.tlds[p] {
			return false
		}
	}
	return true
}

// keepDot decides whether a dot after the word belongs to it: initials,
// dotted abbreviations and listed abbreviations keep it.
func keepDot(t *lex.Text, i, j, seg int, dotted bool, lx *lexicon) int {
	text := t.Runes
	if j >= len(text) || text[j] != '.' {
		return j
	}
	w := text[i:j]
	if dotted && seg == 1 {
		return j + 1 // "U.S." "D.C."
	}
	if len(w) == 1 && unicode.IsUpper(w[0]) && (i == 0 || text[i-1] != '&') {
		return j + 1 // an initial: "John R. Bolton", not the "E" of "PG&E."
	}
	if lx.abbrevs[t.Span(i, j)] {
		return j + 1
	}
	return j
}

func classifyCase(t *token, w []rune, lx *lexicon) {
	first := w[0]
	t.lower = unicode.IsLower(first)
	t.cap = unicode.IsUpper(first)
	if t.lower && len(w) > 2 && (w[1] == '-' || w[2] == '-' || (len(w) > 3 && w[3] == '-')) {
		// "al-Assad", "bin-Laden", "el-Sisi": a lowercase particle joined to
		// a capitalised name.
		if k := strings.IndexAny(t.text, "-‐"); k > 0 && lx.particles[t.text[:k]] {
			rest := []rune(t.text[k:])
			if len(rest) > 1 && unicode.IsUpper(rest[1]) {
				t.cap = true
				t.lower = false
			}
		}
	}
	if !t.cap {
		return
	}
	letters, uppers := 0, 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				uppers++
			}
		}
	}
	t.upper = letters >= 2 && uppers == letters
}

// markWeak flags the capitalised words whose capital carries no
// information: sentence and quotation starts, and every word of a
// title-case headline.
func markWeak(toks []token, sentences []schema.Sentence) {
	if sentences == nil {
		markOwnSentences(toks)
	} else {
		k := 0
		for _, s := range sentences {
			for k < len(toks) && int(toks[k].start) < s.Start {
				k++
			}
			for m := k; m < len(toks) && int(toks[m].start) < s.End; m++ {
				if toks[m].word {
					toks[m].weak = true
					break
				}
			}
		}
	}
	for i := range toks {
		// An enumerator "a)" or "2)" opens a list item like a sentence.
		enumerator := toks[i].text == ")" && i > 0 && toks[i-1].word && utf8.RuneCountInString(toks[i-1].text) == 1
		// "((Zara Kay)) Even so, ...": the speaker tag of a transcript
		// opens the answer like a sentence.
		speakerTag := toks[i].text == ")" && i > 0 && toks[i-1].text == ")"
		if !toks[i].word && (isOpenQuote(toks[i].text) || enumerator || speakerTag) && i+1 < len(toks) && toks[i+1].word {
			toks[i+1].weak = true
		}
		if toks[i].lineBr && toks[i].word {
			toks[i].weak = true
		}
	}
	markHeadlines(toks)
}

// markOwnSentences is the fallback splitter used when no sentences are
// given: a sentence ends at ., ! or ? (dots of abbreviations are inside
// words) and at line breaks.
func markOwnSentences(toks []token) {
	start := true
	for i := range toks {
		if toks[i].lineBr {
			start = true
		}
		if toks[i].word {
			if start {
				toks[i].weak = true
			}
			start = false
			continue
		}
		switch toks[i].text {
		case ".", "!", "?", "…":
			start = true
		}
	}
}

func isOpenQuote(s string) bool {
	switch s {
	case "\"", "“", "‘", "«", "„", "(", "[", ":":
		return true
	}
	return false
}

// markHeadlines treats a line whose words are mostly capitalised and that
// does not end like a sentence as a headline: its capitals are weak.
func markHeadlines(toks []token) {
	for i := 0; i < len(toks); {
		j := i + 1
		for j < len(toks) && !toks[j].lineBr {
			j++
		}
		if isHeadline(toks[i:j]) {
			for k := i; k < j; k++ {
				if toks[k].word {
					toks[k].weak = true
				}
			}
		}
		i = j
	}
}

func isHeadline(line []token) bool {
	if len(line) == 0 {
		return false
	}
	words, caps, uppers := 0, 0, 0
	for _, t := range line {
		if !t.word || t.end-t.start < 4 { // code points
			continue
		}
		words++
		if t.cap {
			caps++
		}
		if t.upper {
			uppers++
		}
	}
	// A line set in capitals says nothing by its capitals, whatever its
	// end.
	if words >= 3 && uppers*5 >= words*3 {
		return true
	}
	switch line[len(line)-1].text {
	case ".", "?", "!", "\"", "”", ":", ",":
		return false
	}
	return words >= 2 && caps*4 >= words*3
}
