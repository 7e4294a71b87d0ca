package quotes

import (
	"strings"
	"testing"

	"github.com/docset/docset/schema"
)

var (
	harbourBoard = ent{typ: schema.TypeOrganization, names: []string{"Harbour Board"}}
	mines        = ent{typ: schema.TypeOrganization, names: []string{"Ministry of Mines"}, subtype: "government"}
	harrowfield  = ent{typ: schema.TypeOrganization, names: []string{"Harrowfield"}}
	consumers    = ent{typ: schema.TypeOrganization, names: []string{"Consumer Council of Tovia"}}
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
		{
			name: "agent of a participle with no be",
			text: "The river rose fast, in a surge described by Nora Lind as \"faster than anything on record.\"",
			ents: []ent{nora},
			want: []got{{"faster than anything on record.", "Nora Lind", "described", true}},
		},
		{
			name: "as reported by names a source, not the cue",
			text: "Omar Haddad said — as reported by the Harbour Board — \"the quay must close.\"",
			ents: []ent{omar, harbourBoard},
			want: []got{{"the quay must close.", "Omar Haddad", "said", false}},
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
		{
			name: "former as an adjective is no reference",
			text: "Nora Lind met Omar Haddad on Monday. The former minister said \"the talks went well.\"",
			ents: []ent{nora, omar},
			want: []got{{"the talks went well.", "", "said", false}},
		},
		// A participle after a comma shares the subject of the clause.
		{
			name: "participle cue after a statement",
			text: "Brightwater Mining issued a statement on Monday, confirming that the mine \"will stay closed until spring.\"",
			ents: []ent{acme},
			want: []got{{"will stay closed until spring.", "Brightwater Mining", "confirming", true}},
		},
		{
			name: "participle cue takes the subject, not the object",
			text: "Nora Lind hired Omar Haddad in May, explaining \"He knows the river better than anyone.\"",
			ents: []ent{nora, omar},
			want: []got{{"He knows the river better than anyone.", "Nora Lind", "explaining", false}},
		},
		{
			name: "participle cue after an organisation acting on a person",
			text: "Brightwater Mining dismissed Omar Haddad on Friday, stressing that he had \"broken every safety rule.\"",
			ents: []ent{acme, omar},
			want: []got{{"broken every safety rule.", "Brightwater Mining", "stressing", true}},
		},
		{
			name: "an opening participle shares the subject after the quotation",
			text: "Omar Haddad spoke first. Calling the plan \"a betrayal of the valley\", Nora Lind of the \"Keep Tovia Green\" group told reporters she would vote against it.",
			ents: []ent{omar, nora},
			want: []got{{"a betrayal of the valley", "Nora Lind", "Calling", true}},
		},
		{
			name: "a second verb with no subject of its own",
			text: "The Harbour Board met on Monday and said the quay was \"safe for all ships.\"",
			ents: []ent{harbourBoard},
			want: []got{{"safe for all ships.", "Harbour Board", "said", true}},
		},
		{
			name: "a clause ending in a colon presents its subject's words",
			text: "In a statement, the Harbour Board defended the closure ordered by Omar Haddad as \"temporary\": \"The quay reopens when the divers are done.\"",
			ents: []ent{harbourBoard, omar},
			want: []got{{"The quay reopens when the divers are done.", "Harbour Board", "", false}},
		},
		{
			name: "a colon after an unnamed subject gives no speaker",
			text: "\"We are ready,\" Nora Lind said. Some people had a different view: \"Not ready at all!\"",
			ents: []ent{nora},
			want: []got{{"We are ready,", "Nora Lind", "said", false}, {"Not ready at all!", "", "", false}},
		},
		{
			name: "the one told is not the subject of what follows",
			text: "Nora Lind told the Harbour Board the survey suggested \"the quay is sinking fast.\"",
			ents: []ent{nora, harbourBoard},
			want: []got{{"the quay is sinking fast.", "Nora Lind", "suggested", false}},
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
		// "The company", "the ministry": the last organisation of that kind.
		{
			name: "the company skips a more recent ministry",
			text: "Brightwater Mining won the tender after the Ministry of Mines reviewed the bids. The company said it was \"ready to start in June.\"",
			ents: []ent{acme, mines},
			want: []got{{"ready to start in June.", "Brightwater Mining", "said", true}},
		},
		{
			name: "the ministry skips a more recent company",
			text: "The Ministry of Mines reviewed the bids and Brightwater Mining won. The ministry said the review was \"thorough and fair.\"",
			ents: []ent{mines, acme},
			want: []got{{"thorough and fair.", "Ministry of Mines", "said", true}},
		},
		{
			name: "the company with no company named has no speaker",
			text: "The Ministry of Mines fined the operator of the quarry. \"We will appeal,\" the company said.",
			ents: []ent{mines},
			want: []got{{"We will appeal,", "", "said", false}},
		},
		{
			name: "a kind noun next to a name gives its kind",
			text: "Harrowfield, a supermarket chain, cut prices after the Harbour Board raised fees. \"Shoppers come first,\" the retailer said.",
			ents: []ent{harrowfield, harbourBoard},
			want: []got{{"Shoppers come first,", "Harrowfield", "said", false}},
		},
		{
			name: "a public body known by its subtype",
			text: "The Tovia Space Office hired Brightwater Mining to drill. \"The samples are clean,\" the agency said.",
			ents: []ent{{typ: schema.TypeOrganization, names: []string{"Tovia Space Office"}}, acme},
			want: []got{{"The samples are clean,", "Tovia Space Office", "said", false}},
		},
		{
			name: "a public body known only by its subtype",
			text: "TSX hired Brightwater Mining to drill. \"The samples are clean,\" the agency said.",
			ents: []ent{{typ: schema.TypeOrganization, names: []string{"TSX"}, subtype: "government"}, acme},
			want: []got{{"The samples are clean,", "TSX", "said", false}},
		},
		{
			name: "a web site by its subtype",
			text: "Pricewise.com listed prices in May, and Harrowfield cut them. \"Prices fell in every town,\" the site said.",
			ents: []ent{harrowfield, {typ: schema.TypeOrganization, names: []string{"Pricewise.com"}, subtype: "website"}},
			want: []got{{"Prices fell in every town,", "Pricewise.com", "said", false}},
		},
		// A possessive descriptor: the thing owned speaks, not its owner.
		{
			name: "possessive descriptor with nothing named has no speaker",
			text: "Fees rose in Tovia this year. Tovia's consumer watchdog said the fees were \"unlawful and must be repaid.\"",
			ents: []ent{tovia},
			want: []got{{"unlawful and must be repaid.", "", "said", true}},
		},
		{
			name: "possessive descriptor resolves to the organisation named for the owner",
			text: "The Consumer Council of Tovia opened an inquiry in March. Tovia's consumer watchdog said the fees were \"unlawful and must be repaid.\"",
			ents: []ent{consumers, tovia},
			want: []got{{"unlawful and must be repaid.", "Consumer Council of Tovia", "said", true}},
		},
		{
			name: "a person's lawyer is not the person",
			text: "Nora Lind was charged on Monday. Lind's lawyer said the charges were \"politically motivated.\"",
			ents: []ent{nora},
			want: []got{{"politically motivated.", "", "said", true}},
		},
		{
			name: "a person's lawyer named in apposition",
			text: "Nora Lind was charged on Monday. Lind's lawyer, Omar Haddad, said the charges were \"politically motivated.\"",
			ents: []ent{nora, omar},
			want: []got{{"politically motivated.", "Omar Haddad", "said", true}},
		},
		{
			name: "a spokesman still speaks for the organisation",
			text: "Brightwater Mining's spokesman said the mine was \"never unsafe.\"",
			ents: []ent{acme},
			want: []got{{"never unsafe.", "Brightwater Mining", "said", true}},
		},
		// Pronouns and unnamed sources.
		{
			name: "the subject of a participle after with",
			text: "Nora Lind spoke first, with Omar Haddad describing the flood. He then said \"the valley will recover.\"",
			ents: []ent{nora, omar},
			want: []got{{"the valley will recover.", "Omar Haddad", "said", false}},
		},
		{
			name: "it is no person",
			text: "The Harbour Board wrote to Omar Haddad about the quay. It said \"the quay must close.\"",
			ents: []ent{harbourBoard, omar},
			want: []got{{"the quay must close.", "Harbour Board", "said", false}},
		},
		{
			name: "their statement is the statement of whom they point to",
			text: "\"We object,\" the Harbour Board said. Their statement also read \"the quay stays open.\"",
			ents: []ent{harbourBoard},
			want: []got{{"We object,", "Harbour Board", "said", false}, {"the quay stays open.", "Harbour Board", "read", false}},
		},
		{
			name: "an eyewitness is an unnamed source",
			text: "An eyewitness described for the Harbour Board how the crane fell, stating, \"It folded like paper.\"",
			ents: []ent{harbourBoard},
			want: []got{{"It folded like paper.", "", "stating", false}},
		},
		// A description alone names nobody.
		{
			name: "description with a complement is no named person",
			text: "Omar Haddad was arrested on Monday. The head of the investigators said \"the evidence is overwhelming.\"",
			ents: []ent{omar},
			want: []got{{"the evidence is overwhelming.", "", "said", false}},
		},
		{
			name: "description after an inverted cue",
			text: "Omar Haddad was arrested on Monday. \"The evidence is overwhelming,\" said the head of the investigators.",
			ents: []ent{omar},
			want: []got{{"The evidence is overwhelming,", "", "said", false}},
		},
		{
			name: "description matching a named person's role",
			text: "Omar Haddad, the head of the investigators, met Nora Lind on Monday. The head of the investigators said \"the evidence is overwhelming.\"",
			ents: []ent{omar, nora},
			want: []got{{"the evidence is overwhelming.", "Omar Haddad", "said", false}},
		},
	})
}

// Speakers named after a long title, clauses that present a quotation
// without a reporting verb, and quotations that follow a sentence about
// their speaker.
func TestFindPresentedSpeakers(t *testing.T) {
	runCases(t, []quoteCase{
		{
			name: "a speaker after the quotation behind a long title with names in it",
			text: "Omar Haddad spoke first. \"The quay stays shut until June,\" Brightwater Mining deputy head of quay operations Nora Lind told the Harbour Board.",
			ents: []ent{omar, acme, nora, harbourBoard},
			want: []got{{"The quay stays shut until June,", "Nora Lind", "told", false}},
		},
		{
			name: "a clause with a comma presents a sentence of its subject",
			text: "Omar Haddad praised the crews. Nora Lind, also on the radio, defended the closure, \"Nobody works on a flooded quay.\"",
			ents: []ent{omar, nora},
			want: []got{{"Nobody works on a flooded quay.", "Nora Lind", "", false}},
		},
		{
			name: "a clause opening with no name presents no one's words",
			text: "Omar Haddad praised the crews. The rule between the two harbours was, \"First in, first out.\"",
			ents: []ent{omar},
			want: []got{{"First in, first out.", "Omar Haddad", "", false}},
		},
		{
			name: "a relative clause ending in a colon presents its antecedent's words",
			text: "Omar Haddad held the rope. Another was diver Nora Lind, 24, who cited only her training: \"You go in, you stay in.\"",
			ents: []ent{omar, nora},
			want: []got{{"You go in, you stay in.", "Nora Lind", "", false}},
		},
		{
			name: "an opening phrase naming an organisation is no subject",
			text: "When interviewed by the Harbour Board, Brightwater Mining said, \"The quay was never unsafe.\"",
			ents: []ent{harbourBoard, acme},
			want: []got{{"The quay was never unsafe.", "Brightwater Mining", "said", false}},
		},
		{
			name: "according to after the quotation names who reported a speaker named before it",
			text: "Nora Lind called the plan a \"danger to every diver,\" according to the Harbour Board.",
			ents: []ent{nora, harbourBoard},
			want: []got{{"danger to every diver,", "Nora Lind", "called", true}},
		},
		{
			name: "according to after the quotation is its source when nothing before names one",
			text: "The quay will stay \"closed until further notice,\" according to the Harbour Board.",
			ents: []ent{harbourBoard},
			want: []got{{"closed until further notice,", "Harbour Board", "according to", true}},
		},
		{
			name: "an -ing noun after the is a thing, not a person pointed back to",
			text: "Nora Lind found a stone by the quay. When translated, the writing says \"Leave the harbour to the sea.\"",
			ents: []ent{nora},
			want: []got{{"Leave the harbour to the sea.", "", "says", false}},
		},
		{
			name: "some of a group qualified by a clause naming someone else is unnamed",
			text: "Some of the demonstrators the Harbour Board met said they came to \"save the quay.\"",
			ents: []ent{harbourBoard},
			want: []got{{"save the quay.", "", "said", true}},
		},
		{
			name: "an unnamed-source noun before a name names the source",
			text: "Voter Nora Lind told the Harbour Board, \"We want the quay open.\"",
			ents: []ent{nora, harbourBoard},
			want: []got{{"We want the quay open.", "Nora Lind", "told", false}},
		},
		{
			name: "a document of a kind of body speaks for the one named as a subject",
			text: "The Tovia Court of Appeal heard the case in May. The only court above it is the Tovia High Court. The court's summary concluded: \"The permit was never valid.\"",
			ents: []ent{{typ: schema.TypeOrganization, names: []string{"Tovia Court of Appeal"}}, {typ: schema.TypeOrganization, names: []string{"Tovia High Court"}}},
			want: []got{{"The permit was never valid.", "Tovia Court of Appeal", "concluded", false}},
		},
		{
			name: "a speaker after the quotation with a long description after the name",
			text: "\"We feel the reef is coming back to us,\" Nora Lind of the Harbour Board reef survey and restoration office told the crowd.",
			ents: []ent{nora, harbourBoard},
			want: []got{{"We feel the reef is coming back to us,", "Nora Lind", "told", false}},
		},
		{
			name: "names set off by commas after an inverted cue",
			text: "\"She was the best diver I have known,\" said Tovia University, Elm Town's chancellor, Nora Lind.",
			ents: []ent{{typ: schema.TypeOrganization, names: []string{"Tovia University"}}, {typ: schema.TypePlace, names: []string{"Elm Town"}}, nora},
			want: []got{{"She was the best diver I have known,", "Nora Lind", "said", false}},
		},
		{
			name: "according to unnamed sources, a clause naming someone after the comma",
			text: "According to police and harbour officials, Omar Haddad was steering the boat \"far too close to the divers.\"",
			ents: []ent{omar},
			want: []got{{"far too close to the divers.", "", "According to", true}},
		},
		// A document speaks for whoever issued it.
		{
			name: "the statement read, issued by the subject of an earlier sentence",
			text: "The Harbour Board released a statement on Monday. Nora Lind told reporters the quay was shut. \"No diver was hurt,\" read the statement.",
			ents: []ent{harbourBoard, nora},
			want: []got{{"No diver was hurt,", "Harbour Board", "read", false}},
		},
		{
			name: "the warning said, issued by a body after by",
			text: "Warnings were issued by the Harbour Board at noon. Nora Lind closed her shop. The warning said \"Stay away from the sea wall.\"",
			ents: []ent{harbourBoard, nora},
			want: []got{{"Stay away from the sea wall.", "Harbour Board", "said", false}},
		},
		{
			name: "a statement which said speaks for the one who released it",
			text: "Nora Lind met the divers. The Harbour Board criticised the plan. They released a statement which said, \"The quay must stay shut.\"",
			ents: []ent{nora, harbourBoard},
			want: []got{{"The quay must stay shut.", "Harbour Board", "said", false}},
		},
		{
			name: "a vice president is not the president",
			text: "President Omar Haddad met Vice President Nora Lind on Monday. Lind left early. The president said \"We agreed on the budget.\"",
			ents: []ent{{typ: schema.TypePerson, names: []string{"Omar Haddad"}, roles: []string{"President"}}, {typ: schema.TypePerson, names: []string{"Nora Lind", "Lind"}, roles: []string{"Vice President"}}},
			want: []got{{"We agreed on the budget.", "Omar Haddad", "said", false}},
		},
		{
			name: "according to him points back",
			text: "Omar Haddad led the dive. According to him, the wreck was found with the help of \"honest fishermen from the bay\".",
			ents: []ent{omar},
			want: []got{{"honest fishermen from the bay", "Omar Haddad", "According to", true}},
		},
		{
			name: "an official from an organisation speaks for it",
			text: "Nora Lind closed her shop. An official from the Harbour Board stated: \"We are working with the police.\"",
			ents: []ent{nora, harbourBoard},
			want: []got{{"We are working with the police.", "Harbour Board", "stated", false}},
		},
		{
			name: "an owner's statement with a word before the noun",
			text: "Nora Lind resigned. The Harbour Board's official statement yesterday read \"We thank her for ten years.\"",
			ents: []ent{nora, harbourBoard},
			want: []got{{"We thank her for ten years.", "Harbour Board", "read", false}},
		},
		{
			name: "a cue in a relative clause between dashes is no cue of the quotation",
			text: "Nora Lind commented on the closure — which the Harbour Board noted as unusual for a mayor — \"However it is dressed up, it is a loss.\"",
			ents: []ent{nora, harbourBoard},
			want: []got{{"However it is dressed up, it is a loss.", "Nora Lind", "commented", false}},
		},
		{
			name: "a cue in a relative clause between commas leaves the subject before it",
			text: "The Tovia government closed the port. The government statement, which was posted on the Harbour Board site, announced the closure \"with great regret to all sailors.\"",
			ents: []ent{{typ: schema.TypeOrganization, names: []string{"Tovia government"}, subtype: "government"}, harbourBoard},
			want: []got{{"with great regret to all sailors.", "Tovia government", "announced", true}},
		},
		{
			name: "the government statement of a government named for its place",
			text: "The government of Tovia closed the port on Monday. The government statement said \"Every ship must leave by noon.\"",
			ents: []ent{tovia},
			want: []got{{"Every ship must leave by noon.", "Tovia", "said", false}},
		},
		// Reported speech inside reported speech.
		{
			name: "what a thing suggested, told by a named source, is the source's words",
			text: "Nora Lind, who led the survey, told Harbour Weekly the rate of coral loss in the north suggested one cause: \"The water is simply too warm now.\"",
			ents: []ent{nora, {typ: schema.TypeOrganization, names: []string{"Harbour Weekly"}}},
			want: []got{{"The water is simply too warm now.", "Nora Lind", "told", false}},
		},
		{
			name: "what an unnamed person said inside another's report stays unnamed",
			text: "Nora Lind told Harbour Weekly the head of the dive team had warned: \"Nobody goes down after dark.\"",
			ents: []ent{nora, {typ: schema.TypeOrganization, names: []string{"Harbour Weekly"}}},
			want: []got{{"Nobody goes down after dark.", "", "warned", false}},
		},
		{
			name: "one of a group, named in an apposition after a role",
			text: "One of the divers, instructor Nora Lind, told the Harbour Board: \"The reef is dying.\"",
			ents: []ent{nora, harbourBoard},
			want: []got{{"The reef is dying.", "Nora Lind", "told", false}},
		},
		{
			name: "a quotation after a sentence about its speaker, an apposition between",
			text: "\"We will reopen,\" said Omar Haddad.\n\nNora Lind, who ran the quay until May, also criticised the plan on the radio. \"Nobody asked the divers.\"",
			ents: []ent{omar, nora},
			want: []got{{"We will reopen,", "Omar Haddad", "said", false}, {"Nobody asked the divers.", "Nora Lind", "", false}},
		},
	})
}

// A sentence of many participle cues, none with a subject in reach,
// resolves each once: the subject of a participle recurses into one earlier
// cue at most, so this returns at once rather than after a search
// exponential in the number of cues.
func TestFindParticipleRun(t *testing.T) {
	text := "Nora Lind spoke" + strings.Repeat(", adding and said", 60) + strings.Repeat(", noting", 60) + ", stressing \"it holds.\""
	if got := run(t, text, []ent{nora}); len(got) != 1 || got[0].Cue != "stressing" {
		t.Errorf("got %+v, want one quotation with its cue", got)
	}
}

// Sources the text describes but does not name, and names that only
// qualify the subject.
func TestFindUnnamedSources(t *testing.T) {
	runCases(t, []quoteCase{
		{
			name: "an unnamed source after the quotation is no one named before",
			text: "Mayor Nora Lind opened the bridge on Monday.\n\n\"It will carry ten thousand cars a day,\" a city engineer said.",
			ents: []ent{nora},
			want: []got{{"It will carry ten thousand cars a day,", "", "said", false}},
		},
		{
			name: "an unnamed source with several modifiers",
			text: "Omar Haddad closed the road. \"The bridge is too narrow,\" a senior police officer said on Tuesday.",
			ents: []ent{omar},
			want: []got{{"The bridge is too narrow,", "", "said", false}},
		},
		{
			name: "an unnamed source after an inverted cue",
			text: "Omar Haddad welcomed the plan. \"It has been a long wait,\" said a longtime resident of the town.",
			ents: []ent{omar},
			want: []got{{"It has been a long wait,", "", "said", false}},
		},
		{
			name: "a plural unnamed source before the cue",
			text: "Nora Lind runs the school. Several local teachers said \"the roof leaks every winter.\"",
			ents: []ent{nora},
			want: []got{{"the roof leaks every winter.", "", "said", false}},
		},
		{
			name: "one described by the person they work for",
			text: "Omar Haddad was arrested on Friday. A lawyer for Haddad said \"he denies every charge.\"",
			ents: []ent{omar},
			want: []got{{"he denies every charge.", "", "said", false}},
		},
		{
			name: "an unnamed source named in apposition is named",
			text: "Omar Haddad closed the road. A resident, Nora Lind, said \"we were not told.\"",
			ents: []ent{omar, nora},
			want: []got{{"we were not told.", "Nora Lind", "said", false}},
		},
		{
			name: "an official of a named body speaks for it",
			text: "The Harbour Board shut the quay. An official from the Harbour Board said \"the quay is unsafe.\"",
			ents: []ent{harbourBoard},
			want: []got{{"the quay is unsafe.", "Harbour Board", "said", false}},
		},
		{
			name: "a name after a preposition qualifies the subject",
			text: "Dr. Nora Lind at Saint Omar said, \"We received six patients this morning.\"",
			ents: []ent{nora, {typ: schema.TypePerson, names: []string{"Omar"}}},
			want: []got{{"We received six patients this morning.", "Nora Lind", "said", false}},
		},
		{
			name: "a title with a name in it still names the speaker",
			text: "Tovia Radio morning host Nora Lind said, \"We will miss him.\"",
			ents: []ent{{typ: schema.TypePerson, names: []string{"Tovia Radio"}}, nora},
			want: []got{{"We will miss him.", "Nora Lind", "said", false}},
		},
	})
}
