package entities

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/docset/docset/extract/segment"
)

// findSegmented runs the recognizer with the sentences of the segment
// package, as the extractor does.
func findSegmented(t *testing.T, s string) []string {
	t.Helper()
	text := []rune(s)
	got := recognizer(t).Find(text, segment.Sentences(text, segment.Paragraphs(text)))
	checkEntities(t, text, got)
	return brief(got)
}

// TestPersonEvidence pins the policy that a name of capitalised words is
// a person only where something says so: a given name or surname the
// name lists know, a title or role, or the words around one of its
// mentions. The names here are made up, so that the lists know none of
// them unless the test says so.
func TestPersonEvidence(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{
			name: "a name with no evidence is no person",
			text: "The chain sold its stores to Varkel Dombrosz in March.",
			want: []string{"other:Varkel Dombrosz=Varkel Dombrosz"},
		},
		{
			name: "known given names and surnames make a person",
			text: "Barack Obama met Qasem Soleimani in 2009.",
			want: []string{"person:Barack Obama=Barack Obama", "person:Qasem Soleimani=Qasem Soleimani"},
		},
		{
			name: "a noun for a person before the name",
			text: "Police named photojournalist Tovrik Alazsen as the victim.",
			want: []string{"person:Tovrik Alazsen=Tovrik Alazsen"},
		},
		{
			name: "an age before or after the name",
			text: "The 40-year-old Tovrik Alazsen met Quenna Duvralt (54) on Monday.",
			want: []string{"person:Tovrik Alazsen=Tovrik Alazsen", "person:Quenna Duvralt=Quenna Duvralt"},
		},
		{
			name: "an apposition with a noun for a person, before or after",
			text: "The boy's aunt, Quenna Duvralt, attended with Tovrik Alazsen, one of the minister's aides.",
			want: []string{"person:Quenna Duvralt=Quenna Duvralt", "person:Tovrik Alazsen=Tovrik Alazsen"},
		},
		{
			name: "a kinship noun after the name",
			text: "Quenna Duvralt, fiancée of the writer, spoke.",
			want: []string{"person:Quenna Duvralt=Quenna Duvralt"},
		},
		{
			name: "a verb said only of people",
			text: "Tovrik Alazsen was born in Oslo. Quenna Duvralt died on Friday.",
			want: []string{"person:Tovrik Alazsen=Tovrik Alazsen", "place:Oslo=Oslo", "person:Quenna Duvralt=Quenna Duvralt"},
		},
		{
			name: "he or she opening the next sentence takes up the first name",
			text: "Tovrik Alazsen reached the summit at noon. He had climbed for ten hours.",
			want: []string{"person:Tovrik Alazsen=Tovrik Alazsen"},
		},
		{
			name: "an image credit, a victim identified, the wife of a name",
			text: "The driver was identified as Tovrik Alazsen. The wife of Quenna Duvralt spoke.\n\nImage: Marek Vosslar.",
			want: []string{"person:Tovrik Alazsen=Tovrik Alazsen", "person:Quenna Duvralt=Quenna Duvralt", "person:Marek Vosslar=Marek Vosslar"},
		},
		{
			name: "a title on one mention makes the short forms the person",
			text: "Crowds cheered Dravik Solunen. Later President Solunen spoke, and Solunen left.",
			want: []string{"person:Dravik Solunen[President]=Dravik Solunen|Solunen|Solunen"},
		},
		{
			name: "a person known by name lists makes the guesses listed beside it persons",
			text: "The prizes went to Tovrik Alazsen, Barack Obama and Quenna Duvralt.",
			want: []string{"person:Tovrik Alazsen=Tovrik Alazsen", "person:Barack Obama=Barack Obama", "person:Quenna Duvralt=Quenna Duvralt"},
		},
		{
			name: "a word of the list that is no name stays none",
			text: "Fans wrote: Rest in Power, Chadwick!",
			want: []string{"person:Chadwick=Chadwick"},
		},
		{
			name: "a town whose name a person bears follows the person where cues say so",
			text: "Valeska Paris spoke to reporters. Paris was born in Switzerland.",
			want: []string{"person:Valeska Paris=Valeska Paris|Paris", "place:Switzerland=Switzerland"},
		},
		{
			name: "a lone name no list knows is a person where the words around say so",
			text: "The boy's cousin, Tovrikan, spoke. Fashion designer Quennalt attended. Brevask laid off ten cooks.",
			want: []string{"person:Tovrikan=Tovrikan", "person:Quennalt=Quennalt", "organization:Brevask=Brevask"},
		},
		{
			name: "a surname two people named in full share is a person's",
			text: "Marta Oskvall and Mirta Oskvall ran the gallery. According to Oskvall, sales rose.",
			want: []string{"person:Marta Oskvall=Marta Oskvall", "person:Mirta Oskvall=Mirta Oskvall", "person:Oskvall=Oskvall"},
		},
		{
			name: "what is said of players makes a person in a report of sport",
			text: "In the second half of the match, Dravo Kessik was booked for a foul, and Tarnik Vellmo scored a header.",
			want: []string{"person:Dravo Kessik=Dravo Kessik", "person:Tarnik Vellmo=Tarnik Vellmo"},
		},
		{
			name: "a name a score makes a team stays one where it scored a goal",
			text: "Tarnwick 3 – 1 Ellsby. Tarnwick scored a goal in the first minute of the match.",
			want: []string{"organization:Tarnwick=Tarnwick|Tarnwick", "organization:Ellsby=Ellsby"},
		},
		{
			name: "a full name untyped in a list is the person it names later",
			text: "The team started with Yannick Carrasco and Dries Vandermolen up front. In the second half, Dries Vandermolen scored a goal from a volley in the match.",
			want: []string{"person:Yannick Carrasco=Yannick Carrasco", "person:Dries Vandermolen=Dries Vandermolen|Dries Vandermolen"},
		},
		{
			name: "a known name word beside an everyday word is a person where a cue says so",
			text: "News reached Taro Kono on Monday. The entrepreneur Elon Musk spoke.",
			want: []string{"other:Taro Kono=Taro Kono", "person:Elon Musk=Elon Musk"},
		},
		{
			name: "the label of a turn in an interview is the one speaking",
			text: "Wikinews spoke with Quennalt.\n\n((Quennalt))  Thank you.\n\n((WN))  Why now?",
			want: []string{"organization:Wikinews=Wikinews", "person:Quennalt=Quennalt|Quennalt", "organization:WN=WN"},
		},
		{
			name: "a given name that is also a creed is a name before a surname",
			text: "We spoke with Christian Vollmark and the Belarusian KGB.",
			want: []string{"person:Christian Vollmark=Christian Vollmark", "organization:KGB=KGB"},
		},
		{
			name: "a noun of a kind or a person opening the sentence types the name",
			text: "Carmaker Volvo said so. Retailer Harrowfield closed. Novelist Quenna Duvralt wrote it.",
			want: []string{"organization:Volvo=Volvo", "organization:Harrowfield=Harrowfield", "person:Quenna Duvralt=Quenna Duvralt"},
		},
		{
			name: "a kind noun that names people too yields to a person's name",
			text: "Finnish game developer Perttu Ahola spoke. Property developer Evergrande failed.",
			want: []string{"person:Perttu Ahola=Perttu Ahola", "organization:Evergrande=Evergrande"},
		},
		{
			name: "plural nouns after a comma are the next clause, not an apposition",
			text: "In findings published in The Lancet Ophthalmic Letters, researchers said so.",
			want: []string{"organization:Lancet Ophthalmic Letters=Lancet Ophthalmic Letters"},
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
