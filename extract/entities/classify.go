package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docset/docset/schema"
)

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
		if t := &d.toks[s]; t.upper && t.weak {
			// "OSLO" in a line set in capitals is "Oslo".
			if !lx.orgs.has(key) {
				key = titleCase(first)
				first = key
			}
		}
	} else {
		key = d.join(s, e)
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
	// "Christian Keysers" is a name, "Belarusian KGB" not.
	if e-s == 2 && d.isDemonym(s) && !lx.firstNames.Has(first) && (d.toks[s+1].upper || !d.headWord(d.toks[s+1].text) && !d.lx.common(&d.toks[s+1])) {
		d.classify(s+1, e, role, titled) // "Belarusian KGB", "Peruvian Andesat"
		return
	}
	if single {
		if _, ok := lx.demonyms[first]; ok {
			return // an adjective: "Afghan", "Peruvian"
		}
		if isDomain(first, lx) {
			m.typ, m.subtype = schema.TypeOrganization, "website"
			d.add(m)
			return
		}
		if lx.plurals[first] || lx.languages[first] {
			m.typ = schema.TypeOther
			d.add(m)
			return
		}
		if st, ok := lx.orgs.get(key); ok {
			m.typ, m.subtype = schema.TypeOrganization, st
			d.add(m)
			return
		}
		if st, ok := lx.places.get(key); ok && !titled {
			m.typ, m.subtype = schema.TypePlace, st
			d.add(m)
			return
		}
	}
	if !single && !titled {
		if k := d.placeBeforePerson(s, e); k > s {
			// "Senator from Vermont Jane Doe": a place run into the
			// name of the person from there.
			d.classify(s, k, "", false)
			d.classify(k, e, role, titled)
			return
		}
		if outlet, ok := d.placeLed(s, e); ok {
			if outlet {
				m.typ = schema.TypeOrganization
			} else {
				// A plural may still end a town's name the gazetteers
				// lack: what the words around any mention say comes
				// first ("in Windsor Locks").
				m.typ, m.strong, m.ctx = schema.TypeOrganization, false, schema.TypeOrganization
			}
			d.add(m)
			return
		}
		// "Melbourne Australia": known names run together without their
		// comma are mentions of their own.
		if parts := d.knownParts(s, e); len(parts) > 1 && !d.headWord(last) && !d.orgLed(s, e) {
			for _, p := range parts {
				d.add(p)
			}
			return
		}
		if st, ok := d.compassPlace(s, e); ok {
			m.typ, m.subtype = schema.TypePlace, st
			// "North Poland": the direction is no part of a country's
			// name; a region keeps it ("South East Asia").
			if a := d.skipCompass(s, e); e-a == 1 && lx.places.subtype(d.toks[a].text) == "country" {
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
	case !single && d.pluralPossessive(s, e) >= 0 && d.placeHeadAt(s, h) == "":
		// "Farmers' Union of Wales", "Bishops' Conference": a body of
		// people, whatever its head word.
		m.typ, m.subtype = schema.TypeOrganization, ""
		if st := d.orgHeadAt(s, h); st != "" && st != "-" {
			m.subtype = st
		}
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
	case !single && d.orgLed(s, e):
		// "Tesco Polska", "RTL Nederland", "Sky News Arabia": a branch
		// or service of a known organization.
		m.typ = schema.TypeOrganization
	case single && d.toks[s].upper && len(first) >= 4 && lx.common(&d.toks[s]):
		// "UNLESS": a word set in capitals for emphasis.
		return
	case single && isNumeral(first):
		return // "XVII": a number
	case single && lx.acronyms[strings.ReplaceAll(first, ".", "")]:
		// "HIV", "DNA", "GPS": an acronym of a thing, whatever its
		// capitals suggest.
		m.typ, m.strong = schema.TypeOther, false
	case d.toks[s].upper && allUpper(d.toks[s:e]) && !d.hasDigits(s, e):
		m.typ = schema.TypeOrganization
		m.strong, m.byShape = false, true
	case !single && d.eastAsianName(s, e):
		// "Xi Jinping", "Moon Jae-in": a person by the shape of the
		// name, whatever everyday words it has.
		m.typ, m.strong = schema.TypePerson, false
	case lx.firstNames.Has(first) && !single && d.personShaped(s, e) && (e-s <= 3 || !lx.common(&d.toks[e-1])):
		m.typ = schema.TypePerson
		// "Red Hat", "Pearl Jam": a given name before an everyday word is
		// a person unless the words around say otherwise ("software
		// company Red Hat").
		m.strong = !lx.common(&d.toks[e-1])
	case e-s == 2 && d.personShaped(s, e) && d.nameAndWord(s):
		// "Taro Kono", "Elon Musk": a name word and an everyday word
		// may be a person's name; the words around must say so.
		m.typ, m.strong, m.guess = schema.TypePerson, false, true
	case !single && d.personShaped(s, e) && !d.anyCommon(s, e):
		m.typ = schema.TypePerson
		m.strong = false
		m.guess = !d.nameWords(s, e)
	case single && lx.firstNames.Has(first):
		m.typ = schema.TypePerson
		m.strong = false
	default:
		m.strong = false
	}
	d.add(m)
}

// titleCase writes an all-capitals word with one capital ("OSLO" ->
// "Oslo").
func titleCase(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + strings.ToLower(w[n:])
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

// nameWords reports whether a word of [s, e) is a known given name or a
// part of personal names.
func (d *doc) nameWords(s, e int) bool {
	for _, t := range d.toks[s:e] {
		if !t.word {
			continue
		}
		w := t.text
		if !isPlainLower(t.low) {
			w = d.fold(w) // "Polgár"
		}
		// "Nils-Erik", "Siu-lai": each part of a hyphenated name.
		for w != "" {
			p, rest, _ := strings.Cut(w, "-")
			if len(p) > 1 && (d.lx.firstNames.Has(p) || d.lx.nameParts.Has(p)) {
				return true
			}
			w = rest
			if w != "" {
				r, n := utf8.DecodeRuneInString(w)
				w = string(unicode.ToUpper(r)) + w[n:]
			}
		}
	}
	return false
}

// nameAndWord reports whether of the two words at s one is an everyday
// word and the other a given name or surname the name lists know.
func (d *doc) nameAndWord(s int) bool {
	a, b := &d.toks[s], &d.toks[s+1]
	known := func(t *token) bool { return d.lx.firstNames.Has(t.text) || d.lx.nameParts.Has(t.text) }
	return d.lx.common(a) && !d.lx.common(b) && known(b) || d.lx.common(b) && !d.lx.common(a) && known(a)
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

// anyCommonWord is anyCommon leaving out the particles of names ("bin",
// "de").
func (d *doc) anyCommonWord(s, e int) bool {
	for k := s; k < e; k++ {
		if t := &d.toks[k]; t.word && !d.lx.particles[t.text] && d.lx.common(t) {
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
		if d.lx.places.has(d.toks[a].text) {
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
	// "Dunmore Unified School District", "Ellsby Hospital District": an
	// institution's district is the body that runs it, not a region.
	if e-s > 2 && d.toks[e-1].text == "District" {
		if st, ok := d.lx.orgHeads[d.toks[e-2].text]; ok {
			return orDash(st)
		}
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

// orgLed reports whether the name [s, e) opens with a one-word
// organization, known or written as an acronym, and goes on with words
// that name no person.
func (d *doc) orgLed(s, e int) bool {
	t := &d.toks[s]
	known := d.lx.orgs.has(t.text)
	acronym := t.upper && len(t.text) >= 3 && !strings.Contains(t.text, ".") && !d.lx.known(t.text) && !d.hasDigits(s, s+1)
	if !known && !acronym {
		return false
	}
	// The rest names a place or market, in English or not; an everyday
	// word makes a product ("Google Chrome"), a name word a person.
	for k := s + 1; k < e; k++ {
		w := &d.toks[k]
		if d.lx.places.has(w.text) || d.lx.compass[w.text] {
			continue
		}
		if d.lx.common(w) || d.lx.firstNames.Has(w.text) || d.lx.nameParts.Has(w.text) || d.lx.titles[w.low] || d.hasDigits(k, k+1) {
			return false
		}
	}
	return true
}
