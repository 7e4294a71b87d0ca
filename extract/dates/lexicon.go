package dates

import (
	_ "embed"
	"fmt"
	"sort"
	"strconv"

	"github.com/docset/docset/extract/internal/lex"
)

//go:generate go run gen_calendar.go

//go:embed data/calendar.tsv
var calendarTSV []byte

//go:embed data/lexicon.tsv
var lexiconTSV []byte

// unit is a calendar unit named by a word.
type unit int8

const (
	noUnit unit = iota
	unitDay
	unitWeek
	unitWeekend
	unitMonth
	unitYear
	unitDecade
)

// word is everything the rules know about one lower-case word; a word may
// play several roles ("next" is a determiner and an anaphor).
type word struct {
	month       int8 // 1-12 for a full month name
	monthAbbr   int8 // 1-12 for an abbreviation ("Sept", "Jan")
	weekday     int8 // 1-7 (time.Weekday+1) for a full weekday name
	weekdayAbbr int8
	deictic     int8 // day offset; valid when isDeictic
	determiner  int8 // last -1, this 0, next +1; valid when isDeterminer
	anaphor     int8 // offset from the last date; valid when isAnaphor
	shift       int8 // earlier/before -1, later/after +1
	tense       int8 // while loading only: moved to tenseWords
	unit        unit

	isDeictic, isDeterminer, isAnaphor bool
	part, ago, edge, season, rng       bool
	partBefore                         bool // "noon today"
	yearPrep, be, notPlural, weak      bool
	weekendPrep, function              bool
	demonstrative                      bool // "that": "that day"
	count                              bool // may start a count: "four", "a"
}

// Tense values of words (class "tense").
const (
	tensePast    = -1
	tenseFuture  = 1
	tensePlanned = 2 // "scheduled", "due": the tense of the "be" before it
	tensePresent = 3 // "is", "are"
)

// lexicon maps lower-case words to their roles. Built once from the
// embedded data files and only read afterwards.
type lexicon map[string]word

var words, tenseWords = splitTenses(mustLexicon())

// splitTenses moves the tense of words out of the lexicon: it is read only
// around a weekday, so the look-up every token makes stays as small as the
// date words alone.
func splitTenses(lx lexicon) (lexicon, map[string]int8) {
	tenses := make(map[string]int8)
	for k, w := range lx {
		if w.tense == 0 {
			continue
		}
		tenses[k] = w.tense
		if w.tense = 0; w == (word{}) {
			delete(lx, k)
		} else {
			lx[k] = w
		}
	}
	return lx, tenses
}

// wordTable and wordIndex number the lexicon's entries, so each token keeps
// a small index (0: no role) instead of a copy of its entry.
var wordTable, wordIndex, maxWordLen = numberWords(words)

// wordShape turns most tokens that are no entry away before the look-up.
var wordShape = lex.ShapeOf(wordIndex)

// numberWords numbers the entries in sorted word order; maxLen is the
// longest word in bytes, beyond which no token needs a lookup.
func numberWords(lx lexicon) (table []word, index map[string]uint16, maxLen int) {
	keys := make([]string, 0, len(lx))
	for k := range lx {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	table = append(make([]word, 0, len(keys)+1), word{})
	index = make(map[string]uint16, len(keys))
	for _, k := range keys {
		index[k] = uint16(len(table))
		table = append(table, lx[k])
		maxLen = max(maxLen, len(k))
	}
	return table, index, maxLen
}

func mustLexicon() lexicon {
	lx := make(lexicon)
	for _, data := range [][]byte{calendarTSV, lexiconTSV} {
		if err := lx.add(data); err != nil {
			panic("dates: embedded lexicon: " + err.Error()) // a build defect, caught by any test
		}
	}
	lex.EachNumberWord(func(s string, n lex.NumberWord) {
		if n.Class == lex.Unit || n.Class == lex.Ten {
			w := lx[s]
			w.count = true
			lx[s] = w
		}
	})
	return lx
}

type row struct {
	word, class string
	value       int
}

func (lx lexicon) add(data []byte) error {
	rows, err := lex.ParseTable(data, 3, func(f []string) (string, row, error) {
		v, err := strconv.Atoi(f[2])
		return f[1] + "\t" + f[0], row{f[0], f[1], v}, err
	})
	if err != nil {
		return err
	}
	for _, r := range rows {
		w := lx[r.word]
		v := int8(r.value)
		switch r.class {
		case "month":
			w.month = v
		case "month-abbr":
			w.monthAbbr = v
		case "weekday":
			w.weekday = v + 1
		case "weekday-abbr":
			w.weekdayAbbr = v + 1
		case "deictic":
			w.deictic, w.isDeictic = v, true
		case "part":
			w.part, w.partBefore = true, v == 1
		case "determiner":
			w.determiner, w.isDeterminer = v, true
		case "anaphor":
			w.anaphor, w.isAnaphor = v, true
		case "unit":
			w.unit = unit(v)
		case "ago":
			w.ago = true
		case "shift":
			w.shift = v
		case "edge":
			w.edge = true
		case "season":
			w.season = true
		case "range":
			w.rng = true
		case "year-prep":
			w.yearPrep = true
		case "be":
			w.be = true
		case "not-plural":
			w.notPlural = true
		case "weekend-prep":
			w.weekendPrep = true
		case "indefinite":
			w.count = true
		case "function":
			w.function = true
		case "weak":
			w.weak = true
		case "tense":
			w.tense = v
		case "demonstrative":
			w.demonstrative = true
		default:
			return fmt.Errorf("%q: unknown class %q", r.word, r.class)
		}
		lx[r.word] = w
	}
	return nil
}
