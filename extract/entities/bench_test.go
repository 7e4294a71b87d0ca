package entities

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkFind reports MB/s of entity recognition over the bulk Wikinews
// corpus (one core).
func BenchmarkFind(b *testing.B) {
	shared := sharedDir(b)
	if shared == "" {
		b.Skip("../shared is absent: the bulk corpus is needed")
	}
	path := filepath.Join(shared, "corpus", "bulk-wikinews", "wikinews-2019-2020.ndjson")
	f, err := os.Open(path)
	if err != nil {
		b.Skipf("bulk corpus absent: %v", err)
	}
	defer f.Close()
	var texts [][]rune
	size := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var doc struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			b.Fatalf("%s: %v", path, err)
		}
		texts = append(texts, []rune(doc.Text))
		size += len(doc.Text)
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	r, err := New()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			r.Find(t, nil)
		}
	}
}

func BenchmarkNew(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}
