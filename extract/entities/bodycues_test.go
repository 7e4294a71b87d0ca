package entities

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestBodyCues pins the words that make a name with no head word a
// company or another body, and the ones that do not because people do
// them too. The names are made up.
func TestBodyCues(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{
			name: "what a company has, before the name or after its possessive",
			text: "Shares in Ardvale fell. The chief executive of Tallmoor Kessen spoke. Brisko's CEO spoke. Velmara's chief executive left.",
			want: []string{
				"organization:Ardvale=Ardvale", "organization:Tallmoor Kessen=Tallmoor Kessen",
				"organization:Brisko=Brisko", "organization:Velmara=Velmara",
			},
		},
		{
			name: "a spokesperson for a name with no person in it",
			text: "A spokesperson for Dunmere Coachways said the buses were safe.",
			want: []string{"organization:Dunmere Coachways=Dunmere Coachways"},
		},
		{
			name: "verbs said only of bodies",
			text: "Harcastle laid off 300 workers. Velmora recalled 40,000 cars. Frelling Vask was founded in 1921. Oskerby filed for bankruptcy.",
			want: []string{
				"organization:Harcastle=Harcastle", "organization:Velmora=Velmora",
				"organization:Frelling Vask=Frelling Vask", "organization:Oskerby=Oskerby",
			},
		},
		{
			name: "the company takes up the subject of the sentence before",
			text: "Quillby hosted a panel about its Moon Raiders toys. The company's new helmet sold well.",
			want: []string{"organization:Quillby=Quillby", "other:Moon Raiders=Moon Raiders"},
		},
		{
			name: "not across a sentence about another name or a person",
			text: "Quillby hosted a panel. In her talk, Marta Solvik praised the company. Tarnow Vell opened a shop. He said the firm was doing well.",
			want: []string{"other:Quillby=Quillby", "person:Marta Solvik=Marta Solvik", "person:Tarnow Vell=Tarnow Vell"},
		},
		{
			name: "people announce, recall and sell too; he or she next keeps a deed from making a body",
			text: "Dravik announced a tour. Ostvall recalled the day. Pellner sold the house. Brevik laid off ten cooks. He said so.",
			want: []string{"other:Dravik=Dravik", "other:Ostvall=Ostvall", "other:Pellner=Pellner", "other:Brevik=Brevik"},
		},
		{
			name: "a person named in full keeps the short form that laid off",
			text: "Owner Dravik Ostvall spoke. Ostvall laid off ten workers.",
			want: []string{"person:Dravik Ostvall[Owner]=Dravik Ostvall|Ostvall"},
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
