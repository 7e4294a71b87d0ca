package quotes

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/docset/docset/extract/segment"
	"github.com/docset/docset/internal/corpus"
	"github.com/docset/docset/internal/cputime"
	"github.com/docset/docset/schema"
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

// BenchmarkFindBulk times Find over real Wikinews articles (segmentation and
// entities prepared outside the timer; every capitalised word stands in for
// a mention, denser than a recognizer's output).
func BenchmarkFindBulk(b *testing.B) {
	texts := bulkTexts(b, 300)
	type prepared struct {
		text  []rune
		paras []schema.Paragraph
		sents []schema.Sentence
		ents  []schema.Entity
	}
	var in []prepared
	size := 0
	for _, t := range texts {
		text := []rune(t)
		paras := segment.Paragraphs(text)
		sents := segment.Sentences(text, paras)
		in = append(in, prepared{text, paras, sents, capitalEntities(text)})
		size += len(t)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	start := cputime.Used()
	for b.Loop() {
		for _, p := range in {
			Find(p.text, p.paras, p.sents, p.ents)
		}
	}
	// Per core, whatever else the machine runs.
	if used := cputime.Used() - start; used > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/used.Seconds()/1e6, "MB/cpu-s")
	}
}

// bulkTexts reads the first n article texts of the bulk corpus, skipping
// when it is absent.
func bulkTexts(b *testing.B, n int) []string {
	f, err := os.Open(corpus.Path(b, corpus.BulkFile))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var texts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() && len(texts) < n {
		var doc struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			b.Fatal(err)
		}
		texts = append(texts, doc.Text)
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	return texts
}

// BenchmarkFindAdversarial times inputs built to defeat the context limits:
// one endless sentence of short quotations, marks glued to words, bare marks
// and unclosed quotations. Its bytes per second should stay near the
// others': work is linear in the text.
func BenchmarkFindAdversarial(b *testing.B) {
	for _, c := range []struct{ name, unit string }{
		{"short-quotes-one-sentence", `Ann said "a b" and `},
		{"glued-marks", `x" `},
		{"bare-marks", `"`},
		{"unclosed", `Ann said, "go`},
		{"participles", `, adding and said, noting "a b c d e"`},
		{"pronouns", `Ann met Bob, and she said "a b c" while he told Cy `},
		{"pronouns-sentences", `Ann met Bob. The statement read "a b c". He said "d e f". `},
		{"statements-one-sentence", `the statement read "a b c" and `},
	} {
		b.Run(c.name, func(b *testing.B) {
			text := []rune(strings.Repeat(c.unit, 100_000/len(c.unit)))
			paras := segment.Paragraphs(text)
			sents := segment.Sentences(text, paras)
			ents := capitalEntities(text)
			b.SetBytes(int64(len(string(text))))
			b.ResetTimer()
			for b.Loop() {
				Find(text, paras, sents, ents)
			}
		})
	}
}
