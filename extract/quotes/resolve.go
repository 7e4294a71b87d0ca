package quotes

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/docset/docset/extract/entities"
	"github.com/docset/docset/schema"
)

// How far back a pronoun, a role noun or a quotation without a cue looks for
// its referent.
const (
	lookbackSentences = 6
	roleWindow        = 4 // words around a mention where its role noun may stand
	lookbackMentions  = 60
	// A role noun or group noun looks back over this many mentions.
	roleLookback = 500
	// A subject is the first person named within this many code points
	// before it in its sentence.
	maxSubjectRunes = 400
)

// mentionsIn returns the mentions lying inside [s, e) and outside quotations.
func (d *doc) mentionsIn(s, e int) []mention {
	i := sort.Search(len(d.ments), func(i int) bool { return d.ments[i].s >= s })
	var out []mention
	for ; i < len(d.ments) && d.ments[i].s < e; i++ {
		m := d.ments[i]
		if m.e > e {
			continue
		}
		if t := tokenAt(d.toks, m.s); t < len(d.toks) && d.toks[t].quote >= 0 {
			continue
		}
		out = append(out, m)
	}
	return out
}

func (d *doc) possessive(m mention) bool {
	e := m.e
	for e < len(d.text) && unicode.Is(unicode.Cf, d.text[e]) {
		e++ // a zero-width joiner before the apostrophe
	}
	return e+1 < len(d.text) && (d.text[e] == '\'' || d.text[e] == '’') &&
		(d.text[e+1] == 's' || d.text[e+1] == ' ')
}

// resolveSubject finds the speaker in the subject tokens [a, b) before a cue
// at b. resolved is true when the subject was understood, also when it names
// nobody (an unnamed source): then the speaker is -1.
func (d *doc) resolveSubject(a, b int) (speaker int, resolved bool) {
	if a >= b {
		return -1, false
	}
	// An opening phrase is no subject: "When interviewed by the BBC, Day
	// said", "In a statement, the company said".
	if o := d.skipOpening(a, b); o < b {
		a = o
	}
	b = d.withoutAsides(a, b)
	if b-2 >= a && (d.lowAt(b-1) == "which" || d.lowAt(b-1) == "that") && d.lx.is("document", d.lowAt(b-2)) {
		// "They released a statement which said": its issuer.
		if e, ok := d.issuerOf(b - 2); ok {
			return e, true
		}
	}
	if d.anonymous(a, b) || d.unnamedPerson(a, b) {
		return -1, true
	}
	if e, ok := d.latterFormer(a, b); ok {
		return e, true
	}
	// A pronoun opening the clause ("He then approached a director and
	// said", "And she, in response, said") is its subject.
	for i := a; i < b; i++ {
		low := d.lowAt(i)
		if !d.toks[i].word || d.lx.is("function", low) && !d.lx.is("he", low) {
			continue
		}
		if d.lx.is("he", low) {
			return d.resolvePronoun(d.toks[i].s, true, d.wordGender(low)), true
		}
		break
	}
	// A pronoun right before the verb, adverbs allowed between, is the
	// subject whatever an opening clause named ("after the ruling, he said").
	for i := b - 1; i >= a && i >= b-4; i-- {
		low := d.lowAt(i)
		switch {
		case low == "i" && d.toks[i].upper:
			// "And I said, "..."" in an interview: the one answering.
			return d.turnSpeaker(d.toks[i].s), true
		case d.lx.is("he", low):
			return d.resolvePronoun(d.toks[i].s, true, d.wordGender(low)), true
		case d.lx.is("they", low):
			return d.resolvePronoun(d.toks[i].s, false, d.wordGender(low)), true
		case d.adverb(low):
			continue
		}
		break
	}
	if h, ok := d.description(a, b); ok {
		return d.resolveDescription(a, b, h), true
	}
	ms := d.mentionsIn(d.toks[a].s, d.toks[b-1].e)
	if n := len(ms); n > 0 && (d.relativeSubject(ms[n-1], b) || d.adjacentPerson(ms, b)) {
		return ms[n-1].ent, true
	}
	if e, ok, done := d.nounHead(a, b, ms); done {
		return e, ok
	}
	for _, typ := range []string{schema.TypePerson, schema.TypeOrganization} {
		for _, m := range ms {
			if m.typ == typ && !d.possessive(m) {
				return m.ent, true
			}
		}
	}
	if e, ok := d.knownWordBefore(b, a); ok {
		return e, true
	}
	if n := len(ms); n > 0 {
		// Another kind of name is a speaker only right before its verb
		// ("the United States announced").
		if m := ms[n-1]; tokenAt(d.toks, m.e) >= b-1 && !d.possessive(m) {
			return m.ent, true
		}
	}
	return d.resolveRole(a, b)
}

// adjacentPerson reports whether the last of ms is a person named right
// before the cue at b, adverbs allowed between ("..., Biden said"): the
// subject even when an introductory clause named someone else first. Not
// when a preposition makes it qualify a person named before it ("Dr. Nora
// Bell at Saint Mary said").
func (d *doc) adjacentPerson(ms []mention, b int) bool {
	m := ms[len(ms)-1]
	if m.typ != schema.TypePerson || d.possessive(m) || !d.subjectPosition(m) {
		return false
	}
	for i := tokenAt(d.toks, m.e); i < b; i++ {
		if t := d.tok(i); !t.word || !d.lx.is("adverb", t.low) {
			return false
		}
	}
	for _, o := range ms[:len(ms)-1] {
		if o.typ != schema.TypePerson || d.possessive(o) || !d.subjectPosition(o) {
			continue
		}
		if d.inPhraseAfter(o, m) {
			return false
		}
	}
	return true
}

// inPhraseAfter reports whether m closes a phrase that a preposition opens
// after o, only capitalised and function words between ("Nora Bell at
// Saint Mary"), not a title naming m ("Red Cross chair Richard Gordon").
func (d *doc) inPhraseAfter(o, m mention) bool {
	in := false
	for i := tokenAt(d.toks, o.e); i < tokenAt(d.toks, m.s); i++ {
		switch t := d.tok(i); {
		case !t.word:
			return false
		case d.lx.is("function", t.low):
			in = in || !d.lx.is("article", t.low) && !d.lx.is("conj", t.low)
		case !t.upper:
			in = false
		}
	}
	return in
}

// relativeSubject reports whether m is the subject of a relative clause
// ending in the cue at b: "the novel, which the Times called "..."".
func (d *doc) relativeSubject(m mention, b int) bool {
	if m.typ != schema.TypePerson && m.typ != schema.TypeOrganization || tokenAt(d.toks, m.e) != b {
		return false
	}
	w := d.prevWord(tokenAt(d.toks, m.s), 0)
	if w >= 0 && d.lx.is("definite", d.lowAt(w)) {
		w = d.prevWord(w, 0)
	}
	return w >= 0 && d.lx.is("relative", d.lowAt(w))
}

// resolveAfter finds the source named after a cue ("said X", "according to
// X") in tokens [a, b); names set off by commas right after the clause
// count too ("said his father, Abdul Haddad, ...").
func (d *doc) resolveAfter(a, b int) (int, bool) {
	if a >= b {
		return -1, false
	}
	// Names set off by commas go on the subject: "said his father, Abdul
	// Haddad,", "said Tovia University, Elm Town's chancellor, Ana Ruiz".
	// A segment with a verb-like word is a clause of its own.
	sent := d.toks[a].sent
	for n := 0; n < 3 && b+1 < len(d.toks) && d.lowAt(b) == "," && d.toks[b+1].sent == sent; n++ {
		hi := b + 1
		for hi < len(d.toks) && hi < b+1+maxContext && d.toks[hi].sent == sent {
			hi++
		}
		e := d.clauseEnd(b+1, hi)
		if e <= b+1 || len(d.mentionsIn(d.toks[b+1].s, d.toks[e-1].e)) == 0 {
			break
		}
		verb := false
		for i := b + 1; i < e; i++ {
			verb = verb || d.verbLike(i)
		}
		if verb {
			break
		}
		b = e
	}
	ms := d.mentionsIn(d.toks[a].s, d.toks[b-1].e)
	// "writes Huber's partner Erick Rowan": the owner is not the source
	// when someone else is named.
	for _, m := range ms {
		if m.typ == schema.TypePerson && !d.possessive(m) {
			return m.ent, true
		}
	}
	for _, typ := range []string{schema.TypePerson, schema.TypeOrganization, ""} {
		for _, m := range ms {
			if typ == "" || m.typ == typ {
				return m.ent, true
			}
		}
	}
	for i := a; i < b; i++ {
		if d.toks[i].upper {
			if e, ok := d.knownWord(i); ok {
				return e, true
			}
		}
	}
	if e, ok := d.latterFormer(a, d.clauseEnd(a, b)); ok {
		return e, true
	}
	low := d.lowAt(a)
	switch {
	case d.unnamedPerson(a, b):
		return -1, true // "said a senior officer"
	case d.lx.is("he", low):
		return d.resolvePronoun(d.toks[a].s, true, d.wordGender(low)), true
	case (low == "him" || low == "her") && d.wordsBetween(a, b) == 1:
		// "According to him, ...".
		return d.resolvePronoun(d.toks[a].s, true, d.wordGender(low)), true
	case d.lx.is("they", low):
		return d.resolvePronoun(d.toks[a].s, false, d.wordGender(low)), true
	case d.lx.is("definite", low):
		if h, ok := d.description(a, b); ok {
			return d.resolveDescription(a, b, h), true
		}
		// "said the minister": the noun phrase right after the cue.
		e := a + 1
		for e < b && d.toks[e].word && !d.lx.is("function", d.lowAt(e)) {
			e++
		}
		return d.resolveRole(a, e)
	}
	return -1, false
}

// anonymous reports whether the subject is an unnamed source: "a source
// within ...", "one of the children", "some of the protesters"; not when a
// name follows its head ("an attendee Om Prakash", "One activist, Ana
// Ruiz,").
func (d *doc) anonymous(a, b int) bool {
	for i := a; i < b; i++ {
		t := d.tok(i)
		if !t.word {
			continue
		}
		if d.lx.is("article", t.low) || d.lx.is("quantifier", t.low) || t.low == "of" && i > a {
			continue // "a source", "some residents", "some of the protesters"
		}
		return d.lx.is("anonymous", t.low) && !d.namedInApposition(i+1, b) && !d.startsMention(i+1, b) && !d.officialOf(i, b)
	}
	return false
}

// unnamedPerson reports whether the subject [a, b) is one person or group
// described by common nouns alone, with an indefinite article or
// quantifier: "a city engineer", "a senior police officer", "several local
// teachers". The text names nobody: the speaker is unknown, never the
// person named last. A spokesperson has the rules of an organisation's
// voice, and a name after the head ("a resident, Ana Ruiz,") is the
// source.
func (d *doc) unnamedPerson(a, b int) bool {
	if a >= b || !d.toks[a].word {
		return false
	}
	if l := d.lowAt(a); !d.lx.is("quantifier", l) && (!d.lx.is("article", l) || d.lx.is("definite", l)) {
		return false
	}
	h := -1
	i := a + 1
	for ; i < b; i++ {
		t := d.tok(i)
		if !t.word || t.upper || d.lx.is("function", t.low) {
			break
		}
		h = i
	}
	if h < 0 || i < b && d.toks[i].word && !d.lx.is("function", d.lowAt(i)) {
		return false
	}
	head := d.lowAt(h)
	if d.lx.is("spokes", head) {
		return false
	}
	if !d.lx.is("anonymous", head) && !d.personNoun(head) {
		single, ok := strings.CutSuffix(head, "s")
		if !ok || !d.personNoun(single) {
			return false
		}
	}
	return !d.namedInApposition(h+1, b) && !d.startsMention(h+1, b) && !d.officialOf(h, b)
}

// officialOf reports whether the unnamed-source head at i is an official
// of an organisation named right after it ("An official from TfL",
// "officials of the ministry of Mines"): the organisation speaks.
func (d *doc) officialOf(i, b int) bool {
	if l := d.lowAt(i); l != "official" && l != "officials" || i+2 >= b {
		return false
	}
	switch d.lowAt(i + 1) {
	case "from", "for", "at", "of", "in", "with":
	default:
		return false
	}
	j := i + 2
	if d.lx.is("definite", d.lowAt(j)) && j+1 < b {
		j++
	}
	k := sort.Search(len(d.ments), func(k int) bool { return d.ments[k].s >= d.toks[j].s })
	return k < len(d.ments) && d.ments[k].s == d.toks[j].s && d.ments[k].typ == schema.TypeOrganization
}

// startsMention reports whether a name starting at token i ends the
// subject [i, b) or is set off by a comma: "an attendee Om Prakash", "Voter
// Kitty Mak" name their source; "the protesters Wikinews interviewed" does
// not (a clause qualifies the protesters).
func (d *doc) startsMention(i, b int) bool {
	if i >= b {
		return false
	}
	k := sort.Search(len(d.ments), func(k int) bool { return d.ments[k].s >= d.toks[i].s })
	if k == len(d.ments) || d.ments[k].s != d.toks[i].s {
		return false
	}
	e := tokenAt(d.toks, d.ments[k].e)
	return e >= b || d.toks[e].low == ","
}

// namedInApposition reports whether the first comma in tokens [a, b) is
// followed by a name, a role allowed before it: "One activist, Ana Ruiz,
// said", "One of the authors, biologist Ana Ruiz, told".
func (d *doc) namedInApposition(a, b int) bool {
	for i := a; i < b; i++ {
		if d.toks[i].low != "," {
			continue
		}
		j := i + 1
		if j < b && d.lx.is("definite", d.lowAt(j)) {
			j++
		}
		// A role may stand before the name: "One of the authors,
		// herpetologist Omar Haddad, told".
		for n := 0; n < 3 && j < b && d.toks[j].word && !d.toks[j].upper && !d.lx.is("function", d.lowAt(j)); n++ {
			j++
		}
		if j >= b {
			return false
		}
		k := sort.Search(len(d.ments), func(k int) bool { return d.ments[k].s >= d.toks[j].s })
		return k < len(d.ments) && d.ments[k].s == d.toks[j].s
	}
	return false
}

// resolveRole resolves a subject made of common nouns ("the father", "the
// commissioner", "the company"): for a kind of organisation, the most
// recent one of that kind (resolveKind); else an entity whose roles hold one
// of the nouns, else the most recent person named next to one of them, else
// for "the" and a single noun the most recent person, as a pronoun would.
func (d *doc) resolveRole(a, b int) (int, bool) {
	// The head noun stands right before the verb ("the judge's statement"):
	// the last two content words.
	var nouns []string
	for i := b - 1; i >= a && len(nouns) < 2; i-- {
		t := d.tok(i)
		// A capitalised title after "the" is a role too ("the Pope").
		title := t.upper && i > a && d.lx.is("definite", d.lowAt(i-1))
		if !t.word || t.upper && !title || d.lx.is("function", t.low) || d.adverb(t.low) {
			continue
		}
		nouns = append(nouns, strings.TrimSuffix(t.low, "'s"))
	}
	if len(nouns) == 0 {
		return -1, false
	}
	if k := d.lx.kind(nouns[0]); k != "" {
		return d.resolveKind(a, b, k)
	}
	if k := d.lx.kind(nouns[len(nouns)-1]); len(nouns) == 2 && k != "" && (d.lx.is("document", nouns[0]) || d.lx.is("spokes", nouns[0])) {
		// "The court's summary concluded", "the ministry's spokesman
		// said", "the government statement announced": the body of that
		// kind speaks.
		return d.resolveKind(a, b, k)
	}
	pos := d.toks[a].s
	if d.definite(a, b) && d.lx.is("document", nouns[0]) {
		// "The statement read": the one who issued that statement.
		if e, ok := d.documentOwner(nouns[0], a); ok {
			return e, true
		}
	}
	before := sort.Search(len(d.ments), func(i int) bool { return d.ments[i].s >= pos })
	for i := before - 1; i >= 0 && i >= before-roleLookback; i-- {
		m := d.ments[i]
		if m.e > pos {
			continue
		}
		if d.hasRole(m.ent, nouns) || (m.typ == schema.TypePerson || m.typ == schema.TypeOrganization) && d.roleNear(m, nouns) {
			return m.ent, true
		}
	}
	if d.bareDefinite(a, b) || d.definite(a, b) && d.lx.is("document", nouns[0]) {
		// "The father said", "the statement read": a person named before.
		// A longer description ("the former minister") names nobody the
		// text has named.
		var g byte
		for _, n := range nouns {
			if g = d.wordGender(n); g != 0 {
				break
			}
		}
		return d.resolvePronoun(pos, true, g), true
	}
	return -1, false
}

// bareDefinite reports whether [a, b) is "the" and one common noun, names
// used as modifiers ("the Wooster professor") and adverbs before the verb
// aside, the noun no "-ing" form ("the writing").
func (d *doc) bareDefinite(a, b int) bool {
	n := 0
	for i := a; i < b; i++ {
		switch t := d.tok(i); {
		case !t.word:
			return false
		case i == a:
			if !d.lx.is("definite", t.low) {
				return false
			}
		case t.upper || d.adverb(t.low):
		case strings.HasSuffix(t.low, "ing"):
			return false // "the writing says": a thing, no person
		default:
			n++
		}
	}
	return n == 1
}

// description returns the head of a subject [a, b) that describes someone
// by a relation ("the head of the investigators", "the mother of the
// victim"): a common noun naming a person, a kind of body or a document
// after the article with "of" or "for" after it, and no person named in
// apposition ("The mayor of London, Sadiq Khan,").
// A spokesman for X and a source within X have their own rules.
func (d *doc) description(a, b int) (int, bool) {
	for _, m := range d.mentionsIn(d.toks[a].s, d.toks[b-1].e) {
		if m.typ == schema.TypePerson {
			return -1, false
		}
	}
	h := a
	for h < b && d.toks[h].word && (d.lx.is("article", d.lowAt(h)) || d.lx.is("possdet", d.lowAt(h))) {
		h++
	}
	if h == a || h+1 >= b || !d.toks[h].word || d.toks[h].upper {
		return -1, false
	}
	l := d.lowAt(h)
	if n := d.lowAt(h + 1); n != "of" && n != "for" || d.lx.is("function", l) || d.lx.is("spokes", l) || d.lx.is("anonymous", l) {
		return -1, false
	}
	// A description is of a person, a body or a document: "the frequency
	// of storms suggested" describes no one.
	if !d.lx.is("document", l) && d.lx.kind(l) == "" && !d.personNoun(l) {
		return -1, false
	}
	return h, true
}

// personNoun reports whether a lower-case noun names a person: one the
// recognizer knows as such or as a title, or one showing a gender.
func (d *doc) personNoun(low string) bool {
	return entities.PersonNoun(low) || d.wordGender(low) == 'f' || d.wordGender(low) == 'm'
}

// resolveDescription resolves a description with head h: a document of
// its author ("the opinion of the Court"), a body of a kind named for the
// one after "of" ("the government of Tovia"), or a person the text gave
// that relation by name ("Omar Haddad, the head of the investigators");
// else nobody the text names, never merely the nearest person.
func (d *doc) resolveDescription(a, b, h int) int {
	pos := d.toks[a].s
	before := sort.Search(len(d.ments), func(i int) bool { return d.ments[i].s >= pos })
	head := d.lowAt(h)
	if d.lx.is("document", head) {
		for _, m := range d.mentionsIn(d.toks[h].e, d.toks[b-1].e) {
			if m.typ == schema.TypePerson || m.typ == schema.TypeOrganization {
				return m.ent
			}
		}
		return d.resolvePronoun(pos, true, 0)
	}
	if k := d.lx.kind(head); k != "" {
		for _, m := range d.mentionsIn(d.toks[h].e, d.toks[b-1].e) {
			return d.namedFor(m, k, before)
		}
		return -1
	}
	for i := before - 1; i >= 0 && i >= before-roleLookback; i-- {
		if m := d.ments[i]; m.e <= pos && m.typ == schema.TypePerson && (d.hasRole(m.ent, []string{head}) || d.titled(m, head)) {
			return m.ent
		}
	}
	return -1
}

// titled reports whether the text names m with the role noun right before
// it ("head Omar Haddad") or heading an apposition after it ("Omar Haddad,
// the head of ...").
func (d *doc) titled(m mention, noun string) bool {
	a, b := tokenAt(d.toks, m.s), tokenAt(d.toks, m.e)
	if a > 0 && d.toks[a-1].word && d.lowAt(a-1) == noun {
		return true
	}
	if b+1 >= len(d.toks) || d.toks[b].low != "," {
		return false
	}
	for i := b + 1; i < len(d.toks) && i < b+5 && d.toks[i].word; i++ {
		if d.lowAt(i) == noun {
			return true
		}
	}
	return false
}

// definite reports whether the first word of [a, b) is "the".
func (d *doc) definite(a, b int) bool {
	for i := a; i < b; i++ {
		if d.toks[i].word {
			return d.lx.is("definite", d.lowAt(i))
		}
	}
	return false
}

// hasRole reports whether one of ent's roles holds one of nouns, not as a
// different office ("Vice President" is no president).
func (d *doc) hasRole(ent int, nouns []string) bool {
	for _, role := range d.ents[ent].Roles {
		prev := ""
		for w := range strings.FieldsSeq(strings.ToLower(role)) {
			for _, n := range nouns {
				if w == n && !d.lx.is("office", prev) {
					return true
				}
			}
			prev = w
		}
	}
	return false
}

// roleNear reports whether one of nouns stands within a few words of m
// ("commissioner Albert Muchanga", "Judge Miller", "Ana Ruiz, the mayor").
func (d *doc) roleNear(m mention, nouns []string) bool {
	a := tokenAt(d.toks, m.s)
	b := tokenAt(d.toks, m.e)
	if a >= len(d.toks) {
		return false
	}
	sent := d.toks[a].sent
	hi := min(len(d.toks), b+1) // "a Brightwater spokesperson"
	if b < len(d.toks) && d.toks[b].low == "," {
		hi = min(len(d.toks), b+roleWindow) // an apposition: "Ana Ruiz, the mayor"
	}
	for i := max(0, a-roleWindow); i < hi; i++ {
		if i >= a && i < b || d.toks[i].sent != sent {
			continue
		}
		for _, n := range nouns {
			// "Lind's lawyer" is not Lind; "Brightwater's spokesman"
			// speaks for Brightwater.
			if strings.TrimSuffix(d.lowAt(i), "'s") == n && !(i == b && d.possessive(m) && !d.lx.is("spokes", n)) &&
				(i == 0 || !d.lx.is("office", d.lowAt(i-1))) {
				return true
			}
		}
	}
	return false
}

func (d *doc) sentIndex(pos int) int {
	i := sort.Search(len(d.sents), func(i int) bool { return d.sents[i].End > pos })
	return i
}

// actsOrSpeaks reports whether m is followed by a verb-like word or named
// by a cue ("said X").
func (d *doc) actsOrSpeaks(m mention) bool {
	b := tokenAt(d.toks, m.e)
	if b < len(d.toks) {
		if t := d.tok(b); t.word && !t.upper && !d.lx.is("function", t.low) {
			return true
		}
	}
	p := d.prevWord(tokenAt(d.toks, m.s), 0)
	return p >= 0 && d.cueEndsAt(p)
}

// cueEndsAt reports whether a cue phrase that names its source after it
// ends at token p ("said", "according to"): not one whose object is the one
// addressed ("told Lind") or described ("called Lind a liar").
func (d *doc) cueEndsAt(p int) bool {
	for q := p; q >= 0 && q > p-4; q-- {
		if c, l, ok := d.matchCue(q); ok && q+l-1 == p {
			return !c.complement && !d.lx.is("addressee", d.lowAt(p))
		}
	}
	return false
}

// subjectPosition reports whether nothing but a conjunction, title or
// punctuation comes right before m, or before its "the": not the object
// of a preposition.
func (d *doc) subjectPosition(m mention) bool {
	a := tokenAt(d.toks, m.s)
	if a > 0 && d.toks[a-1].word && d.lx.is("definite", d.lowAt(a-1)) {
		a-- // "the NBA was"
	}
	if a == 0 || !d.toks[a-1].word {
		return true
	}
	low := d.lowAt(a - 1)
	return !d.lx.is("function", low) || d.lx.is("conj", low)
}

// subjectLike reports whether a mention looks like the subject of its
// clause: not a possessive, and named as a source by a cue, or not right
// after a preposition, determiner or verb and either followed by a
// verb-like word or the first person named in its sentence.
func (d *doc) subjectLike(m mention) bool {
	a := tokenAt(d.toks, m.s)
	b := tokenAt(d.toks, m.e)
	if a < len(d.toks) && d.toks[a].quote >= 0 || d.possessive(m) {
		return false // "called Trump's conduct": what he owns is the object
	}
	p := d.prevWord(a, max(0, a-2))
	if p >= 0 && d.cueEndsAt(p) {
		return true
	}
	if p >= 0 && p == a-1 && d.lx.is("definite", d.lowAt(p)) {
		// "The Georgian Tennis Federation released": look before "the".
		a, p = p, d.prevWord(p, max(0, p-1))
	}
	if p >= 0 && p == a-1 && d.lowAt(p) == "with" && b < len(d.toks) && d.toks[b].word && strings.HasSuffix(d.lowAt(b), "ing") {
		return true // "with Miller describing issues": the participle's subject
	}
	if p >= 0 && p == a-1 && d.lx.is("function", d.lowAt(p)) && !d.lx.is("conj", d.lowAt(p)) {
		return false // "of the Maidan Wardak council", "joined by X"
	}
	if p >= 0 && p == a-1 && d.verbLike(p) {
		return false // "Lind met Haddad": the object of a verb
	}
	if b < len(d.toks) {
		t := d.tok(b)
		if t.low == "'" || t.low == "’" {
			t = token{}
		}
		if t.word && !t.upper && !d.lx.is("function", t.low) {
			return true
		}
	}
	si := d.sentIndex(m.s)
	if si >= len(d.sents) {
		return false
	}
	for _, o := range d.mentionsIn(max(d.sents[si].Start, m.s-maxSubjectRunes), m.s) {
		if o.typ == m.typ {
			return false
		}
	}
	return true
}

// continuing returns the speaker of a quotation with no cue of its own: for a
// fragment in a sentence opening with a possessive role noun ("The
// company's"), its referent; else a
// person who is the subject of narration in its paragraph after the previous
// quotation, else the previous quotation's speaker when it is in this or the
// previous paragraph, else, for a quotation standing as a sentence, the most
// recent subject-like person.
func (d *doc) continuing(k, open int, pre span, fragment bool) int {
	p := d.pairs[k]
	if fragment && d.definite(pre.a, pre.b) && pre.a+1 < pre.b && strings.HasSuffix(d.lowAt(pre.a+1), "'s") {
		// "The company's new helmet is their "most requested ..."": a
		// fragment in a sentence about a role noun's belongings is its words.
		if sp, ok := d.resolveRole(pre.a, pre.a+2); ok {
			return sp
		}
	}
	if fragment {
		// A fragment woven into a sentence about someone is theirs: the
		// first person or organisation named as the sentence's subject.
		for _, m := range d.mentionsIn(d.toks[min(pre.a, len(d.toks)-1)].s, p.open) {
			if (m.typ == schema.TypePerson || m.typ == schema.TypeOrganization) && !d.possessive(m) && d.subjectPosition(m) {
				return m.ent
			}
		}
	}
	from := d.paras[p.para].Start
	for j := k - 1; j >= 0 && j >= k-maxPrevQuotes; j-- {
		if !d.res[j].keep {
			continue
		}
		if d.pairs[j].endPara >= p.para-1 {
			from = max(from, d.pairs[j].end)
			if sp := d.narrated(from, p.open, !fragment); sp >= 0 {
				return sp
			}
			return d.res[j].speaker
		}
		break
	}
	if sp := d.narrated(from, p.open, !fragment); sp >= 0 {
		return sp
	}
	if fragment {
		return -1 // a fragment far from any speaker: unknown
	}
	if open < len(d.toks) {
		return d.resolvePronoun(d.toks[open].s, true, 0)
	}
	return -1
}

// narrated returns the most recent person named in [from, to) who acts or
// speaks; for a quotation standing as a sentence (sentence true) also one
// who is the subject of a sentence before it ("X, who was ..., criticized
// the decision. "..."" is X's). -1 if none.
func (d *doc) narrated(from, to int, sentence bool) int {
	ms := d.mentionsIn(from, to)
	for i := len(ms) - 1; i >= 0; i-- {
		if m := ms[i]; m.typ == schema.TypePerson && !d.possessive(m) && (d.actsOrSpeaks(m) || sentence && d.subjectLike(m)) {
			return m.ent
		}
	}
	return -1
}

// knownWordBefore looks at the word right before the cue at b (adverbs
// skipped) for the name of a person or organisation that the recognizer
// found elsewhere but missed here ("Smith told").
func (d *doc) knownWordBefore(b, a int) (int, bool) {
	for i := b - 1; i >= a; i-- {
		t := d.tok(i)
		if t.word && d.lx.is("adverb", t.low) {
			continue
		}
		if t.word && t.upper {
			return d.knownWord(i)
		}
		return -1, false
	}
	return -1, false
}

// knownWord reports the person or organisation whose mentions end in the
// word at token i, preferring persons and then the entity named most often.
func (d *doc) knownWord(i int) (int, bool) {
	if d.lastWords == nil {
		d.lastWords = map[string]int{}
		count := map[int]int{}
		for _, m := range d.ments {
			count[m.ent]++
		}
		better := func(x, y int) bool {
			px, py := d.ents[x].Type == schema.TypePerson, d.ents[y].Type == schema.TypePerson
			if px != py {
				return px
			}
			if count[x] != count[y] {
				return count[x] > count[y]
			}
			return x < y
		}
		for _, m := range d.ments {
			if m.typ != schema.TypePerson && m.typ != schema.TypeOrganization {
				continue
			}
			w := d.str.Span(m.s, m.e)
			if k := strings.LastIndexByte(w, ' '); k >= 0 {
				w = w[k+1:]
			}
			if old, ok := d.lastWords[w]; !ok || better(m.ent, old) {
				d.lastWords[w] = m.ent
			}
		}
	}
	e, ok := d.lastWords[d.str.Span(d.toks[i].s, d.toks[i].e)]
	return e, ok
}

// adverb reports whether a lower-case word is an adverb that may stand
// between a subject and its verb ("also", "specifically").
func (d *doc) adverb(low string) bool {
	return d.lx.is("adverb", low) || strings.HasSuffix(low, "ly")
}

// wordGender is 'f' or 'm' for a word that shows a gender, 'n' for "it",
// else 0.
func (d *doc) wordGender(low string) byte {
	return d.lx.gender[low]
}

// genderOf returns what the text shows of a person's gender: honorifics and
// gendered role nouns just before a mention or in apposition after it
// ("Mrs. Lind", "actress Ana Ruiz", "Omar Haddad, her brother,"); where it
// shows neither, the gender of the first name when the name is given to one
// gender only ("Nora Lind"); 0 when nothing shows it or the words show both.
func (d *doc) genderOf(ent int) byte {
	if d.genders == nil {
		votes := map[int][2]int{}
		for _, m := range d.ments {
			if m.typ != schema.TypePerson {
				continue
			}
			a, b := tokenAt(d.toks, m.s), tokenAt(d.toks, m.e)
			var near []int
			// Titles right before the name: a function word ends them
			// ("the niece of Biden" says nothing of Biden).
			for i, n := a-1, 0; i >= 0 && n < 2 && d.toks[i].sent == d.toks[a].sent; i-- {
				if d.toks[i].word {
					if d.lx.is("function", d.lowAt(i)) {
						break
					}
					near = append(near, i)
					n++
				}
			}
			if b+1 < len(d.toks) && d.toks[b].low == "," {
				for i := b + 1; i < min(len(d.toks), b+4) && d.toks[i].word; i++ {
					near = append(near, i)
				}
			}
			v := votes[m.ent]
			for _, i := range near {
				switch d.wordGender(d.lowAt(i)) {
				case 'f':
					v[0]++
				case 'm':
					v[1]++
				}
			}
			votes[m.ent] = v
		}
		d.genders = map[int]byte{}
		for e, v := range votes {
			switch {
			case v[0] > v[1]:
				d.genders[e] = 'f'
			case v[1] > v[0]:
				d.genders[e] = 'm'
			case v[0] > 0:
				d.genders[e] = 0 // shown both ways: the name does not decide
			}
		}
	}
	if g, ok := d.genders[ent]; ok {
		return g
	}
	name := d.ents[ent].Name
	if i := strings.IndexByte(name, ' '); i > 0 {
		return d.lx.firstName[name[:i]]
	}
	return 0
}

// firstContent is the first word of [a, b) that is no function word, -1 if
// none.
func (d *doc) firstContent(a, b int) int {
	for i := a; i < b; i++ {
		if d.toks[i].word && !d.lx.is("function", d.lowAt(i)) {
			return i
		}
	}
	return -1
}

// nounHead handles a subject whose head is a common noun right before the
// cue: a document ("RIAA's notice alleged") speaks for its possessive owner;
// a person's role after a name used as a modifier ("the Wooster professor")
// is a person, not the organisation. A spokesperson ("a Hampshire Police
// spokesman") is left to the usual rules, which give the organisation.
func (d *doc) nounHead(a, b int, ms []mention) (ent int, resolved, done bool) {
	if len(ms) > 0 && d.possessive(ms[0]) && (ms[0].typ == schema.TypePerson || ms[0].typ == schema.TypeOrganization) {
		// "Brightwater's spokesman", "Brightwater's notice to the Harbour
		// Board": the owner opening the subject speaks.
		// Up to two words may qualify the noun ("X's official statement").
		for n := tokenAt(d.toks, ms[0].e); n < b && n <= tokenAt(d.toks, ms[0].e)+2 && d.toks[n].word && !d.toks[n].upper && tokenAt(d.toks, ms[0].s) <= a+1; n++ {
			if d.lx.is("document", d.lowAt(n)) || d.lx.is("spokes", d.lowAt(n)) {
				return ms[0].ent, true, true
			}
		}
	}
	h := b - 1
	for h >= a && (d.toks[h].word && d.lx.is("adverb", d.lowAt(h)) || d.toks[h].low == ",") {
		h--
	}
	if h < a || !d.toks[h].word || d.toks[h].upper {
		return -1, false, false
	}
	head := strings.TrimSuffix(d.lowAt(h), "'s")
	if f := d.firstContent(a, b); f >= 0 && d.lx.is("document", d.lowAt(f)) {
		head = d.lowAt(f) // "A tweet sent from Biden's account ... saying"
	}
	switch {
	case d.lx.is("document", head):
		for _, m := range ms {
			if d.possessive(m) && (m.typ == schema.TypePerson || m.typ == schema.TypeOrganization) {
				return m.ent, true, true
			}
		}
		// "Their statement also read": the owner the pronoun points to.
		if w := d.prevWord(h, a); w >= 0 && d.lx.is("possdet", d.lowAt(w)) && len(ms) == 0 {
			low := d.lowAt(w)
			g := d.wordGender(low)
			return d.resolvePronoun(d.toks[w].s, g == 'm' || g == 'f', g), true, true
		}
	case d.lx.is("spokes", head) || d.lx.kind(head) != "" || d.lx.is("function", head) || d.lx.is("anonymous", head):
	default:
		// A name right before the role noun modifies it.
		last := -1
		for i, m := range ms {
			if last < 0 || m.e > ms[last].e {
				last = i
			}
		}
		if last >= 0 && ms[last].typ == schema.TypeOrganization && tokenAt(d.toks, ms[last].e) == h {
			for _, m := range ms {
				if m.typ == schema.TypePerson {
					return -1, false, false
				}
			}
			e, ok := d.resolveRole(a, b)
			return e, ok, ok
		}
	}
	return -1, false, false
}

// latterFormer resolves a subject [a, b) that ends in "the latter" or "the
// former", adverbs allowed after it: the last, or the one before the last,
// of the persons and organisations named in the sentences before. "The
// former minister" is a description, not this.
func (d *doc) latterFormer(a, b int) (int, bool) {
	for b > a && d.toks[b-1].word && d.adverb(d.lowAt(b-1)) {
		b--
	}
	// "the latter" ends the subject: "with the latter yesterday confirming".
	if b-2 < a || !d.lx.is("definite", d.lowAt(b-2)) {
		return -1, false
	}
	a = b - 2
	nth := 0
	switch w := d.lowAt(a + 1); {
	case d.lx.is("latter", w):
	case d.lx.is("former", w):
		nth = 1
	default:
		return -1, false
	}
	pos := d.toks[a].s
	minSent := d.sentIndex(pos) - 2
	var seen []int
	for i := sort.Search(len(d.ments), func(i int) bool { return d.ments[i].s >= pos }) - 1; i >= 0 && len(seen) <= nth; i-- {
		m := d.ments[i]
		if d.sentIndex(m.s) < minSent {
			break
		}
		if m.typ != schema.TypePerson && m.typ != schema.TypeOrganization || slices.Contains(seen, m.ent) {
			continue
		}
		if t := tokenAt(d.toks, m.s); t < len(d.toks) && d.toks[t].quote >= 0 {
			continue
		}
		seen = append(seen, m.ent)
	}
	if len(seen) <= nth {
		return -1, true
	}
	return seen[nth], true
}

// withoutAsides returns where the subject before a cue at b ends once the
// asides set off by commas or dashes right before the cue are dropped: a
// phrase opening with a preposition, a relative pronoun or a participle
// ("The retailer, in a statement on Tuesday, said", "The board, which Lind
// chairs, said"). An apposition ("Ana Ruiz, the mayor, said") stays.
func (d *doc) withoutAsides(a, b int) int {
	isMark := func(i int) bool { l := d.lowAt(i); return l == "," || l == "—" }
	if b-a < 3 || !isMark(b-1) {
		return b
	}
	// end is the mark closing the aside looked at; asides may stack
	// ("X, hosted by Y, who worked for Z, tweeted").
	for end := b - 1; ; {
		k := end - 1
		for k > a && !isMark(k) {
			k--
		}
		// An aside has two words at least: "X met Y, who said" is Y's.
		if k <= a || end-k < 3 || !d.opensAside(k+1) {
			return b
		}
		b, end = k, k
	}
}

// opensAside reports whether token i opens an aside rather than an
// apposition: a preposition, relative pronoun or participle ("speaking to
// reporters", "hosted by X").
func (d *doc) opensAside(i int) bool {
	t := d.tok(i)
	return t.word && !t.upper && (d.lx.is("aside", t.low) || strings.HasSuffix(t.low, "ing") || strings.HasSuffix(t.low, "ed"))
}
