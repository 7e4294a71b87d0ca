package quotes

import (
	"strings"
	"testing"

	"github.com/docset/docset/extract/segment"
)

// BenchmarkFind times Find alone over a made-up article of about 100 KB.
func BenchmarkFind(b *testing.B) {
	text := []rune(strings.Repeat(`Nora Lind opened the bridge on Monday. "It took us four years," she said. "We are proud."

According to Omar Haddad, the flood was "the worst in a century" for the valley. Haddad called it "shameful" and left.

"Prices are up," Lind wrote, "and they will stay up." A spokeswoman for Brightwater Mining said: "The mine stays closed."
`, 250))
	paras := segment.Paragraphs(text)
	sents := segment.Sentences(text, paras)
	ents := entitiesOf(text, []ent{nora, omar, acme})
	b.SetBytes(int64(len(string(text))))
	b.ResetTimer()
	for b.Loop() {
		Find(text, paras, sents, ents)
	}
}
