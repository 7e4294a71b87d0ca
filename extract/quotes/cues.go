package quotes

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/docset/docset/schema"
)

// Finding the reporting cue of a quotation and the tokens that hold its
// subject: after the quotation, as the first half's cue of a split
// quotation, before it in its sentence, or closing the sentence before.

// matchCue reports the cue starting at token i and its length in tokens. A
// cue word is lower case (or opens its sentence) and is no noun after a
// determiner ("in remarks", "the statement").
func (d *doc) matchCue(i int) (cue, int, bool) {
	if d.cueMemo == nil {
		d.cueMemo = slices.Grow(d.memoBuf, len(d.toks))[:len(d.toks)]
	}
	m := &d.cueMemo[i]
	if m.state == 0 {
		m.state, m.idx = 1, -1
		if idx, ok := d.matchCueAt(i); ok {
			m.state, m.idx = 2, int16(idx)
		}
	}
	if m.state == 1 {
		return cue{}, 0, false
	}
	c := d.lx.cues[d.lowAt(i)][m.idx]
	return c, len(c.words), true
}

// cueMatch remembers matchCue's answer for a token: state 0 unknown, 1 no
// cue, 2 the cue at idx in the lexicon's list for the word.
type cueMatch struct {
	idx   int16
	state int8
}

// matchCueAt returns the index of the cue starting at token i in the
// lexicon's list for its word.
func (d *doc) matchCueAt(i int) (int, bool) {
	t := d.tok(i)
	if !t.word || t.quote >= 0 {
		return 0, false
	}
	if t.upper && i > 0 && d.toks[i-1].sent == t.sent && d.toks[i-1].word {
		return 0, false
	}
	if i > 0 && d.toks[i-1].word && d.lx.is("det", d.lowAt(i-1)) {
		return 0, false
	}
	if strings.HasSuffix(t.low, "s") && i > 0 && d.countable(i-1) {
		return 0, false // "50 states", "U.S. states": a plural noun
	}
	if strings.HasSuffix(t.low, "ing") && i > 0 && d.toks[i-1].word && d.lx.is("gerund", d.lowAt(i-1)) {
		return 0, false // "emphasis on maintaining": a gerund
	}
	if i > 0 && d.toks[i-1].word && strings.HasSuffix(d.lowAt(i-1), "'s") {
		return 0, false // "Trump's tweet": a noun
	}
	if i > 0 && d.toks[i-1].word && d.lowAt(i-1) == "as" && d.lx.is("participle", t.low) {
		return 0, false // "— as reported by X —": an aside naming a source
	}
	for x, c := range d.lx.cues[t.low] {
		if i+len(c.words) > len(d.toks) {
			continue
		}
		ok := true
		for j, w := range c.words {
			if tt := d.tok(i + j); !tt.word || tt.low != w || tt.quote >= 0 {
				ok = false
				break
			}
		}
		if ok {
			return x, true
		}
	}
	return 0, false
}

// countable reports whether token i is a number or ends a dotted acronym,
// so that an "-s" word after it is a plural noun rather than a verb.
func (d *doc) countable(i int) bool {
	t := d.toks[i]
	if t.word {
		return unicode.IsDigit(d.text[t.s])
	}
	return t.low == "." && i > 0 && d.toks[i-1].word && d.toks[i-1].e-d.toks[i-1].s == 1 && d.toks[i-1].upper
}

// cuesIn lists the cues in tokens [a, b) left to right, a longer phrase
// winning over the words inside it ("went on to add", not "add").
func (d *doc) cuesIn(a, b int) (starts, lens []int) {
	for i := a; i < b; i++ {
		_, l, ok := d.matchCue(i)
		if !ok || i+l > b {
			continue
		}
		starts, lens = append(starts, i), append(lens, l)
		i += l - 1
	}
	return starts, lens
}

// postCue looks for "..., X said" / "..., said X" right after the quotation.
// Its subject must be understood; "..., further saying" with none is no cue
// of this quotation but introduces the next one.
func (d *doc) postCue(k int, after int, post span) (c, n, speaker int, ok bool) {
	p := d.pairs[k]
	sep := false
	last := p.end - 1
	for last > p.start && (d.text[last] == ']' || d.text[last] == '[') {
		last-- // an editorial "[,]"
	}
	switch d.text[last] {
	case ',', '?', '!', '.', '…', '-', '—':
		sep = true
	}
	j := after
	if j < post.b && (d.lowAt(j) == "," || d.lowAt(j) == "—") {
		sep, j = true, j+1
	}
	end := d.clauseEnd(j, post.b)
	if j < end && d.newClause(j) {
		return 0, 0, -1, false // "..., however Bonham noted": a new clause
	}
	starts, lens := d.cuesIn(j, end)
	if len(starts) == 0 || d.phraseWords(j, starts[0]) >= postCueWords {
		return 0, 0, -1, false
	}
	i, l := starts[0], lens[0]
	cu, _, _ := d.matchCue(i)
	if i == j && (!sep && countWords(d.text[p.start:p.end]) <= 2 || strings.HasSuffix(d.lowAt(i+l-1), "ing")) {
		// Such "rogue" states; "..., adding Iran will ...": a participle
		// takes the sentence's subject, not the words after it.
		return 0, 0, -1, false
	}
	if i == j || cu.after {
		sp, resolved := d.resolveAfter(i+l, end)
		return i, l, sp, resolved
	}
	if !sep && !d.bareSubject(j, i) {
		return 0, 0, -1, false
	}
	if be := d.passiveBe(i, j); be >= 0 {
		return be, i + l - be, d.agent(i+l, d.toks[i].sent), true
	}
	sp, resolved := d.resolveSubject(j, i)
	return i, l, sp, resolved
}

// passiveBe returns the form of "to be" that makes the cue at i passive
// ("he was told", "were also asked"), adverbs allowed between; -1 if the cue
// is active. Words before lo are not looked at.
func (d *doc) passiveBe(i, lo int) int {
	if len(d.lx.cues[d.lowAt(i)]) == 0 || !d.lx.is("participle", d.lowAt(i)) {
		return -1
	}
	for j := i - 1; j >= lo && j >= i-3; j-- {
		switch t := d.tok(j); {
		case !t.word:
			return -1
		case d.lx.is("be", t.low):
			return j
		case !d.lx.is("adverb", t.low):
			return -1
		}
	}
	return -1
}

// byAgent reports whether the participle cue at i of l tokens is followed
// by "by": a passive with its agent even with no "be" before it.
func (d *doc) byAgent(i, l int) bool {
	return d.lx.is("participle", d.lowAt(i)) && i+l < len(d.toks) && d.toks[i+l].word && d.lowAt(i+l) == "by"
}

// agent is the speaker of a passive cue: the name after the first "by"
// following token i in its sentence ("he was told by Deputy Minister X",
// "was announced to be a "pandemic" by the WHO"). With no agent the words
// are nobody's that the text names: -1.
func (d *doc) agent(i int, sent int32) int {
	hi := min(len(d.toks), i+maxContext)
	for j := i; j < hi && d.toks[j].sent == sent; j++ {
		if q := d.toks[j].quote; q >= 0 && q != int32(d.cur) {
			break
		}
		if d.toks[j].quote < 0 && d.toks[j].word && d.lowAt(j) == "by" {
			if sp, ok := d.resolveAfter(j+1, d.clauseEnd(j+1, hi)); ok {
				return sp
			}
			return -1
		}
	}
	return -1
}

// newClause reports whether the word at j opens a clause of its own rather
// than the subject of a cue: a conjunction or preposition, not a pronoun,
// article or possessive ("the company said", "his lawyer said").
func (d *doc) newClause(j int) bool {
	l := d.lowAt(j)
	return d.lx.is("function", l) && !d.lx.is("he", l) && !d.lx.is("article", l) && !d.lx.is("possdet", l)
}

// phraseWords counts the words of tokens [a, b), a name counting as one:
// "Hong Kong director of Amnesty International Man-kei Tam said" is a
// subject of five words, not eight.
func (d *doc) phraseWords(a, b int) int {
	if a >= b {
		return 0
	}
	n := d.wordsBetween(a, b)
	for _, m := range d.mentionsIn(d.toks[a].s, d.toks[b-1].e) {
		n -= d.wordsBetween(tokenAt(d.toks, m.s), tokenAt(d.toks, m.e)) - 1
	}
	return n
}

func (d *doc) wordsBetween(a, b int) int {
	n := 0
	for i := a; i < b; i++ {
		if d.toks[i].word {
			n++
		}
	}
	return n
}

// bareSubject reports whether tokens [a, b) are only a subject (a mention or
// a pronoun, no conjunction or preposition): "..." he said without a comma.
func (d *doc) bareSubject(a, b int) bool {
	if a >= b {
		return false
	}
	for i := a; i < b; i++ {
		if t := d.tok(i); t.word && d.lx.is("function", t.low) && !d.lx.is("det", t.low) {
			return false
		}
	}
	if len(d.mentionsIn(d.toks[a].s, d.toks[b-1].e)) > 0 {
		return true
	}
	for i := a; i < b; i++ {
		if d.lx.is("he", d.lowAt(i)) || d.lx.is("they", d.lowAt(i)) {
			return true
		}
	}
	return false
}

// clauseEnd is the end of the clause starting at token j: a comma,
// semicolon, colon, dash or quotation mark; a period only when it ends the
// region (abbreviations inside names stay in).
func (d *doc) clauseEnd(j, limit int) int {
	for i := j; i < limit; i++ {
		switch d.lowAt(i) {
		case ",", ";", ":", "—", "(", "\"", "“", "”":
			return i
		}
		if d.toks[i].quote >= 0 {
			return i
		}
	}
	return limit
}

// splitCue handles the second half of a split quotation: `"...," X said, "..."`.
func (d *doc) splitCue(k int, pre span) (attribution, bool) {
	if k == 0 {
		return attribution{}, false
	}
	prev := d.res[k-1]
	if !prev.keep || prev.cueLen == 0 || d.pairs[k-1].close < 0 {
		return attribution{}, false
	}
	closeTok := tokenAt(d.toks, d.pairs[k-1].close)
	if closeTok < pre.a || prev.cue <= closeTok || prev.cue >= pre.b {
		return attribution{}, false
	}
	// The second half follows its cue clause after a comma or colon;
	// `says on "X"` names something instead.
	if l := d.lowAt(pre.b - 1); l != "," && l != ":" && l != "—" {
		return attribution{}, false
	}
	return attribution{keep: true, speaker: prev.speaker, cue: prev.cue, cueLen: prev.cueLen}, true
}

// colonSentence returns the sentence before the quotation when the
// quotation opens its own sentence and that one ends in a colon.
func (d *doc) colonSentence(pre span) (span, bool) {
	if pre.b > pre.a || pre.a == 0 || d.lowAt(pre.a-1) != ":" {
		return span{}, false
	}
	b := pre.a - 1
	a := b
	s := d.toks[b].sent
	for a > 0 && d.toks[a-1].sent == s && s >= 0 {
		a--
	}
	return span{a, b}, true
}

// preCue looks for a cue before the quotation in its sentence, nearest first,
// skipping other quotations. gapOK is true when nothing but an addressee and
// a comma or colon lies between cue and quotation (a quotation standing as
// the speaker's sentence), false for a fragment woven into the sentence.
func (d *doc) preCue(k, open int, pre span) (c, n, speaker int, gapOK, ok bool) {
	starts, lens := d.cuesIn(pre.a, pre.b)
	for x := len(starts) - 1; x >= 0 && x >= len(starts)-maxCueTries; x-- {
		i, l := starts[x], lens[x]
		cu, _, _ := d.matchCue(i)
		if x > 0 && d.relativeAside(i, pre.a, open) {
			continue // "X commented — which the BBC noted as unusual — "...""
		}
		if be := d.passiveBe(i, pre.a); be >= 0 {
			return be, i + l - be, d.agent(i+l, d.toks[i].sent), !cu.complement && d.gapOK(i+l, open), true
		}
		if d.byAgent(i, l) {
			// "a pattern described by Marine Bulletin as "..."".
			return i, l, d.agent(i+l, d.toks[i].sent), !cu.complement && d.gapOK(i+l, open), true
		}
		sp, resolved := d.cueSubject(k, x, starts, lens, pre)
		if resolved {
			return i, l, sp, !cu.complement && d.gapOK(i+l, open), true
		}
	}
	if n := len(starts); n > 0 {
		i, l := starts[n-1], lens[n-1]
		cu, _, _ := d.matchCue(i)
		return i, l, -1, !cu.complement && d.gapOK(i+l, open), true
	}
	return 0, 0, -1, false, false
}

// inRelativeAside reports whether the cue at j stands in a relative clause
// opened after a comma and closed by a comma before the cue at i ("The
// statement, which was posted on Twitter, announced").
func (d *doc) inRelativeAside(j, lo, i int) bool {
	rel := -1
	for r := j - 1; r >= lo && r >= j-4; r-- {
		if l := d.lowAt(r); l == "which" || l == "who" {
			rel = r
			break
		}
	}
	if rel <= lo || d.lowAt(rel-1) != "," {
		return false
	}
	for c := j + 1; c < i; c++ {
		if d.lowAt(c) == "," {
			return true
		}
	}
	return false
}

// relativeAside reports whether the cue at i stands in a relative clause
// set off by dashes or commas that closes before the quotation at open
// ("X commented — which the BBC noted as unusual — "...""): the clause
// is about the quotation's cue, not a cue of its own.
func (d *doc) relativeAside(i, lo, open int) bool {
	isMark := func(j int) bool { l := d.lowAt(j); return l == "—" || l == "–" || l == "," || l == "(" }
	rel := -1
	for j := i - 1; j >= lo && j >= i-4; j-- {
		if d.lx.is("relative", d.lowAt(j)) || d.lowAt(j) == "which" {
			rel = j
			break
		}
	}
	if rel <= lo || !isMark(rel-1) {
		return false
	}
	for j := i + 1; j < open; j++ {
		if l := d.lowAt(j); l == "—" || l == "–" || l == ")" {
			return true
		}
	}
	return false
}

// cueSubject resolves the subject of the cue starts[x] in the sentence
// before quotation k.
func (d *doc) cueSubject(k, x int, starts, lens []int, pre span) (int, bool) {
	i, l := starts[x], lens[x]
	cu, _, _ := d.matchCue(i)
	if comma := d.participle(i, l, pre.a); comma >= 0 {
		// "X hired Y in May, explaining "..."", "X said ..., adding": a
		// participle set off by a comma shares the subject of its clause,
		// never the object; failing that, of a cue before it.
		a := pre.a
		for j := comma - 1; j >= pre.a; j-- {
			if d.toks[j].quote >= 0 {
				a = j + 1
				break
			}
		}
		if sp, ok := d.clauseSubject(a, comma); ok {
			return sp, true
		}
		// Each call recurses once at most, so a run of participles stays
		// linear.
		for y := x - 1; y >= 0; y-- {
			if starts[y] < comma && d.participle(starts[y], lens[y], pre.a) < 0 {
				return d.cueSubject(k, y, starts, lens, pre)
			}
		}
		return -1, false
	}
	if i == pre.a && strings.HasSuffix(d.lowAt(i), "ing") {
		// "Calling it a "disgrace", the archbishop said ...": an opening
		// participle shares the subject of the clause after the quotation.
		if sp, ok := d.subjectAfter(k); ok {
			return sp, true
		}
	}
	switch cs := d.clauseStart(i, pre.a); {
	case cu.after || d.inverted(i, pre.a) || cs == i && d.noSubject(pre.a, i):
		// "according to X", "...," said X, "...", "Remarked X, "...""
		ce := d.clauseEnd(i+l, pre.b)
		sp, resolved := d.resolveAfter(i+l, ce)
		if !resolved && cu.after && i+l < ce && d.lx.is("possdet", d.lowAt(i+l)) {
			// "According to its release, the NBA was "..."": the
			// owner is the subject named after the clause.
			sp, resolved = d.firstSubjectIn(ce, pre.b)
		}
		return sp, resolved
	case d.noSubject(cs, i) && cs > pre.a:
		// "... and wrote": the subject of the previous quotation in the
		// sentence, else of the clause ("The State Department gave its
		// "deepest sympathies" and said").
		if sp, ok := d.sameSentenceSpeaker(k, pre); ok {
			return sp, true
		}
		if x > 0 {
			return d.cueSubject(k, x-1, starts, lens, pre)
		}
		return d.clauseSubject(pre.a, cs)
	default:
		return d.resolveSubject(d.afterAddressee(cs, pre.a), i)
	}
}

// afterAddressee skips the name right after a cue that takes an addressee
// ("told Discover Magazine the frequency ... suggested"): the one told is
// not the subject of the clause that follows.
func (d *doc) afterAddressee(cs, lo int) int {
	if cs <= lo || cs >= len(d.toks) || !d.lx.is("addressee", d.lowAt(cs-1)) {
		return cs
	}
	at := cs
	if at+1 < len(d.toks) && d.lx.is("article", d.lowAt(at)) {
		at++ // "told the Harbour Board"
	}
	s := d.toks[at].s
	k := sort.Search(len(d.ments), func(k int) bool { return d.ments[k].s >= s })
	if k < len(d.ments) && d.ments[k].s == s {
		return tokenAt(d.toks, d.ments[k].e)
	}
	return cs
}

// subjectAfter resolves the subject of the first cue after quotation k in
// its sentence: "Calling it "..." X said" gives X.
func (d *doc) subjectAfter(k int) (int, bool) {
	p := d.pairs[k]
	if p.close < 0 {
		return -1, false
	}
	a := tokenAt(d.toks, p.close+1)
	sent := d.toks[tokenAt(d.toks, p.close)].sent
	if a < len(d.toks) && d.lowAt(a) == "," {
		a++
	}
	// The clause may name a quoted thing before its verb ("Anna Franowska
	// of "Have no fear" told"): read to the sentence's end.
	b := a
	for b < len(d.toks) && b < a+maxContext && d.toks[b].sent == sent {
		b++
	}
	starts, _ := d.cuesIn(a, b)
	if len(starts) == 0 || starts[0] == a {
		return -1, false
	}
	return d.resolveSubject(a, starts[0])
}

// participle returns the comma that sets off a participle cue at i of l
// tokens (", confirming", ", further adding"); -1 if it is none.
func (d *doc) participle(i, l, lo int) int {
	if !strings.HasSuffix(d.lowAt(i), "ing") && !strings.HasSuffix(d.lowAt(i+l-1), "ing") {
		return -1
	}
	for j := i - 1; j > lo; j-- {
		switch t := d.tok(j); {
		case t.low == ",":
			return j
		case !t.word || !d.adverb(t.low):
			return -1
		}
	}
	return -1
}

// clauseSubject finds the subject of the clause [a, b): what stands before
// its first verb once introductory phrases are skipped ("In a livestream,
// Sanders shared ..."); when that is not understood ("A letter sent from
// X's office ...", a reduced relative), whatever resolveSubject finds in
// all of it.
func (d *doc) clauseSubject(a, b int) (int, bool) {
	a = d.skipOpening(a, b)
	if sp, ok := d.subjectBeforeVerb(a, b); ok {
		return sp, true
	}
	return d.resolveSubject(a, b)
}

// subjectBeforeVerb resolves what stands before the first verb of the
// clause [a, b) that opens at a; not resolved when no verb is found or the
// words before it are not understood.
func (d *doc) subjectBeforeVerb(a, b int) (int, bool) {
	for v := a + 1; v < b; v++ {
		if d.verbLike(v) {
			return d.resolveSubject(a, v)
		}
	}
	return -1, false
}

// skipOpening returns where the clause starting at a begins once opening
// phrases set off by commas are skipped ("In a livestream, Sanders ...").
func (d *doc) skipOpening(a, b int) int {
	for a < b && d.toks[a].word && (d.lx.is("aside", d.lowAt(a)) || d.adverb(d.lowAt(a))) {
		c := a + 1
		for c < b && d.toks[c].low != "," {
			c++
		}
		if c >= b {
			break
		}
		a = c + 1
	}
	return a
}

// verbLike reports whether token i looks like a finite verb: a cue, a form
// of "to be", an auxiliary or common irregular past, or a lower-case word
// in "-ed".
func (d *doc) verbLike(i int) bool {
	t := d.tok(i)
	if !t.word || t.upper || t.quote >= 0 {
		return false
	}
	if _, _, ok := d.matchCue(i); ok {
		return true
	}
	return d.lx.is("be", t.low) || d.lx.is("verb", t.low) || len(t.low) > 3 && strings.HasSuffix(t.low, "ed")
}

// noSubject reports whether tokens [a, b) hold only function words and
// adverbs.
func (d *doc) noSubject(a, b int) bool {
	for i := a; i < b; i++ {
		t := d.tok(i)
		if t.word && !d.lx.is("function", t.low) && !d.lx.is("adverb", t.low) {
			return false
		}
	}
	return true
}

// sameSentenceSpeaker is the speaker of the previous kept quotation of the
// sentence.
func (d *doc) sameSentenceSpeaker(k int, pre span) (int, bool) {
	for j := k - 1; j >= 0 && j >= k-maxPrevQuotes; j-- {
		t := tokenAt(d.toks, d.pairs[j].open)
		if t < pre.a {
			break
		}
		if d.res[j].keep {
			return d.res[j].speaker, true
		}
	}
	return -1, false
}

// participlePhrase reports whether token i opens a phrase with no subject of
// its own ("while campaigning in Michigan"): a lower-case word that is no
// pronoun.
func (d *doc) participlePhrase(i int) bool {
	t := d.tok(i)
	return t.word && !t.upper && !d.lx.is("he", t.low) && !d.lx.is("they", t.low)
}

// firstSubjectIn returns the first person or organisation named in tokens
// [a, b) in subject position.
func (d *doc) firstSubjectIn(a, b int) (int, bool) {
	if a >= b {
		return -1, false
	}
	for _, m := range d.mentionsIn(d.toks[a].s, d.toks[b-1].e) {
		if (m.typ == schema.TypePerson || m.typ == schema.TypeOrganization) && !d.possessive(m) && d.subjectPosition(m) {
			return m.ent, true
		}
	}
	return -1, false
}

// inverted reports whether the cue at i follows a closing quotation mark
// ("...," said X, "..."): its subject comes after it.
func (d *doc) inverted(i, lo int) bool {
	for j := i - 1; j >= lo; j-- {
		switch t := d.tok(j); {
		case t.low == ",":
			continue
		case t.quote >= 0:
			return true
		default:
			return false
		}
	}
	return false
}

// clauseStart is where the subject of the cue at i may begin: after the last
// quotation, semicolon, clause-opening conjunction ("however") or other cue
// before it in the sentence.
func (d *doc) clauseStart(i, lo int) int {
	for j := i - 1; j >= lo; j-- {
		if d.toks[j].quote >= 0 || d.lowAt(j) == ";" {
			return j + 1
		}
		if d.lx.is("clause", d.lowAt(j)) && j+1 < i && !d.participlePhrase(j+1) {
			return j + 1
		}
		// A participle set off by commas is an aside ("X, speaking to
		// the BBC, said"), and so is a relative clause ("The statement,
		// which was posted on Twitter, announced"): the subject lies
		// before it.
		if _, l, ok := d.matchCue(j); ok && j+l <= i && d.participle(j, l, lo) < 0 && !d.inRelativeAside(j, lo, i) {
			return j + l
		}
	}
	return lo
}

func (d *doc) gapOK(from, open int) bool {
	if from >= open {
		return true
	}
	if d.lx.is("complementizer", d.lowAt(from)) {
		return false // indirect speech: "noted that ..., "..."
	}
	last := d.lowAt(open - 1)
	if last == "," || last == ":" || last == "—" {
		return true
	}
	// After an addressee ("told reporters "The ..."") a capitalised
	// quotation is still the speaker's own sentence.
	for _, r := range d.text[d.pairs[d.cur].start:d.pairs[d.cur].end] {
		if unicode.IsLetter(r) {
			return unicode.IsUpper(r)
		}
		if r != '[' && r != '(' && r != '.' && r != '…' {
			return false
		}
	}
	return false
}
