package segment

import (
	"strings"
	"testing"
)

// benchText is a made-up news-like text repeated to about 100 KB.
var benchText = []rune(strings.Repeat(`Harbour Works Resume

Tuesday, March 3, 2020

Mr. Ortiz, the U.S. envoy, said on Monday that talks with Dr. Lina K. Berg would resume. "We are close. Very close," he said. Prices rose 3.5 percent... The council met.
The mayor told reporters "nothing is decided" and left.
`, 400))

func BenchmarkParagraphs(b *testing.B) {
	b.SetBytes(int64(len(string(benchText))))
	for b.Loop() {
		Paragraphs(benchText)
	}
}

func BenchmarkSentences(b *testing.B) {
	paras := Paragraphs(benchText)
	b.SetBytes(int64(len(string(benchText))))
	for b.Loop() {
		Sentences(benchText, paras)
	}
}
