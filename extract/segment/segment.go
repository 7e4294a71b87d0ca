// Package segment splits a news text into paragraphs, headings and sentences.
//
// All spans are code-point offsets into the text, end exclusive, trimmed of
// surrounding whitespace, so that Text == string(text[Start:End]).
//
// Paragraphs are separated by blank lines or by single line breaks (one line
// per paragraph is common in scraped news). A line break inside a paragraph
// is kept only when the text is visibly hard-wrapped there: the line does not
// end a sentence and the next one starts in lower case, or, in a text that
// separates paragraphs with blank lines, the line is as long as wrapped prose
// (60 code points or more) and the next is no list item.
//
// A heading is a single short line (at most 20 words, one sentence, not
// opening with a quotation mark) with no final sentence punctuation, or a
// Markdown "#" line, followed by a body paragraph. A dateline such as
// "Friday, January 4, 2019" is a paragraph, not a heading: it introduces no
// section and is data about the document (the dates extractor reads it).
// Runs of short unpunctuated lines (image captions, lists) are paragraphs too.
package segment

import (
	"unicode"

	"github.com/docset/docset/extract/internal/lex"
	"github.com/docset/docset/schema"
)

const (
	maxHeadingWords = 20
	maxHeadingRunes = 160
)

// Paragraphs returns the paragraphs and headings of text in order, ids p1, p2, ...
func Paragraphs(text []rune) []schema.Paragraph {
	return ParagraphsOf(lex.NewText(text, ""))
}

// ParagraphsOf is Paragraphs of a shared Text: their texts are substrings
// of t.Str.
func ParagraphsOf(t *lex.Text) []schema.Paragraph {
	text := t.Runes
	blocks := splitBlocks(text)
	lx := loadLexicon()
	cand := make([]bool, len(blocks))
	for i, b := range blocks {
		cand[i] = b.lines == 1 && headingShape(text[b.start:b.end], lx)
	}
	paras := make([]schema.Paragraph, 0, len(blocks))
	for i, b := range blocks {
		kind := schema.KindParagraph
		if cand[i] && i+1 < len(blocks) && !cand[i+1] {
			kind = schema.KindHeading
		}
		paras = append(paras, schema.Paragraph{
			ID:    paragraphIDs.ID(i + 1),
			Start: b.start,
			End:   b.end,
			Text:  t.Span(b.start, b.end),
			Kind:  kind,
		})
	}
	return paras
}

type block struct{ start, end, lines int }

// wrapWidth is the line length from which a line not ending a sentence is
// taken for hard-wrapped prose (Markdown, e-mail) in texts that separate
// paragraphs with blank lines.
const wrapWidth = 60

func splitBlocks(text []rune) []block {
	var blocks []block
	open := false
	var cur block
	blankMode := hasBlankLine(text)
	lineStart := 0 // start of the last line added to cur
	for ls := 0; ls <= len(text); {
		le := ls
		for le < len(text) && text[le] != '\n' {
			le++
		}
		s, e := trim(text, ls, le)
		switch {
		case s == e:
			if open {
				blocks = append(blocks, cur)
				open = false
			}
		case open && wrapped(text, lineStart, cur.end, s, blankMode):
			cur.end = e
			cur.lines++
			lineStart = s
		default:
			if open {
				blocks = append(blocks, cur)
			}
			cur, open = block{s, e, 1}, true
			lineStart = s
		}
		ls = le + 1
	}
	if open {
		blocks = append(blocks, cur)
	}
	return blocks
}

// wrapped reports whether the line [prevStart, prevEnd) runs on into the
// line starting at next: the sentence is not finished and continues in lower
// case, or, where blank lines separate paragraphs, the line is as long as
// wrapped prose and the next is no list item or Markdown heading.
func wrapped(text []rune, prevStart, prevEnd, next int, blankMode bool) bool {
	e := prevEnd - 1
	for e > prevStart && isStraightQuote(text[e]) {
		e-- // `... criminal."`
	}
	last := text[e]
	if isTerminal(last) || isCloser(last) || last == ':' {
		return false
	}
	if unicode.IsLower(text[next]) {
		return true
	}
	return blankMode && prevEnd-prevStart >= wrapWidth && !listItem(text, next) && text[prevStart] != '#'
}

// listItem reports whether the line starting at i opens with a bullet, a
// number and a period or parenthesis, or a Markdown heading mark.
func listItem(text []rune, i int) bool {
	switch text[i] {
	case '-', '*', '•', '–', '#', '>', '|':
		return true
	}
	j := i
	for j < len(text) && unicode.IsDigit(text[j]) {
		j++
	}
	return j > i && j < len(text) && (text[j] == '.' || text[j] == ')')
}

// hasBlankLine reports whether two non-blank lines are separated by a blank
// one anywhere in text.
func hasBlankLine(text []rune) bool {
	seenText, blank := false, false
	lineHasText := false
	for _, r := range text {
		switch {
		case r == '\n':
			if seenText && !lineHasText {
				blank = true
			}
			if lineHasText {
				if blank {
					return true
				}
				seenText = true
			}
			lineHasText = false
		case !unicode.IsSpace(r):
			lineHasText = true
		}
	}
	return blank && lineHasText
}

// headingShape reports whether a one-line paragraph looks like a heading.
func headingShape(line []rune, lx *lexicon) bool {
	if len(line) > maxHeadingRunes {
		return false
	}
	end := len(line)
	for end > 0 && (isCloser(line[end-1]) || isQuote(line[end-1])) {
		end--
	}
	if end == 0 || isTerminal(line[end-1]) || line[end-1] == ':' || line[end-1] == ';' || line[end-1] == ',' {
		return false
	}
	if line[0] == '#' {
		return true // a Markdown heading
	}
	if isQuote(line[0]) {
		return false // a quoted line is a quotation or a pull quote
	}
	for i := 1; i+1 < len(line); i++ {
		if isTerminal(line[i]) && unicode.IsSpace(line[i+1]) {
			return false // more than one sentence
		}
	}
	first := -1
	for i, r := range line {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			first = i
			break
		}
	}
	if first < 0 || unicode.IsLower(line[first]) {
		return false
	}
	ws := wordList(line)
	if len(ws) > maxHeadingWords {
		return false
	}
	return !dateline(ws, lx)
}

// dateline reports whether the words are only calendar names and numbers.
func dateline(ws []string, lx *lexicon) bool {
	named := false
	for _, w := range ws {
		switch {
		case lx.calendar[w]:
			named = true
		case isNumberWord(w):
		default:
			return false
		}
	}
	return named
}

func isNumberWord(w string) bool {
	digits := 0
	for _, r := range w {
		if unicode.IsDigit(r) {
			digits++
		} else if digits == 0 || !unicode.IsLetter(r) {
			return false
		}
	}
	return digits > 0
}

// wordList splits on anything that is not a letter, digit, or inner
// apostrophe/hyphen.
func wordList(line []rune) []string {
	var ws []string
	start := -1
	for i := 0; i <= len(line); i++ {
		in := i < len(line) && (unicode.IsLetter(line[i]) || unicode.IsDigit(line[i]) ||
			(start >= 0 && (line[i] == '\'' || line[i] == '’' || line[i] == '-')))
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			ws = append(ws, string(line[start:i]))
			start = -1
		}
	}
	return ws
}

func trim(text []rune, s, e int) (int, int) {
	for s < e && unicode.IsSpace(text[s]) {
		s++
	}
	for e > s && unicode.IsSpace(text[e-1]) {
		e--
	}
	return s, e
}

func isTerminal(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == '…'
}

// isCloser is true for marks that may follow a sentence's final punctuation
// and still belong to it. Straight quotes are handled by their position.
func isCloser(r rune) bool {
	switch r {
	case '”', '’', '»', '›', ')', ']', '}':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '“', '‘', '«', '‹', '(', '[', '{', '"', '\'', '„':
		return true
	}
	return false
}

func isQuote(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '‘', '’', '«', '»', '„', '‹', '›':
		return true
	}
	return false
}

// paragraphIDs are the ids of paragraphs: p1, p2, ...
var paragraphIDs = lex.NewIDs("p")
