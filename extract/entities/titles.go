package entities

import (
	"strings"

	"github.com/docset/docset/schema"
)

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
		if d.lx.firstNames.Has(d.toks[k].text) && !d.lx.firstNames.Has(d.toks[k-1].text) && !d.lx.titles[d.toks[k-1].low] &&
			!d.lx.common(&d.toks[k+1]) && d.toks[k+1].cap && !d.lx.known(d.toks[k].text) &&
			(d.prefixIsName(s, k) || k == s+1 && e-k >= 2 && d.descriptor(s)) {
			d.splitTitle(s, k)
			d.classify(k, e, "", false)
			return
		}
	}
	// "told NPR Hamza bin Laden had ...", "told MSNBC Cummings was": an
	// outlet told run into a personal name the name lists know.
	if t := &d.toks[s]; e-s >= 2 && s > 0 && d.toldOrAccording(s) && t.upper && isAcronym(t.text) && !d.isTitleWord(&d.toks[s+1]) &&
		d.personShaped(s+1, e) && d.toks[s+1].cap && d.nameWords(s+1, e) && !d.anyCommonWord(s+1, e) && !d.headWord(d.toks[e-1].text) {
		d.classify(s, s+1, "", false)
		d.classify(s+1, e, "", false)
		return
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
	// "International Court of Justice": an organization head with an
	// "of" phrase names a body even when title words fill it.
	if j >= e && d.headOf(s, e) {
		d.classify(s, e, "", false)
		return
	}
	// "Mayor of Springfield Jo Bloggs", "Speaker of the Assembly Maria
	// Lund", "Secretary of State for Health and Social Care Matt
	// Hancock": the title's domain is named by the words after "of" up to
	// where the personal name starts; the role runs over both.
	if dom := d.domainStart(s, min(j, e), e); dom >= 0 {
		for _, m := range inner {
			if m.e <= dom {
				d.ms = append(d.ms, m)
			}
		}
		p := d.personStart(dom, e)
		if dom < p && d.domainName(dom, p) {
			d.classify(dom, p, "", false)
		}
		if p < e {
			d.classify(p, e, d.span(s, p), true)
		}
		return
	}
	d.ms = append(d.ms, inner...)
	if j >= e {
		return // only a role ("Prime Minister"): names inside it still count
	}
	role := d.span(s, j)
	if d.onlyHonorifics(s, j) {
		role = ""
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
		// Gazetteer names first: "Sri Lankan" is no title "Sri".
		if l, k, ok := d.knownAt(j); ok && j+l < e {
			if k.typ != demonymType {
				inner = append(inner, mention{s: j, e: j + l, typ: k.typ, subtype: k.subtype, strong: true})
			}
			j += l
			continue
		}
		// A plural ("Ethiopians", "Lords") titles only a name after it:
		// at the end it is part of a name ("House of Lords").
		if d.isTitleWord(t) && (j+1 < e || d.lx.titles[t.low]) {
			lastTitle = j
			j++
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
	m := &d.known[i]
	if m.word == memoUnknown {
		m.word = memoNone
		if st, ok := d.lx.places.get(d.toks[i].text); ok {
			m.word, m.wordType, m.wordSub = memoFound, schema.TypePlace, st
		} else if st, ok := d.lx.orgs.get(d.toks[i].text); ok {
			m.word, m.wordType, m.wordSub = memoFound, schema.TypeOrganization, st
		}
	}
	if m.word == memoNone {
		return mention{}, false
	}
	return mention{s: i, e: i + 1, typ: m.wordType, subtype: m.wordSub, strong: true}, true
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
	if d.titleOf(s) {
		return false // "Speaker of the Assembly": a title with its domain
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
	if d.pluralPossessive(s, e) >= 0 {
		return true // "Catholic Bishops' Conference": no title "Bishops"
	}
	if e-s == 1 {
		return false
	}
	if strings.HasSuffix(d.toks[s].text, ".") && d.lx.titles[d.toks[s].low] {
		return false // "Mr." "Dr." always title a person
	}
	if d.titleOf(s) {
		return false
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

// domainStart returns where the domain of the title [s, j) begins: after
// its first "of", "for", "to" or "on" and an article ("Speaker of the
// House"), or -1 when the title names none.
func (d *doc) domainStart(s, j, e int) int {
	for k := s + 1; k < j; k++ {
		switch d.toks[k].text {
		case "of", "for", "to", "on":
			k++
			if k < e && d.toks[k].text == "the" {
				k++
			}
			if k < e {
				return k
			}
			return -1
		}
	}
	return -1
}

// personStart returns where a personal name starts in the words [dom, e)
// after a title's "of": at a given name with more name after it, after
// an organization or place head word, or before a closing name of two
// words that follows everyday words; e when no person is named.
func (d *doc) personStart(dom, e int) int {
	// "of Scotland Nicola Sturgeon": a gazetteer name, then a name.
	l, _, ok := d.knownAt(dom)
	if !ok {
		if _, one := d.knownWord(dom); one {
			l, ok = 1, true
		}
	}
	if ok && dom+l < e && d.personShaped(dom+l, e) && d.toks[dom+l].cap && !d.headWord(d.toks[e-1].text) {
		if _, _, more := d.knownAt(dom + l); !more && !d.lx.known(d.toks[dom+l].text) {
			return dom + l
		}
	}
	for k := dom + 1; k+1 < e; k++ {
		t := &d.toks[k]
		if (d.lx.firstNames.Has(t.text) || d.lx.nameParts.Has(t.text)) && !d.lx.common(t) && !d.lx.known(t.text) && d.personShaped(k, e) && !d.headWord(d.toks[e-1].text) {
			if l, _, ok := d.knownAt(k - 1); ok && k-1+l > k {
				continue // inside a known name: "Cape Town"
			}
			return k
		}
	}
	for k := dom; k+2 < e; k++ {
		if d.headWord(d.toks[k].text) && d.personName(k+1, e) {
			return k + 1
		}
	}
	if k := e - 2; k > dom && d.anyCommon(dom, k) && d.personName(k, e) {
		return k
	}
	return e
}

// personName reports whether [s, e) reads as a personal name: capitalised
// words written like names, the last no everyday or head word.
func (d *doc) personName(s, e int) bool {
	if s >= e || !d.toks[s].cap || !d.personShaped(s, e) {
		return false
	}
	last := &d.toks[e-1]
	return !d.lx.common(last) && !d.headWord(last.text) && !d.lx.known(last.text)
}

// domainName reports whether the domain words [s, e) of a title name
// something: a name, or a head word after the article ("the Assembly");
// everyday words ("of State", "for Health and Social Care") are only
// part of the role.
func (d *doc) domainName(s, e int) bool {
	if !d.onlyEveryday(s, e) {
		return true
	}
	if s == 0 || d.toks[s-1].text != "the" {
		return false
	}
	for k := s; k < e; k++ {
		if d.headWord(d.toks[k].text) {
			return true // "of the House of Representatives"
		}
	}
	return false
}

// titleRun reports whether [s, e) is a title with its domain and nothing
// else ("Minister of Foreign Affairs", "Deputy Prime Minister"), which an
// "and" may continue with more of the domain or a second title.
func (d *doc) titleRun(s, e int) bool {
	if !d.isTitleWord(&d.toks[s]) {
		return false
	}
	for k := s + 1; k < e; k++ {
		t := &d.toks[k]
		if !t.word {
			return false
		}
		if d.isTitleWord(t) || d.lx.titleMods[t.low] || d.lx.common(t) && !d.lx.firstNames.Has(t.text) {
			continue
		}
		return false
	}
	return true
}

// titleOf reports whether token s is a title followed by the domain it
// is of ("Speaker of", "Minister for"), not an organization's own head
// word ("Court of", "Bank of").
func (d *doc) titleOf(s int) bool {
	if s+1 >= len(d.toks) || !d.lx.titles[d.toks[s].low] {
		return false
	}
	if _, org := d.lx.orgHeads[d.toks[s].text]; org {
		return false
	}
	switch d.toks[s+1].text {
	case "of", "for", "to":
		return true
	}
	return false
}

// onlyEveryday reports whether every word of [s, e) is an everyday word
// and no given name, acronym or gazetteer name.
func (d *doc) onlyEveryday(s, e int) bool {
	for k := s; k < e; k++ {
		if _, _, ok := d.knownAt(k); ok {
			return false
		}
		if t := &d.toks[k]; t.word && (!d.lx.common(t) || d.lx.firstNames.Has(t.text) || t.upper || d.lx.known(t.text)) {
			return false
		}
	}
	return true
}

// pluralPossessive returns the index of the apostrophe of a plural
// possessive inside [s, e) ("Farmers' Union", "Bishops' Conference"), or
// -1: a name built on a body of people.
func (d *doc) pluralPossessive(s, e int) int {
	for k := s + 1; k+1 < e; k++ {
		t := &d.toks[k]
		if !t.word && isApostrophe(firstRune(t.text)) && strings.HasSuffix(d.toks[k-1].text, "s") && d.toks[k+1].cap {
			return k
		}
	}
	return -1
}
