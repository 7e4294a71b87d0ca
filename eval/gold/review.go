package gold

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"

	"github.com/docset/docset/eval"
)

// dateWord matches the words a date expression is usually built on.
var dateWord = regexp.MustCompile(`(?i)\b(?:january|february|march|april|may|june|july|august|september|october|november|december|` +
	`jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|` +
	`yesterday|today|tomorrow|tonight|week|weekend|month|year|decade|century|morning|evening|afternoon|night|` +
	`(?:1[89]|20)\d\d(?:s)?)\b`)

// WriteReview prints what a second reading of an article checks: each
// annotation with its offset, then the capitalised words outside every
// mention and the date-like words outside every date, so that a name or a
// date the spec missed shows up as a line to judge (each list only when its
// layer is annotated).
func WriteReview(w io.Writer, f *File, text string) error {
	var b strings.Builder
	for _, m := range f.Mentions {
		fmt.Fprintf(&b, "  M %5d %-12s %-40s -> %s\n", m.Start, m.Type, m.Text, m.Entity)
	}
	for _, q := range f.Quotes {
		fmt.Fprintf(&b, "  Q %5d %-26s cue=%-14s partial=%-5t %s\n", q.Start, deref(q.Speaker), deref(q.Cue), q.Partial, firstRunes(q.Text, 50))
	}
	for _, q := range f.NotQuotes {
		fmt.Fprintf(&b, "  N %5d (%s) %s\n", q.Start, q.Why, firstRunes(q.Text, 50))
	}
	for _, d := range f.Dates {
		fmt.Fprintf(&b, "  D %5d %-34s %s\n", d.Start, d.Text, deref(d.Value))
	}
	runes := []rune(text)
	inMention := covered(len(runes), func(add func(s, e int)) {
		for _, m := range f.Mentions {
			add(m.Start, m.End)
		}
	})
	inDate := covered(len(runes), func(add func(s, e int)) {
		for _, d := range f.Dates {
			add(d.Start, d.End)
		}
	})
	var caps []string
	for i := 0; i < len(runes); {
		if !isWord(runes[i]) {
			i++
			continue
		}
		j := i
		for j < len(runes) && (isWord(runes[j]) || runes[j] == '\'' || runes[j] == '-' || runes[j] == '.' && j+1 < len(runes) && isWord(runes[j+1])) {
			j++
		}
		if unicode.IsUpper(runes[i]) && !inMention[i] && !inDate[i] {
			caps = append(caps, fmt.Sprintf("%s@%d", string(runes[i:j]), i))
		}
		i = j
	}
	if eval.Annotates(f.Layers, eval.LayerMentions) {
		fmt.Fprintf(&b, "  capitalised words outside mentions and dates (%d): %s\n", len(caps), strings.Join(caps, " "))
	}
	var dates []string
	for _, loc := range dateWord.FindAllStringIndex(text, -1) {
		s := len([]rune(text[:loc[0]]))
		if !inDate[s] {
			dates = append(dates, fmt.Sprintf("%s@%d", text[loc[0]:loc[1]], s))
		}
	}
	if eval.Annotates(f.Layers, eval.LayerDates) {
		fmt.Fprintf(&b, "  date-like words outside dates (%d): %s\n", len(dates), strings.Join(dates, " "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func covered(n int, each func(add func(s, e int))) []bool {
	c := make([]bool, n)
	each(func(s, e int) {
		for i := s; i < e && i < n; i++ {
			c[i] = true
		}
	})
	return c
}

func deref(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}
