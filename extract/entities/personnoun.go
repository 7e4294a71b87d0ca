package entities

import (
	"strings"
	"sync"
)

// PersonNoun reports whether a lower-case common noun names a person
// ("mother", "investigator", "minister", "head"): a WordNet person noun
// (data/personnouns.txt) or a title (data/curated/titles.txt). Quotation
// attribution asks it of the head of a description ("the head of the
// inquiry said" is someone unnamed; "the frequency of storms suggested" is
// no one). It is safe for concurrent use.
func PersonNoun(word string) bool {
	return personNouns()[word]
}

// personNouns loads the two lists once; both are embedded, so a read
// error is a build defect that TestPersonNoun catches, and leaves the set
// empty rather than stopping extraction.
var personNouns = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, name := range []string{"data/personnouns.txt", "data/curated/titles.txt"} {
		_ = readData(name, func(f []string) {
			if w := strings.ToLower(strings.TrimSuffix(f[0], ".")); !strings.Contains(w, " ") {
				m[w] = true
			}
		})
	}
	return m
})
