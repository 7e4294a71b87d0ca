package input_test

import (
	"os"
	"testing"

	"github.com/docset/docset/extract/input"
	"github.com/docset/docset/internal/corpus"
)

// BenchmarkReadJSONLines reads the bulk corpus: reading must cost little
// next to extraction.
func BenchmarkReadJSONLines(b *testing.B) {
	path := corpus.Path(b, corpus.BulkFile)
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range input.Read([]string{path}, nil) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n == 0 {
			b.Fatal("no documents")
		}
	}
}
