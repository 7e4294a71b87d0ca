package segment

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/docset/docset/extract/internal/lex"
)

// The word lists are data, not code: edit the files under data/ to teach the
// splitter new abbreviations or sentence starters.

//go:embed data/abbreviations.txt
var abbreviationsData string

//go:embed data/starters.txt
var startersData string

//go:embed data/calendar.txt
var calendarData string

// abbrevClass says how a period after an abbreviation behaves.
type abbrevClass uint8

const (
	abbrevNone   abbrevClass = iota
	abbrevTitle              // before a name: never ends a sentence
	abbrevNumber             // before a number: ends none when a digit follows
	abbrevAny                // may end a sentence; does when a starter word follows
)

// lexicon is read once from the embedded files and never written afterwards.
type lexicon struct {
	abbrev   map[string]abbrevClass
	starters map[string]bool
	calendar map[string]bool
}

var loadLexicon = sync.OnceValue(func() *lexicon {
	lx := &lexicon{
		abbrev:   map[string]abbrevClass{},
		starters: words(startersData),
		calendar: words(calendarData),
	}
	classes := map[string]abbrevClass{"title": abbrevTitle, "number": abbrevNumber, "any": abbrevAny}
	for _, line := range lex.DataLines(abbreviationsData) {
		word, class, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		if c, ok := classes[strings.TrimSpace(class)]; ok {
			lx.abbrev[strings.TrimSpace(word)] = c
		}
	}
	return lx
})

func words(data string) map[string]bool {
	m := map[string]bool{}
	for _, line := range lex.DataLines(data) {
		m[strings.TrimSpace(line)] = true
	}
	return m
}
