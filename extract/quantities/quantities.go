// Package quantities finds counted and measured amounts in news text: "30
// warplanes", "3.5 million people", "$2.5 billion", "15%", "about 200 km",
// "five teen girls".
//
// The span runs from the amount (or its currency sign) to the unit; an
// approximation word before it ("over", "about", "at least") stays outside,
// as a preposition stays outside a date span, so "over 10 warships" gives
// "10 warships". The value is the amount as a number, the unit a canonical
// measure ("km", "percent"), an ISO 4217 code for money, or the counted noun
// as written ("warships"). Amounts with nothing named after them (scores,
// ages, bare numbers), vague ones ("dozens", "hundreds of"), fractions ("a
// third"), ordinals, years and other parts of dates, codes ("COVID-19",
// "K2-18b"), phone numbers and times of day are not quantities.
package quantities

import (
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/docset/docset/extract/internal/lex"
	"github.com/docset/docset/schema"
)

// maxNounWords is how many words may stand between an amount and the noun
// it counts ("five teen girls", "900 asylum seekers").
const maxNounWords = 3

// Find returns the quantities of text in text order with ids n1, n2, ...;
// dates are the date expressions already found in it, whose numbers are not
// quantities.
func Find(text []rune, dates []schema.Date) []schema.Quantity {
	return FindIn(lex.NewText(text, ""), lex.Tokens(text, make([]lex.Token, 0, len(text)/4+1)), dates)
}

// FindIn is Find over a shared Text and toks, the tokens lex.Tokens cuts
// it into, so that extractors working on the same text share one
// tokenization and take span texts as substrings. toks is only read, and
// not kept.
func FindIn(t *lex.Text, toks []lex.Token, dates []schema.Date) []schema.Quantity {
	text := t.Runes
	f := &finder{text: text, str: t, toks: toks}
	f.inDate = datedTokens(f.toks, dates)
	var out []schema.Quantity
	for i := 0; i < len(f.toks); {
		q, ok := f.at(i)
		if ok && (math.IsInf(q.value, 0) || math.IsNaN(q.value)) {
			ok = false // a run of digits too long for a float is no amount JSON can hold
		}
		if !ok {
			i++
			continue
		}
		start, end := f.toks[q.from].Start, f.toks[q.to-1].End
		unit := q.unit
		out = append(out, schema.Quantity{
			ID: quantityIDs.ID(len(out) + 1), Start: start, End: end,
			Text: t.Span(start, end), Value: q.value, Unit: &unit,
		})
		i = q.to
	}
	return out
}

// datedTokens marks the tokens that overlap a date span.
func datedTokens(toks []lex.Token, dates []schema.Date) []bool {
	in := make([]bool, len(toks))
	spans := make([][2]int, 0, len(dates))
	for _, d := range dates {
		spans = append(spans, [2]int{d.Start, d.End})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	k := 0
	for i, t := range toks {
		for k < len(spans) && spans[k][1] <= t.Start {
			k++
		}
		for j := k; j < len(spans) && spans[j][0] < t.End; j++ {
			if spans[j][1] > t.Start {
				in[i] = true
				break
			}
		}
	}
	return in
}

type finder struct {
	text   []rune
	str    *lex.Text // text as a string
	toks   []lex.Token
	inDate []bool
	buf    []byte
	key    []byte
}

// quantity is a match over tokens [from, to).
type quantity struct {
	from, to int
	value    float64
	unit     string
}

func (f *finder) at(i int) (quantity, bool) {
	if f.inDate[i] || !f.mayStart(i) {
		return quantity{}, false
	}
	// A currency sign before the amount: "$2.5 billion", "US$ 20,000".
	if e, j, ok := f.unit(i); ok && e.class == symbol {
		if !f.toks[i].Space && i > 0 && f.toks[i-1].Kind != lex.Punct {
			return quantity{}, false
		}
		v, next, ok := f.amount(j, true)
		if !ok || next > j+1 && f.inDate[next-1] {
			return quantity{}, false
		}
		return quantity{i, next, v, e.unit}, true
	}
	if code, ok := f.code(i); ok && i+1 < len(f.toks) && f.toks[i+1].Space { // "USD 5 million"
		if v, next, ok := f.amount(i+1, true); ok {
			if _, _, counted := f.countedNoun(next, v); !counted { // "ALL 50 states" counts states
				return quantity{i, next, v, code}, true
			}
		}
	}
	v, next, ok := f.amount(i, false)
	if !ok || f.isCode(i, next-1) || f.isTime(next) || f.afterName(i) || f.reference(i) {
		return quantity{}, false
	}
	// A unit glued to the number ("200km") comes out of amount as a suffix.
	if e, j, ok := f.unit(next); ok {
		switch e.class {
		case measure, currency, count:
			if e.class == measure && e.unit == "percent" || f.toks[next].Space || f.toks[next].Kind != lex.Word {
				return quantity{i, j, v, e.unit}, true
			}
		case symbol, timeMark, stop, scale:
			return quantity{}, false
		}
	}
	if suffix, ok := f.suffixUnit(next - 1); ok {
		return quantity{i, next, v, suffix}, true
	}
	if code, ok := f.code(next); ok { // "20 million USD"
		return quantity{i, next + 1, v, code}, true
	}
	// A counted noun: the first plural word within a few words.
	if end, noun, ok := f.countedNoun(next, v); ok {
		return quantity{i, end, v, noun}, true
	}
	return quantity{}, false
}

// mayStart is a cheap test of whether a quantity can start at token i: a
// number, a sign, a number word, an article, or a word glued to a sign.
func (f *finder) mayStart(i int) bool {
	t := f.toks[i]
	switch t.Kind {
	case lex.Number:
		return true
	case lex.Mixed:
		return isDigit(f.text[t.Start])
	case lex.Punct:
		r := f.text[t.Start]
		return r == '$' || r > unicode.MaxASCII && unicode.Is(unicode.Sc, r)
	}
	if t.End-t.Start == 3 && unicode.IsUpper(f.text[t.Start]) || f.isPunct(i+1, '$') && f.glued(i+1) {
		return true
	}
	if !lex.MayBeNumberWord(f.text, t) && !isArticle(f.text[t.Start:t.End]) {
		return false
	}
	f.lower(i)
	if _, ok := lex.LookupNumber(f.buf); ok {
		return true
	}
	return string(f.buf) == "a" || string(f.buf) == "an"
}

// isArticle reports whether w is "a" or "an" in any case: only 'A' and 'N'
// lower-case to 'a' and 'n'.
func isArticle(w []rune) bool {
	return len(w) >= 1 && len(w) <= 2 && (w[0] == 'a' || w[0] == 'A') && (len(w) == 1 || w[1] == 'n' || w[1] == 'N')
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// lower puts token i in lower case into f.buf and returns it (valid until
// the next call).
func (f *finder) lower(i int) []byte {
	f.buf = lex.AppendLower(f.buf[:0], f.text, f.toks[i])
	return f.buf
}

func (f *finder) isPunct(i int, r rune) bool {
	return i >= 0 && i < len(f.toks) && lex.Is(f.text, f.toks[i], r)
}

func (f *finder) glued(i int) bool { return i > 0 && i < len(f.toks) && !f.toks[i].Space }

// unit looks up the longest unit key starting at token i: glued tokens
// joined as written ("US$", "km/h"), spaced ones with one space ("per cent").
func (f *finder) unit(i int) (entry, int, bool) {
	var best entry
	next, found := 0, false
	f.key = f.key[:0]
	for k := i; k < len(f.toks) && k < i+maxKeyTokens; k++ {
		if k > i && f.toks[k].Space {
			f.key = append(f.key, ' ')
		}
		f.key = lex.AppendLower(f.key, f.text, f.toks[k])
		if e, ok := words.units[string(f.key)]; ok && (len(f.key) > 1 || !unicode.IsUpper(f.text[f.toks[i].Start])) {
			// One-letter units are case-sensitive: "m" is metres, "M" is not.
			best, next, found = e, k+1, true
		}
	}
	if found && f.toks[next-1].Kind != lex.Punct && next < len(f.toks) && f.glued(next) && f.toks[next].Kind != lex.Punct {
		return entry{}, 0, false // only part of a longer word
	}
	return best, next, found
}

// code reads an ISO 4217 code written in capitals ("USD", "EUR").
func (f *finder) code(i int) (string, bool) {
	if i >= len(f.toks) || f.toks[i].Kind != lex.Word || f.toks[i].End-f.toks[i].Start != 3 {
		return "", false
	}
	var b [3]byte
	for k, r := range f.text[f.toks[i].Start:f.toks[i].End] {
		if r < 'A' || r > 'Z' {
			return "", false
		}
		b[k] = byte(r)
	}
	if _, ok := words.currencies[string(b[:])]; !ok {
		return "", false
	}
	s := string(b[:])
	if i+1 < len(f.toks) && f.glued(i+1) && f.toks[i+1].Kind != lex.Punct {
		return "", false
	}
	return s, true
}

// amount reads a number at i: digits ("1,426", "3.5", "2.5bn") or words
// ("five", "twenty-one"), with a scale word after it ("3.5 million", "a
// million"). money allows "m" as million ("$30m").
func (f *finder) amount(i int, money bool) (float64, int, bool) {
	if i >= len(f.toks) || f.inDate[i] {
		return 0, 0, false
	}
	t := f.toks[i]
	var v float64
	next := i + 1
	switch t.Kind {
	case lex.Number:
		d, ok := lex.Decimal(f.text, t)
		if !ok {
			return 0, 0, false
		}
		v = d
	case lex.Mixed:
		d, suffix, ok := f.splitMixed(i)
		if !ok {
			return 0, 0, false
		}
		e, known := words.units[suffix]
		switch {
		case known && e.class == scale:
			d = lex.Times(d, e.scale)
		case money && suffix == "m":
			d = lex.Times(d, 1e6)
		case known && e.class == measure:
		default:
			return 0, 0, false
		}
		return d, next, true
	case lex.Word:
		if s := f.lower(i); string(s) == "a" || string(s) == "an" {
			// "a million people", "a dozen": only with a scale word.
			if i+1 < len(f.toks) {
				f.buf = lex.AppendLower(f.buf[:0], f.text, f.toks[i+1])
				if w, ok := lex.LookupNumber(f.buf); ok && w.Class == lex.Scale {
					v, next = w.Value, i+2
					return v, next, true
				}
			}
			return 0, 0, false
		}
		w, j, ok := lex.CountWords(f.text, f.toks, i, f.buf)
		if !ok {
			return 0, 0, false
		}
		// "one" is as often a pronoun as a number: only with a unit.
		if w == 1 {
			if e, _, ok := f.unit(j); !ok || e.class != measure {
				return 0, 0, false
			}
		}
		return w, j, true
	default:
		return 0, 0, false
	}
	// Scale words after digits: "3.5 million", "2 billion".
	for next < len(f.toks) && f.toks[next].Kind == lex.Word && !f.inDate[next] {
		f.buf = lex.AppendLower(f.buf[:0], f.text, f.toks[next])
		w, ok := lex.LookupNumber(f.buf)
		if !ok || w.Class != lex.Scale && w.Class != lex.Hundred {
			break
		}
		v = lex.Times(v, w.Value)
		next++
	}
	if money && next < len(f.toks) && f.glued(next) && f.toks[next].Kind == lex.Word && string(f.lower(next)) == "m" {
		v = lex.Times(v, 1e6)
		next++
	}
	return v, next, true
}

// splitMixed reads a Mixed token that is a number with a letter suffix
// ("2.5bn", "200km", "30m").
func (f *finder) splitMixed(i int) (float64, string, bool) {
	t := f.toks[i]
	s := f.text[t.Start:t.End]
	k := 0
	for k < len(s) && (s[k] >= '0' && s[k] <= '9' || (s[k] == '.' || s[k] == ',') && k+1 < len(s) && s[k+1] >= '0' && s[k+1] <= '9') {
		k++
	}
	if k == 0 || k == len(s) {
		return 0, "", false
	}
	for _, r := range s[k:] {
		if !unicode.IsLetter(r) {
			return 0, "", false
		}
	}
	d, ok := lex.Decimal(append([]rune(nil), s[:k]...), lex.Token{Start: 0, End: k, Kind: lex.Number})
	if !ok {
		return 0, "", false
	}
	return d, strings.ToLower(string(s[k:])), true
}

// suffixUnit returns the measure glued to the number at token i ("200km").
func (f *finder) suffixUnit(i int) (string, bool) {
	if i < 0 || f.toks[i].Kind != lex.Mixed {
		return "", false
	}
	_, suffix, ok := f.splitMixed(i)
	if !ok {
		return "", false
	}
	if e, ok := words.units[suffix]; ok && e.class == measure {
		return e.unit, true
	}
	return "", false
}

// isCode reports whether the number over tokens i..last is part of a name or code rather
// than an amount: "COVID-19", "F-16", "555-1234", "3/4", "No. 5", "#3".
func (f *finder) isCode(i, last int) bool {
	if f.glued(i) {
		p := i - 1
		if f.isPunct(p, '-') || f.isPunct(p, '/') || f.isPunct(p, '#') || f.isPunct(p, '.') || f.isPunct(p, ':') {
			return true
		}
	}
	if j := last + 1; j+1 < len(f.toks) && f.glued(j) && f.glued(j+1) && f.toks[j+1].Kind != lex.Word &&
		(f.isPunct(j, '-') || f.isPunct(j, '/') || f.isPunct(j, ':') || f.isPunct(j, '–')) {
		return true
	}
	if j := last + 1; j+1 < len(f.toks) && f.glued(j) && f.isPunct(j, '-') && f.glued(j+1) {
		return true // "10-year", "five-year-old": an adjective, not a count
	}
	return false
}

// reference reports whether a number word at i follows "the", "these" or
// "those": "the two nations" points back at nations already named rather
// than stating an amount. Digits stay amounts ("the 40 passengers").
func (f *finder) reference(i int) bool {
	if i == 0 || f.toks[i].Kind != lex.Word || f.toks[i-1].Kind != lex.Word {
		return false
	}
	e, ok := words.units[string(f.lower(i-1))]
	return ok && e.class == definite
}

// afterName reports whether the number at i follows a capitalised word
// inside a sentence, as in "CentOS 7", "HR 6819", "The Lost 52 Project":
// part of a name, not an amount. A capital that starts the sentence ("About
// 200 people") does not count.
func (f *finder) afterName(i int) bool {
	p := i - 1
	if p < 0 || f.toks[p].Kind != lex.Word || !lex.Capitalized(f.text, f.toks[p]) || !f.toks[i].Space || f.toks[p].Break {
		return false
	}
	if p == 0 {
		return false
	}
	q := f.toks[p-1]
	if q.Kind != lex.Punct {
		return !f.lineBreak(p)
	}
	switch f.text[q.Start] {
	case '.', '!', '?', '"', '“', ':', '(', '[', '—', '–', '-':
		return false
	}
	return !f.lineBreak(p)
}

// lineBreak reports whether a newline comes right before token i.
func (f *finder) lineBreak(i int) bool {
	for _, r := range f.text[f.toks[i-1].End:f.toks[i].Start] {
		if r == '\n' {
			return true
		}
	}
	return false
}

// isTime reports whether a time word follows ("8 am", "15:11 GMT").
func (f *finder) isTime(i int) bool {
	e, _, ok := f.unit(i)
	return ok && e.class == timeMark
}

// countedNoun finds the noun an amount counts: the first lower-case plural
// word within maxNounWords words, with nothing but words between.
func (f *finder) countedNoun(i int, v float64) (end int, noun string, ok bool) {
	for k := i; k < len(f.toks) && k < i+maxNounWords; k++ {
		t := f.toks[k]
		if t.Kind != lex.Word || f.inDate[k] || k > i && f.isPunct(k-1, '-') {
			return 0, "", false
		}
		s := f.lower(k)
		if e, ok := words.units[string(s)]; ok {
			switch e.class {
			case count:
				return k + 1, f.str.Span(t.Start, t.End), true
			case stop, timeMark, symbol, scale, definite:
				return 0, "", false
			}
		}
		if w, ok := lex.LookupNumber(f.buf); ok && w.Class != lex.Ordinal {
			return 0, "", false // "2 or three", "10 million" handled by amount
		}
		if plural(s) && !lex.Capitalized(f.text, t) { // "the Four Opens" is a name
			return k + 1, f.str.Span(t.Start, t.End), true
		}
		if v == 1 && k == i && !lex.Capitalized(f.text, t) {
			return 0, "", false
		}
	}
	return 0, "", false
}

// plural reports whether a lower-case word looks like a regular plural noun.
func plural(s []byte) bool {
	n := len(s)
	if n < 4 || s[n-1] != 's' {
		return false
	}
	switch s[n-2] {
	case 's', 'u', 'i', '\'':
		return false
	}
	return true
}

// quantityIDs are the ids of quantities: n1, n2, ...
var quantityIDs = lex.NewIDs("n")
