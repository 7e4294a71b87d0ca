package entities

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLongNamesAndSources pins long organization names, nations and
// tribes, outlets typed by the frames that cite them, works in quotation
// marks, acronyms of things and the answers of interview transcripts,
// with the sentences the extractor gives. The names are made up unless a
// rule needs a known one.
func TestLongNamesAndSources(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{
			name: "a storm's name alone is the storm, also where its name opens a sentence",
			text: "Tropical Storm Velmaro formed on Friday. Velmaro is expected to strengthen. Hurricane Orvane hit the coast, and Orvane weakened.",
			want: []string{"event:Tropical Storm Velmaro=Tropical Storm Velmaro|Velmaro", "event:Hurricane Orvane=Hurricane Orvane|Orvane"},
		},
		{
			name: "an everyday word opening a sentence opens the name it opens elsewhere",
			text: "Software maker Blue Kettle said so. Blue Kettle announced plans. Palm Tree Bay was warned, and people left Palm Tree Bay.",
			want: []string{"organization:Blue Kettle=Blue Kettle|Blue Kettle", "place:Palm Tree Bay=Palm Tree Bay|Palm Tree Bay"},
		},
		{
			name: "a given name before an everyday word yields to the words around",
			text: "Software company Red Hat said so, and Bill Gates spoke.",
			want: []string{"organization:Red Hat=Red Hat", "person:Bill Gates=Bill Gates"},
		},
		{
			name: "a name whose left side has no head goes on over and",
			text: "Customers of Vellmar Gas and Electric Company (VG&E) lost power. Later VG&E apologised.",
			want: []string{"organization:Vellmar Gas and Electric Company=Vellmar Gas and Electric Company|VG&E|VG&E"},
		},
		{
			name: "a country's abbreviation with a dot opens an agency's name",
			text: "He wrote to the U.S. Securities and Exchange Commission and the U.S. Environmental Protection Agency.",
			want: []string{
				"organization:U.S. Securities and Exchange Commission=U.S. Securities and Exchange Commission",
				"organization:U.S. Environmental Protection Agency=U.S. Environmental Protection Agency",
			},
		},
		{
			name: "the country an organization is of stays in its name",
			text: "The Recording Guild of Ruritania certified the album.",
			want: []string{"organization:Recording Guild of Ruritania=Recording Guild of Ruritania"},
		},
		{
			name: "nations and tribes are organizations, also joined by and",
			text: "The plaintiffs were the Kessa Nation, the Orvan and Tell Tribes of Fort Dunmore and the Brell Tribe.",
			want: []string{
				"organization:Kessa Nation=Kessa Nation",
				"organization:Orvan and Tell Tribes of Fort Dunmore=Orvan and Tell Tribes of Fort Dunmore",
				"organization:Brell Tribe=Brell Tribe",
			},
		},
		{
			name: "a source told, cited or reporting is an outlet",
			text: "The minister told Gazeta Vorlenska on Monday. According to Morvik Dagblad, sales fell. Telvo Ruskat reported that prices rose.",
			want: []string{
				"organization:Gazeta Vorlenska=Gazeta Vorlenska", "organization:Morvik Dagblad=Morvik Dagblad",
				"organization:Telvo Ruskat=Telvo Ruskat",
			},
		},
		{
			name: "what a place owns is the source, not the place",
			text: "According to Windsor Locks' first selectman, ten people died.",
			want: []string{"place:Windsor Locks=Windsor Locks"},
		},
		{
			name: "a name filling a quotation is the title of a work",
			text: "He wrote songs such as \"Dark Meridian\" and \"Uncle Tobin's Wagon\" in 1970.",
			want: []string{"other:Dark Meridian=Dark Meridian", "other:Uncle Tobin's Wagon=Uncle Tobin's Wagon"},
		},
		{
			name: "acronyms of things are no organizations",
			text: "Tests for HIV and DNA used GPS data, said the WHO.",
			want: []string{"other:HIV=HIV", "other:DNA=DNA", "other:GPS=GPS", "organization:WHO=WHO"},
		},
		{
			name: "the first word of an answer in a transcript is no name",
			text: "((WN)) How did it start?\n((Ana Varga)) Even so, Will and I went on.",
			want: []string{"organization:WN=WN", "person:Ana Varga=Ana Varga", "person:Will=Will"},
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
