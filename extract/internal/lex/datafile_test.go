package lex

import (
	"slices"
	"testing"
)

func TestDataLines(t *testing.T) {
	got := DataLines("# a comment\nsaid\tverb\r\n\n   \nMr.\n#x\n")
	want := []string{"said\tverb", "Mr."}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
