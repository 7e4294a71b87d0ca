package quotes

import (
	"strconv"
	"testing"
	"unicode"

	"github.com/docset/docset/extract/segment"
	"github.com/docset/docset/schema"
)

// capitalEntities makes every capitalised word a mention, cycling through
// the entity types, so that fuzzed texts exercise speaker resolution.
func capitalEntities(text []rune) []schema.Entity {
	types := []string{schema.TypePerson, schema.TypeOrganization, schema.TypePlace}
	var ents []schema.Entity
	for i := 0; i < len(text); {
		if !unicode.IsUpper(text[i]) || i > 0 && isWordRune(text[i-1]) {
			i++
			continue
		}
		j := i + 1
		for j < len(text) && unicode.IsLetter(text[j]) {
			j++
		}
		n := len(ents)
		ents = append(ents, schema.Entity{ID: "e" + strconv.Itoa(n+1), Name: string(text[i:j]), Type: types[n%3],
			Mentions: []schema.Mention{{Start: i, End: j, Text: string(text[i:j])}}})
		i = j
	}
	return ents
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"", "\"", "“”", "\"\"\"", "A said \"x\n\n\"y\n\n\"z", "\"a,\" B said, \"c.\" \"d\" e.",
		"According to Ann, \"x\". He said \"y", "the word \"z\" 5\" 'q' ”stray“", "\"x\", said", "he said",
		"Ann told Bo \"[w]e'll go,\" it continued; “Q",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := []rune(s)
		paras := segment.Paragraphs(text)
		sents := segment.Sentences(text, paras)
		ents := capitalEntities(text)
		ids := map[string]bool{}
		for _, e := range ents {
			ids[e.ID] = true
		}
		prev := -1
		for i, q := range Find(text, paras, sents, ents) {
			checkQuote(t, text, i, q)
			if q.Start < prev {
				t.Fatalf("quote %s overlaps or is out of order", q.ID)
			}
			prev = q.End
			if q.Speaker != nil && !ids[*q.Speaker] {
				t.Fatalf("quote %s speaker %q is no entity", q.ID, *q.Speaker)
			}
			if q.Cue != nil && *q.Cue == "" {
				t.Fatalf("quote %s empty cue", q.ID)
			}
		}
	})
}
