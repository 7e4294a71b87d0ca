package lex

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

// Class is the role of a number word.
type Class uint8

// Number-word classes, as in data/numbers.tsv.
const (
	Unit     Class = iota + 1 // zero to nineteen
	Ten                       // twenty, thirty, ... ninety
	Hundred                   // hundred
	Scale                     // thousand, million, ...
	Ordinal                   // first, fourth, twentieth
	Fraction                  // half, quarter
)

// NumberWord is one entry of the number-word list.
type NumberWord struct {
	Class Class
	Value float64
}

//go:embed data/numbers.tsv
var numbersTSV []byte

var classNames = map[string]Class{
	"unit": Unit, "ten": Ten, "hundred": Hundred, "scale": Scale,
	"ordinal": Ordinal, "fraction": Fraction,
}

// numberWords is read once from the embedded list and never written after.
var numberWords = mustParseNumbers(numbersTSV)

func mustParseNumbers(data []byte) map[string]NumberWord {
	m, err := ParseTable(data, 3, func(f []string) (string, NumberWord, error) {
		c, ok := classNames[f[1]]
		if !ok {
			return "", NumberWord{}, fmt.Errorf("unknown class %q", f[1])
		}
		v, err := strconv.ParseFloat(f[2], 64)
		return f[0], NumberWord{Class: c, Value: v}, err
	})
	if err != nil {
		panic("lex: embedded numbers.tsv: " + err.Error()) // a build defect, caught by any test
	}
	return m
}

// ParseTable reads a tab-separated table of n columns ('#' comments and
// blank lines skipped) into a map, keyed by what row returns; a key seen
// twice is an error, so a data file cannot silently contradict itself.
func ParseTable[V any](data []byte, n int, row func([]string) (string, V, error)) (map[string]V, error) {
	m := make(map[string]V)
	sc := bufio.NewScanner(bytes.NewReader(data))
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if s == "" || s[0] == '#' {
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) != n {
			return nil, fmt.Errorf("line %d: %d fields, want %d", line, len(f), n)
		}
		k, v, err := row(f)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if _, dup := m[k]; dup {
			return nil, fmt.Errorf("line %d: %q listed twice", line, k)
		}
		m[k] = v
	}
	return m, sc.Err()
}

// LookupNumber returns the number word spelled by lower (lower-case).
func LookupNumber(lower []byte) (NumberWord, bool) {
	w, ok := numberWords[string(lower)]
	return w, ok
}

// EachNumberWord calls fn for every number word in the list, in no
// particular order; lexicons built on top use it to mark number words.
func EachNumberWord(fn func(word string, w NumberWord)) {
	for k, w := range numberWords {
		fn(k, w)
	}
}

// CountWords reads a cardinal number written in words starting at toks[i]
// ("five", "twenty-one", "two hundred", "three thousand five hundred"). It
// returns the value and the index after the last token used; ok is false when
// toks[i] does not start one. Scale words after digits ("3.5 million") are
// the caller's business.
func CountWords(text []rune, toks []Token, i int, buf []byte) (v float64, next int, ok bool) {
	var total, cur float64
	next = i
	for j := i; j < len(toks); j++ {
		t := toks[j]
		if t.Kind == Punct && Is(text, t, '-') && !t.Space && ok && j+1 < len(toks) && !toks[j+1].Space {
			continue // "twenty-one"
		}
		if t.Kind != Word || (j > i && !t.Space && !(j > 0 && Is(text, toks[j-1], '-'))) {
			break
		}
		buf = AppendLower(buf[:0], text, t)
		w, found := numberWords[string(buf)]
		if !found {
			// "and" inside "two hundred and five" joins parts of one number.
			if string(buf) == "and" && ok && cur >= 100 && j+1 < len(toks) {
				continue
			}
			break
		}
		switch w.Class {
		case Unit:
			rest := int(cur) % 100
			if ok && rest != 0 && !(rest >= 20 && rest%10 == 0 && w.Value > 0 && w.Value < 10) {
				return total + cur, next, true
			}
			cur += w.Value
		case Ten:
			if ok && int(cur)%100 != 0 {
				return total + cur, next, true
			}
			cur += w.Value
		case Hundred:
			if !ok {
				return 0, i, false
			}
			cur *= 100
		case Scale:
			if !ok {
				return 0, i, false
			}
			total += cur * w.Value
			cur = 0
		default:
			if !ok {
				return 0, i, false
			}
			return total + cur, next, true
		}
		ok = true
		next = j + 1
	}
	return total + cur, next, ok
}
