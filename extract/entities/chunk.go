package entities

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/transform"

	"github.com/docset/docset/extract/internal/lex"
	"github.com/docset/docset/schema"
)

// doc is the working state of one Find call.
type doc struct {
	r    *Recognizer
	lx   *lexicon
	text *lex.Text
	toks []token
	ms   []mention
	// known memoizes the gazetteer look-ups of each token, which several
	// rules repeat.
	known      []knownMemo
	tokScratch tokenScratch
	groups     []group               // entities' slab, kept for the next document
	folder     transform.Transformer // foldWith's, reused: building it allocates
	buf        []byte                // scratch for gazetteer keys
	// personAlias maps a shorter full name to the key of the longer name
	// it is part of ("John Luk" -> "John Jok").
	personAlias map[string]string
	// ownSentences marks a text split into sentences by markOwnSentences,
	// which cannot tell a dot that ends an abbreviation from one that
	// ends a sentence too.
	ownSentences bool
	// tentative holds the sentence-initial everyday words left out as
	// names ("Porter said"), kept when they turn out to be the short form
	// of a name in the text ("James Porter").
	tentative []int
	// capPairs holds the pairs of capitalised words ("Red Hat") whose
	// first word is an everyday word capitalised inside a sentence; nil
	// until asked.
	capPairs map[string]bool
}

// mention is a name found in the text, in tokens [s, e).
type mention struct {
	s, e    int
	typ     string // "" while unresolved
	subtype string
	role    string
	// strong marks a type decided by the name itself (gazetteer, head word,
	// title); weaker guesses give way to other mentions of the entity.
	strong bool
	titled bool   // a title or honorific stands before the name
	ctx    string // type suggested by the words around, for untyped names
	list   known  // type of the list the name stands in, for untyped names
	key    string // joinTokens of the span, once computed
	// byShape marks an organization guessed from capitals alone ("IE"),
	// which gives way to the name it abbreviates.
	byShape bool
	// guess marks a person typed by the shape of the name alone: name
	// words with no known given name or surname among them. Unless
	// another mention of the entity or the words around say it is a
	// person, it is none ("Gazeta Wyborcza", "Charoen Pokphand").
	guess bool
	cue   uint8 // personCue's answer, memoUnknown until asked
}

// guessed reports whether the mention is a person by the shape of its
// name alone.
func (m *mention) guessed() bool {
	return m.guess && m.typ == schema.TypePerson && !m.titled && m.role == ""
}

// nameWord reports whether token i can be part of a name by its form.
func (d *doc) nameWord(i int) bool {
	if i >= len(d.toks) {
		return false
	}
	t := &d.toks[i]
	if !t.word || !t.cap {
		return false
	}
	if d.lx.timeWords[t.text] && !d.monthSurname(i) {
		return false
	}
	if t.text == "I" || d.lx.nonNames[t.text] {
		return false
	}
	if len(t.text) > 2 && t.text[0] == 'I' && isApostrophe(firstRune(t.text[1:])) {
		return false // "I'm", "I’ve"
	}
	if i+1 < len(d.toks) && d.toks[i+1].start == t.end && isCurrency(d.toks[i+1].text) {
		return false // "US$", "C$": a currency, not a place
	}
	// "US-built", "Kurdish-led", "T-shirt", "Fifteen-year-old": a capital
	// before a lowercase word makes an adjective or a common noun.
	if k := strings.LastIndexAny(t.text, "-‐"); k > 0 {
		tail := t.text[k+1:]
		if tail != "" && tail[0] >= 'a' && tail[0] <= 'z' {
			if (k == 1 || d.lx.adjTails[tail] || strings.HasSuffix(tail, "ed") || d.commonParts(t.text)) && !d.givenNameBeside(i) {
				return false
			}
		}
	}
	return true
}

// monthSurname reports whether the month name at i is a surname: right
// after a given name and before no number ("Theresa May said", not "on
// Friday May 3" or "in May 2019").
func (d *doc) monthSurname(i int) bool {
	if i == 0 || len(d.toks[i].text) < 3 || d.toks[i].lineBr {
		return false
	}
	p := &d.toks[i-1]
	if !p.cap || !p.word || d.lx.timeWords[p.text] || !d.lx.firstNames.Has(p.text) {
		return false
	}
	switch d.toks[i].text {
	case "April", "May", "June", "August":
	default:
		return false
	}
	return i+1 >= len(d.toks) || !startsWithDigit(d.toks[i+1].text)
}

// givenNameBeside reports whether token i is a given name of two
// syllables joined by a hyphen beside a capitalised surname of one
// ("Park Won-soon", "Hau Lung-bin", "Man-kei Tam"), not an adjective or
// a common noun of two words ("Well-known", "Co-op").
func (d *doc) givenNameBeside(i int) bool {
	if !d.syllableGivenName(d.toks[i].text) {
		return false
	}
	for _, j := range [2]int{i - 1, i + 1} {
		if j >= 0 && j < len(d.toks) && !d.toks[j].lineBr && !d.toks[i].lineBr && d.toks[j].cap && !d.toks[j].weak && oneSyllable(d.toks[j].text) {
			return true
		}
	}
	return false
}

// commonParts reports whether every part of a hyphenated word is an
// everyday word ("Pan-democrat", "Well-known").
func (d *doc) commonParts(w string) bool {
	for _, p := range strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '‐' }) {
		if !d.lx.isCommon(p) {
			return false
		}
	}
	return true
}

// chunk finds maximal runs of capitalised words (with connectors inside
// names) and turns each into zero or more mentions.
func (d *doc) chunk() {
	n := len(d.toks)
	for i := 0; i < n; {
		if !d.nameWord(i) {
			i++
			continue
		}
		s, e := i, i+1
		if l, _, ok := d.knownAt(s); ok && s+l > e {
			e = s + l
		}
		for e < n {
			t := &d.toks[e]
			if t.lineBr {
				break
			}
			// "... in Washington D.C. The team": a dot ending a word may end
			// the sentence too, where the sentences say so ("the U.S.
			// Environmental Protection Agency" goes on); split by the
			// fallback rule, a common word after the dot ends it.
			if prev := d.toks[e-1].text; strings.HasSuffix(prev, ".") && t.word && (t.weak || d.ownSentences) && d.lx.common(t) && !d.lx.titles[t.low] && !isInitial(prev) {
				break
			}
			// "Belle Image: J. Doe": a caption label is no part of a name.
			if t.word && e+1 < n && d.toks[e+1].text == ":" && d.lx.labels[t.text] {
				break
			}
			if d.nameWord(e) {
				if l, _, ok := d.knownAt(e); ok && e+l > e+1 {
					e += l
				} else {
					e++
				}
				continue
			}
			if k := d.joinAt(s, e); k > e {
				e = k
				continue
			}
			if k := d.possessiveName(e); k > e {
				e = k
				continue
			}
			// "Uncle John's Band" in quotation marks: a title goes on
			// over a possessive up to the closing mark.
			if k := e + 2; s > 0 && k < n && isApostrophe(firstRune(t.text)) && d.toks[k-1].text == "s" && d.nameWord(k) {
				j := k + 1
				for j < n && d.nameWord(j) {
					j++
				}
				if d.quoted(s, j) {
					e = j
					continue
				}
			}
			if d.versionNumber(s, e) {
				e++ // "Windows 10", "Apollo 11"
			}
			break
		}
		d.process(s, e)
		i = e
		if k := d.bracketHead(e); k > e {
			i = k
		}
	}
	// A year or ordinal right before an event name belongs to it
	// ("2012 Boston Marathon", "22nd Annual ...").
	for k := range d.ms {
		m := &d.ms[k]
		if (m.typ == schema.TypeEvent || m.typ == schema.TypeOrganization && m.strong) && m.s > 0 {
			p := &d.toks[m.s-1]
			// "42nd Legislative Assembly": an ordinal, not a year, numbers
			// an organization.
			if p.word && !p.lineBr && isYearOrOrdinal(p.text) && !d.toks[m.s].lineBr && (m.typ == schema.TypeEvent || !startsWithDigit(p.text[len(p.text)-1:])) {
				m.s--
			}
		}
	}
}

// bracketHead reads an editorial insertion of a head word right after a
// name ("Halden [Group]", "Lyon [University]"): the head types the name
// before it and is no mention of its own. It returns the index after the
// closing bracket, or e.
func (d *doc) bracketHead(e int) int {
	if e+2 >= len(d.toks) || d.toks[e].text != "[" || d.toks[e+2].text != "]" || len(d.ms) == 0 {
		return e
	}
	m := &d.ms[len(d.ms)-1]
	if m.e != e || m.typ == schema.TypePerson && m.strong {
		return e
	}
	w := d.toks[e+1].text
	if st, ok := d.lx.orgHeads[w]; ok {
		m.typ, m.subtype, m.strong = schema.TypeOrganization, st, true
	} else if st, ok := d.lx.placeHeads[w]; ok {
		m.typ, m.subtype, m.strong = schema.TypePlace, st, true
	} else if d.lx.eventHeads[w] {
		m.typ, m.strong = schema.TypeEvent, true
	} else {
		return e
	}
	return e + 3
}

func isCurrency(s string) bool {
	switch s {
	case "$", "€", "£", "¥", "₹", "₩", "₽":
		return true
	}
	return false
}

// isInitial reports whether w is one capital and a dot ("W."), which a
// surname follows rather than a new sentence.
func isInitial(w string) bool {
	return len(w) == 2 && w[0] >= 'A' && w[0] <= 'Z' && w[1] == '.'
}

// isNumeral reports whether w is a number in digits or a Roman numeral
// of two letters or more ("II", "XVII").
func isNumeral(w string) bool {
	if startsWithDigit(w) {
		return true
	}
	if len(w) < 2 {
		return false
	}
	// X{0,3}(IX|IV|V?I{0,3}): II to XXXIX, the numbers of editions,
	// wars and monarchs.
	i := 0
	for i < len(w) && i < 3 && w[i] == 'X' {
		i++
	}
	rest := w[i:]
	switch rest {
	case "IX", "IV":
		return true
	}
	rest = strings.TrimPrefix(rest, "V")
	return len(rest) <= 3 && strings.Trim(rest, "I") == ""
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

func isYearOrOrdinal(s string) bool {
	digits := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			break
		}
		digits++
	}
	if digits == 4 && digits == len(s) {
		return true
	}
	if digits == 0 {
		return false
	}
	switch s[digits:] {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}

// joinAt returns the end of the name continued over a connector at e
// ("University of Sheffield", "Rio de Janeiro", "Health and Human
// Services", "Foundation for the Arts"), or e when it does not go on.
func (d *doc) joinAt(s, e int) int {
	t := &d.toks[e]
	if !t.word && t.text == "&" && d.nameWord(e+1) && !d.toks[e+1].lineBr {
		return e + 2
	}
	if !t.word || !t.lower || e+1 >= len(d.toks) || d.toks[e+1].lineBr {
		return e
	}
	left := d.toks[e-1].text
	switch t.text {
	case "of", "for", "on":
		k := e + 1
		if d.toks[k].text == "the" && k+1 < len(d.toks) {
			k++
		}
		if !d.nameWord(k) {
			return e
		}
		if t.text == "on" {
			// "Council on Foreign Relations", "Institute for Research on
			// Migration": only an organization's name goes on over "on".
			if d.lx.innerHeads[left] || d.orgOfChain(s, e) {
				return k + 1
			}
			return e
		}
		if d.headLike(left) || d.r.ofLeft[left] || d.lx.titles[d.toks[e-1].low] {
			return k + 1
		}
		// "Council for the Welfare of Immigrants": an organization's name
		// goes on over further "of" phrases, but not over a place at its
		// end ("University of Leeds of the UK").
		if d.orgOfChain(s, e) {
			if d.lx.places.has(d.toks[k].text) && (k+1 >= len(d.toks) || !d.nameWord(k+1)) {
				return e
			}
			return k + 1
		}
	case "and":
		// "Department of Health and Human Services": "and" right after the
		// one word an "of" brings, before a word that opens no name of
		// its own.
		next := d.toks[e+1].text
		if !d.nameWord(e+1) || d.lx.known(next) || d.lx.firstNames.Has(next) {
			return e
		}
		if _, _, ok := d.knownAt(e + 1); ok {
			return e
		}
		// "Minister of Foreign Affairs and International Cooperation",
		// "Deputy Prime Minister and Minister for Economy".
		if d.titleRun(s, e) {
			return e + 2
		}
		if d.newNameAfterAnd(s, e) {
			return e
		}
		if e-2 >= s {
			if w := d.toks[e-2].text; w == "of" || w == "for" || d.orgOfChain(s, e) {
				return e + 2
			}
		}
		// "National Air and Space Museum": both sides share the head word
		// that ends the run after "and".
		if k := d.sharedHead(s, e); k > e {
			return k
		}
	case "at":
		// "University of Alaska at Anchorage": a campus after the name.
		if d.orgOfChain(s, e) && d.nameWord(e+1) {
			if d.lx.places.has(d.toks[e+1].text) {
				return e + 2
			}
			if l, k, ok := d.knownAt(e + 1); ok && k.typ == schema.TypePlace {
				return e + 1 + l
			}
		}
	default:
		if d.lx.particles[t.text] && d.nameWord(e+1) {
			return e + 2
		}
	}
	return e
}

// possessiveName returns the end of an organization or event name that
// goes on over a possessive of a common noun at e ("People's Protection
// Units", "Kurdistan Workers' Party", "Mother's Day"), or e.
func (d *doc) possessiveName(e int) int {
	n := len(d.toks)
	if e+1 >= n || d.toks[e].word || !isApostrophe(firstRune(d.toks[e].text)) || !d.commonNoun(e-1) {
		return e
	}
	for j := e - 1; j >= 0 && e-j <= 6; j-- {
		if l, _, ok := d.knownAt(j); ok && j+l == e {
			return e // "United States' National Institute": a known owner
		}
	}
	k := e + 1
	if d.toks[k].text == "s" && !d.toks[k].cap {
		k++
	} else if !strings.HasSuffix(d.toks[e-1].text, "s") {
		return e
	}
	j := k
	for j < n && d.nameWord(j) && !d.toks[j].lineBr && d.toks[j].start-d.toks[j-1].end <= 1 {
		j++
	}
	if j == k {
		return e
	}
	// "Workers' Party", "Mother's Day"; a place only after a plural
	// ("Fishmongers' Hall", not "Mecca's Grand Mosque").
	last := d.toks[j-1].text
	if _, org := d.lx.orgHeads[last]; !org && !d.lx.eventHeads[last] {
		if _, place := d.lx.placeHeads[last]; !place || k != e+1 {
			return e
		}
	}
	return j
}

// commonNoun reports whether token i is an everyday word, also in the
// plural the dictionary may lack ("Fishmongers").
func (d *doc) commonNoun(i int) bool {
	t := &d.toks[i]
	if d.lx.common(t) {
		return true
	}
	w := t.low
	if len(w) <= 3 || !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") {
		return false
	}
	// A plural the dictionary may lack ("Fishmongers"), not a name that
	// ends in s ("Paris", "Jones").
	return !d.lx.known(t.text) && !d.lx.firstNames.Has(t.text) && !d.lx.nameParts.Has(t.text)
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// orgOfChain reports whether [s, e) holds an organization head followed
// by an "of" or "for" phrase.
// versionNumber reports whether token e is a short number that belongs
// to the name [s, e) before it, as in product and mission names. Not
// after a known place or organization (a score: "Chile 2 – 1"), and not
// before a dash, colon or "to".
func (d *doc) versionNumber(s, e int) bool {
	n := len(d.toks)
	if e >= n || !d.toks[e].word || d.toks[e].lineBr || d.toks[e].start != d.toks[e-1].end+1 {
		return false
	}
	w := d.toks[e].text
	if len(w) > 3 || w[0] < '0' || w[0] > '9' {
		return false
	}
	if d.lx.known(d.join(s, e)) || d.knownFrom(s, e) || d.lx.firstNames.Has(d.toks[s].text) {
		return false
	}
	if d.scoreAt(e) > e || smallNumber(d.toks[e].text) && e+1 < n && smallNumber(d.toks[e+1].text) {
		return false // "Leeds 3-1", a score; "Leeds 10 7 2": a table row
	}
	if e+1 < n {
		switch d.toks[e+1].text {
		case "-", "–", "—", ":", "to", ",", "%", ".":
			return false
		}
		if nx := &d.toks[e+1]; nx.lower && strings.HasSuffix(nx.text, "s") {
			return false // "Wynnum 45 points", "Navy 10 warships": a count
		}
		if !d.toks[e+1].word && d.toks[e+1].start == d.toks[e].end {
			return false
		}
	}
	return true
}

// newNameAfterAnd reports whether the "and" at e separates two names: the
// name before it ends with a known place ("Union of Montana and ...") or
// the words after it open a name of their own with a head word ("...
// and Center for Food Safety").
func (d *doc) newNameAfterAnd(s, e int) bool {
	if _, ok := d.knownWord(e - 1); ok {
		return true
	}
	for j := e - 2; j >= 0 && e-j <= 4; j-- {
		if l, _, ok := d.knownAt(j); ok && j+l == e {
			return true
		}
	}
	// "... and Center for Food Safety" after a name with a head of its
	// own; "Securities and Exchange Commission" is one name.
	if !d.headLike(d.toks[e+1].text) || !d.anyHead(s, e) {
		return false
	}
	return e+2 < len(d.toks) && (d.nameWord(e+2) || d.toks[e+2].text == "of" || d.toks[e+2].text == "for")
}

// anyHead reports whether a word of [s, e) heads names.
func (d *doc) anyHead(s, e int) bool {
	for k := s; k < e; k++ {
		if d.headLike(d.toks[k].text) {
			return true
		}
	}
	return false
}

// sharedHead returns the end of the capitalised run after the "and" at e
// when that run ends with a head word and [s, e) has none and names
// nothing known by itself; else e.
func (d *doc) sharedHead(s, e int) int {
	for k := s; k < e; k++ {
		// A known place may open the name ("Pacific Gas and Electric
		// Company", "U.S. Securities and Exchange Commission").
		if d.headLike(d.toks[k].text) || d.lx.known(d.toks[k].text) && (k > s || e-s == 1) {
			return e
		}
	}
	if _, _, ok := d.knownAt(s); ok || d.lx.firstNames.Has(d.toks[s].text) {
		return e
	}
	j := e + 1
	for j < len(d.toks) && j-e <= 4 && d.nameWord(j) && !d.toks[j].lineBr {
		j++
	}
	if j > e+1 && d.headWord(d.toks[j-1].text) {
		return j
	}
	return e
}

func (d *doc) orgOfChain(s, e int) bool {
	head := false
	for k := s; k < e; k++ {
		w := d.toks[k].text
		if _, ok := d.lx.orgHeads[w]; ok {
			head = true
		} else if d.headLike(w) && k+1 < e && d.toks[k+1].text == "for" {
			head = true // "Centre for ...", "Centers for ..."
		}
		if head && (w == "of" || w == "for") {
			return true
		}
	}
	return false
}

// headLike reports whether a word heads an organization, place or event
// name that an "of" phrase may complete.
func (d *doc) headLike(w string) bool {
	if len(w) > 3 && strings.HasSuffix(w, "s") && d.headLike1(w[:len(w)-1]) {
		return true // "Centers", "Forces"
	}
	return d.headLike1(w)
}

func (d *doc) headLike1(w string) bool {
	if _, ok := d.lx.orgHeads[w]; ok {
		return true
	}
	if _, ok := d.lx.placeHeads[w]; ok {
		return true
	}
	if _, ok := d.lx.placeOpeners[w]; ok {
		return true
	}
	return d.lx.eventHeads[w] || d.lx.eventOpeners[w]
}

// knownAt looks up the longest gazetteer name of two tokens or more
// starting at token i.
func (d *doc) knownAt(i int) (int, known, bool) {
	m := &d.known[i]
	if m.at == memoNone {
		return 0, known{}, false
	}
	l, k, ok := d.lookupAt(i)
	m.at = memoOf(ok)
	return l, k, ok
}

// knownMemo records what knownAt and knownWord found at a token, so that
// each token is looked up once: whether knownAt found anything (its finds,
// much rarer, are looked up again) and knownWord's find.
type knownMemo struct {
	at, word          uint8
	wordType, wordSub string
}

const (
	memoUnknown uint8 = iota
	memoNone
	memoFound
)

func memoOf(found bool) uint8 {
	if found {
		return memoFound
	}
	return memoNone
}

// lookupAt is knownAt without the memo.
func (d *doc) lookupAt(i int) (int, known, bool) {
	if !d.r.firstShape.mayHave(d.toks[i].text) {
		return 0, known{}, false
	}
	maxLen, ok := d.r.multiFirst[d.toks[i].text]
	if !ok {
		return 0, known{}, false
	}
	if i+maxLen > len(d.toks) {
		maxLen = len(d.toks) - i
	}
	if maxLen < 2 {
		return 0, known{}, false
	}
	if d.buf = appendTokens(d.buf[:0], d.toks[i:i+2]); !d.r.multiPairs[string(d.buf)] {
		return 0, known{}, false
	}
	for l := maxLen; l >= 2; l-- {
		if d.toks[i+l-1].lineBr || crossesBreak(d.toks[i+1:i+l]) {
			continue
		}
		d.buf = appendTokens(d.buf[:0], d.toks[i:i+l])
		if k, ok := d.r.multi[string(d.buf)]; ok {
			return l, k, true
		}
	}
	return 0, known{}, false
}

func crossesBreak(toks []token) bool {
	for _, t := range toks {
		if t.lineBr {
			return true
		}
	}
	return false
}

// process turns the capitalised run [s, e) into mentions.
func (d *doc) process(s, e int) {
	if e-s == 1 && d.toks[s].weak && !d.lx.nonNames[d.toks[s].text] && d.commonStart(s, e) {
		if d.clauseGoesOn(s + 1) {
			d.tentative = append(d.tentative, s)
		}
		return
	}
	// A run that fills a quotation is a title as written ("Dark Star",
	// "Uncle John's Band"): its first word is no sentence start.
	if e-s >= 2 && d.quoted(s, e) {
		d.splitTitle(s, e)
		return
	}
	// Drop leading articles and sentence-initial common words.
	for s < e {
		t := &d.toks[s]
		if _, _, ok := d.knownAt(s); ok {
			break
		}
		if d.lx.nonNames[t.text] {
			s++
			continue
		}
		if t.weak && d.commonStart(s, e) {
			s++
			continue
		}
		// "Carmaker Volvo", "Photojournalist Ana Rojas": a noun of a
		// kind or of a person the dictionary lacks opens the sentence,
		// not the name.
		if t.weak && t.word && s+1 < e && d.kindOrPersonNoun(t) {
			s++
			continue
		}
		if !t.word || !t.cap {
			s++ // what a dropped word left: "'s", "of"
			continue
		}
		break
	}
	for e > s && (!d.toks[e-1].word || !d.toks[e-1].cap && !startsWithDigit(d.toks[e-1].text)) {
		e--
	}
	if s >= e {
		return
	}
	// Inside a headline every word is capitalised: split at common words.
	for k := s + 1; k < e; k++ {
		if d.toks[k].weak && d.commonStart(k, e) {
			d.process(s, k)
			d.process(k+1, e)
			return
		}
	}
	d.splitTitle(s, e)
}

// kindOrPersonNoun reports whether a capitalised word read in lower case
// is a noun of a kind of body or place or of a person, and no name.
func (d *doc) kindOrPersonNoun(t *token) bool {
	if d.lx.known(t.text) || d.lx.firstNames.Has(t.text) || d.lx.titles[t.low] {
		return false
	}
	_, kind := d.lx.kindNouns[t.low]
	return kind || d.lx.personNouns.Has(t.low)
}

// quoted reports whether tokens [s, e) fill a pair of double quotation
// marks.
func (d *doc) quoted(s, e int) bool {
	if s == 0 || e >= len(d.toks) {
		return false
	}
	open, close := d.toks[s-1].text, d.toks[e].text
	return (open == "\"" || open == "“") && (close == "\"" || close == "”")
}

// commonStart reports whether token i, capitalised only by position, is a
// common word rather than the start of a name.
func (d *doc) commonStart(i, e int) bool {
	t := &d.toks[i]
	if !d.lx.common(t) || d.lx.known(t.text) {
		return false
	}
	// "PG&E", "Electric Company (PG&E)": capitals joined by "&" or put
	// in brackets after a name are an acronym, not a word opening the
	// sentence.
	if t.upper && i+1 < len(d.toks) && (d.toks[i+1].text == "&" || i >= 2 && d.toks[i-1].text == "(" && d.toks[i-2].word && d.toks[i+1].text == ")") {
		return false
	}
	if _, ok := d.lx.demonyms[t.text]; ok {
		return false
	}
	if d.lx.titles[t.low] && i+1 < e {
		return false
	}
	// "Hurricane Lorenzo", "Tropical Storm Humberto" opening a sentence.
	if i+1 < e && (d.lx.eventOpeners[t.text] || d.lx.eventOpeners[t.text+" "+d.toks[i+1].text]) {
		return false
	}
	// "Red Hat said ..." where the text names Red Hat inside a sentence
	// too: the word opens the name here as well.
	if i+1 < e && d.capPairElsewhere(i) {
		return false
	}
	if d.lx.firstNames.Has(t.text) && i+1 < e && !d.lx.common(&d.toks[i+1]) {
		return false
	}
	if _, _, ok := d.knownAt(i); ok {
		return false
	}
	// "Civic Party", "Federal Court": an everyday word before a head word
	// is the name's own first word.
	if e-i == 2 && d.headWord(d.toks[i+1].text) {
		return false
	}
	return true
}

// capPairElsewhere reports whether the capitalised word at i and the one
// after it stand together elsewhere in the text where the first one's
// capital is its own (not opening a sentence).
func (d *doc) capPairElsewhere(i int) bool {
	if d.capPairs == nil {
		d.capPairs = map[string]bool{}
		for k := 0; k+1 < len(d.toks); k++ {
			a, b := &d.toks[k], &d.toks[k+1]
			if a.cap && !a.weak && b.cap && a.word && b.word && !b.lineBr && d.lx.common(a) {
				d.capPairs[a.text+" "+b.text] = true
			}
		}
	}
	if len(d.capPairs) == 0 {
		return false
	}
	d.buf = append(append(append(d.buf[:0], d.toks[i].text...), ' '), d.toks[i+1].text...)
	return d.capPairs[string(d.buf)]
}

// join is joinTokens of tokens [s, e). When single spaces separate them,
// as they mostly do, that is their text, a substring needing no allocation.
func (d *doc) join(s, e int) string {
	rs := d.text.Runes
	for k := s; k+1 < e; k++ {
		if end := d.toks[k].end; d.toks[k+1].start != end+1 || rs[end] != ' ' {
			return joinTokens(d.toks[s:e])
		}
	}
	if e-s == 1 {
		return d.toks[s].text
	}
	return d.text.Span(int(d.toks[s].start), int(d.toks[e-1].end))
}

// span returns the text of tokens [s, e).
func (d *doc) span(s, e int) string {
	return d.text.Span(int(d.toks[s].start), int(d.toks[e-1].end))
}

// clauseGoesOn reports whether token i continues a clause whose subject
// stands before it: punctuation, a possessive, or a verb ("Porter said",
// "Porter, 54,", "Porter's", "Porter has"), not a noun ("Young people").
func (d *doc) clauseGoesOn(i int) bool {
	if i >= len(d.toks) {
		return false
	}
	t := &d.toks[i]
	if !t.word {
		switch t.text {
		case ",", "'", "’", ";":
			return true
		}
		return false
	}
	if !t.lower {
		return false
	}
	return d.lx.reporting[t.low] || d.lx.clauseWords[t.low] || strings.HasSuffix(t.low, "ed")
}

// addTentative turns the left-out sentence-initial words that repeat the
// surname of a person or the opening of an organization name named in
// the text into mentions.
func (d *doc) addTentative() {
	if len(d.tentative) == 0 {
		return
	}
	names := map[string]bool{}
	for k := range d.ms {
		m := &d.ms[k]
		switch {
		case m.e-m.s < 2 || m.titled && m.typ != schema.TypePerson:
		case m.typ == schema.TypePerson:
			names[d.toks[d.nameEnd(m.s, m.e)-1].text] = true
		case m.typ == schema.TypeOrganization && m.strong && d.shortFormOf(m.s, m.s+1, m.e):
			names[d.toks[m.s].text] = true
		}
	}
	for _, i := range d.tentative {
		if names[d.toks[i].text] {
			d.ms = append(d.ms, mention{s: i, e: i + 1})
		}
	}
}
