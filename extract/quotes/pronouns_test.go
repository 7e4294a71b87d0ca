package quotes

import (
	"testing"

	"github.com/docset/docset/schema"
)

var (
	marta = ent{typ: schema.TypePerson, names: []string{"Marta Ruiz", "Ruiz"}}
	tomas = ent{typ: schema.TypePerson, names: []string{"Tomas Berg", "Berg"}}
	pavel = ent{typ: schema.TypePerson, names: []string{"Pavel Novak", "Novak"}}
	robin = ent{typ: schema.TypePerson, names: []string{"Robin Vale", "Vale"}}
	// Surnames alone: nothing shows their gender.
	lind   = ent{typ: schema.TypePerson, names: []string{"Lind"}}
	haddad = ent{typ: schema.TypePerson, names: []string{"Haddad"}}
)

// Pronouns and gendered role nouns: the most salient person of a matching
// gender, not merely the nearest name.
func TestFindPronouns(t *testing.T) {
	runCases(t, []quoteCase{
		// A first name given to one gender only shows the person's gender.
		{
			name: "she skips a man known by his first name",
			text: "Marta Ruiz met Tomas Berg at the quay. Berg arrived late. \"I waited an hour,\" she said.",
			ents: []ent{marta, tomas},
			want: []got{{"I waited an hour,", "Marta Ruiz", "said", false}},
		},
		{
			name: "he skips a woman known by her first name",
			text: "Tomas Berg chairs the board. Marta Ruiz joined it in May. \"She was the best candidate,\" he said.",
			ents: []ent{tomas, marta},
			want: []got{{"She was the best candidate,", "Tomas Berg", "said", false}},
		},
		{
			name: "a gendered role noun by first name",
			text: "Tomas Berg and Marta Ruiz lost their farm in the flood. Berg spoke to the council. The mother said \"we have nowhere to go.\"",
			ents: []ent{tomas, marta},
			want: []got{{"we have nowhere to go.", "Marta Ruiz", "said", false}},
		},
		{
			name: "a name given to both genders shows nothing",
			text: "Robin Vale met Tomas Berg at the quay. \"I waited an hour,\" she said.",
			ents: []ent{robin, tomas},
			want: []got{{"I waited an hour,", "Robin Vale", "said", false}},
		},
		{
			name: "the words before a name show its gender only up to a function word",
			text: "The niece of Robin Vale wrote to the board. Robin Vale met Marta Ruiz on Friday. \"It was a fair offer,\" he said.",
			ents: []ent{robin, marta},
			want: []got{{"It was a fair offer,", "Robin Vale", "said", false}},
		},
		// Salience: the subject of the sentence before, not its object.
		{
			name: "the subject of the sentence before, not the nearer object",
			text: "Omar Haddad met Pavel Novak twice in May. \"We agreed on nothing,\" he said.",
			ents: []ent{omar, pavel},
			want: []got{{"We agreed on nothing,", "Omar Haddad", "said", false}},
		},
		{
			name: "a pronoun subject keeps its referent",
			text: "Omar Haddad opened the plant in 2019. He hired Pavel Novak in May. \"It went well,\" he said.",
			ents: []ent{omar, pavel},
			want: []got{{"It went well,", "Omar Haddad", "said", false}},
		},
		{
			name: "the subject of the latest clause",
			text: "Lind said the quay was safe while Haddad wrote he had ordered an inspection. He tweeted, \"The divers go down at dawn.\"",
			ents: []ent{lind, haddad},
			want: []got{{"The divers go down at dawn.", "Haddad", "tweeted", false}},
		},
		{
			name: "what a name owns after a cue is no subject",
			text: "Lind called Haddad's plan a \"serious risk to the quay.\" \"The quay cannot take it,\" he said.",
			ents: []ent{lind, haddad},
			want: []got{{"serious risk to the quay.", "Lind", "called", true}, {"The quay cannot take it,", "Lind", "said", false}},
		},
		{
			name: "the one a complement cue describes is no source",
			text: "Lind called Haddad a \"reckless planner.\" \"Nobody checks his sums,\" he added.",
			ents: []ent{lind, haddad},
			want: []got{{"reckless planner.", "Lind", "called", true}, {"Nobody checks his sums,", "Lind", "added", false}},
		},
		{
			name: "the speaker of a quotation before the pronoun in its sentence",
			text: "Lind resigned on Monday. He said Haddad is \"a fair man\"; however, \"the board needs a new start,\" he added.",
			ents: []ent{lind, haddad},
			want: []got{{"a fair man", "Lind", "said", true}, {"the board needs a new start,", "Lind", "added", false}},
		},
		// An unnamed subject is nobody the text names.
		{
			name: "an unnamed source opening the sentence before",
			text: "Marta Ruiz, the prosecutor, said the men had lied. One of the victims spoke after the verdict. She said \"nothing can undo it.\"",
			ents: []ent{marta},
			want: []got{{"nothing can undo it.", "", "said", false}},
		},
		{
			name: "a description with a cue in the sentence before",
			text: "Marta Ruiz spoke first. The head of the inquiry told the court \"The files are gone.\" She also said \"We were never called.\"",
			ents: []ent{marta},
			want: []got{{"The files are gone.", "", "told", false}, {"We were never called.", "", "said", false}},
		},
		// Failing a subject, the person of the pronoun's gender in any role.
		{
			name: "the one person of the gender, named as an object",
			text: "Tomas Berg filed the report. Harbour police spoke with Marta Ruiz on Monday. She told them \"I was never at the quay.\"",
			ents: []ent{tomas, marta},
			want: []got{{"I was never at the quay.", "Marta Ruiz", "told", false}},
		},
	})
}

// "I" in an interview transcript is the one answering in that turn.
func TestFindInterviewTurns(t *testing.T) {
	runCases(t, []quoteCase{
		{
			name: "I in a turn marked with a name",
			text: "((WN)) How did the board react?\n\n((Nora Lind)) They called me twice. And I said, \"I will not sign it.\"",
			ents: []ent{nora},
			want: []got{{"I will not sign it.", "Nora Lind", "said", false}},
		},
		{
			name: "I in the interviewer's turn is nobody the text names",
			text: "((Nora Lind)) We left in May.\n\n((WN)) When I said \"May\", did you mean the spring tide?",
			ents: []ent{nora},
			want: []got{{"May", "", "said", false}},
		},
		{
			name: "I outside any turn is nobody the text names",
			text: "Nora Lind left in May. As I said, \"the quay was already closed.\"",
			ents: []ent{nora},
			want: []got{{"the quay was already closed.", "", "said", false}},
		},
		{
			name: "a language tag is no turn marker",
			text: "((Nora Lind)) We left.\n\n((hi))Hindi language: And I said, \"We stay.\"",
			ents: []ent{nora},
			want: []got{{"We stay.", "Nora Lind", "said", false}},
		},
	})
}
