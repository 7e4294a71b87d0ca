package entities

import (
	"sort"
	"testing"
	"unicode/utf8"

	"github.com/docset/docset/extract/segment"
	"github.com/docset/docset/schema"
)

// checkEntities fails t unless every entity is well formed: ids in order,
// a known type, mentions sorted, in range, slicing to their text, and no
// two mentions overlapping.
func checkEntities(t *testing.T, text []rune, ents []schema.Entity) {
	t.Helper()
	var spans [][2]int
	for i, e := range ents {
		if want := "e" + itoa(i+1); e.ID != want {
			t.Fatalf("entity %d id %q, want %q", i, e.ID, want)
		}
		switch e.Type {
		case schema.TypePerson, schema.TypeOrganization, schema.TypePlace, schema.TypeEvent, schema.TypeOther:
		default:
			t.Fatalf("%s: type %q", e.ID, e.Type)
		}
		if e.Name == "" || len(e.Mentions) == 0 {
			t.Fatalf("%s: empty name or no mentions: %+v", e.ID, e)
		}
		for j, m := range e.Mentions {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
				t.Fatalf("%s: bad span %d-%d (text %d)", e.ID, m.Start, m.End, len(text))
			}
			if got := string(text[m.Start:m.End]); got != m.Text {
				t.Fatalf("%s: span %d-%d is %q, mention says %q", e.ID, m.Start, m.End, got, m.Text)
			}
			if j > 0 && e.Mentions[j-1].Start >= m.Start {
				t.Fatalf("%s: mentions not sorted", e.ID)
			}
			spans = append(spans, [2]int{m.Start, m.End})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	for i := 1; i < len(spans); i++ {
		if spans[i][0] < spans[i-1][1] {
			t.Fatalf("overlapping mentions %v and %v", spans[i-1], spans[i])
		}
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"",
		"Defense Minister Jane Doe met U.S. President John R. Smith in Paris.",
		"Mr. Smith's visit to the University of Sheffield (UoS) began Monday.",
		"\"Why?\" asked al-Assad.\n\nThe Ministry of Health and Social Care said.",
		"A.B.C.D. 'Rourke O'Neil T'Challa -- ’s ‘ “ ” … U.S.-built X-",
		"Sweden defeated Chile 2 – 1; against Chile, Sweden's coach said.",
	} {
		f.Add(s)
	}
	r, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		text := []rune(s)
		checkEntities(t, text, r.Find(text, nil))
		sents := segment.Sentences(text, segment.Paragraphs(text))
		checkEntities(t, text, r.Find(text, sents))
		// Sentences that do not fit the text must not break it either.
		bad := []schema.Sentence{{Start: len(text) + 5, End: -1}, {Start: -3, End: 2}}
		checkEntities(t, text, r.Find(text, bad))
	})
}
