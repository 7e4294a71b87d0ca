package entities

import (
	"strings"

	"github.com/docset/docset/schema"
)

// notPerson is contextType's answer for a name the words around show is
// no person, without telling what it is ("X, which ...").
const notPerson = "-person"

// maxCueTokens bounds how far the words after a name are read for a
// pronoun or an apposition.
const maxCueTokens = 30

// contextType reads what the words around a name with no type of its own
// say it is: an apposition ("X, a real estate site," / "X, who"), the
// first pronoun after it in its sentence ("X said its ..." / "... his"),
// what it owns ("X's wife", "X shares"), and an article before it ("told
// The Lantern", "the Grateful Dead"), which no personal name takes. It
// returns a type, notPerson, or "", and whether the cue is sure enough
// to outweigh what other mentions of the name suggest.
func (d *doc) contextType(m *mention) (string, bool) {
	if t := d.appositionType(m.e); t != "" {
		return t, t != notPerson
	}
	if t := d.ownedType(m.e); t != "" {
		return t, false
	}
	// A pronoun of a person outweighs what the name does as a body
	// ("X laid off his staff"), a body's deeds "its" ("X opened its").
	p := d.pronounType(m)
	if p == schema.TypePerson {
		return p, false
	}
	if t := d.bodyType(m); t != "" {
		return t, false
	}
	if p != "" {
		return p, false
	}
	if m.s > 0 {
		p := &d.toks[m.s-1]
		// "told The Lantern": a capital "The" inside a sentence belongs to
		// a title.
		if p.text == "The" && !p.weak && !p.lineBr {
			if d.toldOrAccording(m.s - 1) {
				return schema.TypeOrganization, false // "told The Lantern"
			}
			return notPerson, false // "filming The Professionals"
		}
	}
	// Where a name with no cue of a person stands as a source, it is one
	// of the news: "told Gazeta Wyborcza", "according to Rudaw", "Rudaw
	// reported", "a Gazeta Prawna report".
	if m.typ == "" || m.guessed() && !d.personCue(m) {
		// Not "according to Windsor Locks' first selectman": the source
		// is what the name owns.
		if m.s > 0 && d.toldOrAccording(m.s) && !d.possessiveAt(m.e) || d.reportsAfter(m.e) {
			return schema.TypeOrganization, false
		}
	}
	if m.s > 0 && d.toks[m.s-1].low == "the" && !d.modifier(m.e) {
		return notPerson, false
	}
	return "", false
}

// possessiveAt reports whether a possessive ('s or a lone apostrophe)
// stands at token e.
func (d *doc) possessiveAt(e int) bool {
	return e < len(d.toks) && !d.toks[e].word && isApostrophe(firstRune(d.toks[e].text))
}

// reportsAfter reads "reported", "reports" or "report" right after a name
// ending at e: "Rudaw reports", "in a Gazeta Prawna report".
func (d *doc) reportsAfter(e int) bool {
	if e >= len(d.toks) {
		return false
	}
	switch d.toks[e].low {
	case "reported", "reports", "report", "reporting":
		// Not "Smith reported to the police", where the name is
		// someone who went to them.
		return e+1 >= len(d.toks) || d.toks[e+1].low != "to"
	}
	return false
}

// appositionType reads ", who", ", which", ", 54," and ", a/the ... kind
// noun," after a name ending at e.
func (d *doc) appositionType(e int) string {
	n := len(d.toks)
	if e+1 >= n || d.toks[e].text != "," {
		return ""
	}
	t := &d.toks[e+1]
	switch t.low {
	case "who", "whose":
		return schema.TypePerson
	case "which":
		return notPerson
	case "a", "an", "the", "his", "her", "their", "its", "one":
	default:
		if startsWithDigit(t.text) && len(t.text) <= 3 && e+2 < n && d.toks[e+2].text == "," {
			return schema.TypePerson // an age
		}
		// "X, fiancée of journalist Y", "X, daughter to a farmer": one
		// noun before "of" or "to", not a clause's plural subject
		// ("X, researchers found").
		if t.lower && d.personNoun(t) && !strings.HasSuffix(t.low, "s") && e+2 < n && (d.toks[e+2].text == "of" || d.toks[e+2].text == "to") {
			return schema.TypePerson
		}
		return ""
	}
	for k := e + 2; k < n && k-e <= 8; k++ {
		w := &d.toks[k]
		if !w.word && !isApostrophe(firstRune(w.text)) || w.low == "that" || w.low == "who" || w.low == "which" {
			return ""
		}
		// The head comes before a preposition: "X, the campaigns of the
		// candidates" is about campaigns.
		if w.lower && k > e+2 && d.preposition(k) {
			return ""
		}
		// "X, one of President Zelensky's aides": a title, or a name
		// owning the noun, is no name the apposition is about.
		owner := k+2 < n && isApostrophe(firstRune(d.toks[k+1].text)) && d.toks[k+2].text == "s"
		if w.cap && !d.isDemonym(k) && !d.lx.known(w.text) && !d.lx.titles[w.low] && !owner {
			return "" // another name: "X, the House of Representatives"
		}
		if w.lower {
			if kn, ok := d.lx.kindNouns[w.low]; ok && d.phraseEnds(k+1) {
				return kn.typ
			}
			if kn, ok := d.lx.kindPlural(w.low); ok && d.phraseEnds(k+1) {
				return kn.typ // "X, one of the largest retailers"
			}
			if d.personNoun(w) && d.phraseEnds(k+1) {
				return schema.TypePerson // "X, the company's founder,"
			}
		}
	}
	return ""
}

// phraseEnds reports whether a noun phrase ends before token i.
func (d *doc) phraseEnds(i int) bool {
	if i >= len(d.toks) {
		return true
	}
	switch d.toks[i].text {
	case ",", ".", ";", ")", ":", "based", "in", "of", "for", "with", "that", "which", "who", "and", "to", "at":
		return true
	}
	return false
}

// ownedType reads "X's wife" or "X shares" after a name ending at e.
func (d *doc) ownedType(e int) string {
	n := len(d.toks)
	k := e
	if k+1 < n && !d.toks[k].word && isApostrophe(firstRune(d.toks[k].text)) && d.toks[k+1].text == "s" {
		k += 2
	}
	for ; k < n && k-e <= 4; k++ {
		w := &d.toks[k]
		// "Tallvik's CEO", "Tallvik's chief executive".
		if w.word && (w.upper && d.lx.orgCues[w.text] || k+1 < n && d.lx.orgCues[w.low+" "+d.toks[k+1].low]) {
			return schema.TypeOrganization
		}
		if !w.word || !w.lower {
			return ""
		}
		if d.lx.personCues[w.low] && k > e {
			return schema.TypePerson
		}
		if d.lx.orgCues[w.low] {
			return schema.TypeOrganization
		}
		if k > e+1 || !d.lx.common(w) {
			return ""
		}
	}
	return ""
}

// pronounType reads the first personal or possessive pronoun after the
// name in its sentence, before any other name: "he", "his", "she", "her"
// make a person, "its" and "itself" a thing or body.
func (d *doc) pronounType(m *mention) string {
	// Only the subject of a verb right after it: "Harrowfield said its",
	// not "... of Harrowfield, his".
	if m.e >= len(d.toks) || !d.verbAt(m.e) {
		return ""
	}
	reports := d.lx.reporting[d.toks[m.e].low]
	for k := m.e + 1; k < len(d.toks) && k-m.e <= maxCueTokens; k++ {
		w := &d.toks[k]
		if w.lineBr && k > m.e {
			return ""
		}
		if !w.word {
			switch w.text {
			case ".", "!", "?", "\"", "“", "”":
				return ""
			}
			continue
		}
		if w.cap && !w.weak && w.text != "I" {
			return "" // another name may be what the pronoun means
		}
		switch w.low {
		case "he", "his", "him", "himself", "she", "her", "hers", "herself":
			if reports {
				return "" // "TVN24 reported he": whom the report is of
			}
			return schema.TypePerson
		case "its", "itself":
			if reports {
				return schema.TypeOrganization // what speaks of its own
			}
			return notPerson
		}
	}
	return ""
}

// verbAt reports whether token i reads as a verb after a subject: a word
// going on with a clause or a past or present tense form.
func (d *doc) verbAt(i int) bool {
	t := &d.toks[i]
	if !t.word || !t.lower {
		return false
	}
	if d.lx.reporting[t.low] || d.lx.clauseWords[t.low] || d.lx.irregularVerbs[t.low] {
		return true
	}
	n := len(t.low)
	return n > 3 && (t.low[n-2:] == "ed" || t.low[n-1] == 's' && t.low[n-2] != 's')
}

// modifier reports whether the name ending at e modifies a noun after it
// ("the Trump administration"), which leaves open what it names.
func (d *doc) modifier(e int) bool {
	if e >= len(d.toks) {
		return false
	}
	t := &d.toks[e]
	return t.word && t.lower && !d.lx.clauseWords[t.low] && !d.lx.reporting[t.low]
}

// toldOrAccording reports whether the words before token i are a frame
// that names a source: "told", "according to", "reported by", "wrote in".
func (d *doc) toldOrAccording(i int) bool {
	if i < 1 {
		return false
	}
	p := d.toks[i-1].low
	switch p {
	case "told", "tells":
		return true
	case "to":
		return i >= 2 && d.toks[i-2].low == "according"
	case "by", "in":
		return i >= 2 && d.lx.reporting[d.toks[i-2].low] || i >= 2 && (d.toks[i-2].low == "reported" || d.toks[i-2].low == "published")
	}
	return false
}
