package quotes

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/docset/docset/extract/segment"
	"github.com/docset/docset/schema"
)

// ent declares an entity of a test text by its surface forms; every
// whole-word occurrence becomes a mention.
type ent struct {
	typ     string
	names   []string
	roles   []string
	subtype string
}

// entitiesOf builds entities e1, e2, ... in the order given.
func entitiesOf(text []rune, es []ent) []schema.Entity {
	s := string(text)
	runeAt := make([]int, len(s)+1) // byte offset -> rune offset
	n := 0
	for b := range s {
		runeAt[b] = n
		n++
	}
	runeAt[len(s)] = n
	var out []schema.Entity
	for i, e := range es {
		se := schema.Entity{ID: "e" + itoa(i+1), Name: e.names[0], Type: e.typ, Subtype: e.subtype, Roles: e.roles}
		for _, n := range e.names {
			for off := 0; ; {
				j := strings.Index(s[off:], n)
				if j < 0 {
					break
				}
				b := off + j
				off = b + len(n)
				start := runeAt[b]
				end := start + len([]rune(n))
				if start > 0 && isWordRune(text[start-1]) || end < len(text) && isWordRune(text[end]) || inside(se.Mentions, start, end) {
					continue
				}
				se.Mentions = append(se.Mentions, schema.Mention{Start: start, End: end, Text: n})
			}
		}
		out = append(out, se)
	}
	return out
}

// inside reports whether [start, end) lies in one of ms: "Lind" in "Nora
// Lind" is no mention of its own, as the recognizer gives none.
func inside(ms []schema.Mention, start, end int) bool {
	for _, m := range ms {
		if m.Start <= start && end <= m.End {
			return true
		}
	}
	return false
}

// got is a quotation as the tests compare it: text, speaker name, cue, partial.
type got struct {
	Text, Speaker, Cue string
	Partial            bool
}

func run(t *testing.T, text string, es []ent) []got {
	t.Helper()
	rs := []rune(text)
	paras := segment.Paragraphs(rs)
	sents := segment.Sentences(rs, paras)
	ents := entitiesOf(rs, es)
	names := map[string]string{}
	for _, e := range ents {
		names[e.ID] = e.Name
	}
	var out []got
	for i, q := range Find(rs, paras, sents, ents) {
		checkQuote(t, rs, i, q)
		g := got{Text: q.Text, Partial: q.Partial}
		if q.Speaker != nil {
			g.Speaker = names[*q.Speaker]
		}
		if q.Cue != nil {
			g.Cue = *q.Cue
		}
		out = append(out, g)
	}
	return out
}

// quoteCase is a text, its entities and the quotations Find should return.
type quoteCase struct {
	name string
	text string
	ents []ent
	want []got
}

func runCases(t *testing.T, cases []quoteCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, run(t, tt.text, tt.ents)); diff != "" {
				t.Errorf("quotes (-want +got):\n%s", diff)
			}
		})
	}
}

func checkQuote(t *testing.T, text []rune, i int, q schema.Quote) {
	t.Helper()
	if want := "q" + itoa(i+1); q.ID != want {
		t.Fatalf("id %q, want %q", q.ID, want)
	}
	if q.Start < 0 || q.End > len(text) || q.Start >= q.End {
		t.Fatalf("quote %s bad span [%d,%d)", q.ID, q.Start, q.End)
	}
	if s := string(text[q.Start:q.End]); s != q.Text || strings.TrimSpace(s) != s {
		t.Fatalf("quote %s span slices to %q, Text %q", q.ID, s, q.Text)
	}
}

func itoa(i int) string {
	var b []byte
	for ; i > 0 || len(b) == 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

var (
	nora  = ent{typ: schema.TypePerson, names: []string{"Nora Lind", "Lind"}}
	omar  = ent{typ: schema.TypePerson, names: []string{"Omar Haddad", "Haddad"}}
	acme  = ent{typ: schema.TypeOrganization, names: []string{"Brightwater Mining", "Brightwater"}}
	tovia = ent{typ: schema.TypePlace, names: []string{"Tovia"}}
)

func TestFind(t *testing.T) {
	runCases(t, []quoteCase{
		{
			name: "cue after with pronoun resolves to the subject before",
			text: "Nora Lind opened the bridge on Monday. \"It took us four years,\" she said.",
			ents: []ent{nora},
			want: []got{{"It took us four years,", "Nora Lind", "said", false}},
		},
		{
			name: "inverted cue and a continuation with no cue",
			text: "“We will appeal,” said Omar Haddad. “The ruling ignores the evidence.”\n\nThe court did not comment.",
			ents: []ent{omar},
			want: []got{{"We will appeal,", "Omar Haddad", "said", false}, {"The ruling ignores the evidence.", "Omar Haddad", "", false}},
		},
		{
			name: "split quotation shares speaker and cue",
			text: "\"Prices are up,\" Lind wrote on her blog, \"and they will stay up.\"",
			ents: []ent{nora},
			want: []got{{"Prices are up,", "Nora Lind", "wrote", false}, {"and they will stay up.", "Nora Lind", "wrote", false}},
		},
		{
			name: "according to and partial fragment",
			text: "According to Omar Haddad, the flood was \"the worst in a century\" for the valley.",
			ents: []ent{omar},
			want: []got{{"the worst in a century", "Omar Haddad", "According to", true}},
		},
		{
			name: "spokesman for an organisation speaks for it",
			text: "A spokeswoman for Brightwater Mining said: \"The mine stays closed until the inspection ends.\"",
			ents: []ent{acme},
			want: []got{{"The mine stays closed until the inspection ends.", "Brightwater Mining", "said", false}},
		},
		{
			name: "role noun resolves through roles",
			text: "Nora Lind and Omar Haddad met the press. The engineer said \"the cables were never tested.\"",
			ents: []ent{nora, {typ: schema.TypePerson, names: []string{"Omar Haddad"}, roles: []string{"chief engineer"}}},
			want: []got{{"the cables were never tested.", "Omar Haddad", "said", false}},
		},
		{
			name: "role noun resolves through a nearby title",
			text: "Mayor Omar Haddad visited the site. Later, the mayor told reporters, \"Nobody will lose a home.\"",
			ents: []ent{omar},
			want: []got{{"Nobody will lose a home.", "Omar Haddad", "told", false}},
		},
		{
			name: "unnamed source has no speaker",
			text: "An official within Brightwater Mining reportedly said \"the audit was buried.\"",
			ents: []ent{acme},
			want: []got{{"the audit was buried.", "", "said", false}},
		},
		{
			name: "was quoted as saying after the person's sentence",
			text: "Omar Haddad toured the harbour.\n\n\"Ships need deeper water,\" he was quoted as saying by a local paper.",
			ents: []ent{omar},
			want: []got{{"Ships need deeper water,", "Omar Haddad", "was quoted as saying", false}},
		},
		{
			name: "indirect speech with that is partial, bracket insertion kept",
			text: "Lind said that \"[Tovia] cannot pay\" and left.",
			ents: []ent{nora, tovia},
			want: []got{{"[Tovia] cannot pay", "Nora Lind", "said", true}},
		},
		{
			name: "names, titles, scare quotes and words cited as words are not speech",
			text: "Nora Lind led the \"Blue Harbour\" exercise. Critics mocked its \"rogue\" planners. The word \"harbour\" appears twice. She starred in a film entitled \"Salt\".",
			ents: []ent{nora},
			want: nil,
		},
		{
			name: "short fragment attributed by a cue is a quotation",
			text: "Haddad called the decision \"shameful\" and walked out.",
			ents: []ent{omar},
			want: []got{{"shameful", "Omar Haddad", "called", true}},
		},
		{
			name: "quotation continued in the next paragraph",
			text: "Lind said: \"We start in May.\n\n\"We finish in June.\"\n\nThen she left.",
			ents: []ent{nora},
			want: []got{{"We start in May.\n\n\"We finish in June.", "Nora Lind", "said", false}},
		},
		{
			name: "unclosed mark ends with its paragraph",
			text: "Haddad said \"the vote was rigged\n\nThe count went on.",
			ents: []ent{omar},
			want: []got{{"the vote was rigged", "Omar Haddad", "said", false}},
		},
		{
			name: "curly quotes with a nested single quote and pronoun after another speaker",
			text: "Omar Haddad spoke first. Nora Lind then took the stage. “He told me ‘wait’ and I waited,” she said.",
			ents: []ent{omar, nora},
			want: []got{{"He told me ‘wait’ and I waited,", "Nora Lind", "said", false}},
		},
		{
			name: "country as speaker right before its verb",
			text: "Tovia announced a withdrawal from the \"border zone\" on Friday.",
			ents: []ent{tovia},
			want: []got{{"border zone", "Tovia", "announced", true}},
		},
	})
}

func TestFindStrayMarksDoNotSwallow(t *testing.T) {
	para := strings.Repeat("The committee met again and nothing changed at all. ", 30)
	text := "He said \" and left.\n" + para + "\n" + para
	for _, q := range run(t, text, nil) {
		if strings.ContainsRune(q.Text, '\n') || len(q.Text) > len(para) {
			t.Errorf("stray mark swallowed text: %.60q", q.Text)
		}
	}
}

func TestFindAttributionDetails(t *testing.T) {
	runCases(t, []quoteCase{
		{
			name: "relative clause subject",
			text: "Nora Lind wrote the report, which Brightwater Mining called \"a work of fiction.\"",
			ents: []ent{nora, acme},
			want: []got{{"a work of fiction.", "Brightwater Mining", "called", true}},
		},
		{
			name: "name in apposition after the cue",
			text: "\"We are rebuilding,\" said her brother, Omar Haddad, on Sunday.",
			ents: []ent{omar},
			want: []got{{"We are rebuilding,", "Omar Haddad", "said", false}},
		},
		{
			name: "continuation prefers the person the paragraph is about",
			text: "\"The line is open,\" Lind said.\n\nOmar Haddad arrived later, his bag \"full of old maps and broken compasses\" as always.",
			ents: []ent{nora, omar},
			want: []got{{"The line is open,", "Nora Lind", "said", false}, {"full of old maps and broken compasses", "Omar Haddad", "", true}},
		},
		{
			name: "participle cue with no subject keeps the sentence's speaker",
			text: "Haddad told the crews they were heroes \"who never stopped,\" further adding, \"They earned a rest.\"",
			ents: []ent{omar},
			want: []got{{"who never stopped,", "Omar Haddad", "told", true}, {"They earned a rest.", "Omar Haddad", "adding", false}},
		},
		{
			name: "noun after a determiner is no cue",
			text: "In his remarks, Haddad said \"the port reopens in March.\"",
			ents: []ent{omar},
			want: []got{{"the port reopens in March.", "Omar Haddad", "said", false}},
		},
		{
			name: "person right before the cue beats one named in an opening clause",
			text: "When Lind interrupted, Haddad said \"let me finish, please.\"",
			ents: []ent{nora, omar},
			want: []got{{"let me finish, please.", "Omar Haddad", "said", false}},
		},
		{
			name: "participle after a quotation takes no subject from what follows",
			text: "Lind said the firm must pay \"every last cent\", adding Haddad would be asked to testify.",
			ents: []ent{nora, omar},
			want: []got{{"every last cent", "Nora Lind", "said", true}},
		},
		{
			name: "owner named before the source after an inverted cue",
			text: "\"A sad day for all of us,\" writes Lind's business partner Omar Haddad on his blog.",
			ents: []ent{nora, omar},
			want: []got{{"A sad day for all of us,", "Omar Haddad", "writes", false}},
		},
		{
			name: "spokesperson named near the organisation earlier",
			text: "A Brightwater Mining spokesperson confirmed the sale. The spokesperson added that the buyers \"have not been vetted by anyone.\"",
			ents: []ent{acme},
			want: []got{{"have not been vetted by anyone.", "Brightwater Mining", "added", true}},
		},
		{
			name: "pronoun before the verb beats an organisation in an opening clause",
			text: "Omar Haddad met the board. After the Brightwater Mining vote, he said he was \"deeply disappointed\" by it.",
			ents: []ent{omar, acme},
			want: []got{{"deeply disappointed", "Omar Haddad", "said", true}},
		},
		{
			name: "clause after a conjunction is no cue of the quotation",
			text: "Lind had called the plan \"a costly mistake\", however Haddad noted it was popular.",
			ents: []ent{nora, omar},
			want: []got{{"a costly mistake", "Nora Lind", "called", true}},
		},
		{
			name: "passive naming is a name",
			text: "The second stage is called \"the long descent\" by climbers.",
			want: nil,
		},
		{
			name: "fragment in a sentence about the company's belongings",
			text: "Brightwater Mining showed its new drill. Nora Lind watched. The company's new drill is their \"quietest machine so far, built for night shifts\" and costs more.",
			ents: []ent{acme, nora},
			want: []got{{"quietest machine so far, built for night shifts", "Brightwater Mining", "", true}},
		},
		{
			name: "cue opening the sentence takes the name after it",
			text: "Added Brightwater Mining engineer Omar Haddad, \"The seam runs deeper than we thought.\"",
			ents: []ent{acme, omar},
			want: []got{{"The seam runs deeper than we thought.", "Omar Haddad", "Added", false}},
		},
		{
			name: "name the recognizer missed here but found elsewhere",
			text: "Nora Lind hired Ada Smith.\n\nSmith told reporters \"The audit starts Monday.\" Lind agreed.",
			ents: []ent{nora, {typ: schema.TypePerson, names: []string{"Ada Smith"}}},
			want: []got{{"The audit starts Monday.", "Ada Smith", "told", false}},
		},
		{
			name: "unnamed-sounding subject named in apposition",
			text: "One engineer, Omar Haddad, told the inquiry \"the welds were never inspected.\"",
			ents: []ent{omar},
			want: []got{{"the welds were never inspected.", "Omar Haddad", "told", true}},
		},
		{
			name: "pronoun opening a long clause",
			text: "Nora Lind left early. She then walked to the harbour and said, \"This is where it began.\"",
			ents: []ent{nora},
			want: []got{{"This is where it began.", "Nora Lind", "said", false}},
		},
		{
			name: "inverted cue after a quotation without a comma, editorial comma",
			text: "\"The river is rising fast\" said engineer Omar Haddad. \"We must leave now[,]\" Nora Lind told the crowd.",
			ents: []ent{omar, nora},
			want: []got{{"The river is rising fast", "Omar Haddad", "said", false}, {"We must leave now[,]", "Nora Lind", "told", false}},
		},
		{
			name: "cue in the sentence before, ending in a colon",
			text: "Nora Lind posted on her blog:\n\n\"The bridge opens Friday. Bring the kids.\"",
			ents: []ent{nora},
			want: []got{{"The bridge opens Friday. Bring the kids.", "Nora Lind", "posted", false}},
		},
		{
			name: "a named thing after a split cue is no second half",
			text: "\"It was a long road,\" Lind says in \"The Harbour Years\".",
			ents: []ent{nora},
			want: []got{{"It was a long road,", "Nora Lind", "says", false}},
		},
		{
			name: "misplaced opening mark glued to a comma",
			text: "Haddad said the crews were ready,\" The pumps run day and night\". He left.",
			ents: []ent{omar},
			want: []got{{"The pumps run day and night", "Omar Haddad", "said", false}},
		},
		{
			name: "she skips a man named more recently",
			text: "Actress Nora Lind met Mr. Omar Haddad on set. Haddad arrived late. \"I waited an hour,\" she said.",
			ents: []ent{nora, omar},
			want: []got{{"I waited an hour,", "Nora Lind", "said", false}},
		},
		{
			name: "gendered role noun",
			text: "Omar Haddad and his wife, Nora Lind, sold the farm. Haddad signed first. The wife said \"We had no choice.\"",
			ents: []ent{omar, nora},
			want: []got{{"We had no choice.", "Nora Lind", "said", false}},
		},
		{
			name: "document speaks for its owner",
			text: "Brightwater Mining's notice to the Harbour Board claimed the permit was \"granted without any review.\"",
			ents: []ent{acme, {typ: schema.TypeOrganization, names: []string{"Harbour Board"}}},
			want: []got{{"granted without any review.", "Brightwater Mining", "claimed", true}},
		},
		{
			name: "role noun after an organisation used as a modifier is a person",
			text: "\"The shaft is stable,\" said engineer Nora Lind. The Brightwater Mining geologist added, \"We drill again in June.\"",
			ents: []ent{nora, acme},
			want: []got{{"The shaft is stable,", "Nora Lind", "said", false}, {"We drill again in June.", "Nora Lind", "added", false}},
		},
		{
			name: "clause after however has its own subject",
			text: "Brightwater Mining wrote to Omar Haddad, however Haddad said he had \"never seen the letter.\"",
			ents: []ent{acme, omar},
			want: []got{{"never seen the letter.", "Omar Haddad", "said", true}},
		},
		{
			name: "fragment far from any speaker has none",
			text: "Nora Lind said \"it works.\"\n\nThe fair opened.\n\nThe stalls were busy.\n\nOne maker sells gloves that feel \"like warm bread in winter.\"",
			ents: []ent{nora},
			want: []got{{"it works.", "Nora Lind", "said", false}, {"like warm bread in winter.", "", "", true}},
		},
		{
			name: "fragment in a sentence about a named subject",
			text: "\"Open,\" said Omar Haddad.\n\nNora Lind, a baker for ten years, says her bread is \"better than anything sold in town.\"",
			ents: []ent{omar, nora},
			want: []got{{"Open,", "Omar Haddad", "said", false}, {"better than anything sold in town.", "Nora Lind", "says", true}},
		},
		{
			name: "fragment with no cue in a sentence about a named subject",
			text: "\"Open,\" said Omar Haddad.\n\nNora Lind, a baker for ten years, bakes bread \"better than anything sold in town.\"",
			ents: []ent{omar, nora},
			want: []got{{"Open,", "Omar Haddad", "said", false}, {"better than anything sold in town.", "Nora Lind", "", true}},
		},
		{
			name: "participle after a comma shares the sentence's subject",
			text: "Nora Lind called on Tovia to sign the deal, adding \"Our door stays open.\"",
			ents: []ent{nora, tovia},
			want: []got{{"Our door stays open.", "Nora Lind", "adding", false}},
		},
		{
			name: "a document opening the subject speaks for its owner",
			text: "A letter sent from Omar Haddad's office to Brightwater Mining repeated the offer, saying \"We will match any bid.\"",
			ents: []ent{omar, acme},
			want: []got{{"We will match any bid.", "Omar Haddad", "saying", false}},
		},
		{
			name: "according to its own statement, the subject named after",
			text: "According to its statement, Brightwater Mining is \"fully insured against flooding.\"",
			ents: []ent{acme},
			want: []got{{"fully insured against flooding.", "Brightwater Mining", "According to", true}},
		},
		{
			name: "participle phrase after while keeps the sentence's subject",
			text: "Haddad, while touring Tovia, called the plan \"a gift to speculators.\"",
			ents: []ent{omar, tovia},
			want: []got{{"a gift to speculators.", "Omar Haddad", "called", true}},
		},
		{
			name: "plural noun after a number is no cue",
			text: "The party is on the ballot in 50 states and backs \"sound money\" laws.",
			want: nil,
		},
		{
			name: "capitalised title after the is a role",
			text: "Mayor Omar Haddad opened the session. Nora Lind spoke next. The order signed by the Mayor read \"All beaches close at dusk.\"",
			ents: []ent{omar, nora},
			want: []got{{"All beaches close at dusk.", "Omar Haddad", "read", false}},
		},
		{
			name: "nickname is a name",
			text: "Haddad, who goes by the nickname \"Captain Dry\", said nothing.",
			ents: []ent{omar},
			want: nil,
		},
		{
			name: "title of a work in apposition is no quotation",
			text: "Lind says her book, \"Salt And Iron Roads\", sold well.",
			ents: []ent{nora},
			want: nil,
		},
	})
}
