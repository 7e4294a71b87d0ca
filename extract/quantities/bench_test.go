package quantities

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/docset/docset/extract/dates"
	"github.com/docset/docset/internal/corpus"
	"github.com/docset/docset/schema"
)

// BenchmarkFind times quantities over the bulk corpus, dates found
// beforehand as the pipeline does.
func BenchmarkFind(b *testing.B) {
	fh, err := os.Open(corpus.Path(b, corpus.BulkFile))
	if err != nil {
		b.Fatal(err)
	}
	defer fh.Close()
	var texts [][]rune
	var found [][]schema.Date
	size := 0
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var d struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			b.Fatal(err)
		}
		r := []rune(d.Text)
		texts = append(texts, r)
		found = append(found, dates.Find(r, nil))
		size += len(d.Text)
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for k, text := range texts {
			Find(text, found[k])
		}
	}
}
