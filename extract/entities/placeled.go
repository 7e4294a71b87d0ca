package entities

import (
	"strings"

	"github.com/docset/docset/schema"
)

// placeLed reports whether the name [s, e), which opens with a known
// place, is a body named after it: a newspaper ("Toronto Star", "Boston
// Globe") or a team or body of people, whose name ends with the plural
// of an everyday noun ("Winnipeg Jets", "Toronto Maple Leafs", "Ohio
// Builders"). outlet says it is a newspaper.
func (d *doc) placeLed(s, e int) (outlet, ok bool) {
	k, sub := d.placePrefix(s, e)
	if k == s || k == e || e-k > 2 {
		return false, false
	}
	last := &d.toks[e-1]
	if e-k == 1 && d.lx.outletTails[last.text] {
		return true, true
	}
	// A team is named for a town, region or country, not for the Moon
	// or a landmark ("Moon Raiders" toys).
	if sub == "" || d.headWord(last.text) || d.lx.placePlurals[last.text] || d.lx.plurals[last.text] || !d.pluralNoun(last) {
		return false, false
	}
	if e-k == 2 {
		// "Maple Leafs", "Red Wings": one more word, neither a head word
		// nor a place or given name of its own.
		if t := &d.toks[k]; !t.word || !t.cap || d.headWord(t.text) || d.lx.places.has(t.text) || d.lx.firstNames.Has(t.text) {
			return false, false
		}
	}
	// "in Windsor Locks", "Windsor Locks, Connecticut": a town whose name
	// the gazetteers lack.
	if s > 0 && d.lx.placePreps[d.toks[s-1].low] == "strong" || d.placeAfterComma(e) {
		return false, false
	}
	// "Jordan Banks", "Georgia Sanders": a given name that is also a
	// place may open a person's name; a team is "the Dallas Cowboys".
	if k == s+1 && d.lx.firstNames.Has(d.toks[s].text) && (s == 0 || d.toks[s-1].low != "the") {
		return false, false
	}
	return false, true
}

// placePrefix returns the end of the known place that opens [s, e), or s
// when none does, and the place's subtype.
func (d *doc) placePrefix(s, e int) (int, string) {
	if l, k, ok := d.knownAt(s); ok && s+l <= e {
		if k.typ == schema.TypePlace {
			return s + l, k.subtype
		}
		return s, ""
	}
	if m, ok := d.knownWord(s); ok && m.typ == schema.TypePlace {
		return s + 1, m.subtype
	}
	return s, ""
}

// placeBeforePerson returns where a person's name begins after the known
// place that opens [s, e) ("Vermont Jane Doe"), or s when it does not: the
// rest opens with a given name, has two words or more, all written like
// a name and none a head word, and the place is no given name itself
// ("Georgia May Lewis").
func (d *doc) placeBeforePerson(s, e int) int {
	k, _ := d.placePrefix(s, e)
	if k == s || e-k < 2 || d.lx.firstNames.Has(d.toks[s].text) || !d.lx.firstNames.Has(d.toks[k].text) {
		return s
	}
	if !d.personShaped(k, e) {
		return s
	}
	for _, t := range d.toks[k:e] {
		if d.headWord(t.text) {
			return s // "San Francisco Bay Area"
		}
	}
	return k
}

// placeAfterComma reports whether a comma and a known place follow the
// name ending at e ("..., Connecticut").
func (d *doc) placeAfterComma(e int) bool {
	if e+1 >= len(d.toks) || d.toks[e].text != "," {
		return false
	}
	if l, k, ok := d.knownAt(e + 1); ok && l > 0 {
		return k.typ == schema.TypePlace
	}
	m, ok := d.knownWord(e + 1)
	return ok && m.typ == schema.TypePlace
}

// pluralNoun reports whether t is a capitalised plural of an everyday
// noun ("Jets", "Wolves", "Lilies").
func (d *doc) pluralNoun(t *token) bool {
	w := t.low
	if !t.word || !t.cap || len(w) < 4 || !strings.HasSuffix(w, "s") {
		return false
	}
	for _, end := range []string{"ss", "us", "is"} {
		if strings.HasSuffix(w, end) {
			return false
		}
	}
	var sg []string
	switch {
	case strings.HasSuffix(w, "ies"):
		sg = append(sg, strings.TrimSuffix(w, "ies")+"y")
	case strings.HasSuffix(w, "ves"):
		sg = append(sg, strings.TrimSuffix(w, "ves")+"f", strings.TrimSuffix(w, "s"))
	case strings.HasSuffix(w, "es"):
		sg = append(sg, strings.TrimSuffix(w, "es"))
	}
	sg = append(sg, strings.TrimSuffix(w, "s"))
	for _, x := range sg {
		if d.lx.words.Has(x) {
			return true
		}
	}
	return false
}
