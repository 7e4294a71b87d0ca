package entities

import (
	"sort"
	"strings"
)

// wordList is a set of words read from a sorted knowledge file, kept as
// the file's text with the offset of each line: loading it costs one pass
// over the bytes rather than a map entry per word, which matters for the
// lists of hundreds of thousands of names that are consulted only for
// the few words written like names.
type wordList struct {
	text string
	offs []uint32 // start of each word in text; words end at '\n'
}

// newWordList reads a file of one word per line in byte order (as
// internal/gen writes them), skipping # comments and blank lines.
func newWordList(text string) wordList {
	l := wordList{text: text, offs: make([]uint32, 0, strings.Count(text, "\n"))}
	for i := 0; i < len(text); {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			j = len(text) - i
		}
		if j > 0 && text[i] != '#' {
			l.offs = append(l.offs, uint32(i))
		}
		i += j + 1
	}
	return l
}

func (l *wordList) word(k int) string {
	s := l.text[l.offs[k]:]
	if j := strings.IndexByte(s, '\n'); j >= 0 {
		s = s[:j]
	}
	return strings.TrimRight(s, "\r")
}

// has reports whether w is in the list.
func (l *wordList) has(w string) bool {
	k := sort.Search(len(l.offs), func(k int) bool { return l.word(k) >= w })
	return k < len(l.offs) && l.word(k) == w
}

// sorted reports whether the words are in byte order, as has needs.
func (l *wordList) sorted() bool {
	for k := 1; k < len(l.offs); k++ {
		if l.word(k-1) > l.word(k) {
			return false
		}
	}
	return true
}
