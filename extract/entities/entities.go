// Package entities finds named entities (people, organizations, places,
// events and other named things) in news text: each entity with a
// canonical name, a type, a subtype where the gazetteers know one, the
// roles that titles and appositions give it, and every mention.
//
// Recognition is rule-based over knowledge files (gazetteers, given
// names, titles, head words) generated from public sources or curated by
// the project; see data/README.md. Spans follow the flat, name-only
// conventions of the evaluation corpora: no title, no leading article, no
// possessive 's, and outermost names only.
package entities

import (
	"slices"
	"sort"
	"strings"

	"github.com/docset/docset/extract/internal/freelist"
	"github.com/docset/docset/extract/internal/lex"
	"github.com/docset/docset/schema"
)

// Recognizer finds entities. It holds read-only knowledge and is safe for
// concurrent use.
type Recognizer struct {
	lx *lexicon
	// multi maps the token sequence (texts joined by one space) of every
	// known name of two tokens or more to its kind; multiFirst holds their
	// first tokens so most positions need no look-up at all.
	multi      map[string]known
	multiFirst map[string]int // first token -> longest name in tokens
	firstShape keyShape       // of multiFirst's keys
	// multiPairs holds the first two tokens (joined by a space) of those
	// names: one look-up rules out every length at a position.
	multiPairs map[string]bool
	ofLeft     map[string]bool
	// docs recycles the working state of Find calls: token slices are the
	// bulk of what one call allocates.
	docs *freelist.List[doc]
}

// known is a gazetteer entry.
type known struct {
	typ, subtype string
}

// New loads the embedded knowledge.
func New() (*Recognizer, error) {
	lx, err := loadLexicon()
	if err != nil {
		return nil, err
	}
	// The maps are sized for the names of several words: growing them
	// is most of what building them costs.
	n := 0
	for _, g := range []*gazetteer{&lx.places, &lx.orgs} {
		for name := range g.all() {
			if strings.IndexByte(name, ' ') > 0 {
				n++
			}
		}
	}
	r := &Recognizer{
		lx:         lx,
		multi:      make(map[string]known, n),
		multiFirst: make(map[string]int, n*2/3),
		multiPairs: make(map[string]bool, n),
		ofLeft:     map[string]bool{},
		docs:       freelist.New[doc](),
	}
	var nt nameTokens
	add := func(name, typ, subtype string, ofLeft bool) {
		words, key := nt.split(name, lx)
		if len(words) < 2 {
			return
		}
		if _, dup := r.multi[key]; !dup {
			r.multi[key] = known{typ, subtype}
		}
		if n := len(words); n > r.multiFirst[words[0]] {
			r.multiFirst[words[0]] = n
		}
		r.multiPairs[key[:len(words[0])+1+len(words[1])]] = true
		for i := 0; ofLeft && i+1 < len(words); i++ {
			if words[i+1] == "of" {
				r.ofLeft[words[i]] = true
			}
		}
	}
	// Sorted, so that two sources naming the same tokens give the same
	// winner on every run.
	for name, st := range lx.places.all() {
		add(name, schema.TypePlace, st, true)
	}
	// Brand names ("East of England Co-op") say nothing of which words
	// an "of" phrase completes.
	for name, st := range lx.orgs.all() {
		add(name, schema.TypeOrganization, st, st != brandSubtype)
	}
	for _, name := range sortedKeys(lx.demonyms) {
		add(name, demonymType, "", true)
	}
	r.firstShape = shapeOfKeys(r.multiFirst)
	return r, nil
}

// maxKeptTokens bounds the working state kept for reuse: an outsize
// document's slices go back to the garbage collector.
const maxKeptTokens = 1 << 20

// demonymType marks a multi-word nationality adjective in the gazetteer
// ("South African"): not an entity.
const demonymType = "demonym"

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// nameTokens tokenizes the names of the gazetteers as a text is
// tokenized, reusing its buffers from one name to the next. Most names are
// words of letters and digits with one space between them, whose tokens
// are those words: they need no tokenizer.
type nameTokens struct {
	words []string
	runes []rune
	text  lex.Text
	toks  []token
	sc    tokenScratch
}

// split returns the texts of name's tokens and the gazetteer key they
// make (joinTokens).
func (nt *nameTokens) split(name string, lx *lexicon) (words []string, key string) {
	nt.words = nt.words[:0]
	if plainWords(name) {
		for w := range strings.SplitSeq(name, " ") {
			nt.words = append(nt.words, w)
		}
		return nt.words, name
	}
	nt.runes = nt.runes[:0]
	for _, r := range name {
		nt.runes = append(nt.runes, r) // as []rune(name) converts
	}
	nt.text.Reset(nt.runes, name)
	nt.toks = appendTokensOf(nt.toks[:0], &nt.text, lx, &nt.sc)
	for _, t := range nt.toks {
		nt.words = append(nt.words, t.text)
	}
	return nt.words, joinTokens(nt.toks)
}

// plainWords reports whether name is words of letters and digits with one
// space between them, which scanWord takes whole.
func plainWords(name string) bool {
	prev := ' '
	for _, r := range name {
		if r == ' ' && prev == ' ' || r != ' ' && !isWordRune(r) {
			return false
		}
		prev = r
	}
	return prev != ' '
}

// joinTokens is the gazetteer key of a token sequence: its texts joined
// by one space.
func joinTokens(toks []token) string {
	if len(toks) == 1 {
		return toks[0].text
	}
	return string(appendTokens(nil, toks))
}

func appendTokens(b []byte, toks []token) []byte {
	for i, t := range toks {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, t.text...)
	}
	return b
}

// Find returns the entities of text in order of first mention, with ids
// e1, e2, ... in that order. sentences, when given, are the text's
// sentences (their first words are not taken as names for their capital
// alone); when nil the text is split with a simple rule.
func (r *Recognizer) Find(text []rune, sentences []schema.Sentence) []schema.Entity {
	return r.FindIn(lex.NewText(text, ""), sentences)
}

// FindIn is Find on a shared Text: token and mention texts are substrings
// of t.Str.
func (r *Recognizer) FindIn(t *lex.Text, sentences []schema.Sentence) []schema.Entity {
	d := r.docs.Get()
	d.r, d.lx = r, r.lx
	d.text = t
	d.toks = appendTokensOf(d.toks[:0], t, r.lx, &d.tokScratch)
	d.ms = d.ms[:0]
	// The memo holds only lexicon strings, so it is cleared for the next
	// document, not when this one ends.
	d.known = slices.Grow(d.known[:0], len(d.toks))[:len(d.toks)]
	clear(d.known)
	markWeak(d.toks, sentences)
	d.ownSentences = sentences == nil
	d.tentative = d.tentative[:0]
	d.capPairs = nil
	d.chunk()
	d.addTentative()
	d.resolveContext()
	ents := d.entities()
	// The scratch goes back without references into this text.
	clear(d.toks)
	clear(d.ms)
	d.text, d.personAlias = nil, nil
	if cap(d.toks) <= maxKeptTokens {
		r.docs.Put(d)
	}
	return ents
}
