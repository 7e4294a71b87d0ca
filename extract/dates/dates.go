// Package dates finds date expressions in news text and resolves them to
// ISO 8601 calendar values.
//
// Spans follow the wikinews-dev conventions: the temporal noun phrase without
// its preposition ("Monday night", "late August", "the next morning",
// "four years earlier"); a range "August 22 to 25" gives two spans.
// Values are YYYY-MM-DD, YYYY-MM or YYYY. Deictic expressions ("yesterday",
// "last year", "eight years ago") and weekdays resolve against the
// publication date, a weekday on or before it in a past-tense clause and on
// or after it in a future-tense one; anaphoric ones ("the previous day",
// "four years earlier") against the last date mentioned before them, and
// "that day", "that year" against the last one in the same paragraph or the
// one before. Without a publication date only what the text spells out gets
// a value; weeks, weekends, seasons and decades never do.
package dates

import (
	"time"
	"unicode"

	"github.com/docset/docset/extract/internal/lex"
	"github.com/docset/docset/schema"
)

// precision of a resolved value.
type precision int8

const (
	none precision = iota
	year
	month
	day
)

// when is a resolved (or unresolvable, p == none) calendar value.
type when struct {
	t time.Time
	p precision
}

func (w when) String() string {
	switch w.p {
	case year:
		return w.t.Format("2006")
	case month:
		return w.t.Format("2006-01")
	case day:
		return w.t.Format("2006-01-02")
	}
	return ""
}

// match is one date expression over tokens [from, to).
type match struct {
	from, to int
	val      when
	quoted   bool // inside a quotation
}

// Find returns the date expressions of text in text order, with ids d1, d2,
// ...; published, when known, is the date the text was written.
func Find(text []rune, published *time.Time) []schema.Date {
	return FindIn(lex.NewText(text, ""), tokens(text), published)
}

// FindIn is Find over a shared Text and toks, the tokens lex.Tokens cuts
// it into, so that extractors working on the same text share one
// tokenization and take span texts as substrings. toks is only read, and
// not kept.
func FindIn(t *lex.Text, toks []lex.Token, published *time.Time) []schema.Date {
	text := t.Runes
	f := newFinder(text, toks, published)
	f.run()
	out := make([]schema.Date, 0, len(f.found))
	for k, m := range f.found {
		start, end := f.toks[m.from].Start, f.toks[m.to-1].End
		d := schema.Date{ID: dateIDs.ID(k + 1), Start: start, End: end, Text: t.Span(start, end)}
		if m.val.p != none {
			s := m.val.String()
			d.Value = &s
		}
		out = append(out, d)
	}
	return out
}

type finder struct {
	text []rune
	toks []lex.Token
	// words and inQuote are worked out as rules reach the tokens, so
	// that Dateline, which reads the first lines, does not pay for the
	// whole text: words[i] is 1 plus token i's index into wordTable, 0
	// until looked up; inQuote holds the tokens before quoted, open is
	// whether a quotation is open after them.
	words   []uint16
	inQuote []bool // token lies inside a quotation
	quoted  int
	open    bool
	pub     when // publication day, p == none when unknown
	found   []match
	buf     []byte
}

func tokens(text []rune) []lex.Token {
	return lex.Tokens(text, make([]lex.Token, 0, len(text)/4+1))
}

func newFinder(text []rune, toks []lex.Token, published *time.Time) *finder {
	f := &finder{text: text, toks: toks}
	if published != nil {
		y, m, d := published.Date()
		f.pub = when{time.Date(y, m, d, 0, 0, 0, 0, time.UTC), day}
	}
	f.words = make([]uint16, len(f.toks))
	f.inQuote = make([]bool, len(f.toks))
	return f
}

// wordAt is the role of token i, looked up at the first call.
func (f *finder) wordAt(i int) word {
	if f.words[i] == 0 {
		f.words[i] = 1
		if t := f.toks[i]; (t.Kind == lex.Word || t.Kind == lex.Punct) && t.End-t.Start <= maxWordLen && wordShape.MayBe(f.text, t) {
			f.buf = lex.AppendLower(f.buf[:0], f.text, t)
			f.words[i] += wordIndex[string(f.buf)]
		}
	}
	return wordTable[f.words[i]-1]
}

// inQuotation reports whether token i lies inside a quotation, following
// the quotation marks from where the last call left off.
func (f *finder) inQuotation(i int) bool {
	for ; f.quoted <= i; f.quoted++ {
		t := f.toks[f.quoted]
		if t.Break {
			f.open = false
		}
		switch {
		case lex.Is(f.text, t, '"'):
			f.open = !f.open
		case lex.Is(f.text, t, '“'):
			f.open = true
		case lex.Is(f.text, t, '”'):
			f.open = false
		default:
			f.inQuote[f.quoted] = f.open
		}
	}
	return f.inQuote[i]
}

func (f *finder) run() {
	for i := 0; i < len(f.toks); {
		n := len(f.found)
		if f.at(i) {
			i = f.found[len(f.found)-1].to
			// A match may reach back over an edge word ("late August");
			// never let it overlap the one before.
			if n > 0 && f.found[n].from < f.found[n-1].to {
				f.found = append(f.found[:n], f.found[n+1:]...)
			}
			continue
		}
		i++
	}
}

// add records a match.
func (f *finder) add(from, to int, v when) {
	f.found = append(f.found, match{from, to, v, f.inQuotation(from)})
}

// speechWindow is how far before publication a reported event may lie for
// its date to stand as the time a quotation was spoken.
const speechWindow = 7

// now is the time deictic words at token i count from. Outside quotations
// it is the publication date. Inside one it is when the words were said:
// news reports speech at the event it last dated, so the last day named
// outside quotations, when that day lies in the week before publication.
func (f *finder) now(i int) when {
	if !f.inQuotation(i) || f.pub.p == none {
		return f.pub
	}
	for k := len(f.found) - 1; k >= 0; k-- {
		m := f.found[k]
		if m.quoted || m.val.p != day {
			continue
		}
		if age := f.pub.t.Sub(m.val.t); age >= 0 && age <= speechWindow*24*time.Hour {
			return m.val
		}
		break
	}
	return f.pub
}

// at tries every rule at token i, longest forms first; it records what it
// finds and reports whether anything matched.
func (f *finder) at(i int) bool {
	switch t := f.toks[i]; t.Kind {
	case lex.Number:
		return f.iso(i) || f.dayFirst(i) || f.relative(i) || f.year(i)
	case lex.Mixed:
		return f.dayFirst(i) || f.decade(i)
	case lex.Word:
	default:
		return false
	}
	w := f.wordAt(i)
	switch {
	case w.weekday > 0 || w.weekdayAbbr > 0:
		return f.weekday(i)
	case w.month > 0 || w.monthAbbr > 0:
		return f.monthFirst(i, f.edgeBefore(i))
	case w.isDeictic:
		return f.deictic(i)
	case w.demonstrative:
		return f.thatDay(i)
	}
	if f.is(i, "the") {
		return f.anaphoric(i) || f.inThe(i) || f.theWeekend(i)
	}
	return f.determined(i) || w.count && f.relative(i)
}

// is reports whether word token i is s (lower case) in any case.
func (f *finder) is(i int, s string) bool {
	if i < 0 || i >= len(f.toks) || f.toks[i].Kind != lex.Word || f.toks[i].End-f.toks[i].Start > len(s) {
		return false
	}
	f.buf = lex.AppendLower(f.buf[:0], f.text, f.toks[i])
	return string(f.buf) == s
}

func (f *finder) word(i int) word {
	if i < 0 || i >= len(f.words) {
		return word{}
	}
	return f.wordAt(i)
}

func (f *finder) isPunct(i int, r rune) bool {
	return i >= 0 && i < len(f.toks) && lex.Is(f.text, f.toks[i], r)
}

// glued reports whether token i follows token i-1 with no space.
func (f *finder) glued(i int) bool {
	return i > 0 && i < len(f.toks) && !f.toks[i].Space
}

func (f *finder) capitalized(i int) bool {
	return i >= 0 && i < len(f.toks) && lex.Capitalized(f.text, f.toks[i])
}

// dayNumber reads a day of the month at i: "4", "04", "4th".
func (f *finder) dayNumber(i int) (int, bool) {
	if i >= len(f.toks) {
		return 0, false
	}
	t := f.toks[i]
	var d int
	switch t.Kind {
	case lex.Number:
		v, n, ok := lex.Digits(f.text, t)
		if !ok || n > 2 {
			return 0, false
		}
		d = v
	case lex.Mixed:
		s := f.text[t.Start:t.End]
		k := 0
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			d = d*10 + int(s[k]-'0')
			k++
		}
		if k == 0 || k > 2 || !isOrdinalSuffix(s[k:]) {
			return 0, false
		}
	default:
		return 0, false
	}
	if d < 1 || d > 31 {
		return 0, false
	}
	// "10:30", "10%", "10-year" and "10/12" are not days; "27:" is.
	if i+1 < len(f.toks) && f.glued(i+1) {
		gluedAfter := i+2 < len(f.toks) && f.glued(i+2)
		if f.isPunct(i+1, '%') || gluedAfter && (f.isPunct(i+1, ':') || f.isPunct(i+1, '-') || f.isPunct(i+1, '/')) {
			return 0, false
		}
	}
	if f.glued(i) && i > 0 && (f.toks[i-1].Kind != lex.Punct || f.isPunct(i-1, '$') || f.isPunct(i-1, '-') || f.isPunct(i-1, '/') || f.isPunct(i-1, ':')) {
		return 0, false
	}
	return d, true
}

func isOrdinalSuffix(s []rune) bool {
	if len(s) != 2 {
		return false
	}
	a, b := unicode.ToLower(s[0]), unicode.ToLower(s[1])
	return a == 's' && b == 't' || a == 'n' && b == 'd' || a == 'r' && b == 'd' || a == 't' && b == 'h'
}

// yearNumber reads a four-digit year at i.
func (f *finder) yearNumber(i int) (int, bool) {
	if i >= len(f.toks) {
		return 0, false
	}
	v, n, ok := lex.Digits(f.text, f.toks[i])
	if !ok || n != 4 || v < 1000 || v > 2199 {
		return 0, false
	}
	if i+1 < len(f.toks) && f.glued(i+1) && (f.toks[i+1].Kind != lex.Punct || f.isPunct(i+1, '%') || f.isPunct(i+1, ':')) {
		return 0, false
	}
	return v, true
}

// monthAt reads a month name at i and returns the token after it (after the
// dot of an abbreviation). strong is false for abbreviations and month
// names that are also common words: those need a day or year next to them.
func (f *finder) monthAt(i int) (m, next int, strong, ok bool) {
	if i >= len(f.toks) || f.toks[i].Kind != lex.Word || !f.capitalized(i) {
		return 0, 0, false, false
	}
	w := f.wordAt(i)
	switch {
	case w.month > 0:
		return int(w.month), i + 1, !w.weak, true
	case w.monthAbbr > 0:
		if f.isPunct(i+1, '.') && f.glued(i+1) {
			return int(w.monthAbbr), i + 2, false, true
		}
		return int(w.monthAbbr), i + 1, false, true
	}
	return 0, 0, false, false
}

// calendar is a date read from the text; y == 0 when no year was written.
type calendar struct{ y, m, d int }

// monthDay reads "January 4", "Jan. 4th", "January 4, 2019", "March 9 2014".
func (f *finder) monthDay(i int) (c calendar, next int, ok bool) {
	m, j, strong, ok := f.monthAt(i)
	if !ok {
		return c, 0, false
	}
	d, ok := f.dayNumber(j)
	if !ok || !strong && f.followedByUnit(j) {
		return c, 0, false
	}
	c = calendar{m: m, d: d}
	next = j + 1
	if y, ok := f.yearNumber(next); ok {
		c.y, next = y, next+1
	} else if f.isPunct(next, ',') {
		if y, ok := f.yearNumber(next + 1); ok {
			c.y, next = y, next+2
		}
	}
	return c, next, true
}

// followedByUnit rejects "May 5 people" style counts after a month name: a
// lower-case plural word right after the number.
func (f *finder) followedByUnit(i int) bool {
	return f.pluralNoun(i + 1)
}

// pluralNoun reports whether token i looks like a lower-case plural noun
// ("people", "levels") or a scale word ("million").
func (f *finder) pluralNoun(i int) bool {
	if i >= len(f.toks) || f.toks[i].Kind != lex.Word || f.capitalized(i) {
		return false
	}
	f.buf = lex.AppendLower(f.buf[:0], f.text, f.toks[i])
	s := f.buf
	if nw, ok := lex.LookupNumber(s); ok && (nw.Class == lex.Scale || nw.Class == lex.Hundred) {
		return true
	}
	if string(s) == "people" || len(s) < 3 || f.wordAt(i).notPlural {
		return false
	}
	last, prev := s[len(s)-1], s[len(s)-2]
	return last == 's' && prev != 's' && prev != 'u' && prev != 'i' && prev != '\''
}

// dayMonth reads "4 January 2019", "10 September", "4th of July" at i.
func (f *finder) dayMonth(i int) (c calendar, next int, ok bool) {
	d, ok := f.dayNumber(i)
	if !ok {
		return c, 0, false
	}
	j := i + 1
	if f.is(j, "of") {
		j++
	}
	m, j, _, ok := f.monthAt(j)
	if !ok {
		return c, 0, false
	}
	c = calendar{m: m, d: d}
	next = j
	if y, ok := f.yearNumber(next); ok {
		c.y, next = y, next+1
	} else if f.isPunct(next, ',') {
		if y, ok := f.yearNumber(next + 1); ok {
			c.y, next = y, next+2
		}
	}
	return c, next, true
}

// resolve turns a calendar date into a value: the written year, else the
// publication year (or the year before, see yearFor), else nothing.
func (f *finder) resolve(c calendar) when {
	y := c.y
	if y == 0 {
		if f.pub.p == none {
			return when{}
		}
		y = f.yearFor(c.m, max(c.d, 1))
	}
	if c.d > daysIn(y, c.m) {
		return when{}
	}
	return when{time.Date(y, time.Month(c.m), c.d, 0, 0, 0, 0, time.UTC), day}
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// iso reads 2019-01-04.
func (f *finder) iso(i int) bool {
	y, n, ok := lex.Digits(f.text, f.toks[i])
	if !ok || n != 4 || i+4 >= len(f.toks) || f.glued(i) && i > 0 && f.toks[i-1].Kind != lex.Punct {
		return false
	}
	m, mn, ok1 := lex.Digits(f.text, f.toks[i+2])
	d, dn, ok2 := lex.Digits(f.text, f.toks[i+4])
	if !ok1 || !ok2 || mn != 2 || dn != 2 || !f.isPunct(i+1, '-') || !f.isPunct(i+3, '-') {
		return false
	}
	for k := i + 1; k <= i+4; k++ {
		if !f.glued(k) {
			return false
		}
	}
	if i+5 < len(f.toks) && f.glued(i+5) && f.toks[i+5].Kind != lex.Punct {
		return false
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return false
	}
	f.add(i, i+5, when{time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), day})
	return true
}

// dayFirst reads a day-first date at token at: "4 January 2019", and
// "22 to 25 August" as two dates.
func (f *finder) dayFirst(at int) bool {
	if c, next, ok := f.dayMonth(at); ok {
		f.add(at, next, f.resolve(c))
		return true
	}
	// "22 to 25 August": the first day takes the second one's month.
	d, ok := f.dayNumber(at)
	if !ok || !f.word(at+1).rng {
		return false
	}
	c, next, ok := f.dayMonth(at + 2)
	if !ok {
		return false
	}
	f.add(at, at+1, f.resolve(calendar{c.y, c.m, d}))
	f.add(at+2, next, f.resolve(c))
	return true
}

// monthFirst reads dates that begin with a month name at i; edge is the
// token where the span starts (an "early"/"late"/"mid" before the month).
func (f *finder) monthFirst(i, edge int) bool {
	if c, next, ok := f.monthDay(i); ok {
		v := f.resolve(c)
		f.add(i, next, v)
		f.rangeEnd(next, c)
		return true
	}
	m, j, strong, ok := f.monthAt(i)
	if !ok {
		return false
	}
	// "July 2019", "January of 2018", "January, 2019".
	k := j
	if f.isPunct(k, ',') || f.is(k, "of") {
		k++
	}
	if y, ok := f.yearNumber(k); ok {
		f.add(edge, k+1, when{time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC), month})
		return true
	}
	// "February last year", "January of last year".
	k = j
	if f.is(k, "of") {
		k++
	}
	if w := f.word(k); w.isDeterminer && f.word(k+1).unit == unitYear {
		v := when{}
		if f.pub.p != none {
			v = when{time.Date(f.pub.t.Year()+int(w.determiner), time.Month(m), 1, 0, 0, 0, 0, time.UTC), month}
		}
		f.add(edge, k+2, v)
		return true
	}
	// The month alone: weak names and abbreviations need a date preposition
	// or an edge word before them; a capitalised word after it makes it a
	// name ("August Wilson").
	if j < len(f.toks) && f.toks[j].Kind == lex.Word && f.capitalized(j) {
		return false
	}
	if j > i+1 && j >= len(f.toks) { // abbreviation with its dot at the very end
		return false
	}
	if !strong {
		pw := f.word(i - 1)
		if edge == i && !pw.yearPrep && !pw.isDeterminer && !f.is(i-1, "of") {
			return false
		}
		if f.wordAt(i).monthAbbr > 0 && j == i+1 {
			return false
		}
	}
	f.add(edge, j, f.monthOnly(m, f.word(i-1)))
	return true
}

// monthOnly resolves a month without a year: the publication year, or for
// "last/next January" the nearest one before or after the publication.
func (f *finder) monthOnly(m int, before word) when {
	if f.pub.p == none {
		return when{}
	}
	y := f.yearFor(m, 1)
	if before.isDeterminer {
		y = f.pub.t.Year()
		switch pm := int(f.pub.t.Month()); {
		case before.determiner < 0 && m >= pm:
			y--
		case before.determiner > 0 && m <= pm:
			y++
		}
	}
	return when{time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC), month}
}

// yearFor picks the year of a month and day written without one. News
// reports mostly what has happened, so a date that would lie far after
// publication ("November" in a January article) is last year's. Announced
// events can lie half a year ahead ("to be held from November 20" in May),
// so only dates more than eight months ahead move back.
func (f *finder) yearFor(m, d int) int {
	y := f.pub.t.Year()
	if time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).After(f.pub.t.AddDate(0, 8, 0)) {
		return y - 1
	}
	return y
}

// edgeBefore returns where a month's or year's span starts: at an "early",
// "late" or "mid" right before it ("late August", "mid-2018"), at a
// determiner before a month ("last January"), else at token i.
func (f *finder) edgeBefore(i int) int {
	if f.isPunct(i-1, '-') && f.glued(i) && f.glued(i-1) && f.word(i-2).edge {
		return i - 2
	}
	if f.word(i-1).edge && f.toks[i].Space {
		return i - 1
	}
	if f.word(i-1).isDeterminer && f.toks[i].Space && !f.is(i-2, "the") && f.toks[i].Kind == lex.Word {
		return i - 1 // "last January"
	}
	return i
}

// rangeEnd reads the second day of "August 22 to 25" after a month-day date.
func (f *finder) rangeEnd(i int, c calendar) {
	if !f.word(i).rng {
		return
	}
	d, ok := f.dayNumber(i + 1)
	if !ok || f.followedByUnit(i+1) {
		return
	}
	if _, _, _, isMonth := f.monthAt(i + 2); isMonth {
		return // "22 to 25 August" is read from the day
	}
	next := i + 2
	c.d = d
	if y, ok := f.yearNumber(next); ok {
		c.y, next = y, next+1
	} else if f.isPunct(next, ',') {
		if y, ok := f.yearNumber(next + 1); ok {
			c.y, next = y, next+2
		}
	}
	if c.y != 0 && f.found[len(f.found)-1].val.p == day {
		// "August 22 to 25, 2019": the year belongs to both.
		first := &f.found[len(f.found)-1]
		first.val = f.resolve(calendar{c.y, int(first.val.t.Month()), first.val.t.Day()})
	}
	f.add(i+1, next, f.resolve(c))
}

// weekday reads "Friday, January 4, 2019", "Monday", "Monday night",
// "last Monday" (the determiner is read by determined).
func (f *finder) weekday(i int) bool {
	w := f.wordAt(i)
	if f.inName(i) {
		return false
	}
	j := i + 1
	if f.isPunct(j, '.') && w.weekdayAbbr > 0 {
		j++
	}
	k := j
	if f.isPunct(k, ',') {
		k++
	}
	if c, next, ok := f.monthDay(k); ok {
		f.add(i, next, f.resolve(c))
		f.rangeEnd(next, c)
		return true
	}
	if c, next, ok := f.dayMonth(k); ok {
		f.add(i, next, f.resolve(c))
		return true
	}
	if w.weekday == 0 || !f.capitalized(i) {
		return false
	}
	end := i + 1
	if f.word(end).part && !f.capitalized(end) {
		end++
	}
	f.add(f.partBefore(i), end, f.weekdayValue(int(w.weekday)-1, f.pub, f.tenseDir(i), true))
	return true
}

// partBefore returns where a day word's span starts: at a part of day
// before it ("noon today", "midday Thursday"), else at token i.
func (f *finder) partBefore(i int) int {
	if i > 0 && f.word(i-1).partBefore && f.toks[i].Space && (len(f.found) == 0 || f.found[len(f.found)-1].to < i) {
		return i - 1
	}
	return i
}

// weekdayValue is the weekday wd nearest to ref in direction dir: -1 the
// most recent before it, +1 the first after it; ref itself counts when
// inclusive ("said Monday" in a Monday article is that day).
func (f *finder) weekdayValue(wd int, ref when, dir int, inclusive bool) when {
	if ref.p != day {
		return when{}
	}
	delta := wd - int(ref.t.Weekday())
	if dir < 0 {
		if delta > 0 || delta == 0 && !inclusive {
			delta -= 7
		}
	} else if delta < 0 || delta == 0 && !inclusive {
		delta += 7
	}
	return when{ref.t.AddDate(0, 0, delta), day}
}

// How far around a weekday its sentence is read for the tense.
const tenseWindow = 40

// tenseDir is +1 when the clause of a weekday at token i speaks of what is
// to come ("will vote on Friday", "is scheduled for Sunday"), else -1: news
// reports what has happened. The tense marker nearest to the weekday in its
// sentence decides, one in its own clause (between commas) first.
func (f *finder) tenseDir(i int) int {
	lo, hi := i, i+1
	for lo > 0 && lo > i-tenseWindow && !f.toks[lo].Break && !f.sentenceEnd(lo-1) {
		lo--
	}
	for hi < len(f.toks) && hi < i+tenseWindow && !f.toks[hi].Break && !f.sentenceEnd(hi-1) {
		hi++
	}
	var best int8
	bestDist, bestOwn := 0, false
	own := true
	for j := i - 1; j >= lo; j-- {
		own = own && !f.clauseMark(j)
		if t := f.tenseAt(j); t != 0 && (own && !bestOwn || own == bestOwn && (best == 0 || i-j < bestDist)) {
			best, bestDist, bestOwn = t, i-j, own
		}
	}
	own = true
	for j := i + 1; j < hi; j++ {
		own = own && !f.clauseMark(j)
		if t := f.tenseAt(j); t != 0 && (own && !bestOwn || own == bestOwn && (best == 0 || j-i < bestDist)) {
			best, bestDist, bestOwn = t, j-i, own
		}
	}
	if best == tenseFuture {
		return 1
	}
	return -1
}

// sentenceEnd reports whether token i ends a sentence.
func (f *finder) sentenceEnd(i int) bool {
	return f.isPunct(i, '.') || f.isPunct(i, '!') || f.isPunct(i, '?')
}

// clauseMark reports whether token i bounds a clause: a comma, semicolon,
// colon, dash or quotation mark.
func (f *finder) clauseMark(i int) bool {
	if f.toks[i].Kind != lex.Punct {
		return false
	}
	switch f.text[f.toks[i].Start] {
	case ',', ';', ':', '—', '"', '“', '”':
		return true
	}
	return false
}

// tenseAt is the tense token j shows: tensePast or tenseFuture, 0 for none.
// A form after "be" is passive ("will be held"), and a planned state
// ("scheduled", "due") takes the tense of the "be" before it.
func (f *finder) tenseAt(j int) int8 {
	t := f.toks[j]
	if t.Kind != lex.Word || f.capitalized(j) {
		return 0
	}
	switch tense := f.tenseOf(j); {
	case f.is(j, "ll") && f.glued(j) || f.is(j, "won") && (f.isPunct(j+1, '\'') || f.isPunct(j+1, '’')) && f.glued(j+1):
		return tenseFuture // "we'll", "won't"
	case tense == tensePlanned:
		switch p := f.tenseOf(j - 1); {
		case p == tensePresent || f.is(j-1, "s") && f.glued(j-1):
			return tenseFuture
		case p == tensePast:
			return tensePast
		}
		return 0
	case tense == tensePresent:
		return 0
	case tense != 0 || f.edForm(j):
		if f.word(j - 1).be {
			return 0
		}
		if tense != 0 {
			return tense
		}
		return tensePast
	}
	return 0
}

// tenseOf is the tense value of word token j in tenseWords, 0 for none.
func (f *finder) tenseOf(j int) int8 {
	if j < 0 || f.toks[j].Kind != lex.Word || f.toks[j].End-f.toks[j].Start > maxTenseWordLen {
		return 0
	}
	f.buf = lex.AppendLower(f.buf[:0], f.text, f.toks[j])
	return tenseWords[string(f.buf)]
}

// maxTenseWordLen bounds the words tenseOf looks up.
const maxTenseWordLen = 12

// edForm reports whether word token j is a lower-case word in "-ed" of four
// letters or more ("voted", "announced").
func (f *finder) edForm(j int) bool {
	t := f.toks[j]
	n := t.End - t.Start
	return n >= 4 && f.text[t.End-2] == 'e' && f.text[t.End-1] == 'd'
}

// deictic reads "yesterday", "today", "tomorrow afternoon".
func (f *finder) deictic(i int) bool {
	w := f.wordAt(i)
	if w.deictic == 0 && f.nowadays(i) || f.inName(i) {
		return false
	}
	end := i + 1
	if f.word(end).part && !f.capitalized(end) {
		end++
	}
	f.add(f.partBefore(i), end, f.shifted(f.now(i), unitDay, int(w.deictic)))
	return true
}

// inName reports whether a capitalised word at i continues a name on the
// same line ("USA Today", "Edmonton Sun") rather than starting a sentence.
func (f *finder) inName(i int) bool {
	if !f.capitalized(i) || i == 0 || f.toks[i-1].Kind != lex.Word || !f.capitalized(i-1) || f.lineBreakBefore(i) {
		return false
	}
	p := f.wordAt(i - 1) // "On Monday", "Late Sunday", "Last Friday" start sentences
	return !p.function && !p.isDeterminer && !p.edge
}

// nowadays reports whether "today" at i means the present age rather than
// a day: "the person I am today", "today's combat positions".
func (f *finder) nowadays(i int) bool {
	if f.word(i - 1).be {
		return true
	}
	if !f.isPunct(i+1, '\'') && !f.isPunct(i+1, '’') || !f.is(i+2, "s") {
		return false
	}
	// "today's" before a plural noun (its first or second word).
	for k := i + 3; k < len(f.toks) && k < i+5 && f.toks[k].Kind == lex.Word && !f.capitalized(k); k++ {
		if f.pluralNoun(k) {
			return true
		}
	}
	return false
}

// shifted moves a reference n units and keeps the precision the unit gives.
func (f *finder) shifted(ref when, u unit, n int) when {
	if ref.p == none {
		return when{}
	}
	t := ref.t
	switch u {
	case unitDay:
		if ref.p != day {
			return when{}
		}
		return when{t.AddDate(0, 0, n), day}
	case unitMonth:
		if ref.p < month {
			return when{}
		}
		first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
		return when{first.AddDate(0, n, 0), month}
	case unitYear:
		return when{time.Date(t.Year()+n, 1, 1, 0, 0, 0, 0, time.UTC), year}
	}
	return when{}
}

// determined reads "last night", "this morning", "next week", "last year",
// "this Monday", "last January", "this past weekend", "last summer".
func (f *finder) determined(i int) bool {
	w := f.wordAt(i)
	if !w.isDeterminer || f.is(i-1, "the") {
		return false
	}
	j := i + 1
	dir := int(w.determiner)
	if w.determiner == 0 && (f.is(j, "past") || f.is(j, "coming")) {
		// "this past week", "this coming Friday"
		if dir = -1; f.is(j, "coming") {
			dir = 1
		}
		j++
	}
	if j >= len(f.toks) || f.toks[j].Kind != lex.Word {
		return false
	}
	n := f.wordAt(j)
	switch {
	case n.part && !f.capitalized(j):
		off := int(w.determiner)
		f.add(i, j+1, f.shifted(f.now(i), unitDay, off))
	case n.weekday > 0 && f.capitalized(j):
		// "last Friday", "next Friday", "this coming Friday" are never
		// today; "this Friday" is this week's, before or after as the
		// clause's tense says.
		switch {
		case dir != 0:
			f.add(i, j+1, f.weekdayValue(int(n.weekday)-1, f.now(i), dir, false))
		default:
			f.add(i, j+1, f.weekdayValue(int(n.weekday)-1, f.now(i), f.tenseDir(j), true))
		}
	case n.month > 0 && f.capitalized(j):
		return f.monthFirst(j, i)
	case n.season:
		f.add(i, j+1, when{})
	case n.unit == unitWeek || n.unit == unitWeekend:
		f.add(i, j+1, when{})
	case n.unit == unitMonth || n.unit == unitYear:
		if !f.is(j, "month") && !f.is(j, "year") {
			return false // "last years" is not a date
		}
		f.add(i, j+1, f.shifted(f.now(i), n.unit, int(w.determiner)))
	default:
		return false
	}
	return true
}

// anchor is the last date found with at least precision p, else the
// publication date: what "the next day" or "four years earlier" count from.
func (f *finder) anchor(p precision) when {
	for k := len(f.found) - 1; k >= 0; k-- {
		if f.found[k].val.p >= p {
			return f.found[k].val
		}
	}
	return f.pub
}

// unitPrecision is the precision a unit needs from its anchor.
func unitPrecision(u unit) precision {
	switch u {
	case unitDay:
		return day
	case unitMonth:
		return month
	case unitYear:
		return year
	}
	return none
}

// anaphoric reads "the next morning", "the previous day", "the following
// Monday", "the same day", "the year before" at "the" (token i).
func (f *finder) anaphoric(i int) bool {
	a := f.word(i + 1)
	if a.isAnaphor {
		j := i + 2
		if j >= len(f.toks) || f.toks[j].Kind != lex.Word {
			return false
		}
		n := f.wordAt(j)
		off := int(a.anaphor)
		switch {
		case n.part || n.unit == unitDay:
			f.add(i, j+1, f.shifted(f.anchor(day), unitDay, off))
		case n.weekday > 0 && f.capitalized(j) && off != 0:
			f.add(i, j+1, f.weekdayValue(int(n.weekday)-1, f.anchor(day), off, false))
		case n.unit == unitWeek || n.unit == unitWeekend:
			f.add(i, j+1, when{})
		case n.unit == unitMonth || n.unit == unitYear:
			if !f.singular(n.unit, j) {
				return false
			}
			f.add(i, j+1, f.shifted(f.anchor(unitPrecision(n.unit)), n.unit, off))
		default:
			return false
		}
		return true
	}
	// "the year before", "the day after" closing a clause.
	u := a.unit
	s := f.word(i + 2).shift
	if u == noUnit || s == 0 || !f.singular(u, i+1) || !f.clauseEnd(i+3) {
		return false
	}
	switch u {
	case unitDay, unitMonth, unitYear:
		f.add(i, i+3, f.shifted(f.anchor(unitPrecision(u)), u, int(s)))
	case unitWeek, unitWeekend:
		f.add(i, i+3, when{})
	default:
		return false
	}
	return true
}

// thatDay reads "that day", "that same morning", "that year" at "that"
// (token i): the date it refers back to, the last one named with enough
// precision in its paragraph or the one before; none when there is none.
func (f *finder) thatDay(i int) bool {
	j := i + 1
	if f.is(j, "same") {
		j++
	}
	if j >= len(f.toks) || f.toks[j].Kind != lex.Word || f.capitalized(j) || f.isPunct(j+1, '-') && f.glued(j+1) {
		return false // "that day-to-day work"
	}
	var u unit
	switch n := f.word(j); {
	case n.part || f.is(j, "day"):
		u = unitDay
	case f.is(j, "month"):
		u = unitMonth
	case f.is(j, "year"):
		u = unitYear
	case f.is(j, "week") || f.is(j, "weekend"):
		f.add(i, j+1, when{})
		return true
	default:
		return false
	}
	f.add(i, j+1, f.shifted(f.referredTo(i, unitPrecision(u)), u, 0))
	return true
}

// referredTo is the last date found with at least precision p in the
// paragraph of token i or the one before it.
func (f *finder) referredTo(i int, p precision) when {
	start, breaks := 0, 0
	for k := i; k > 0; k-- {
		if f.toks[k].Break {
			if breaks++; breaks == 2 {
				start = k
				break
			}
		}
	}
	for k := len(f.found) - 1; k >= 0 && f.found[k].from >= start; k-- {
		if f.found[k].val.p >= p {
			return f.found[k].val
		}
	}
	return when{}
}

// singular reports whether token i names unit u in the singular.
func (f *finder) singular(u unit, i int) bool {
	switch u {
	case unitDay:
		return f.is(i, "day")
	case unitMonth:
		return f.is(i, "month")
	case unitYear:
		return f.is(i, "year")
	}
	return true
}

// clauseEnd reports whether token i ends a phrase: punctuation or the end.
func (f *finder) clauseEnd(i int) bool {
	return i >= len(f.toks) || f.toks[i].Kind == lex.Punct && !f.isPunct(i, '-')
}

// inThe reads "the month" in "earlier in the month", "later in the year".
func (f *finder) inThe(i int) bool {
	u := f.word(i + 1).unit
	if !f.is(i-1, "in") || !f.singular(u, i+1) {
		return false
	}
	if p := f.word(i - 2); p.shift == 0 && !p.edge {
		return false
	}
	switch u {
	case unitMonth, unitYear:
		a := f.anchor(unitPrecision(u))
		f.add(i, i+2, f.shifted(a, u, 0))
	case unitWeek:
		f.add(i, i+2, when{})
	default:
		return false
	}
	return true
}

// theWeekend reads "the weekend" after "over", "during", "on": a particular
// weekend, which has no value of the ISO forms used.
func (f *finder) theWeekend(i int) bool {
	if !f.word(i-1).weekendPrep || !f.is(i+1, "weekend") {
		return false
	}
	f.add(i, i+2, when{})
	return true
}

// relative reads "four years earlier", "eight years ago", "a week later".
func (f *finder) relative(i int) bool {
	if i >= len(f.toks) {
		return false
	}
	var n, next int
	switch t := f.toks[i]; t.Kind {
	case lex.Number:
		v, _, ok := lex.Digits(f.text, t)
		if !ok || v > 1000 {
			return false
		}
		n, next = v, i+1
	case lex.Word:
		if f.is(i, "a") || f.is(i, "an") {
			n, next = 1, i+1
			break
		}
		v, j, ok := lex.CountWords(f.text, f.toks, i, f.buf)
		if !ok || v != float64(int(v)) {
			return false
		}
		n, next = int(v), j
	default:
		return false
	}
	u := f.word(next).unit
	d := f.word(next + 1)
	if u == noUnit || !d.ago && d.shift == 0 || f.toks[next].Kind != lex.Word {
		return false
	}
	if !d.ago && (f.is(next+1, "before") || f.is(next+1, "after")) && !f.clauseEnd(next+2) {
		return false // "two days after the attack" counts from the attack
	}
	var v when
	switch {
	case u == unitWeek || u == unitWeekend || u == unitDecade:
	case d.ago:
		v = f.shifted(f.now(i), u, -n)
	default:
		v = f.shifted(f.anchor(unitPrecision(u)), u, int(d.shift)*n)
	}
	f.add(i, next+2, v)
	return true
}

// year reads a year standing alone: "in 2011", "the 2019 Chicago Marathon".
// Numbers outside 1900-2100 need a date preposition before them, and none
// may count something ("2000 people", "2,019").
func (f *finder) year(i int) bool {
	y, ok := f.yearNumber(i)
	if !ok {
		return false
	}
	if f.glued(i) {
		if p := i - 1; f.toks[p].Kind == lex.Punct && !f.isPunct(p, '(') && !f.isPunct(p, '-') && !f.isPunct(p, '[') && !f.isPunct(p, '"') && !f.isPunct(p, '“') {
			return false // "$2019", "#2019", "No.2019"
		}
		if f.isPunct(i-1, '-') && i >= 2 && f.glued(i-1) && f.toks[i-2].Kind != lex.Word {
			return false // "1-2019" is a code
		}
	}
	// "2000 people", "a 2000 year old tradition" count; after a name the
	// year is part of it and the next word a verb ("Fest 2019 continues").
	named := f.capitalized(i-1) && f.toks[i-1].Kind == lex.Word && f.toks[i].Space && !f.word(i-1).function
	// "his 2008 and 2010 runs": the second of two joined years is one too.
	joined := i >= 2 && f.word(i-1).rng && len(f.found) > 0 && f.found[len(f.found)-1].to == i-1 && f.found[len(f.found)-1].val.p == year
	if f.pluralNoun(i+1) && !named && !joined || f.word(i+1).unit == unitYear {
		return false
	}
	if (y < 1900 || y > 2100) && !f.word(i-1).yearPrep {
		return false
	}
	f.add(f.edgeBefore(i), i+1, when{time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), year})
	return true
}

// decade reads "1960s"; decades have no value of the ISO forms used.
func (f *finder) decade(i int) bool {
	t := f.toks[i]
	s := f.text[t.Start:t.End]
	if len(s) != 5 || s[4] != 's' || s[3] != '0' {
		return false
	}
	v := 0
	for _, r := range s[:4] {
		if r < '0' || r > '9' {
			return false
		}
		v = v*10 + int(r-'0')
	}
	if v < 1000 || v > 2100 {
		return false
	}
	f.add(i, i+1, when{})
	return true
}

// dateIDs are the ids of dates: d1, d2, ...
var dateIDs = lex.NewIDs("d")
