package entities

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPlaceLedBodies pins names that open with a known place and name a
// body after it: newspapers by their closing word, teams and groups of
// people by a plural. The places are real, since the rule needs a known
// one; the names after them are made up.
func TestPlaceLedBodies(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{
			name: "a place and a newspaper's word name the newspaper",
			text: "The Geelong Sentinel and the Tulsa Argus printed the letter. It ran in the Leeds Star too.",
			want: []string{
				"organization:Geelong Sentinel=Geelong Sentinel", "organization:Tulsa Argus=Tulsa Argus",
				"organization:Leeds Star=Leeds Star",
			},
		},
		{
			name: "a place and the plural of an everyday noun name a team or group",
			text: "The Halifax Otters beat the Perth Kestrels on Sunday. The Toledo Iron Foxes lost. Ohio Builders met.",
			want: []string{
				"organization:Halifax Otters=Halifax Otters", "organization:Perth Kestrels=Perth Kestrels",
				"organization:Toledo Iron Foxes=Toledo Iron Foxes", "organization:Ohio Builders=Ohio Builders",
			},
		},
		{
			name: "plurals that name things make no body",
			text: "The Bergen Papers were leaked.",
			want: []string{"other:Bergen Papers=Bergen Papers"},
		},
		{
			name: "a town the gazetteers lack is a place where a mention is in it",
			text: "The storm hit Dover Quarries on Monday. Residents of Dover Quarries left, and in Dover Quarries the roads closed.",
			want: []string{"place:Dover Quarries=Dover Quarries|Dover Quarries|Dover Quarries"},
		},
		{
			name: "a town before a comma and a state is no team",
			text: "The plane landed near Dover Quarries, Delaware.",
			want: []string{"place:Dover Quarries=Dover Quarries", "place:Delaware=Delaware"},
		},
		{
			name: "a given name that is also a place opens a person's name",
			text: "Sydney Parsons and Georgia Hollands spoke.",
			want: []string{"person:Sydney Parsons=Sydney Parsons", "person:Georgia Hollands=Georgia Hollands"},
		},
		{
			name: "the same words after the article name a team",
			text: "The Sydney Parsons won the cup.",
			want: []string{"organization:Sydney Parsons=Sydney Parsons"},
		},
		{
			name: "a given name after a place opens a person's name, unless a head word follows",
			text: "The Senator from Vermont Martin Sanders spoke at the Adelaide Grace Lake Bridge.",
			want: []string{
				"place:Vermont=Vermont", "person:Martin Sanders=Martin Sanders",
				"place:Adelaide Grace Lake Bridge=Adelaide Grace Lake Bridge",
			},
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

// TestDoctrinesAreNoPlaces pins beliefs, movements and attitudes after a
// preposition of place: they stay other, while an unknown name there is
// a place.
func TestDoctrinesAreNoPlaces(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{
			name: "a word ending in -ism, -phobia or -ity after to or in",
			text: "He converted to Brennism in 2001 and later wrote of Velkophobia in Tarnity.",
			want: []string{"other:Brennism=Brennism", "other:Velkophobia=Velkophobia", "other:Tarnity=Tarnity"},
		},
		{
			name: "other unknown names after in are places",
			text: "She grew up in Dunwick.",
			want: []string{"place:Dunwick=Dunwick"},
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

// TestInstitutionDistricts pins districts named for the institution that
// runs them: bodies, where other districts are regions.
func TestInstitutionDistricts(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{
			name: "a school or hospital district is a body",
			text: "The Dunmore Unified School District closed, and the Ellsby Hospital District paid.",
			want: []string{
				"organization:Dunmore Unified School District=Dunmore Unified School District",
				"organization:Ellsby Hospital District=Ellsby Hospital District",
			},
		},
		{
			name: "other districts are regions",
			text: "Floods hit the Tarnby Lakes District and Orvell District.",
			want: []string{"place:Tarnby Lakes District=Tarnby Lakes District", "place:Orvell District=Orvell District"},
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
