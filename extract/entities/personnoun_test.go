package entities

import "testing"

func TestPersonNoun(t *testing.T) {
	for _, tt := range []struct {
		word string
		want bool
	}{
		{"mother", true},       // a person noun
		{"investigator", true}, // a person noun
		{"head", true},         // a title ("Head of ...")
		{"minister", true},     // a title
		{"frequency", false},   // a thing
		{"study", false},       // a thing
		{"Mother", false},      // asked in lower case only
	} {
		if got := PersonNoun(tt.word); got != tt.want {
			t.Errorf("PersonNoun(%q) = %t, want %t", tt.word, got, tt.want)
		}
	}
}
