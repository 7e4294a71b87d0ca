package entities

import (
	"slices"
	"strings"

	"github.com/docset/docset/schema"
)

// Sports teams are told by the words around a mention, never by what the
// whole text is about: a score next to the name ("Sweden 1 – 0 Korea",
// "defeated Wynnum 45 points to 24"), a verb of play or a fixture word
// beside it in a sentence that speaks of sport ("Sweden defeated",
// "at home to Leeds", "Sweden's coach"), or a row of a league table. A
// town or country whose name a club or national side carries is the team
// where it plays and the place elsewhere ("fans in Noosa").

// maxSentenceTokens bounds how far a sentence is read around a mention.
const maxSentenceTokens = 60

// sentenceAt returns the tokens [a, b) of the sentence holding token i:
// it ends at a full stop, question or exclamation mark, or line break.
func (d *doc) sentenceAt(i int) (int, int) {
	a := i
	for a > 0 && i-a < maxSentenceTokens && !d.toks[a].lineBr && !sentenceEnd(d.toks[a-1].text) {
		a--
	}
	b := i + 1
	for b < len(d.toks) && b-i < maxSentenceTokens && !d.toks[b].lineBr && !sentenceEnd(d.toks[b-1].text) {
		b++
	}
	return a, b
}

func sentenceEnd(s string) bool {
	switch s {
	case ".", "!", "?", "…":
		return true
	}
	return false
}

// sportsSentence reports whether the sentence of token i speaks of sport:
// a word of sports reports or a score in it.
func (d *doc) sportsSentence(i int) bool {
	a, b := d.sentenceAt(i)
	for k := a; k < b; k++ {
		t := &d.toks[k]
		if !t.word {
			continue
		}
		if t.lower && d.lx.sports[t.low] {
			return true
		}
		if startsWithDigit(t.text) && d.scoreAt(k) > k && d.beside(k, d.scoreAt(k)) {
			return true
		}
	}
	return false
}

// scoreAt returns the end of a score starting at token i ("3-1", "1 – 0",
// "45 points to 24"), or i when there is none. Numbers of more than three
// digits are years or counts, not scores.
func (d *doc) scoreAt(i int) int {
	n := len(d.toks)
	if i >= n || !d.toks[i].word {
		return i
	}
	w := d.toks[i].text
	if a, b, ok := strings.Cut(w, "-"); ok && smallNumber(a) && smallNumber(b) {
		return i + 1 // "3-1" is one token
	}
	if !smallNumber(w) || i+2 >= n || d.toks[i+1].lineBr {
		return i
	}
	switch d.toks[i+1].text {
	case "-", "–", "—":
		if smallNumber(d.toks[i+2].text) {
			return i + 3
		}
	case "points", "goals", "runs":
		// "45 points to 24"
		if i+3 < n && d.toks[i+2].text == "to" && smallNumber(d.toks[i+3].text) {
			return i + 4
		}
	}
	return i
}

// beside reports whether the score [a, b) stands next to a name and no
// calendar word, as a result does ("Sweden 1 – 0 Korea", "beat Leeds
// 3-1"), not a range of dates ("September 25–27").
func (d *doc) beside(a, b int) bool {
	if a > 0 && d.lx.timeWords[d.toks[a-1].text] || b < len(d.toks) && d.lx.timeWords[d.toks[b].text] {
		return false
	}
	return a > 0 && d.nameWord(a-1) || d.nameWord(b) && !d.toks[b].lineBr
}

// smallNumber reports whether w is a number of one to three digits.
func smallNumber(w string) bool {
	if w == "" || len(w) > 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// scoreBefore reports whether a score ends right before token s, maybe
// with a preposition between ("1 – 0 Korea", "lost 1 – 2 to England").
func (d *doc) scoreBefore(s int) bool {
	if s > 0 {
		switch d.toks[s-1].low {
		case "to", "over", "against", "with", "by", "vs", "vs.", "v", "v.":
			s--
		}
	}
	for a := s - 1; a >= 0 && s-a <= 4; a-- {
		if d.toks[a].lineBr && a < s-1 {
			return false
		}
		if startsWithDigit(d.toks[a].text) && d.scoreAt(a) == s {
			return d.beside(a, s)
		}
	}
	return false
}

// playsAsTeam reports whether the words around a mention show it is a
// team.
func (d *doc) playsAsTeam(m *mention) bool {
	n := len(d.toks)
	if d.tableRow(m) {
		return true
	}
	// A score beside the name: "Sweden 1 – 0 Korea", "beat Leeds 3-1".
	if m.e < n && !d.toks[m.e].lineBr && d.scoreAt(m.e) > m.e && d.beside(m.e, d.scoreAt(m.e)) || d.scoreBefore(m.s) {
		return true
	}
	cue := false
	if m.s > 0 && d.lx.teamBefore[d.toks[m.s-1].low] {
		cue = true
	} else if m.s > 1 && d.lx.teamBefore[d.toks[m.s-2].low+" "+d.toks[m.s-1].low] {
		cue = true // "drew with Leeds", "at home to Leeds"
	} else if m.e < n && d.lx.teamAfter[d.toks[m.e].low] && !d.phraseAfter(m.e, d.lx.playerVerbs) {
		// Only the subject plays: not "Warholm of Norway won"; "X
		// scored a header" is said of a player.
		cue = m.s == 0 || !d.preposition(m.s-1)
	} else if m.e+2 < n && isApostrophe(firstRune(d.toks[m.e].text)) && d.toks[m.e+1].text == "s" {
		cue = d.lx.teamOwner[d.toks[m.e+2].low]
	}
	return cue && d.sportsSentence(m.s)
}

// preposition reports whether token i is a preposition that makes the
// name after it no subject.
func (d *doc) preposition(i int) bool {
	w := d.toks[i].low
	if _, ok := d.lx.placePreps[w]; ok {
		return true
	}
	switch w {
	case "of", "for", "with", "by", "on", "over", "against", "than":
		return true
	}
	return false
}

// tableRow reports whether the mention heads a row of a league table: it
// opens its line (after a rank) and three numbers follow it.
func (d *doc) tableRow(m *mention) bool {
	s := m.s
	if !d.toks[s].lineBr {
		// "1. Caloundra", "1 Caloundra": a rank before the name.
		r := s - 1
		if r >= 0 && d.toks[r].text == "." {
			r--
		}
		if r < 0 || !smallNumber(d.toks[r].text) || !d.toks[r].lineBr && r > 0 {
			return false
		}
	}
	for k := m.e; k < m.e+3; k++ {
		if k >= len(d.toks) || d.toks[k].lineBr || !smallNumber(d.toks[k].text) {
			return false
		}
	}
	return true
}

// teamMentions returns the mentions of g that play as a team or stand in
// a sentence of sport while another of its mentions plays, or nil when
// none plays. People and events never play as teams here: "Kane scored".
func (d *doc) teamMentions(g *group) []int {
	plays, typed := false, false
	for _, k := range g.ms {
		m := &d.ms[k]
		// A person the words around only suggest ("Caloundra scored a
		// goal") plays as a team where a score or a table says so.
		weakPerson := m.typ == schema.TypePerson && !m.strong && m.role == "" && !d.nameWords(m.s, m.e)
		if m.typ != "" && m.typ != schema.TypePlace && m.typ != schema.TypeOrganization && !weakPerson || m.titled {
			return nil
		}
		typed = typed || m.typ != ""
		if m.typ == schema.TypeOrganization && m.strong && m.subtype != "" && m.subtype != brandSubtype {
			return nil // a ministry or a party is no team
		}
		if !plays && d.playsAsTeam(m) {
			plays = true
		}
	}
	// "100–200 Be stars": an everyday word is no team for a number.
	if !plays || !typed && d.onlyCommonWords(g) {
		return nil
	}
	var team []int
	for _, k := range g.ms {
		m := &d.ms[k]
		if d.playsAsTeam(m) || d.sportsSentence(m.s) && !d.placeCue(m) {
			team = append(team, k)
		}
	}
	// A name that is mostly a team here is one where nothing makes it a
	// place ("Sweden, Belgium, England win three points"); a country that
	// plays once in a text about it stays the country elsewhere.
	if 2*len(team) > len(g.ms) {
		team = team[:0]
		for _, k := range g.ms {
			if m := &d.ms[k]; !d.placeCue(m) || d.playsAsTeam(m) {
				team = append(team, k)
			}
		}
	}
	return team
}

// placeCue reports whether the words before a mention make it a place:
// "in Noosa", "the town of Noosa".
func (d *doc) placeCue(m *mention) bool {
	if m.s == 0 {
		return false
	}
	if d.lx.placePreps[d.toks[m.s-1].low] == "strong" {
		return true
	}
	k, ok := d.kindBefore(m.s)
	return ok && k.typ == schema.TypePlace
}

// splitTeams gives the mentions of a place or unknown name that play as a
// team an entity of their own, a sports team; the rest of the mentions
// keep the name's entity. The new entities follow the one they left in
// order.
func (d *doc) splitTeams(order []*group, newGroup func() *group) []*group {
	var out []*group
	for i, g := range order {
		team := d.teamMentions(g)
		if team == nil {
			if out != nil {
				out = append(out, g)
			}
			continue
		}
		if out == nil {
			out = append(make([]*group, 0, len(order)+1), order[:i]...)
		}
		if len(team) == len(g.ms) {
			g.team = true
			out = append(out, g)
			continue
		}
		t := newGroup()
		t.team, t.ms = true, team
		rest := g.ms[:0:0]
		for _, k := range g.ms {
			if !slices.Contains(team, k) {
				rest = append(rest, k)
			}
		}
		g.ms = rest
		// The entity that comes first in the text comes first.
		if d.ms[t.ms[0]].s < d.ms[g.ms[0]].s {
			out = append(out, t, g)
		} else {
			out = append(out, g, t)
		}
	}
	if out == nil {
		return order
	}
	return out
}
