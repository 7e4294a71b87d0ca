package quotes

import (
	"cmp"
	"slices"
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/docset/docset/extract/internal/lex"
	"github.com/docset/docset/schema"
)

// token is a word (letters and digits with inner apostrophes, hyphens and
// slashes) or a single punctuation rune.
type token struct {
	s, e int
	low  string // lower-cased word, filled on first use (doc.tok); the rune itself for punctuation
	// sent and quote are int32, so that the token takes 48 bytes rather
	// than 56: documents have tens of thousands of them.
	sent  int32 // sentence index, -1 outside every sentence
	quote int32 // pair index when inside a quotation or one of its marks, else -1
	word  bool
	upper bool // a word starting with an upper-case letter
}

// tokenize appends the tokens of text to toks and returns it.
func tokenize(toks []token, str *lex.Text, sents []schema.Sentence) []token {
	text := str.Runes
	toks = slices.Grow(toks, len(text)/4)
	si := 0
	for i := 0; i < len(text); {
		r := text[i]
		if unicode.IsSpace(r) {
			i++
			continue
		}
		t := token{s: i, sent: -1, quote: -1}
		if isWordRune(r) {
			j := i + 1
			for j < len(text) && (isWordRune(text[j]) || isInnerRune(text[j]) && j+1 < len(text) && isWordRune(text[j+1])) {
				j++
			}
			t.e, t.word, t.upper = j, true, r >= 'A' && r <= 'Z' || r >= utf8.RuneSelf && unicode.IsUpper(r)
		} else {
			t.e, t.low = i+1, str.Span(i, i+1)
		}
		for si < len(sents) && sents[si].End <= t.s {
			si++
		}
		if si < len(sents) && sents[si].Start <= t.s {
			t.sent = int32(si)
		}
		toks = append(toks, t)
		i = t.e
	}
	return toks
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return lex.IsASCIIAlnum(r)
	}
	return isWordRuneSlow(r)
}

func isWordRuneSlow(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isInnerRune(r rune) bool { return r == '\'' || r == '’' || r == '-' || r == '/' }

// isPlainLower reports whether word is ASCII without capitals, so that
// lower would return it unchanged.
func isPlainLower(word []rune) bool {
	for _, c := range word {
		if c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' {
			return false
		}
	}
	return true
}

// lower returns the word with its letters lower-cased and curly apostrophes
// straightened.
func lower(word []rune) string {
	buf := make([]byte, 0, len(word)+4)
	for _, c := range word {
		if c == '’' {
			c = '\''
		}
		buf = utf8.AppendRune(buf, unicode.ToLower(c))
	}
	return string(buf)
}

// tokenAt returns the index of the first token starting at or after pos.
func tokenAt(toks []token, pos int) int {
	return sort.Search(len(toks), func(i int) bool { return toks[i].s >= pos })
}

// mention is one entity mention, flattened for position look-ups.
type mention struct {
	s, e int
	ent  int
	typ  string
}

// flattenMentions appends the mentions of ents within n code points to ms
// (emptied first), sorted by start and longest first.
func flattenMentions(ms []mention, ents []schema.Entity, n int) []mention {
	ms = ms[:0]
	for i, e := range ents {
		for _, m := range e.Mentions {
			if m.Start >= 0 && m.End <= n && m.Start < m.End {
				ms = append(ms, mention{s: m.Start, e: m.End, ent: i, typ: e.Type})
			}
		}
	}
	slices.SortFunc(ms, func(x, y mention) int {
		if c := cmp.Compare(x.s, y.s); c != 0 {
			return c
		}
		return cmp.Compare(y.e, x.e)
	})
	return ms
}
