package quotes

import (
	"sort"
	"strings"

	"github.com/docset/docset/schema"
)

// Kinds of organisation (data/kinds.txt): "the company said" speaks for the
// most recent company named, skipping a ministry named since.

// anyKind is the kind of a noun that fits every organisation ("the
// group"); publicKind that of a public body the text does not say more of
// (subtype "government" on a name like "NASA"): a ministry, an agency or a
// government.
const (
	anyKind    = "any"
	publicKind = "public"
)

// kindOf returns the kind of organisation entity e as the text shows it:
// from the head word of its name ("Ministry of Mines", "Halden Motor
// Company"), its subtype, or a kind noun next to one of its mentions ("the
// retailer Harrowfield", "Harrowfield, a supermarket chain"); "" when none.
func (d *doc) kindOf(e int) string {
	if k, ok := d.entKinds[e]; ok {
		return k
	}
	if d.entKinds == nil {
		d.entKinds = map[int]string{}
	}
	k := d.nameKind(d.ents[e].Name)
	if k == "" {
		k = d.lx.subtypeKind(d.ents[e].Subtype)
	}
	if k == "" {
		k = d.contextKind(e)
	}
	if k == anyKind {
		k = "" // "Harrowfield Group" says nothing of what it is
	}
	d.entKinds[e] = k
	return k
}

// nameKind is the kind a name's words show: its last word, else the first
// kind noun in it ("Ministry of Mines", "University College London").
func (d *doc) nameKind(name string) string {
	words := strings.Fields(strings.ToLower(name))
	for i, w := range words {
		words[i] = strings.Trim(w, ".,")
	}
	if len(words) < 2 {
		return "" // a one-word name is no kind noun ("Police" alone)
	}
	if k := d.lx.kind(words[len(words)-1]); k != "" {
		return k
	}
	for _, w := range words[:len(words)-1] {
		if k := d.lx.kind(w); k != "" && k != anyKind {
			return k
		}
	}
	return ""
}

// contextKind is the kind noun the text puts next to a mention of e: right
// before it ("the retailer Harrowfield"), right after it ("the Lantern
// newspaper") or heading an apposition ("Harrowfield, a supermarket
// chain,"); the first mention that has one decides.
func (d *doc) contextKind(e int) string {
	for _, m := range d.ents[e].Mentions {
		a, b := tokenAt(d.toks, m.Start), tokenAt(d.toks, m.End)
		if a >= len(d.toks) {
			continue
		}
		if k := d.kindWord(a - 1); k != "" {
			return k
		}
		if b >= len(d.toks) || d.possessive(mention{s: m.Start, e: m.End}) {
			continue
		}
		if k := d.kindWord(b); k != "" {
			return k
		}
		if d.toks[b].low != "," || b+1 >= len(d.toks) || !d.lx.is("article", d.lowAt(b+1)) {
			continue
		}
		// The apposition's head is its last word before punctuation.
		i := b + 2
		for i < len(d.toks) && i < b+6 && d.toks[i].word {
			i++
		}
		if k := d.kindWord(i - 1); i > b+2 && k != "" {
			return k
		}
	}
	return ""
}

// kindWord returns the kind a lower-case kind noun at token i names.
func (d *doc) kindWord(i int) string {
	if i < 0 || i >= len(d.toks) {
		return ""
	}
	t := d.tok(i)
	if !t.word || t.upper || t.quote >= 0 {
		return ""
	}
	return d.lx.kind(t.low)
}

// fits reports whether organisation e may be what a noun of kind k names:
// of that kind, or of a kind the text does not show when k is one that is
// often named with no kind word (companies, clubs, outlets, parties).
func (d *doc) fits(e int, k string) bool {
	if d.ents[e].Type != schema.TypeOrganization {
		return false
	}
	if k == anyKind {
		return true
	}
	switch ek := d.kindOf(e); ek {
	case k:
		return true
	case "":
		return d.lx.is("open-kind", k)
	case publicKind:
		return d.lx.is("public-kind", k)
	}
	return false
}

// resolveKind resolves a subject [a, b) headed by a noun of kind k: the
// most recent organisation of that kind, else the most recent one that may
// be of it. A possessive owner ("Tovia's consumer
// watchdog") is not the speaker: the organisation named for the owner is
// ("Consumer Council of Tovia"), else nobody the text names.
func (d *doc) resolveKind(a, b int, k string) (int, bool) {
	pos := d.toks[a].s
	before := sort.Search(len(d.ments), func(i int) bool { return d.ments[i].s >= pos })
	for _, m := range d.mentionsIn(pos, d.toks[b-1].e) {
		if d.possessive(m) {
			return d.namedFor(m, k, before), true
		}
	}
	// One the text shows to be of the kind goes before a public body of
	// no shown kind, which goes before one it says nothing of; names
	// inside quotations are not looked at.
	// Of those of the kind, one named as a subject goes first ("The Court
	// of Session is ... The only court above it is the Supreme Court. The
	// court's summary concluded").
	shown, public, open := -1, -1, -1
	for i := before - 1; i >= 0 && i >= before-roleLookback; i-- {
		m := d.ments[i]
		if m.e > pos || !d.fits(m.ent, k) || d.toks[tokenAt(d.toks, m.s)].quote >= 0 {
			continue
		}
		switch ek := d.kindOf(m.ent); {
		case k == anyKind || ek == k:
			if d.subjectLike(m) {
				return m.ent, true
			}
			if shown < 0 {
				shown = m.ent
			}
		case ek != "" && public < 0:
			public = m.ent
		case ek == "" && open < 0:
			open = m.ent
		}
	}
	for _, e := range []int{shown, public} {
		if e >= 0 {
			return e, true
		}
	}
	if open < 0 && k == "government" {
		// "The government of Tovia announced ... The government statement
		// read": the place it governs.
		for i := before - 1; i >= 0 && i >= before-roleLookback; i-- {
			if m := d.ments[i]; m.typ == schema.TypePlace && d.governed(m) {
				return m.ent, true
			}
		}
	}
	return open, true
}

// governed reports whether place mention m follows "government of".
func (d *doc) governed(m mention) bool {
	a := tokenAt(d.toks, m.s)
	return a >= 2 && d.lowAt(a-1) == "of" && d.lowAt(a-2) == "government"
}

// namedFor returns the most recent organisation of kind k, among the
// mentions before index before, whose name holds the owner's name; -1 if
// none. A place's government is the place.
func (d *doc) namedFor(owner mention, k string, before int) int {
	name := d.str.Span(owner.s, owner.e)
	if k == "government" && owner.typ == schema.TypePlace {
		return owner.ent // "Tovia's government said": Tovia speaks
	}
	for i := before - 1; i >= 0 && i >= before-roleLookback; i-- {
		m := d.ments[i]
		// Public bodies go by many names: "Tovia's consumer watchdog" may
		// be the "Consumer Council of Tovia".
		ek := d.kindOf(m.ent)
		if m.ent == owner.ent || !d.fits(m.ent, k) && ek != "" && !(d.lx.is("public-kind", k) && d.lx.is("public-kind", ek)) {
			continue
		}
		if m.typ == schema.TypeOrganization && containsWords(d.ents[m.ent].Name, name) {
			return m.ent
		}
	}
	return -1
}

// containsWords reports whether name holds part as whole words.
func containsWords(name, part string) bool {
	for off := 0; ; {
		i := strings.Index(name[off:], part)
		if i < 0 {
			return false
		}
		s, e := off+i, off+i+len(part)
		if (s == 0 || name[s-1] == ' ') && (e == len(name) || name[e] == ' ') {
			return true
		}
		off = e
	}
}
