package entities

import (
	"strings"

	"github.com/docset/docset/schema"
)

// A multi-word name that is no known person's is a person only where
// something says so: a given name or surname the name lists know, a
// title or role, or the words around one of its mentions. These are the
// words around.

// personCue reports whether the words around mention m say it names a
// person: a noun for a person right before it ("photojournalist Ziad
// al-Sharabi", "driver ..."), an age ("40-year-old X", "X (54)", "X,
// aged 54"), an apposition before it ("The boy's aunt, Tima Kurdi,"), a
// verb said only of people after it ("X was born", "X died"), or "He" or
// "She" opening the next sentence when it is the first name of its own.
// The answer is kept in the mention.
func (d *doc) personCue(m *mention) bool {
	if m.cue == memoUnknown {
		m.cue = memoOf(d.personBefore(m.s) || d.personAfter(m.e) || d.speakerLabel(m) || d.pronounNext(m))
	}
	return m.cue == memoFound
}

// speakerLabel reports whether m is the label of a turn in an interview
// transcript: alone in double brackets at the start of a line ("((Jaya))
// Thank you."). Labels written in capitals ("((WN))") are initials, of a
// person or of the outlet asking, and say nothing.
func (d *doc) speakerLabel(m *mention) bool {
	n := len(d.toks)
	if m.s < 2 || m.e+1 >= n || d.toks[m.s].upper {
		return false
	}
	open := d.toks[m.s-2].text == "(" && d.toks[m.s-1].text == "(" && (m.s == 2 || d.toks[m.s-2].lineBr)
	return open && d.toks[m.e].text == ")" && d.toks[m.e+1].text == ")"
}

// personBefore reads a person noun, an age or an apposition before s.
func (d *doc) personBefore(s int) bool {
	if s == 0 {
		return false
	}
	p := &d.toks[s-1]
	if p.lineBr || d.toks[s].lineBr {
		return false
	}
	// "Photojournalist X" opening a sentence reads as "photojournalist".
	if p.word && (!p.cap || d.opensSentence(s-1)) {
		if d.personNoun(p) || strings.HasSuffix(p.low, "-year-old") || strings.HasSuffix(p.low, "-years-old") {
			return true
		}
		if s >= 2 {
			q := d.toks[s-2].low
			switch p.low {
			case "of":
				// "the wife of X", "the death of X", "sisters of X"
				return d.lx.personCues[q] || strings.HasSuffix(q, "s") && d.lx.personCues[q[:len(q)-1]]
			case "as":
				return q == "identified" // "the victim was identified as X"
			}
		}
		return false
	}
	if s >= 2 && d.toks[s-2].word {
		q := &d.toks[s-2]
		switch p.text {
		case ",":
			// "The boy's aunt, Tima Kurdi, ...": the name closes the
			// apposition.
			return q.lower && d.personNoun(q)
		case ":":
			// "Image: Ana Souza": a credit names a photographer.
			return d.lx.labels[q.text] && q.cap
		}
	}
	return false
}

// personAfter reads an age, a birth year, a verb said of people or, in a
// sentence of sport, of players after a name ending at e.
func (d *doc) personAfter(e int) bool {
	n := len(d.toks)
	if e >= n {
		return false
	}
	t := &d.toks[e]
	switch t.text {
	case "(":
		// "X (54)", "X (born 1950)"
		return e+2 < n && (smallNumber(d.toks[e+1].text) && d.toks[e+2].text == ")" || d.toks[e+1].low == "born")
	case ",":
		return e+2 < n && d.toks[e+1].low == "aged" && startsWithDigit(d.toks[e+2].text)
	}
	if !t.word || !t.lower {
		return false
	}
	if d.lx.personVerbs[t.low] {
		return true
	}
	// "X was booked", "X scored a header": a player, in a report of sport.
	if d.phraseAfter(e, d.lx.playerVerbs) && d.sportsSentence(e) {
		return true
	}
	return e+1 < n && d.toks[e+1].word && d.lx.personVerbs[t.low+" "+d.toks[e+1].low]
}

// pronounNext reports whether the sentence after the one of m opens with
// "He", "She", "His" or "Her", and m is the first name in its sentence:
// the subject the pronoun takes up.
func (d *doc) pronounNext(m *mention) bool {
	// The subject goes on with a verb or an apposition, not with a noun
	// it modifies ("X director Y said ...").
	if m.e >= len(d.toks) || d.toks[m.e].text != "," && !d.verbAt(m.e) {
		return false
	}
	a, b := d.sentenceAt(m.s)
	if b >= len(d.toks) || !sentenceEnd(d.toks[b-1].text) {
		return false
	}
	for k := a; k < m.s; k++ {
		if d.nameWord(k) && !d.toks[k].weak {
			return false
		}
	}
	// The next sentence may open with a quotation mark.
	for k := b; k < len(d.toks) && k < b+2; k++ {
		switch d.toks[k].text {
		case "He", "She", "His", "Her":
			return true
		}
		if d.toks[k].word {
			break
		}
	}
	return false
}

// personNoun reports whether a lowercase word names a person ("aunt",
// "photojournalist", "aides"), and never a company, a state or a body
// ("supplier", "member", "owner" are left out).
func (d *doc) personNoun(t *token) bool {
	w := t.low
	if !t.word || d.lx.partyNouns[w] {
		return false
	}
	if k := strings.LastIndexByte(w, '-'); k > 0 {
		w = w[k+1:] // "then-prime-minister", "ex-wife"
	}
	if _, kind := d.lx.kindNouns[w]; kind {
		return false
	}
	if d.lx.titles[w] || d.lx.personNouns.Has(w) {
		return true
	}
	if !isPlainLower(w) {
		w = d.fold(w) // "fiancée"
		if d.lx.personNouns.Has(w) {
			return true
		}
	}
	// Plurals: "aides", "witnesses", "deputies", "businessmen".
	for _, p := range [...][2]string{{"s", ""}, {"es", ""}, {"ies", "y"}, {"men", "man"}} {
		if sg, ok := strings.CutSuffix(w, p[0]); ok && len(sg) > 2 {
			sg += p[1]
			if !d.lx.partyNouns[sg] && (d.lx.titles[sg] || d.lx.personNouns.Has(sg)) {
				return true
			}
		}
	}
	return false
}

// anyPersonCue reports whether a mention of g says it is a person: a
// person's type it did not only guess, a title, a role or a cue around.
func (d *doc) anyPersonCue(g *group) bool {
	for _, k := range g.ms {
		m := &d.ms[k]
		if m.typ == schema.TypePerson && !m.guessed() || m.titled || m.role != "" || d.personCue(m) {
			return true
		}
	}
	return false
}
