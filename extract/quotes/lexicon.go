package quotes

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/docset/docset/extract/internal/lex"
)

// Word lists are data: data/cues.txt (reporting verbs and phrases),
// data/words.txt (word classes) and data/kinds.txt (kinds of organisation).
// Edit them, not the code, to teach new cues. data/firstnames.tsv (given
// names of one gender) is generated: see data/README.md.

//go:generate go run gen_firstnames.go

//go:embed data/cues.txt
var cuesData string

//go:embed data/words.txt
var wordsData string

//go:embed data/kinds.txt
var kindsData string

//go:embed data/firstnames.tsv
var firstNamesData string

// cue is one reporting verb or fixed phrase, in lower-case words.
type cue struct {
	words []string
	// after is true when the source follows the cue ("according to X").
	after bool
	// complement is true when the quotation is the verb's object
	// complement, always a fragment ("called it "a disgrace"").
	complement bool
}

type lexicon struct {
	// cues by first word, longest first.
	cues  map[string][]cue
	class map[string]map[string]bool
	kinds map[string]string // noun or subtype -> kind of organisation
	// gender holds the classes female, male and neuter as 'f', 'm', 'n':
	// one look-up for what is asked of every word near every person.
	gender map[string]byte
	// firstName holds the gender, 'f' or 'm', of given names that are
	// given to one gender only.
	firstName map[string]byte
}

func (lx *lexicon) is(class, word string) bool { return lx.class[class][word] }

// subtypeKind returns the kind of organisation an entity subtype names
// ("subtype:government" lines first, then the subtype as a noun, then its
// last word: "sports team" is a team); "" for none.
func (lx *lexicon) subtypeKind(st string) string {
	if st == "" {
		return ""
	}
	if k, ok := lx.kinds["subtype:"+st]; ok {
		return k
	}
	if k := lx.kind(st); k != "" {
		return k
	}
	return lx.kind(st[strings.LastIndexByte(st, ' ')+1:])
}

// kind returns the kind of organisation a lower-case noun (or subtype)
// names, a plural through its singular; "" for none.
func (lx *lexicon) kind(noun string) string {
	if k, ok := lx.kinds[noun]; ok {
		return k
	}
	if s, ok := strings.CutSuffix(noun, "s"); ok {
		return lx.kinds[s]
	}
	return ""
}

var loadLexicon = sync.OnceValue(func() *lexicon {
	lx := &lexicon{cues: map[string][]cue{}, class: map[string]map[string]bool{}, kinds: map[string]string{}}
	for _, line := range lex.DataLines(cuesData) {
		phrase, tag, _ := strings.Cut(line, "\t")
		tag = strings.TrimSpace(tag)
		c := cue{words: strings.Fields(strings.ToLower(phrase)), after: tag == "after", complement: tag == "complement"}
		if len(c.words) == 0 {
			continue
		}
		first := c.words[0]
		list := lx.cues[first]
		i := 0
		for i < len(list) && len(list[i].words) >= len(c.words) {
			i++
		}
		list = append(list, cue{})
		copy(list[i+1:], list[i:])
		list[i] = c
		lx.cues[first] = list
	}
	for _, line := range lex.DataLines(wordsData) {
		word, class, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		class = strings.TrimSpace(class)
		if lx.class[class] == nil {
			lx.class[class] = map[string]bool{}
		}
		lx.class[class][strings.ToLower(strings.TrimSpace(word))] = true
	}
	lx.gender = map[string]byte{}
	for class, g := range map[string]byte{"female": 'f', "male": 'm', "neuter": 'n'} {
		for w := range lx.class[class] {
			lx.gender[w] = g
		}
	}
	lx.firstName = map[string]byte{}
	for _, line := range lex.DataLines(firstNamesData) {
		if name, g, ok := strings.Cut(line, "\t"); ok && (g == "f" || g == "m") {
			lx.firstName[name] = g[0]
		}
	}
	for _, line := range lex.DataLines(kindsData) {
		if noun, kind, ok := strings.Cut(line, "\t"); ok {
			lx.kinds[strings.ToLower(strings.TrimSpace(noun))] = strings.TrimSpace(kind)
		}
	}
	return lx
})
