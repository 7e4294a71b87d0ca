package lex

import "testing"

func TestTextSpan(t *testing.T) {
	for _, s := range []string{"", "abc", "Gdańsk – “quoted” 東京 😀.", "bad \xff byte"} {
		rs := []rune(s)
		for _, str := range []string{"", string(rs)} {
			txt := NewText(rs, str)
			for i := 0; i <= len(rs); i++ {
				for j := i; j <= len(rs); j++ {
					if got, want := txt.Span(i, j), string(rs[i:j]); got != want {
						t.Fatalf("NewText(%q).Span(%d, %d) = %q, want %q", s, i, j, got, want)
					}
				}
			}
		}
	}
	// Code points that UTF-8 cannot hold encode as U+FFFD.
	rs := []rune{'a', 0xD800, 'b', -1, 0x110000}
	txt := NewText(rs, "")
	if got, want := txt.Span(1, 5), string(rs[1:5]); got != want {
		t.Fatalf("Span of invalid code points = %q, want %q", got, want)
	}
}
