package quotes

import (
	"sort"
	"strings"
	"unicode"

	"github.com/docset/docset/schema"
)

// Interview transcripts mark each turn with its speaker in double
// parentheses ("((WN))" for the interviewer, "((Ana Ruiz))" for the one
// answering); "I" in a turn is that speaker.

// turn is a turn marker: where its turn starts and who speaks in it (-1
// for the interviewer or a name the text does not resolve).
type turn struct {
	pos, speaker int
}

// turnSpeaker returns who speaks in the turn holding pos: the person a
// "((Name))" marker before it names; -1 when no marker comes before it, the
// marker is the interviewer's, or its name is no person of the text.
func (d *doc) turnSpeaker(pos int) int {
	if d.turns == nil {
		d.turns = d.findTurns()
	}
	i := sort.Search(len(d.turns), func(i int) bool { return d.turns[i].pos > pos })
	if i == 0 {
		return -1
	}
	return d.turns[i-1].speaker
}

// findTurns lists the turn markers of the text in order: "((" and "))"
// around a capitalised name on one line ("((hi))" language tags are none).
func (d *doc) findTurns() []turn {
	out := []turn{}
	var names map[string]int // person names and their last words
	text := d.text
	for i := 0; i+1 < len(text); i++ {
		if text[i] != '(' || text[i+1] != '(' {
			continue
		}
		s := i + 2
		e := s
		for e+1 < len(text) && text[e] != '\n' && e-s < 80 && !(text[e] == ')' && text[e+1] == ')') {
			e++
		}
		if e+1 >= len(text) || text[e] != ')' || e == s || !unicode.IsUpper(text[s]) {
			continue
		}
		if names == nil {
			names = d.personNames()
		}
		out = append(out, turn{pos: s, speaker: d.turnPerson(s, e, names)})
		i = e + 1
	}
	return out
}

// personNames maps the names of the text's persons, and the last words of
// those names, to the person (the first one named so).
func (d *doc) personNames() map[string]int {
	names := map[string]int{}
	for i, ent := range d.ents {
		if ent.Type != schema.TypePerson {
			continue
		}
		for _, n := range []string{ent.Name, ent.Name[strings.LastIndexByte(ent.Name, ' ')+1:]} {
			if _, ok := names[n]; !ok {
				names[n] = i
			}
		}
	}
	return names
}

// turnPerson resolves the name in a turn marker [s, e): a person mention
// there, else a person of the text whose name or last word it is.
func (d *doc) turnPerson(s, e int, names map[string]int) int {
	name := strings.TrimSpace(string(d.text[s:e]))
	if name == "WN" || strings.Contains(name, "Wikinews") {
		return -1
	}
	for k := sort.Search(len(d.ments), func(k int) bool { return d.ments[k].s >= s }); k < len(d.ments) && d.ments[k].s < e; k++ {
		if m := d.ments[k]; m.e <= e && m.typ == schema.TypePerson {
			return m.ent
		}
	}
	if p, ok := names[name]; ok {
		return p
	}
	if p, ok := names[name[strings.LastIndexByte(name, ' ')+1:]]; ok {
		return p
	}
	return -1
}
