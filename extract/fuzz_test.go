package extract_test

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/docset/docset/extract/input"
)

// FuzzExtract runs the whole extraction on arbitrary text: it must never
// fail or panic on UTF-8 input (what the reader passes on), every span must
// slice the text to its own text, and the record must validate (Extract
// checks that itself and returns an error otherwise).
func FuzzExtract(f *testing.F) {
	seed, err := os.ReadFile(repoPath("seeds/000_5b4285e19d35a4a5.txt"))
	if err == nil {
		f.Add(string(seed))
	}
	for _, s := range []string{
		"Friday, January 4, 2019\n\nMr. Smith said \"We are here.\" on Monday.",
		"\ufeffA\r\nB\rC “quoted” [sic] 30 warplanes, 5.5 km.",
		"\"", "“”", "U.S. Sen. J. R. R. Tolkien's \"cat\"'", "\n\n\n", "a\u0301\u200d😀 Paris",
	} {
		f.Add(s)
	}
	x := newExtractor(f)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || strings.TrimSpace(text) == "" {
			t.Skip("the reader rejects this input")
		}
		r, err := x.Extract(&input.Document{Path: "f.txt", Raw: []byte(text), Body: text})
		if err != nil {
			t.Fatalf("extract %q: %v", text, err)
		}
		checkSpans(t, r)
	})
}
