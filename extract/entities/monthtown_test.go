package entities

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMonthsAndTowns pins month words that are surnames after a given
// name, and a town that opens an organization's name named alone after a
// preposition of place only. Names are made up unless a rule needs a
// known one.
func TestMonthsAndTowns(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{
			name: "a month after a given name is a surname",
			text: "Prime Minister Hedda May spoke on Friday. Clara June said so in May 2019.",
			want: []string{"person:Hedda May[Prime Minister]=Hedda May", "person:Clara June=Clara June"},
		},
		{
			name: "a month after a given name before a number is a date",
			text: "The vote on Friday May 3 was close.",
			want: nil,
		},
		{
			name: "a town opening an organization's name is the town after in",
			text: "The Mysore Railway Division ran the train. Workers in Mysore struck.",
			want: []string{"organization:Mysore Railway Division=Mysore Railway Division", "place:Mysore=Mysore"},
		},
		{
			name: "after at or to, the short form of the organization",
			text: "The Kelbrook Institute hired her. She worked at Kelbrook for years.",
			want: []string{"organization:Kelbrook Institute=Kelbrook Institute", "organization:Kelbrook=Kelbrook"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, findSegmented(t, tc.text)); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}
