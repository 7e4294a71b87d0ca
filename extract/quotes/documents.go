package quotes

import (
	"sort"
	"strings"

	"github.com/docset/docset/schema"
)

// documentOwner resolves "the statement" (noun, a document word) before
// token at: the one who issued the statement named last before it, in this
// sentence or the few before: its possessive owner ("Lind's statement"), the
// source after "from" or "by" ("a statement from the board", "warnings
// issued by the Met Office"), else the subject of the clause that issued it
// ("The board released a statement saying ..."). Not resolved when no such
// statement is named or its issuer is nobody the text names.
func (d *doc) documentOwner(noun string, at int) (int, bool) {
	// The issuer of one statement is never looked for through another:
	// a run of "the statement read" stays linear.
	if at >= len(d.toks) || d.inDocument {
		return -1, false
	}
	d.inDocument = true
	defer func() { d.inDocument = false }()
	minSent := d.toks[at].sent - lookbackSentences
	for i := at - 1; i >= 0 && i > at-4*maxContext && d.toks[i].sent >= minSent; i-- {
		t := d.toks[i]
		if !t.word || t.quote >= 0 || !sameDocument(d.lowAt(i), noun) {
			continue
		}
		if e, ok := d.issuerOf(i); ok {
			return e, true
		}
	}
	return -1, false
}

// sameDocument reports whether two document words name the same document,
// a plural for its singular ("warnings" for "warning").
func sameDocument(w, noun string) bool {
	return w == noun || strings.TrimSuffix(w, "s") == strings.TrimSuffix(noun, "s")
}

// issuerOf returns who issued the document named at token i.
func (d *doc) issuerOf(i int) (int, bool) {
	speaker := func(m mention) bool {
		return m.typ == schema.TypePerson || m.typ == schema.TypeOrganization
	}
	// "Lind's statement", "the board's new statement".
	for j := i - 1; j >= 0 && j >= i-3 && d.toks[j].sent == d.toks[i].sent; j-- {
		if !d.toks[j].word {
			break
		}
		if ms := d.mentionsIn(d.toks[j].s, d.toks[i].s); len(ms) > 0 {
			if m := ms[len(ms)-1]; d.possessive(m) && speaker(m) {
				return m.ent, true
			}
			break
		}
	}
	// "a statement from the board", "warnings issued by the Met Office".
	for j := i + 1; j < len(d.toks) && j <= i+3 && d.toks[j].word && d.toks[j].sent == d.toks[i].sent; j++ {
		if l := d.lowAt(j); l == "from" || l == "by" {
			s := d.toks[min(j+1, len(d.toks)-1)].s
			if k := sort.Search(len(d.ments), func(k int) bool { return d.ments[k].s >= s }); k < len(d.ments) {
				if m := d.ments[k]; tokenAt(d.toks, m.s) <= j+2 && speaker(m) {
					return m.ent, true
				}
			}
			break
		}
	}
	// "The board released a statement": the subject of its clause.
	sent := d.toks[i].sent
	a := i
	for a > 0 && a > i-maxContext && d.toks[a-1].sent == sent && d.toks[a-1].quote < 0 && d.lowAt(a-1) != ";" {
		a--
	}
	a = d.skipOpening(a, i)
	for v := a + 1; v < i; v++ {
		if d.verbLike(v) {
			if e, ok := d.resolveSubject(a, v); ok && e >= 0 {
				return e, true
			}
			break
		}
	}
	return -1, false
}
