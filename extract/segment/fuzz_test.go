package segment

import (
	"testing"
)

func FuzzSegment(f *testing.F) {
	for _, s := range []string{
		"", "\n\n", "Mr. A. B. Smith said \"Hi.\" Then... \n\nHeading Here\nText.",
		"“Open. ” ” .“x", "[...] ...[. ]", "U.S.\r\n\r\nA.", "a\u2009\"", ".\"'", "x.\n.y",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := []rune(s)
		paras := Paragraphs(text)
		checkStructure(t, text, paras, Sentences(text, paras))
	})
}
