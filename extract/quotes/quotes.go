// Package quotes finds direct quotations in a news text and attributes each
// to its speaker.
//
// A quotation is the text between a pair of double quotation marks, straight
// or curly (single quotes count only nested inside one), without the marks
// and the space next to them; editorial brackets stay in. Straight marks pair
// by position and by what is left in the paragraph, so a stray mark opens
// nothing. A quotation left open at a paragraph's end continues when the next
// paragraph reopens with a mark (news style), else it ends with its
// paragraph; either way it is capped, so no mark swallows the document.
//
// Pairs that are names, titles or scare quotes are left out: a pair right
// after a naming word ("the word", "entitled", "is called"), a short pair with
// no reporting cue that is not a sentence of its own, a title-case name with
// no cue next to it, and a one-word modifier ("such "rogue" states").
//
// The cue is a reporting verb or phrase (data/cues.txt), looked for after the
// quotation ("...," he said / "...," said X), as the cue of the first half of
// a split quotation, before it in its sentence (X said, according to X), or
// closing the sentence before with a colon. Its subject is a named entity
// (a person before an organisation; a name the recognizer missed here but
// found elsewhere), a pronoun (the most salient person of a compatible
// gender: sentence by sentence back, the subject rather than the nearest
// name; genders from titles, gendered nouns and first names given to one
// gender, data/firstnames.tsv), a role noun (an entity whose roles or nearby
// words hold it: "the commissioner", "a spokesman for X"), a kind of
// organisation ("the company", "the ministry": the most recent organisation
// of that kind, data/kinds.txt), a document ("the statement read": whoever
// issued it), "the latter" or "the former" (the last two named), "I" in an
// interview turn (the one answering), or an unnamed source (no speaker).
// What a possessive owns is not its owner ("Norway's consumer watchdog",
// "Lind's lawyer"), and a description of a person ("the head of the
// investigators") is nobody the text named unless it gave that description
// to a name; one of a thing ("the frequency of storms suggested") leaves the
// words to whoever reports them ("X told Y the frequency ... suggested:").
// An aside between subject and cue ("The retailer, in a statement on
// Tuesday, said") or a phrase opening the clause ("When interviewed by the
// BBC, X said") is no subject; a participle set off by a comma (",
// confirming that") shares its clause's subject, not the object. A passive
// cue ("he was told by X") gives the agent after "by", and no speaker
// without one. "According to X" after a quotation whose sentence names its
// speaker before it only names who reported it. A clause with no reporting
// verb that ends in a colon, or in a comma before a quotation standing as a
// sentence, presents its subject's words ("X, also on Twitter, defended
// the decision, "...""). A quotation with no cue of its own continues the
// previous speaker, or the person the paragraph narrates.
//
// A quotation is partial when it is a fragment of the narrator's sentence:
// words other than an addressee stand between cue and quotation ("said the
// victims were "..."", "noted that ..., "..."), the cue takes a complement
// ("called it "..."") or, with no cue, narration comes before it. It is not
// partial when it stands as the speaker's sentence next to its cue, after a
// comma or colon, or on its own.
package quotes

import (
	"unicode"

	"github.com/docset/docset/extract/internal/freelist"
	"github.com/docset/docset/extract/internal/lex"
	"github.com/docset/docset/schema"
)

const (
	// Quotations of at most this many words with no cue and not standing as
	// a sentence of their own are taken for scare quotes or titles.
	maxScareWords = 4
	// Title-case quotations of at most this many words with no cue next to
	// them are names.
	maxTitleWords = 6
	// A cue after a quotation lies within this many words of it, a name
	// counting as one.
	postCueWords = 10
	// At most this many tokens before and after a quotation are read, and
	// this many earlier quotations looked back on, so that a sentence or
	// paragraph of thousands of marks stays linear.
	maxContext    = 150
	maxPrevQuotes = 30
	// The cue of a quotation is among the nearest few cue words before it.
	maxCueTries = 4
)

// Find returns the quotations of text in order, ids q1, q2, ... Spans are
// code-point offsets into text; paras and sentences come from package
// segment, ents from the entity recognizer (speakers are entity ids).
func Find(text []rune, paras []schema.Paragraph, sentences []schema.Sentence, ents []schema.Entity) []schema.Quote {
	return FindIn(lex.NewText(text, ""), paras, sentences, ents)
}

// FindIn is Find on a shared Text: quotation, cue and word texts are
// substrings of t.Str where they can be.
func FindIn(t *lex.Text, paras []schema.Paragraph, sentences []schema.Sentence, ents []schema.Entity) []schema.Quote {
	text := t.Runes
	pairs := findPairs(text, paras)
	if len(pairs) == 0 {
		return nil
	}
	scratch := scratchPool.Get()
	d := newDoc(t, scratch, pairs, paras, sentences, ents)
	defer scratch.release(d)
	var out []schema.Quote
	for k := range d.pairs {
		a := d.attribute(k)
		if !a.keep {
			continue
		}
		p := d.pairs[k]
		q := schema.Quote{
			ID:      quoteIDs.ID(len(out) + 1),
			Start:   p.start,
			End:     p.end,
			Text:    t.Span(p.start, p.end),
			Partial: a.partial,
		}
		if a.speaker >= 0 {
			id := ents[a.speaker].ID
			q.Speaker = &id
		}
		if a.cueLen > 0 {
			c := t.Span(d.toks[a.cue].s, d.toks[a.cue+a.cueLen-1].e)
			q.Cue = &c
		}
		out = append(out, q)
	}
	return out
}

type doc struct {
	text  []rune
	str   *lex.Text // text as a string
	lx    *lexicon
	toks  []token
	sents []schema.Sentence
	paras []schema.Paragraph
	ments []mention
	ents  []schema.Entity
	pairs []pair
	res   []attribution
	cur   int // the pair being attributed; res holds the ones before it
	// lastWords maps the last word of person and organisation mentions to
	// their entity, built on first use.
	lastWords map[string]int
	// genders holds what the text shows of each person's gender, built on
	// first use.
	genders map[int]byte
	// inDocument is set while the issuer of a document is looked for.
	inDocument bool
	// turns lists the interview turn markers, built on first use.
	turns []turn
	// entKinds caches the kind of organisation of each entity asked about.
	entKinds map[int]string
	cueMemo  []cueMatch // per token, filled on first use
	memoBuf  []cueMatch // an empty slice cueMemo may reuse
}

// attribution is what was decided for one pair.
type attribution struct {
	keep    bool
	speaker int // entity index, -1 for none
	cue     int // token index of the cue's first word
	cueLen  int // 0 when there is no cue
	partial bool
}

// scratch holds the per-token slices of a doc for reuse by the next one:
// they are most of what a call allocates.
type scratch struct {
	toks    []token
	cueMemo []cueMatch
	ments   []mention
}

var scratchPool = freelist.New[scratch]()

// maxKeptTokens bounds the scratch kept for reuse: an outsize document's
// slices go back to the garbage collector.
const maxKeptTokens = 1 << 20

// release returns d's slices, emptied of references into its text.
func (s *scratch) release(d *doc) {
	clear(d.toks)
	s.toks = d.toks[:0]
	if d.cueMemo != nil {
		clear(d.cueMemo)
		s.cueMemo = d.cueMemo[:0]
	}
	clear(d.ments)
	s.ments = d.ments[:0]
	if cap(s.toks) <= maxKeptTokens {
		scratchPool.Put(s)
	}
}

func newDoc(str *lex.Text, s *scratch, pairs []pair, paras []schema.Paragraph, sents []schema.Sentence, ents []schema.Entity) *doc {
	text := str.Runes
	d := &doc{text: text, str: str, lx: loadLexicon(), pairs: pairs, sents: sents, paras: paras, ents: ents, memoBuf: s.cueMemo}
	d.toks = tokenize(s.toks, str, sents)
	for k, p := range d.pairs {
		end := p.end
		if p.close >= 0 {
			end = p.close + 1
		}
		for i := tokenAt(d.toks, p.open); i < len(d.toks) && d.toks[i].s < end; i++ {
			d.toks[i].quote = int32(k)
		}
	}
	d.ments = flattenMentions(s.ments, ents, len(text))
	d.res = make([]attribution, len(d.pairs))
	return d
}

// tok returns token i with its lower-cased form filled in. Most tokens lie
// far from any quotation and are never looked at, so the form is made on
// first use.
func (d *doc) tok(i int) token {
	t := &d.toks[i]
	if t.word && t.low == "" {
		if w := d.text[t.s:t.e]; isPlainLower(w) {
			t.low = d.str.Span(t.s, t.e) // its own lower case: no new string
		} else {
			t.low = lower(w)
		}
	}
	return *t
}

func (d *doc) lowAt(i int) string { return d.tok(i).low }

// span is a token range [a, b).
type span struct{ a, b int }

func (d *doc) attribute(k int) attribution {
	p := d.pairs[k]
	d.cur = k
	res := attribution{speaker: -1}
	defer func() { d.res[k] = res }()
	open := tokenAt(d.toks, p.open)
	after := tokenAt(d.toks, p.end) // the paragraph ended it
	if p.close >= 0 {
		after = tokenAt(d.toks, p.close+1)
	}
	pre := d.sentenceBefore(open)
	post := d.sentenceAfter(after)
	words := countWords(d.text[p.start:p.end])

	if w := d.prevWord(open, pre.a); w >= 0 && (d.lx.is("naming", d.lowAt(w)) ||
		d.lx.is("passive", d.lowAt(w)) && w > pre.a && d.lx.is("be", d.lowAt(w-1))) {
		return res
	}
	adjacent, postCue := false, false
	if c, n, sp, ok := d.postCue(k, after, post); ok && !d.reportedAfter(k, c, open, pre) {
		res.cue, res.cueLen, res.speaker = c, n, sp
		adjacent, postCue = true, true
		// Narration before it makes it a fragment: "The quay will stay
		// "closed," according to X".
		res.partial = !d.opensSentence(pre)
	} else if r, ok := d.splitCue(k, pre); ok {
		res = r
		adjacent = true
	} else if c, n, sp, gapOK, ok := d.preCue(k, open, pre); ok {
		res.cue, res.cueLen, res.speaker = c, n, sp
		res.partial = !gapOK
		adjacent = gapOK && d.wordsBetween(c+n, open) == 0
	} else if prev, ok := d.colonSentence(pre); ok {
		// "X tweeted:" closing the sentence or paragraph before.
		if c, n, sp, _, ok := d.preCue(k, prev.b, prev); ok {
			res.cue, res.cueLen, res.speaker = c, n, sp
			adjacent = true
		}
	}
	standalone := d.standalone(pre, post)
	if res.cueLen == 0 {
		if !standalone && words <= maxScareWords {
			return res
		}
		// An interrupted quotation that opens its sentence is still the
		// speaker's own words: partial only when woven in after narration.
		res.partial = !d.opensSentence(pre)
		if sp, ok := d.introduced(k, pre, post); ok {
			res.speaker = sp
		} else {
			res.speaker = d.continuing(k, open, pre, res.partial)
		}
	}
	if !adjacent && !standalone && words <= maxTitleWords && d.titleCase(p) {
		return res
	}
	if words == 1 && !postCue && unicode.IsLetter(d.text[p.end-1]) && d.modifier(after, post) {
		return res
	}
	res.keep = true
	return res
}

// reportedAfter reports whether the cue at c after quotation k names only
// who reported the words ("according to NBC") while a cue before the
// quotation gives their speaker: "Lind called the plan a "...", according
// to NBC" is Lind's.
func (d *doc) reportedAfter(k, c, open int, pre span) bool {
	if cu, _, _ := d.matchCue(c); !cu.after {
		return false
	}
	_, _, sp, _, ok := d.preCue(k, open, pre)
	return ok && sp >= 0
}

// introduced resolves the subject of a clause that introduces the
// quotation with a colon and no reporting verb ("The Department of Defense
// justified the strike as "defensive": "..."", "Lind had one demand:
// "...""), or with a comma when the quotation stands as a sentence of its
// own and the clause opens with a name or "he"/"she" ("Lind, also on
// Twitter, defended the decision, "We ...""): the words
// its subject presents; in a clause that ends in a relative clause, its
// antecedent ("... was Omar Haddad, 24, who cited his training: "...""). Not
// resolved when there is no such clause or its subject is not understood.
func (d *doc) introduced(k int, pre, post span) (int, bool) {
	clause := span{pre.a, pre.b - 1}
	comma := false
	switch {
	case pre.b > pre.a && d.lowAt(pre.b-1) == ":":
	case pre.b > pre.a && d.lowAt(pre.b-1) == "," && d.standalone(pre, post) && d.capitalised(k):
		comma = true
	default:
		var ok bool
		if clause, ok = d.colonSentence(pre); !ok {
			return -1, false
		}
	}
	// The clause opens its sentence, not an earlier one a quotation ran
	// in from.
	for clause.a < clause.b && d.toks[clause.a].sent != d.toks[clause.b].sent {
		clause.a++
	}
	if clause.a >= clause.b {
		return -1, false
	}
	if e, ok := d.relativeAntecedent(clause); ok {
		return e, true
	}
	a := d.skipOpening(clause.a, clause.b)
	if comma && !d.namedSubject(a, clause.b) {
		return -1, false // "The relationship between X and Y was, "...""
	}
	return d.subjectBeforeVerb(a, clause.b)
}

// namedSubject reports whether the clause at a opens with a name of a
// person or organisation ("the" allowed before it) or with "he" or "she".
func (d *doc) namedSubject(a, b int) bool {
	if a >= b {
		return false
	}
	if d.lowAt(a) == "he" || d.lowAt(a) == "she" {
		return true
	}
	if d.lx.is("definite", d.lowAt(a)) {
		a++
	}
	if a >= b {
		return false
	}
	ms := d.mentionsIn(d.toks[a].s, d.toks[b-1].e)
	return len(ms) > 0 && ms[0].s == d.toks[a].s && (ms[0].typ == schema.TypePerson || ms[0].typ == schema.TypeOrganization)
}

// capitalised reports whether quotation k opens with a capital letter, as a
// sentence of its own does ("[T]he" too).
func (d *doc) capitalised(k int) bool {
	p := d.pairs[k]
	for _, r := range d.text[p.start:p.end] {
		if unicode.IsLetter(r) {
			return unicode.IsUpper(r)
		}
	}
	return false
}

// relativeAntecedent returns the person a relative clause of the clause
// qualifies, when the relative clause runs to the clause's end: the name
// before "who", an apposition set off by commas allowed between ("Omar
// Haddad, 24, who cited ...").
func (d *doc) relativeAntecedent(clause span) (int, bool) {
	for w := clause.b - 1; w > clause.a; w-- {
		if d.toks[w].quote >= 0 || !d.toks[w].word || d.lowAt(w) != "who" {
			continue
		}
		ms := d.mentionsIn(d.toks[clause.a].s, d.toks[w].s)
		if len(ms) == 0 {
			return -1, false
		}
		m := ms[len(ms)-1]
		if m.typ != schema.TypePerson || d.possessive(m) {
			return -1, false
		}
		// Only an apposition, set off by commas, between name and "who".
		between := 0
		for i := tokenAt(d.toks, m.e); i < w; i++ {
			if d.toks[i].word {
				between++
			}
		}
		if w == 0 || d.lowAt(w-1) != "," || between > 3 {
			return -1, false
		}
		return m.ent, true
	}
	return -1, false
}

// sentenceBefore is the part of the opening mark's sentence before it.
func (d *doc) sentenceBefore(open int) span {
	if open >= len(d.toks) {
		return span{open, open}
	}
	a := open
	lo := max(0, open-maxContext)
	for s := d.toks[open].sent; s >= 0; {
		for a > lo && d.toks[a-1].sent == s {
			a--
		}
		// A quotation running in from an earlier sentence brings that
		// sentence's narration along.
		q := d.toks[a].quote
		if a == lo || q < 0 || q == d.toks[open].quote || d.pairs[q].open >= d.toks[a].s {
			break
		}
		a = tokenAt(d.toks, d.pairs[q].open)
		s = d.toks[a].sent
	}
	return span{a, open}
}

// sentenceAfter is the part of the closing mark's sentence after it, up to
// the next quotation.
func (d *doc) sentenceAfter(after int) span {
	if after == 0 || after > len(d.toks) {
		return span{after, after}
	}
	s := d.toks[after-1].sent
	b := after
	hi := min(len(d.toks), after+maxContext)
	for b < hi && d.toks[b].sent == s && s >= 0 && d.toks[b].quote < 0 {
		b++
	}
	return span{after, b}
}

// prevWord is the last word token before i and at or after lo, skipping
// punctuation; -1 if none.
func (d *doc) prevWord(i, lo int) int {
	for j := i - 1; j >= lo; j-- {
		if d.toks[j].word {
			return j
		}
	}
	return -1
}

// opensSentence reports whether nothing but an introductory phrase ending in
// a comma or colon comes before the quotation in its sentence.
func (d *doc) opensSentence(pre span) bool {
	if pre.b > pre.a {
		if l := d.lowAt(pre.b - 1); l != "," && l != ":" && l != "—" && l != "(" && l != "[" {
			return false
		}
	}
	return true
}

// standalone reports whether the quotation stands as a sentence: nothing but
// an introductory phrase ending in a comma or colon before it, and nothing
// but punctuation after it.
func (d *doc) standalone(pre, post span) bool {
	if !d.opensSentence(pre) {
		return false
	}
	for i := post.a; i < post.b; i++ {
		if d.toks[i].word {
			return false
		}
	}
	return true
}

// titleCase reports whether every word of the quotation that is not a
// function word starts with a capital: a name or title, not speech.
func (d *doc) titleCase(p pair) bool {
	a, b := tokenAt(d.toks, p.start), tokenAt(d.toks, p.end)
	n := 0
	for i := a; i < b; i++ {
		t := d.tok(i)
		if !t.word {
			continue
		}
		if !t.upper && !unicode.IsDigit([]rune(t.low)[0]) && !d.lx.is("function", t.low) {
			return false
		}
		n++
	}
	return n > 0
}

// modifier reports whether a one-word quotation is followed directly by a
// content word it modifies (such "rogue" states).
func (d *doc) modifier(after int, post span) bool {
	if after >= post.b || post.a != after {
		return false
	}
	t := d.tok(after)
	return t.word && !t.upper && !d.lx.is("function", t.low) && !d.lx.is("adverb", t.low) && !d.lx.is("he", t.low) && !d.lx.is("they", t.low)
}

func countWords(rs []rune) int {
	n, in := 0, false
	for _, r := range rs {
		sp := unicode.IsSpace(r)
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// quoteIDs are the ids of quotations: q1, q2, ...
var quoteIDs = lex.NewIDs("q")
