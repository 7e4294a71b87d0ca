package review

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/docset/docset/schema"
)

// summarize says what a merge changed, in one line.
func summarize(changes []schema.Change) string {
	parts := make([]string, 0, len(changes))
	for _, c := range changes {
		var b strings.Builder
		if c.Key != "" {
			b.WriteString(c.Table + " " + c.Key + " ")
		}
		switch c.Op {
		case schema.Added:
			b.WriteString("added")
		case schema.Removed:
			b.WriteString("removed")
		default:
			fmt.Fprintf(&b, "%s %s -> %s", c.Column, shortCell(c.Old), shortCell(c.New))
		}
		parts = append(parts, b.String())
	}
	return strings.Join(parts, "; ")
}

// shortCell shows a cell in a summary: empty as (empty), text quoted when
// it has spaces, long text cut.
func shortCell(v any) string {
	if v == nil {
		return "(empty)"
	}
	s := fmt.Sprint(v)
	if s == "" {
		return "(empty)"
	}
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:39]) + "…"
	}
	if strings.ContainsAny(s, " \t\n;\"") {
		return fmt.Sprintf("%q", s)
	}
	return s
}
