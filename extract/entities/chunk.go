package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docset/docset/schema"
)

// doc is the working state of one Find call.
type doc struct {
	r    *Recognizer
	lx   *lexicon
	text []rune
	toks []token
	ms   []mention
	buf  []byte // scratch for gazetteer keys
	// sports marks a sports report, where numbers after names are scores
	// and places that play are teams.
	sports bool
	// personAlias maps a shorter full name to the key of the longer name
	// it is part of ("John Luk" -> "John Jok").
	personAlias map[string]string
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
}

// nameWord reports whether token i can be part of a name by its form.
func (d *doc) nameWord(i int) bool {
	if i >= len(d.toks) {
		return false
	}
	t := &d.toks[i]
	if !t.word || !t.cap || d.lx.timeWords[t.text] {
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
			if k == 1 || d.lx.adjTails[tail] || strings.HasSuffix(tail, "ed") || d.commonParts(t.text) {
				return false
			}
		}
	}
	return true
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
			// the sentence too.
			if prev := d.toks[e-1].text; strings.HasSuffix(prev, ".") && t.word && d.lx.common(t) && !d.lx.titles[t.low] && !isInitial(prev) {
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
			if d.versionNumber(s, e) {
				e++ // "Windows 10", "Apollo 11"
			}
			break
		}
		d.process(s, e)
		i = e
	}
	// A year or ordinal right before an event name belongs to it
	// ("2012 Boston Marathon", "22nd Annual ...").
	for k := range d.ms {
		m := &d.ms[k]
		if m.typ == schema.TypeEvent && m.s > 0 {
			p := &d.toks[m.s-1]
			if p.word && !p.lineBr && isYearOrOrdinal(p.text) && !d.toks[m.s].lineBr {
				m.s--
			}
		}
	}
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
	case "of", "for":
		k := e + 1
		if d.toks[k].text == "the" && k+1 < len(d.toks) {
			k++
		}
		if !d.nameWord(k) {
			return e
		}
		// "Guard Corps of Iran": a country after an organization's own name
		// is annotated apart.
		if _, org := d.lx.orgHeads[left]; org && d.lx.places[d.toks[k].text] == "country" && (k+1 >= len(d.toks) || !d.nameWord(k+1)) {
			return e
		}
		if d.headLike(left) || d.r.ofLeft[left] || d.lx.titles[d.toks[e-1].low] {
			return k + 1
		}
		// "Council for the Welfare of Immigrants": an organization's name
		// goes on over further "of" phrases, but not over a place at its
		// end ("University of Leeds of the UK").
		if d.orgOfChain(s, e) {
			if _, place := d.lx.places[d.toks[k].text]; place && (k+1 >= len(d.toks) || !d.nameWord(k+1)) {
				return e
			}
			return k + 1
		}
	case "and":
		// "Department of Health and Human Services": "and" right after the
		// one word an "of" brings, before a word that opens no name of
		// its own.
		next := d.toks[e+1].text
		if !d.nameWord(e+1) || d.lx.known(next) || d.lx.firstNames[next] {
			return e
		}
		if _, _, ok := d.knownAt(e + 1); ok {
			return e
		}
		if d.newNameAfterAnd(e) {
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
			if _, place := d.lx.places[d.toks[e+1].text]; place {
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
	if e+1 >= n || d.toks[e].word || !isApostrophe(firstRune(d.toks[e].text)) || !d.lx.common(&d.toks[e-1]) {
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
	last := d.toks[j-1].text
	if _, ok := d.lx.orgHeads[last]; !ok && !d.lx.eventHeads[last] {
		return e
	}
	return j
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
	if d.lx.known(joinTokens(d.toks[s:e])) || d.knownFrom(s, e) || d.lx.firstNames[d.toks[s].text] {
		return false
	}
	if d.sports {
		return false // "Leeds 3, Derby 1": scores
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
func (d *doc) newNameAfterAnd(e int) bool {
	if _, ok := d.knownWord(e - 1); ok {
		return true
	}
	for j := e - 2; j >= 0 && e-j <= 4; j-- {
		if l, _, ok := d.knownAt(j); ok && j+l == e {
			return true
		}
	}
	if !d.headLike(d.toks[e+1].text) {
		return false
	}
	return e+2 < len(d.toks) && (d.nameWord(e+2) || d.toks[e+2].text == "of" || d.toks[e+2].text == "for")
}

// sharedHead returns the end of the capitalised run after the "and" at e
// when that run ends with a head word and [s, e) has none and names
// nothing known by itself; else e.
func (d *doc) sharedHead(s, e int) int {
	for k := s; k < e; k++ {
		if d.headLike(d.toks[k].text) || d.lx.known(d.toks[k].text) {
			return e
		}
	}
	if _, _, ok := d.knownAt(s); ok || d.lx.firstNames[d.toks[s].text] {
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
	maxLen, ok := d.r.multiFirst[d.toks[i].text]
	if !ok {
		return 0, known{}, false
	}
	if i+maxLen > len(d.toks) {
		maxLen = len(d.toks) - i
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

// commonStart reports whether token i, capitalised only by position, is a
// common word rather than the start of a name.
func (d *doc) commonStart(i, e int) bool {
	t := &d.toks[i]
	if !d.lx.common(t) || d.lx.known(t.text) {
		return false
	}
	if _, ok := d.lx.demonyms[t.text]; ok {
		return false
	}
	if d.lx.titles[t.low] && i+1 < e {
		return false
	}
	if d.lx.firstNames[t.text] && i+1 < e && !d.lx.common(&d.toks[i+1]) {
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

// splitTitle separates a leading title ("Defense Minister", "Mr.", "US
// Secretary of State") from the name after it, records the title as a
// role, and keeps names inside the title ("US") as mentions of their own.
func (d *doc) splitTitle(s, e int) {
	// "State Department Spokesperson": a role noun after a name.
	for e-s > 1 && d.lx.titles[d.toks[e-1].low] && !d.wholeName(s, e) && !d.toks[e-2].lower {
		e-- // but "Court of Justice" keeps its last word
	}
	// "the Council on Relations Alia Salem", "Scientologist Ann Lee": an
	// organization, place or one-word descriptor run into a person's full
	// name, with no comma.
	for k := s + 1; k+1 < e; k++ {
		if d.lx.firstNames[d.toks[k].text] && !d.lx.firstNames[d.toks[k-1].text] && !d.lx.titles[d.toks[k-1].low] &&
			!d.lx.common(&d.toks[k+1]) && d.toks[k+1].cap && !d.lx.known(d.toks[k].text) &&
			(d.prefixIsName(s, k) || k == s+1 && e-k >= 2 && d.descriptor(s)) {
			d.splitTitle(s, k)
			d.classify(k, e, "", false)
			return
		}
	}
	if d.wholeName(s, e) {
		d.classify(s, e, "", false)
		return
	}
	lastTitle, j, inner := d.scanTitle(s, e)
	if lastTitle < 0 && j < e-1 {
		// "Shadow Home Secretary Jane Doe": words the title lists do not
		// know may open it; the last title word before the name decides.
		for k := e - 2; k > j; k-- {
			if d.isTitleWord(&d.toks[k]) {
				inner = d.innerNames(s, k)
				var more []mention
				lastTitle, j, more = d.scanTitle(k, e)
				inner = append(inner, more...)
				break
			}
		}
	}
	if lastTitle < 0 {
		d.classify(s, e, "", false)
		return
	}
	// Tokens after the last title word that are not name words by
	// themselves ("of State") stay in the role.
	if j >= e {
		// "International Court of Justice": an organization head with an
		// "of" phrase names a body even when title words fill it.
		if d.headOf(s, e) {
			d.classify(s, e, "", false)
			return
		}
		// Only a role ("Prime Minister", "the Foreign Minister"): names
		// inside it still count.
		d.ms = append(d.ms, inner...)
		return
	}
	d.ms = append(d.ms, inner...)
	role := d.span(s, j)
	if d.onlyHonorifics(s, j) {
		role = ""
	}
	// "Mayor of Springfield": the name after "of" is what the title is of.
	if w := d.toks[j-1].text; w == "of" || w == "for" || w == "to" || w == "the" {
		if l, k, ok := d.knownAt(j); ok && j+l < e && k.typ != demonymType {
			d.ms = append(d.ms, mention{s: j, e: j + l, typ: k.typ, subtype: k.subtype, strong: true})
			d.classify(j+l, e, role, true)
			return
		}
		if st, ok := d.lx.places[d.toks[j].text]; ok && j+1 < e {
			d.ms = append(d.ms, mention{s: j, e: j + 1, typ: schema.TypePlace, subtype: st, strong: true})
			d.classify(j+1, e, role, true)
			return
		}
		d.classify(j, e, "", false)
		return
	}
	d.classify(j, e, role, true)
}

// onlyHonorifics reports whether [s, e) is a form of address ("Mr."),
// which marks a person but gives no role.
func (d *doc) onlyHonorifics(s, e int) bool {
	for _, t := range d.toks[s:e] {
		if !d.lx.honorifics[t.text] {
			return false
		}
	}
	return true
}

// scanTitle reads a title from s: title words, the words allowed inside
// titles, demonyms and names the title is of ("US" in "US President").
// It returns the last title word (-1 when none), where the scan stopped
// and the names met.
func (d *doc) scanTitle(s, e int) (int, int, []mention) {
	lastTitle, j := -1, s
	var inner []mention
	for j < e {
		t := &d.toks[j]
		lw := t.low
		// A plural ("Ethiopians", "Lords") titles only a name after it:
		// at the end it is part of a name ("House of Lords").
		if d.isTitleWord(t) && (j+1 < e || d.lx.titles[t.low]) {
			lastTitle = j
			j++
			continue
		}
		if l, k, ok := d.knownAt(j); ok && j+l < e {
			if k.typ != demonymType {
				inner = append(inner, mention{s: j, e: j + l, typ: k.typ, subtype: k.subtype, strong: true})
			}
			j += l
			continue
		}
		if _, ok := d.lx.demonyms[t.text]; ok {
			j++
			continue
		}
		if d.lx.titleMods[lw] {
			j++
			continue
		}
		if m, ok := d.knownWord(j); ok && j+1 < e {
			inner = append(inner, m)
			j++
			continue
		}
		break
	}
	return lastTitle, j, inner
}

// isTitleWord reports whether w is a title, honorific or role noun, also
// in the plural ("Presidents"), or a nationality noun ("Ethiopians").
func (d *doc) isTitleWord(t *token) bool {
	lw := t.low
	if d.lx.titles[lw] || d.lx.plurals[t.text] {
		return true
	}
	return len(lw) > 3 && strings.HasSuffix(lw, "s") && d.lx.titles[lw[:len(lw)-1]]
}

// knownWord returns token i as a mention when it is a one-word place or
// organization of the gazetteers.
func (d *doc) knownWord(i int) (mention, bool) {
	w := d.toks[i].text
	if st, ok := d.lx.places[w]; ok {
		return mention{s: i, e: i + 1, typ: schema.TypePlace, subtype: st, strong: true}, true
	}
	if st, ok := d.lx.orgs[w]; ok {
		return mention{s: i, e: i + 1, typ: schema.TypeOrganization, subtype: st, strong: true}, true
	}
	return mention{}, false
}

// innerNames returns the gazetteer names inside [s, e), the opening
// words of a title.
func (d *doc) innerNames(s, e int) []mention {
	var out []mention
	for j := s; j < e; {
		if l, k, ok := d.knownAt(j); ok && j+l <= e {
			if k.typ != demonymType {
				out = append(out, mention{s: j, e: j + l, typ: k.typ, subtype: k.subtype, strong: true})
			}
			j += l
			continue
		}
		if m, ok := d.knownWord(j); ok {
			out = append(out, m)
		}
		j++
	}
	return out
}

// eventThenPlace reports whether [s, e) is an event name followed by the
// place it is held in ("Comic Expo Lisbon", "World Cup Qatar").
func (d *doc) eventThenPlace(s, e int) bool {
	for k := s + 1; k < e-1; k++ {
		if d.lx.eventHeads[d.toks[k].text] {
			return len(d.knownParts(k+1, e)) > 0
		}
	}
	return false
}

// headOf reports whether [s, e) has an organization head followed by
// "of" or "for".
func (d *doc) headOf(s, e int) bool {
	for k := s; k+1 < e; k++ {
		if w := d.toks[k+1].text; w == "of" || w == "for" {
			if _, ok := d.lx.orgHeads[d.toks[k].text]; ok {
				return true
			}
		}
	}
	return false
}

// descriptor reports whether token i describes a person by creed or
// origin ("Scientologist", "Kenyan"), as it may stand before a name.
func (d *doc) descriptor(i int) bool {
	w := d.toks[i].text
	return d.isDemonym(i) || strings.HasSuffix(w, "ist") || strings.HasSuffix(w, "ite")
}

// prefixIsName reports whether [s, k) names an organization or place by
// itself, so that a personal name after it is a separate mention.
func (d *doc) prefixIsName(s, k int) bool {
	if l, _, ok := d.knownAt(s); ok && s+l == k {
		return true
	}
	if k-s == 1 {
		return d.lx.known(d.toks[s].text)
	}
	last := d.toks[k-1].text
	_, org := d.lx.orgHeads[last]
	_, place := d.lx.placeHeads[last]
	return org || place
}

// wholeName reports whether [s, e) is a name as a whole although it may
// open with a title word: a gazetteer name or one with an organization,
// place or event head ("General Motors", "Supreme Court").
func (d *doc) wholeName(s, e int) bool {
	if l, _, ok := d.knownAt(s); ok && s+l == e {
		return true
	}
	if e-s == 1 {
		return false
	}
	if strings.HasSuffix(d.toks[s].text, ".") && d.lx.titles[d.toks[s].low] {
		return false // "Mr." "Dr." always title a person
	}
	last := d.toks[e-1].text
	if _, ok := d.lx.orgHeads[last]; ok {
		return true
	}
	if _, ok := d.lx.placeHeads[last]; ok {
		return true
	}
	return d.lx.eventHeads[last]
}

// span returns the text of tokens [s, e).
func (d *doc) span(s, e int) string {
	return string(d.text[d.toks[s].start:d.toks[e-1].end])
}

// classify types the name [s, e); titled says a title stood before it.
func (d *doc) classify(s, e int, role string, titled bool) {
	if s >= e {
		return
	}
	lx := d.lx
	m := mention{s: s, e: e, role: role, titled: titled, strong: true}
	first, last := d.toks[s].text, d.toks[e-1].text
	single := e-s == 1
	var key string
	if single {
		key = first
	} else {
		key = joinTokens(d.toks[s:e])
	}
	if l, k, ok := d.knownAt(s); ok && s+l == e {
		if k.typ == demonymType {
			return
		}
		m.typ, m.subtype = k.typ, k.subtype
		d.add(m)
		return
	}
	if !single && !titled {
		// "Afghan Taliban": a nationality before a known name is no part
		// of it; "North American" is only an adjective.
		a := s
		for a < e && (lx.compass[d.toks[a].text] || d.isDemonym(a)) {
			a++
		}
		if a == e {
			return
		}
		if a > s && d.isDemonym(a-1) && (d.knownFrom(a, e) || e-a == 1 && lx.known(d.toks[a].text)) {
			d.classify(a, e, role, titled)
			return
		}
	}
	if single && titled && d.isTitleWord(&d.toks[s]) {
		return // "Vice Presidents": titles only
	}
	if single && (isInitial(first) || strings.HasSuffix(first, ".") && lx.abbrevs[strings.TrimSuffix(first, ".")]) {
		return // "E." of "E. coli", "No." of "No. 1"
	}
	if e-s == 2 && d.isDemonym(s) && (d.toks[s+1].upper || !d.headWord(d.toks[s+1].text) && !d.lx.common(&d.toks[s+1])) {
		d.classify(s+1, e, role, titled) // "Belarusian KGB", "Russian Soyuz"
		return
	}
	if single {
		if _, ok := lx.demonyms[first]; ok {
			return // an adjective: "Afghan", "Russian"
		}
		if lx.plurals[first] || lx.languages[first] {
			m.typ = schema.TypeOther
			d.add(m)
			return
		}
		if st, ok := lx.orgs[key]; ok {
			m.typ, m.subtype = schema.TypeOrganization, st
			d.add(m)
			return
		}
		if st, ok := lx.places[key]; ok && !titled {
			m.typ, m.subtype = schema.TypePlace, st
			d.add(m)
			return
		}
	}
	if !single && !titled {
		// "Melbourne Australia": known names run together without their
		// comma are mentions of their own.
		if parts := d.knownParts(s, e); len(parts) > 1 && !d.headWord(last) {
			for _, p := range parts {
				d.add(p)
			}
			return
		}
		if st, ok := d.compassPlace(s, e); ok {
			m.typ, m.subtype = schema.TypePlace, st
			// "North Poland": the direction is no part of a country's
			// name; a region keeps it ("South East Asia").
			if a := d.skipCompass(s, e); e-a == 1 && lx.places[d.toks[a].text] == "country" {
				m.s, m.subtype = a, "country"
			}
			d.add(m)
			return
		}
	}
	if single && !titled {
		if st, ok := lx.orgHeads[first]; ok {
			m.typ, m.subtype, m.strong = schema.TypeOrganization, st, false
			d.add(m)
			return
		}
		if st, ok := lx.placeHeads[first]; ok {
			m.typ, m.subtype, m.strong = schema.TypePlace, st, false
			d.add(m)
			return
		}
	}
	// Head words are read before a closing number: "World War II".
	h := e
	for h-s > 1 && isNumeral(d.toks[h-1].text) {
		h--
	}
	switch {
	case titled:
		m.typ = schema.TypePerson
	case lx.eventOpeners[first] && !single, lx.eventHeads[d.toks[h-1].text] && h-s > 1, d.eventThenPlace(s, e):
		m.typ = schema.TypeEvent
	case !single && d.orgHeadAt(s, h) != "":
		m.typ, m.subtype = schema.TypeOrganization, d.orgHeadAt(s, h)
		if m.subtype == "-" {
			m.subtype = ""
		}
	case !single && d.placeHeadAt(s, h) != "":
		m.typ, m.subtype = schema.TypePlace, d.placeHeadAt(s, h)
		if m.subtype == "-" {
			m.subtype = ""
		}
	case single && d.toks[s].upper && len(first) >= 4 && lx.common(&d.toks[s]):
		// "UNLESS": a word set in capitals for emphasis.
		return
	case single && isNumeral(first):
		return // "XVII": a number
	case d.toks[s].upper && allUpper(d.toks[s:e]) && !d.hasDigits(s, e):
		m.typ = schema.TypeOrganization
		m.strong = false
	case lx.firstNames[first] && !single && d.personShaped(s, e) && (e-s <= 3 || !lx.common(&d.toks[e-1])):
		m.typ = schema.TypePerson
	case !single && d.personShaped(s, e) && !d.anyCommon(s, e):
		m.typ = schema.TypePerson
		m.strong = false
	case single && lx.firstNames[first]:
		m.typ = schema.TypePerson
		m.strong = false
	default:
		m.strong = false
	}
	d.add(m)
}

// anyCommon reports whether a word of [s, e) is an everyday word, which
// a personal name seldom has ("Space Shuttle Atlantis").
func (d *doc) anyCommon(s, e int) bool {
	for _, t := range d.toks[s:e] {
		if t.word && d.lx.common(&t) {
			return true
		}
	}
	return false
}

func (d *doc) isDemonym(i int) bool {
	_, ok := d.lx.demonyms[d.toks[i].text]
	return ok
}

// knownFrom reports whether [a, e) is exactly a gazetteer name of two
// tokens or more.
func (d *doc) knownFrom(a, e int) bool {
	l, _, ok := d.knownAt(a)
	return ok && a+l == e
}

// headWord reports whether w heads organization, place or event names.
func (d *doc) headWord(w string) bool {
	_, org := d.lx.orgHeads[w]
	_, place := d.lx.placeHeads[w]
	return org || place || d.lx.eventHeads[w]
}

// knownParts splits [s, e) into gazetteer names, or returns nil when a
// word of it is in none.
func (d *doc) knownParts(s, e int) []mention {
	var parts []mention
	for j := s; j < e; {
		if l, k, ok := d.knownAt(j); ok && j+l <= e && k.typ != demonymType {
			parts = append(parts, mention{s: j, e: j + l, typ: k.typ, subtype: k.subtype, strong: true})
			j += l
			continue
		}
		m, ok := d.knownWord(j)
		if !ok {
			return nil
		}
		parts = append(parts, m)
		j++
	}
	return parts
}

// compassPlace recognizes a known place with direction words before or
// after it ("South East Asia", "Northern Ontario", "Pacific Northwest").
func (d *doc) skipCompass(s, e int) int {
	for s < e && d.lx.compass[d.toks[s].text] {
		s++
	}
	return s
}

func (d *doc) compassPlace(s, e int) (string, bool) {
	a, b := d.skipCompass(s, e), e
	for b > a && d.lx.compass[d.toks[b-1].text] {
		b--
	}
	if a == b || (a == s && b == e) {
		return "", false
	}
	if b-a == 1 {
		if _, ok := d.lx.places[d.toks[a].text]; ok {
			return "region", true
		}
		return "", false
	}
	if l, k, ok := d.knownAt(a); ok && a+l == b && k.typ == schema.TypePlace {
		return "region", true
	}
	return "", false
}

func allUpper(toks []token) bool {
	for _, t := range toks {
		if t.word && !t.upper {
			return false
		}
	}
	return true
}

// personShaped reports whether every word of [s, e) is written like a
// part of a personal name (initials included).
func (d *doc) personShaped(s, e int) bool {
	for _, t := range d.toks[s:e] {
		if t.word && !personShaped(strings.TrimSuffix(t.text, ".")) {
			return false
		}
	}
	return true
}

func (d *doc) hasDigits(s, e int) bool {
	for _, t := range d.toks[s:e] {
		for _, r := range t.text {
			if unicode.IsDigit(r) {
				return true
			}
		}
	}
	return false
}

// orgHeadAt returns the organization subtype ("-" when none) if the name
// ends with an organization head word or opens with one completed by
// "of"/"for" ("University of ..."), or "" when it has no such head.
func (d *doc) orgHeadAt(s, e int) string {
	if st, ok := d.lx.orgHeads[d.toks[e-1].text]; ok {
		return orDash(st)
	}
	if e-s > 2 {
		if w := d.toks[s+1].text; w == "of" || w == "for" {
			if st, ok := d.lx.orgHeads[d.toks[s].text]; ok {
				return orDash(st)
			}
		}
		// "Center for Disease Control", "Centers for ...": a place word
		// with "for" names an institution.
		if d.toks[s+1].text == "for" && d.headLike(d.toks[s].text) {
			return "-"
		}
	}
	for k := s + 1; k < e-1; k++ {
		if w := d.toks[k].text; w == "of" || w == "for" {
			if st, ok := d.lx.orgHeads[d.toks[k-1].text]; ok {
				return orDash(st)
			}
			break
		}
	}
	for k := s; k < e; k++ {
		if w := d.toks[k].text; d.lx.innerHeads[w] {
			return orDash(d.lx.orgHeads[w])
		}
	}
	return ""
}

func (d *doc) placeHeadAt(s, e int) string {
	if st, ok := d.lx.placeHeads[d.toks[e-1].text]; ok {
		return orDash(st)
	}
	if st, ok := d.lx.placeOpeners[d.toks[s].text]; ok {
		return orDash(st)
	}
	for k := s + 1; k < e-1; k++ {
		if w := d.toks[k].text; w == "of" {
			if st, ok := d.lx.placeHeads[d.toks[k-1].text]; ok {
				return orDash(st)
			}
			break
		}
	}
	return ""
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func (d *doc) add(m mention) {
	d.withRole(&m)
	d.ms = append(d.ms, m)
}
