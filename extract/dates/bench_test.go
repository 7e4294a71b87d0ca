package dates

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/docset/docset/internal/corpus"
)

// bulkDoc is one record of the bulk corpus.
type bulkDoc struct {
	Text string `json:"text"`
	Date string `json:"date"`
}

// loadBulk reads the bulk Wikinews corpus, or skips when it is absent.
func loadBulk(b *testing.B) (texts [][]rune, pubs []*time.Time, size int) {
	fh, err := os.Open(corpus.Path(b, corpus.BulkFile))
	if err != nil {
		b.Fatal(err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var d bulkDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			b.Fatal(err)
		}
		var pub *time.Time
		if t, err := time.Parse("2006-01-02", d.Date); err == nil {
			pub = &t
		}
		texts = append(texts, []rune(d.Text))
		pubs = append(pubs, pub)
		size += len(d.Text)
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	return texts, pubs, size
}

func BenchmarkFind(b *testing.B) {
	texts, pubs, size := loadBulk(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for k, text := range texts {
			Find(text, pubs[k])
		}
	}
}
