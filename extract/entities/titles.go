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
	m := &d.known[i]
	if m.word == memoUnknown {
		m.word = memoNone
		if st, ok := d.lx.places[d.toks[i].text]; ok {
			m.word, m.wordType, m.wordSub = memoFound, schema.TypePlace, st
		} else if st, ok := d.lx.orgs[d.toks[i].text]; ok {
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
