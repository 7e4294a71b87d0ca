package quantities

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"

	"github.com/docset/docset/extract/internal/lex"
)

//go:generate go run gen_currencies.go

//go:embed data/currencies.tsv
var currenciesTSV []byte

//go:embed data/units.tsv
var unitsTSV []byte

// class is the role of a unit word.
type class uint8

const (
	symbol   class = iota + 1 // "$", "€", "US$": a currency before the amount
	currency                  // "euros": a currency after the amount
	measure                   // "km", "percent"
	count                     // "people", "children": counted nouns
	timeMark                  // "am", "GMT": the number is a time of day
	scale                     // "bn", "m" glued to a number
	stop                      // ends the search for a counted noun
	definite                  // "the": a number word after it refers
)

var classNames = map[string]class{
	"symbol": symbol, "currency": currency, "measure": measure, "count": count,
	"time": timeMark, "scale": scale, "stop": stop, "definite": definite,
}

// entry is one row of units.tsv.
type entry struct {
	class class
	unit  string  // canonical unit; ISO 4217 code for currencies
	scale float64 // for class scale
}

// maxKeyTokens is the most tokens a unit key spans ("per cent", "a.m").
const maxKeyTokens = 3

type lexicon struct {
	units      map[string]entry
	currencies map[string]string // ISO 4217 code -> name
}

// words is built once from the embedded data files and only read afterwards.
var words = mustLexicon()

func mustLexicon() *lexicon {
	lx, err := parseLexicon(currenciesTSV, unitsTSV)
	if err != nil {
		panic("quantities: embedded data: " + err.Error()) // a build defect, caught by any test
	}
	return lx
}

func parseLexicon(currencies, units []byte) (*lexicon, error) {
	codes, err := lex.ParseTable(currencies, 2, func(f []string) (string, string, error) {
		return f[0], f[1], nil
	})
	if err != nil {
		return nil, fmt.Errorf("currencies.tsv: %w", err)
	}
	us, err := lex.ParseTable(units, 3, func(f []string) (string, entry, error) {
		c, ok := classNames[f[1]]
		if !ok {
			return "", entry{}, fmt.Errorf("unknown class %q", f[1])
		}
		e := entry{class: c, unit: f[2]}
		switch c {
		case scale:
			v, err := strconv.ParseFloat(f[2], 64)
			if err != nil {
				return "", entry{}, err
			}
			e.unit, e.scale = "", v
		case symbol, currency:
			if _, ok := codes[f[2]]; !ok {
				return "", entry{}, fmt.Errorf("%q: %s is not an ISO 4217 code", f[0], f[2])
			}
		}
		if strings.Count(f[0], " ")+1 > maxKeyTokens {
			return "", entry{}, fmt.Errorf("%q: more than %d words", f[0], maxKeyTokens)
		}
		return f[0], e, nil
	})
	if err != nil {
		return nil, fmt.Errorf("units.tsv: %w", err)
	}
	return &lexicon{units: us, currencies: codes}, nil
}
