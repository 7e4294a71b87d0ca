package entities

import (
	"strings"

	"github.com/docset/docset/schema"
)

// A name with no head word and no sign of a person is a company or
// another body where the words around say what only a body is or does:
// its people and its shares before it ("the chief executive of X",
// "shares in X", "a spokesperson for X"), a verb said of bodies after it
// ("X laid off", "X was founded", "X filed for bankruptcy"), or "the
// company", "the retailer", "the airline" taking it up after it ("X
// hosted a panel ... The company's ..."). People announce, sell and buy
// as well: those verbs are no cue.

// maxPhraseWords bounds the words of a phrase in body_before.txt and
// body_verbs.txt.
const maxPhraseWords = 4

// bodyBefore reads a phrase of body_before.txt ending right before token
// s: "shares in", "the chief executive of", "a spokesperson for".
func (d *doc) bodyBefore(s int) bool {
	if s == 0 || d.toks[s].lineBr {
		return false
	}
	key := ""
	for k := s - 1; k >= 0 && s-k <= maxPhraseWords; k-- {
		t := &d.toks[k]
		// "Shares in X" opening a sentence; "CEO of X".
		if !t.word || t.cap && !t.upper && !t.weak {
			return false
		}
		if key == "" {
			key = t.low
		} else {
			key = t.low + " " + key
		}
		if d.lx.bodyBefore[key] {
			return true
		}
		if d.toks[k].lineBr {
			return false
		}
	}
	return false
}

// phraseAfter reports whether a phrase of set (lowercase words, "#" for
// a number, at most maxPhraseWords) stands right after token e.
func (d *doc) phraseAfter(e int, set map[string]bool) bool {
	var b strings.Builder
	for k := e; k < len(d.toks) && k-e < maxPhraseWords; k++ {
		t := &d.toks[k]
		if !t.word || t.lineBr {
			return false
		}
		if k > e {
			b.WriteByte(' ')
		}
		switch {
		case startsWithDigit(t.text):
			b.WriteByte('#')
		case t.lower:
			b.WriteString(t.low)
		default:
			return false
		}
		if set[b.String()] {
			return true
		}
	}
	return false
}

// takenUpAsBody reports whether "the company", "the retailer" or another
// noun of a body (kind_nouns.txt, marked "back") takes up mention m later
// in its sentence or before any name in the next: m is the subject of its
// sentence, and the next sentence is not about a person ("He", "She").
func (d *doc) takenUpAsBody(m *mention) bool {
	if !d.subjectAt(m) {
		return false
	}
	_, end := d.sentenceAt(m.s)
	next := end
	if end < len(d.toks) && !d.toks[end].lineBr {
		_, end = d.sentenceAt(end)
	}
	for k := m.e; k+1 < end; k++ {
		t := &d.toks[k]
		if k >= next {
			switch t.low {
			case "he", "she", "his", "her", "they", "their":
				return false
			}
			// "Elements of X were ... In her remarks, Waters noted ...
			// the studio": the next sentence is about another name.
			if d.nameWord(k) && !t.weak {
				return false
			}
		}
		if t.low != "the" {
			continue
		}
		n := &d.toks[k+1]
		if !n.lower || !d.lx.backNouns[n.low] {
			continue
		}
		// "the company of X" and "the company Y" name another.
		if k+2 < len(d.toks) && (d.toks[k+2].text == "of" || d.nameWord(k+2) && !d.toks[k+2].lineBr) {
			continue
		}
		return true
	}
	return false
}

// subjectAt reports whether m stands as the subject of its sentence: the
// first name in it, right before a verb.
func (d *doc) subjectAt(m *mention) bool {
	if m.e >= len(d.toks) || !d.verbAt(m.e) {
		return false
	}
	a, _ := d.sentenceAt(m.s)
	for k := a; k < m.s; k++ {
		if d.nameWord(k) && (!d.toks[k].weak || !d.lx.common(&d.toks[k])) {
			return false
		}
	}
	return true
}

// bodyType is contextType's reading of a body: organization where the
// words around say so and nothing says the name is a person's. What a
// body has before the name ("shares in X") holds also for a name the
// name lists make a person's; what it does holds only for a name with no
// type or a guessed one.
func (d *doc) bodyType(m *mention) string {
	if m.titled || m.role != "" {
		return ""
	}
	switch {
	case m.typ == "" || m.guessed():
		if d.personCue(m) {
			return ""
		}
		if d.bodyBefore(m.s) || d.phraseAfter(m.e, d.lx.bodyVerbs) || d.takenUpAsBody(m) {
			return schema.TypeOrganization
		}
	case m.typ == schema.TypePerson && !m.strong:
		if !d.personCue(m) && d.bodyBefore(m.s) {
			return schema.TypeOrganization
		}
	}
	return ""
}
