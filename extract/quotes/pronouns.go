package quotes

import (
	"sort"
	"strings"

	"github.com/docset/docset/schema"
)

// resolvePronoun returns the referent of a pronoun at pos: a person for
// "he"/"she" (person, g 'm' or 'f'), an organisation or person for "they",
// an organisation for "it" (g is 'n'). It is the most salient referent of a
// compatible kind and gender, not merely the nearest name:
//   - in its own sentence, the speaker of a quotation before it ("She said
//     Lind was "...", but "...", she added") or one named before it as a
//     subject ("When Lind arrived, she said");
//   - else, sentence by sentence back, the subject of the sentence: a person
//     or organisation named there, or one the text does not name ("One of
//     the victims spoke. She said" is nobody named, not the prosecutor named
//     before her); where the subject is a pronoun too, the speaker of a
//     quotation of that sentence or the sentence before; else a subject-like
//     name of the sentence;
//   - else the most recent person of the pronoun's gender, in any role and
//     further back ("... spoke with Ana Ruiz. She said");
//   - else the most recent speaker of a compatible kind.
func (d *doc) resolvePronoun(pos int, person bool, g byte) int {
	ok := func(typ string, ent int) bool {
		if g == 'n' && typ == schema.TypePerson {
			return false // "it" is no person
		}
		if g != 0 && typ == schema.TypePerson {
			if eg := d.genderOf(ent); eg != 0 && eg != g {
				return false
			}
		}
		return typ == schema.TypePerson || !person && typ == schema.TypeOrganization
	}
	si := d.sentIndex(pos)
	if si < len(d.sents) {
		if e := d.quoteSpeakerIn(d.sents[si].Start, pos, person, ok); e >= 0 {
			return e
		}
		if e := d.subjectLikeIn(d.sents[si].Start, pos, ok); e >= 0 {
			return e
		}
	}
	for s := si - 1; s >= 0 && s >= si-lookbackSentences; s-- {
		if e, decided := d.salientIn(s, person, ok); decided {
			return e
		}
	}
	if g == 'f' || g == 'm' {
		if e := d.recentOfGender(pos, g); e >= 0 {
			return e
		}
	}
	for k := d.cur - 1; k >= 0 && k >= d.cur-maxPrevQuotes; k-- {
		r := d.res[k]
		if d.pairs[k].open >= pos || !r.keep || r.speaker < 0 {
			continue
		}
		// A place that spoke ("Tovia announced") may be "they" again.
		if t := d.ents[r.speaker].Type; ok(t, r.speaker) || !person && t == schema.TypePlace {
			return r.speaker
		}
	}
	return -1
}

// subjectLikeIn returns the nearest subject-like mention in [from, to) of a
// kind ok accepts, -1 if none.
func (d *doc) subjectLikeIn(from, to int, ok func(string, int) bool) int {
	// At most lookbackMentions names back: a sentence of thousands stays
	// linear.
	end := sort.Search(len(d.ments), func(i int) bool { return d.ments[i].s >= to })
	for i := end - 1; i >= 0 && i >= end-lookbackMentions && d.ments[i].s >= from; i-- {
		m := d.ments[i]
		if m.e > to || d.toks[tokenAt(d.toks, m.s)].quote >= 0 {
			continue
		}
		if ok(m.typ, m.ent) && d.subjectLike(m) {
			return m.ent
		}
	}
	return -1
}

// salientIn returns the referent sentence s offers a pronoun, and whether it
// offers one (-1 with decided true: someone the text does not name): its
// last subject-like name; else an unnamed subject opening it ("One of the
// victims decided ...", "The head of the investigators told ..."); else the
// speaker of its last quotation with a cue, which is what a pronoun subject
// stood for or the source named after the cue. A sentence whose subject is
// a pronoun and that has no such speaker offers nothing: its referent is
// named further back.
func (d *doc) salientIn(s int, person bool, ok func(string, int) bool) (ent int, decided bool) {
	sent := d.sents[s]
	if e := d.subjectLikeIn(sent.Start, sent.End, ok); e >= 0 {
		return e, true
	}
	ta, tb := tokenAt(d.toks, sent.Start), tokenAt(d.toks, sent.End)
	a := ta
	for a < tb && (d.toks[a].quote >= 0 || !d.toks[a].word) {
		a++ // a sentence opening with a quotation: its clause follows
	}
	a = d.skipOpening(a, tb)
	if a < tb && person && !d.lx.is("he", d.lowAt(a)) && !d.lx.is("they", d.lowAt(a)) {
		for v := a + 1; v < tb; v++ {
			if !d.verbLike(v) {
				continue
			}
			if d.anonymous(a, v) && d.singular(a, v) {
				return -1, true
			}
			if h, isDesc := d.description(a, v); isDesc && d.isCue(v) && d.resolveDescription(a, v, h) < 0 {
				return -1, true
			}
			break
		}
	}
	if e := d.quoteSpeakerIn(sent.Start, sent.End, person, ok); e >= 0 {
		return e, true
	}
	return -1, false
}

// quoteSpeakerIn returns the speaker of the last quotation with a cue that
// opens in [from, to), when ok accepts it; -1 if none.
func (d *doc) quoteSpeakerIn(from, to int, person bool, ok func(string, int) bool) int {
	for k := d.cur - 1; k >= 0 && k >= d.cur-maxPrevQuotes; k-- {
		open := d.pairs[k].open
		if open < from {
			break
		}
		if r := d.res[k]; open < to && r.keep && r.cueLen > 0 && r.speaker >= 0 {
			// A place that spoke ("Tovia announced") may be "they" again.
			if t := d.ents[r.speaker].Type; ok(t, r.speaker) || !person && t == schema.TypePlace {
				return r.speaker
			}
		}
	}
	return -1
}

// singular reports whether the head of the unnamed source [a, b) is one
// person ("one of the victims", "a witness") rather than many ("sources",
// "residents", "people").
func (d *doc) singular(a, b int) bool {
	for i := a; i < b; i++ {
		t := d.tok(i)
		if !t.word || d.lx.is("article", t.low) || d.lx.is("quantifier", t.low) {
			continue
		}
		return t.low != "people" && !strings.HasSuffix(t.low, "s")
	}
	return true
}

// recentOfGender returns the person of gender g named most recently before
// pos, in any role, looking back as far as a role noun does; -1 if none.
func (d *doc) recentOfGender(pos int, g byte) int {
	before := sort.Search(len(d.ments), func(i int) bool { return d.ments[i].s >= pos })
	for i := before - 1; i >= 0 && i >= before-roleLookback; i-- {
		if m := d.ments[i]; m.e <= pos && m.typ == schema.TypePerson && d.genderOf(m.ent) == g && d.toks[tokenAt(d.toks, m.s)].quote < 0 {
			return m.ent
		}
	}
	return -1
}

func (d *doc) isCue(i int) bool {
	_, _, ok := d.matchCue(i)
	return ok
}
