package quotes

import (
	"testing"

	"github.com/docset/docset/schema"
)

var (
	harbourBoard = ent{typ: schema.TypeOrganization, names: []string{"Harbour Board"}}
	harrowfield  = ent{typ: schema.TypeOrganization, names: []string{"Harrowfield"}}
)

// Speaker constructions that need more than a name before or after the cue.
func TestFindHarderSpeakers(t *testing.T) {
	runCases(t, []quoteCase{
		// A passive reporting verb: the speaker is the agent after "by",
		// never the subject, who is the one addressed.
		{
			name: "passive with an agent after the quotation",
			text: "Omar Haddad asked when the dam would reopen. \"Not before the spring floods,\" he was told by Deputy Minister Nora Lind.",
			ents: []ent{omar, nora},
			want: []got{{"Not before the spring floods,", "Nora Lind", "was told", false}},
		},
		{
			name: "passive with an agent before the quotation",
			text: "At the hearing Haddad was told by Lind that the dam \"will not reopen before spring.\"",
			ents: []ent{omar, nora},
			want: []got{{"will not reopen before spring.", "Nora Lind", "was told", true}},
		},
		{
			name: "passive with an organisation as agent",
			text: "\"Keep every gate shut,\" the crews were told by Brightwater Mining on Sunday.",
			ents: []ent{acme},
			want: []got{{"Keep every gate shut,", "Brightwater Mining", "were told", false}},
		},
		{
			name: "passive without an agent has no speaker",
			text: "Omar Haddad reached the gate at noon. \"Leave the site now,\" he was told.",
			ents: []ent{omar},
			want: []got{{"Leave the site now,", "", "was told", false}},
		},
		// "The latter" and "the former" point at the last two named.
		{
			name: "the latter is the second of the two named before",
			text: "Nora Lind met Omar Haddad in Tovia on Monday. The latter said \"the talks went well.\"",
			ents: []ent{nora, omar, tovia},
			want: []got{{"the talks went well.", "Omar Haddad", "said", false}},
		},
		{
			name: "the former after an inverted cue",
			text: "Nora Lind met Omar Haddad in Tovia on Monday. \"Nothing was agreed,\" said the former.",
			ents: []ent{nora, omar, tovia},
			want: []got{{"Nothing was agreed,", "Nora Lind", "said", false}},
		},
		{
			name: "the latter among organisations",
			text: "Brightwater Mining sued the Harbour Board in May. The latter called the claim \"without merit.\"",
			ents: []ent{acme, harbourBoard},
			want: []got{{"without merit.", "Harbour Board", "called", true}},
		},
		// An aside between subject and verb is not the subject.
		{
			name: "aside with a date between a role noun and its verb",
			text: "Shoppers queued outside the retailer Harrowfield on Monday. The retailer, in a statement on Tuesday, said that prices were \"frozen until the end of the year.\"",
			ents: []ent{harrowfield},
			want: []got{{"frozen until the end of the year.", "Harrowfield", "said", true}},
		},
		{
			name: "aside naming a person is not the subject",
			text: "Brightwater Mining, in a letter to Omar Haddad, said the claim \"has no basis in law.\"",
			ents: []ent{acme, omar},
			want: []got{{"has no basis in law.", "Brightwater Mining", "said", true}},
		},
		{
			name: "relative clause between subject and verb",
			text: "The Harbour Board, which Nora Lind chairs, said the quay was \"safe for all ships.\"",
			ents: []ent{harbourBoard, nora},
			want: []got{{"safe for all ships.", "Harbour Board", "said", true}},
		},
		{
			name: "a name in apposition is still the subject",
			text: "The chief engineer, Omar Haddad, said \"the dam holds.\"",
			ents: []ent{omar},
			want: []got{{"the dam holds.", "Omar Haddad", "said", false}},
		},
	})
}
