package entities

import (
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/docset/docset/schema"
)

var (
	recOnce sync.Once
	rec     *Recognizer
	recErr  error
)

func recognizer(t *testing.T) *Recognizer {
	t.Helper()
	recOnce.Do(func() { rec, recErr = New() })
	if recErr != nil {
		t.Fatal(recErr)
	}
	return rec
}

// brief renders entities as "type:name[role]=mention|mention" lines, the
// shape the rule tests compare.
func brief(ents []schema.Entity) []string {
	var out []string
	for _, e := range ents {
		var b strings.Builder
		b.WriteString(e.Type + ":" + e.Name)
		if len(e.Roles) > 0 {
			b.WriteString("[" + strings.Join(e.Roles, "; ") + "]")
		}
		b.WriteString("=")
		for i, m := range e.Mentions {
			if i > 0 {
				b.WriteString("|")
			}
			b.WriteString(m.Text)
		}
		out = append(out, b.String())
	}
	return out
}

func TestFindRules(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{
			name: "title becomes role, surname joins full name",
			text: "Finnish Foreign Minister Pekka Haavisto arrived on Tuesday. Mr. Haavisto said little. Haavisto left.",
			want: []string{"person:Pekka Haavisto[Finnish Foreign Minister]=Pekka Haavisto|Haavisto|Haavisto"},
		},
		{
			name: "lowercase title before a name",
			text: "The talks included Chilean president Gabriel Boric and others.",
			want: []string{"person:Gabriel Boric[Chilean president]=Gabriel Boric"},
		},
		{
			name: "apposition before the name",
			text: "Canadian ambassador to Peru, Louis Marcotte, said the visit went well.",
			want: []string{
				"place:Peru=Peru",
				"person:Louis Marcotte[Canadian ambassador to Peru]=Louis Marcotte",
			},
		},
		{
			name: "apposition after the name",
			text: "Yesterday Helen Wirth, the bank's chief economist, spoke.",
			want: []string{"person:Helen Wirth[bank's chief economist]=Helen Wirth"},
		},
		{
			name: "place inside a title is a mention of its own",
			text: "It was signed by UK Prime Minister Keir Starmer.",
			want: []string{"place:UK=UK", "person:Keir Starmer[UK Prime Minister]=Keir Starmer"},
		},
		{
			name: "leading article and possessive stay out of the span",
			text: "The Netherlands' ports and the United Nations's budget grew.",
			want: []string{"place:Netherlands=Netherlands", "organization:United Nations=United Nations"},
		},
		{
			name: "organization head words with of and and",
			text: "Officials at the Department of Health and Human Services met the University of Leeds.",
			want: []string{
				"organization:Department of Health and Human Services=Department of Health and Human Services",
				"organization:University of Leeds=University of Leeds",
			},
		},
		{
			name: "acronym joins its expansion",
			text: "The International Energy Agency (IEA) warned. The IEA expects growth.",
			want: []string{"organization:International Energy Agency=International Energy Agency|IEA|IEA"},
		},
		{
			name: "demonym adjectives are not entities, plural nationality nouns are other",
			text: "Peruvian farmers and Norwegians met in Oslo.",
			want: []string{"other:Norwegians=Norwegians", "place:Oslo=Oslo"},
		},
		{
			name: "sentence-initial common words are not names",
			text: "Officials in Kenya said. However Nairobi was calm.",
			want: []string{"place:Kenya=Kenya", "place:Nairobi=Nairobi"},
		},
		{
			name: "sea names with of",
			text: "Ships sailed from the Sea of Marmara to the Aegean Sea.",
			want: []string{"place:Sea of Marmara=Sea of Marmara", "place:Aegean Sea=Aegean Sea"},
		},
		{
			name: "events by head word, edition year included",
			text: "She won the 2016 Boston Marathon before the Crimean War memorial opened.",
			want: []string{"event:2016 Boston Marathon=2016 Boston Marathon", "event:Crimean War=Crimean War"},
		},
		{
			name: "hyphenated adjectives are not names",
			text: "The Swiss-made watch and a UK-based firm.",
			want: nil,
		},
		{
			name: "national teams in a sports report are organizations",
			text: "In the match, Chile defeated Peru. Peru's coach praised the goal. The penalty was scored late.",
			want: []string{"organization:Chile=Chile", "organization:Peru=Peru|Peru"},
		},
		{
			name: "a score between two names makes both teams",
			text: "In Group B, Uruguay 2 – 1 Ghana.",
			want: []string{"place:Group B=Group B", "organization:Uruguay=Uruguay", "organization:Ghana=Ghana"},
		},
		{
			name: "a country plays as a team only where a sentence speaks of sport",
			text: "Talks between Chile and Peru resumed in Lima. Separately, Chile beat Peru 2–0 in a football friendly.",
			want: []string{
				"place:Chile=Chile", "organization:Chile=Chile", "place:Peru=Peru", "organization:Peru=Peru", "place:Lima=Lima",
			},
		},
		{
			name: "a club named after its town is the team where it plays and the town elsewhere",
			text: "Tarnwick defeated Ellsby 31–17 in the rugby league on Saturday. Ellsby coach Ian Ross praised his side. The ground is in Ellsby, a town of 9,000.",
			want: []string{
				"organization:Tarnwick=Tarnwick", "organization:Ellsby=Ellsby|Ellsby", "place:Ellsby=Ellsby",
				"person:Ian Ross[coach]=Ian Ross",
			},
		},
		{
			name: "fixture words and rows of a league table",
			text: "Norwich will play at home to Leeds in the cup, and Bristol drew with Cardiff.\n\nStandings:\n1. Tarnwick 10 8 2\n2. Ellsby 10 7 3",
			want: []string{
				"place:Norwich=Norwich", "organization:Leeds=Leeds", "organization:Bristol=Bristol",
				"organization:Cardiff=Cardiff", "organization:Tarnwick=Tarnwick", "organization:Ellsby=Ellsby",
			},
		},
		{
			name: "a country after of is no team, a range of dates no score",
			text: "Karla Voss of Norway won the final. She polled two percent in the October 3–5 Harlow survey.",
			want: []string{"person:Karla Voss=Karla Voss", "place:Norway=Norway", "other:Harlow=Harlow"},
		},
		{
			name: "a surname shared with a city follows the person",
			text: "Author Jane Lyon spoke. Lyon said her next book is set in Madrid.",
			want: []string{"person:Jane Lyon[Author]=Jane Lyon|Lyon", "place:Madrid=Madrid"},
		},
		{
			name: "kind noun types an unknown name",
			text: "The report came from news agency Zorbex and the town of Kelmwick.",
			want: []string{"organization:Zorbex=Zorbex", "place:Kelmwick=Kelmwick"},
		},
		{
			name: "calendar words are not names",
			text: "On Monday in March the council met.",
			want: nil,
		},
		{
			name: "acronym with lowercase letters joins its expansion",
			text: "The East African Community (EAC) met. Later the EAC voted.",
			want: []string{"organization:East African Community=East African Community|EAC|EAC"},
		},
		{
			name: "possessive of a common noun inside an organization name",
			text: "Leaders of the Farmers' Union and the Workers' Party spoke.",
			want: []string{"organization:Farmers' Union=Farmers' Union", "organization:Workers' Party=Workers' Party"},
		},
		{
			name: "plural title ends a name",
			text: "The Council of Ministers approved it.",
			want: []string{"organization:Council of Ministers=Council of Ministers"},
		},
		{
			name: "organization name over several of-phrases, country left apart",
			text: "The Institute for the Study of Ancient Cultures of Chile said.",
			want: []string{
				"organization:Institute for the Study of Ancient Cultures=Institute for the Study of Ancient Cultures",
				"place:Chile=Chile",
			},
		},
		{
			name: "role after a name ends at its title word",
			text: "Marta Ruiz, a regional councillor for the Green list, spoke.",
			want: []string{"person:Marta Ruiz[regional councillor]=Marta Ruiz"},
		},
		{
			name: "organization and person run together without a comma",
			text: "A statement from the Finnish Red Cross Council Anna Virtanen followed.",
			want: []string{"organization:Finnish Red Cross Council=Finnish Red Cross Council", "person:Anna Virtanen=Anna Virtanen"},
		},
		{
			name: "a kind noun before a list types its names",
			text: "Brands such as Velmora, Quintaro and Ostbrand grew. Towns including Harwick and Dunmere flooded.",
			want: []string{
				"organization:Velmora=Velmora", "organization:Quintaro=Quintaro", "organization:Ostbrand=Ostbrand",
				"place:Harwick=Harwick", "place:Dunmere=Dunmere",
			},
		},
		{
			name: "an unknown name in a list of known ones takes their type",
			text: "Delegates came from Peru, Chile and Veranasta.",
			want: []string{"place:Peru=Peru", "place:Chile=Chile", "place:Veranasta=Veranasta"},
		},
		{
			name: "kind noun after a name",
			text: "Floods hit the Kelvara province on Monday.",
			want: []string{"place:Kelvara=Kelvara"},
		},
		{
			name: "a known surname before a thing word is the person",
			text: "Artist Eva Lindqvist sold prints. The Lindqvist Lithographs went on show.",
			want: []string{"person:Eva Lindqvist[Artist]=Eva Lindqvist|Lindqvist"},
		},
		{
			name: "a direction word before a country is left out, a region keeps it",
			text: "Fires burned in West Hungary and across Southern Africa, costing US$5 million.",
			want: []string{"place:Hungary=Hungary", "place:Southern Africa=Southern Africa"},
		},
		{
			name: "title words inside an organization name",
			text: "The case went to the International Court of Justice, said the Minister of Justice.",
			want: []string{"organization:International Court of Justice=International Court of Justice"},
		},
		{
			name: "roles lose their leading article",
			text: "The mayor of Tampere, Lauri Lyly, spoke.",
			want: []string{"place:Tampere=Tampere", "person:Lauri Lyly[mayor of Tampere]=Lauri Lyly"},
		},
		{
			name: "a version number belongs to a product name, not a score to a team",
			text: "Users of Vostrel Browser 9 complained.",
			want: []string{"other:Vostrel Browser 9=Vostrel Browser 9"},
		},
		{
			name: "campus after a university name",
			text: "She teaches at the University of Illinois at Chicago.",
			want: []string{"organization:University of Illinois at Chicago=University of Illinois at Chicago"},
		},
		{
			name: "two words sharing the head after and",
			text: "He visited the National Tram and Ferry Museum.",
			want: []string{"place:National Tram and Ferry Museum=National Tram and Ferry Museum"},
		},
		{
			name: "caption label ends the name",
			text: "The harbour at dusk.\nSunset Image: Ana Souza.",
			want: []string{"person:Ana Souza=Ana Souza"},
		},
		{
			name: "title to a place before a name, without comma",
			text: "A letter from French Ambassador to Norway Claire Dumas arrived.",
			want: []string{"place:Norway=Norway", "person:Claire Dumas[French Ambassador to Norway]=Claire Dumas"},
		},
		{
			name: "a surname without its accents joins the person",
			text: "Minister Zofia Wiśniewska spoke. Wisniewska later left.",
			want: []string{"person:Zofia Wiśniewska[Minister]=Zofia Wiśniewska|Wisniewska"},
		},
		{
			name: "a name typed by its context keeps the type elsewhere",
			text: "Fighting spread in Korval Dasht province. Elders of Korval Dasht met.",
			want: []string{"place:Korval Dasht=Korval Dasht|Korval Dasht"},
		},
		{
			name: "head word before a closing numeral",
			text: "Veterans of the Gulf War II parade met.",
			want: []string{"event:Gulf War II=Gulf War II"},
		},
		{
			name: "an editorial head word in brackets types the name",
			text: "\"Arms went to [the] Halden [Group],\" he said.",
			want: []string{"organization:Halden=Halden"},
		},
		{
			name: "a line in capitals is read like a headline",
			text: "POLICE SAID THE FIRE IN OSLO WAS CONTROLLED.\n\nNobody was hurt.",
			want: []string{"place:OSLO=OSLO"},
		},
		{
			name: "headline words are checked like sentence starts",
			text: "Storm Floods Towns Across Portugal\n\nHeavy rain fell.",
			want: []string{"place:Portugal=Portugal"},
		},
		{
			name: "the opening word of an organization name is its short form",
			text: "The Varnholt Motor Company said on Monday it would cut jobs. Varnholt sold its plant in 2019.",
			want: []string{"organization:Varnholt Motor Company=Varnholt Motor Company|Varnholt"},
		},
		{
			name: "a short form opening a paragraph keeps the full name's type",
			text: "Shares of Quillon Holdings rose.\n\nQuillon later said it would hire.",
			want: []string{"organization:Quillon Holdings=Quillon Holdings|Quillon"},
		},
		{
			name: "a short form that is an everyday word is kept when it opens a sentence",
			text: "Engineers at Tinder Tools Inc. agreed. Tinder also raised prices.",
			want: []string{"organization:Tinder Tools Inc.=Tinder Tools Inc.|Tinder"},
		},
		{
			name: "a guessed person type gives way to the full name's",
			text: "The Dover Steel Corporation grew. Critics of Dover said Dover paid too little.",
			want: []string{"organization:Dover Steel Corporation=Dover Steel Corporation|Dover|Dover"},
		},
		{
			name: "a town named in an organization stays a town",
			text: "Pupils of the Marlow Valley Academy live in Marlow, Texas.",
			want: []string{
				"organization:Marlow Valley Academy=Marlow Valley Academy",
				"place:Marlow=Marlow", "place:Texas=Texas",
			},
		},
		{
			name: "an everyday word after the article is no short form",
			text: "The Liberty Party met. They spoke of the Liberty that they loved.",
			want: []string{"organization:Liberty Party=Liberty Party", "organization:Liberty=Liberty"},
		},
		{
			name: "a generational suffix is left out of short forms",
			text: "Judge Henry Calloway Jr. ruled on Friday. Calloway said the law was clear.\n\nCalloway, 61, retires next year.",
			want: []string{"person:Henry Calloway Jr.[Judge]=Henry Calloway Jr.|Calloway|Calloway"},
		},
		{
			name: "a surname opening a sentence is the person when a verb follows",
			text: "Economist Rosa Baker spoke. Baker said rates would rise. Baker bread sold well.",
			want: []string{"person:Rosa Baker[Economist]=Rosa Baker|Baker"},
		},
		{
			name: "acronym after its expansion, also first in a sentence",
			text: "The Food Safety Board of Ruritania (FSBR) warned consumers. FSBR said tests continue.",
			want: []string{
				"organization:Food Safety Board of Ruritania=Food Safety Board of Ruritania|FSBR|FSBR",
			},
		},
		{
			name: "an apposition that titles the next name is no role of the name before",
			text: "In a letter to Corvane, the union's lawyer Ida Holm said so.",
			want: []string{"place:Corvane=Corvane", "person:Ida Holm[lawyer]=Ida Holm"},
		},
		{
			name: "a title's domain runs on over and up to the name",
			text: "Minister of Trade and Regional Cooperation Olga Berzina spoke. Secretary of State for Housing and Local Government Oscar Lindqvist met Deputy Prime Minister and Minister for Economy Petra Hals.",
			want: []string{
				"person:Olga Berzina[Minister of Trade and Regional Cooperation]=Olga Berzina",
				"person:Oscar Lindqvist[Secretary of State for Housing and Local Government]=Oscar Lindqvist",
				"person:Petra Hals[Deputy Prime Minister and Minister for Economy]=Petra Hals",
			},
		},
		{
			name: "a title with its domain before a name is no organization",
			text: "Speaker of the Assembly Maria Lund opened the session.",
			want: []string{"organization:Assembly=Assembly", "person:Maria Lund[Speaker of the Assembly]=Maria Lund"},
		},
		{
			name: "a title's domain of everyday words alone is a role",
			text: "The Minister of Health and Welfare said so.",
			want: nil,
		},
		{
			name: "forms of address of other languages stay out of the name",
			text: "Mme Odile Ferrand met Herr Jonas Albrecht, Shri Vikram Rao and Smt. Lata Iyer.",
			want: []string{
				"person:Odile Ferrand=Odile Ferrand", "person:Jonas Albrecht=Jonas Albrecht",
				"person:Vikram Rao=Vikram Rao", "person:Lata Iyer=Lata Iyer",
			},
		},
		{
			name: "a multi-word title before a name",
			text: "Deputy Regional Development Minister Ilse Moro visited.",
			want: []string{"person:Ilse Moro[Deputy Regional Development Minister]=Ilse Moro"},
		},
		{
			name: "a plural possessive opens an organization, not a title",
			text: "The Catholic Bishops' Conference of Ruritania and the Farmers' Union of Wales met at Saddlers' Hall.",
			want: []string{
				"organization:Catholic Bishops' Conference of Ruritania=Catholic Bishops' Conference of Ruritania",
				"organization:Farmers' Union of Wales=Farmers' Union of Wales",
				"place:Saddlers' Hall=Saddlers' Hall",
			},
		},
		{
			name: "a singular possessive of a place is no part of a place name",
			text: "Pilgrims filled Mecca's Grand Mosque.",
			want: []string{"place:Mecca=Mecca", "place:Grand Mosque=Grand Mosque"},
		},
		{
			name: "a gazetteer adjective before a title is not read as a title",
			text: "Sri Lankan President Anura Dias spoke.",
			want: []string{"person:Anura Dias[Sri Lankan President]=Anura Dias"},
		},
		{
			name: "a title before an acronym of an organization keeps the acronym",
			text: "Ana Rios, the Director-General of the WHO, spoke.",
			want: []string{"person:Ana Rios[Director-General of the WHO]=Ana Rios", "organization:WHO=WHO"},
		},
		{
			name: "a retail brand without a head word is an organization",
			text: "Shoppers left Walgreens and Lidl for the market.",
			want: []string{"organization:Walgreens=Walgreens", "organization:Lidl=Lidl"},
		},
		{
			name: "a known organization's branch in a market is one organization",
			text: "Staff of Lidl Nederland and of BBC Scotland spoke, as did a Volvo XC60 driver.",
			want: []string{
				"organization:Lidl Nederland=Lidl Nederland", "organization:BBC Scotland=BBC Scotland",
				"other:Volvo XC60=Volvo XC60",
			},
		},
		{
			name: "a title's domain names a place and then the person",
			text: "Governor of Quinta Oblast Ivo Marek met President of Ukraine Olena Hrytsenko.",
			want: []string{
				"place:Quinta Oblast=Quinta Oblast", "person:Ivo Marek[Governor of Quinta Oblast]=Ivo Marek",
				"place:Ukraine=Ukraine", "person:Olena Hrytsenko[President of Ukraine]=Olena Hrytsenko",
			},
		},
		{
			name: "a title's domain after the article with a head word is a name",
			text: "The Speaker of the House of Delegates said so.",
			want: []string{"organization:House of Delegates=House of Delegates"},
		},
		{
			name: "an organization's name keeps the country it is of",
			text: "The Parliament of Ruritania met the Central Bank of Norway.",
			want: []string{
				"organization:Parliament of Ruritania=Parliament of Ruritania",
				"organization:Central Bank of Norway=Central Bank of Norway",
			},
		},
		{
			name: "organization names go on over on, of, for and and",
			text: "The Office of Fair Trading and Consumer Protection and the Institute for Research on Migration met the Council on Coastal Affairs.",
			want: []string{
				"organization:Office of Fair Trading and Consumer Protection=Office of Fair Trading and Consumer Protection",
				"organization:Institute for Research on Migration=Institute for Research on Migration",
				"organization:Council on Coastal Affairs=Council on Coastal Affairs",
			},
		},
		{
			name: "an ordinal numbers an organization, a year does not",
			text: "The 42nd Legislative Assembly sat while the 2019 Provincial Assembly waited.",
			want: []string{
				"organization:42nd Legislative Assembly=42nd Legislative Assembly",
				"organization:Provincial Assembly=Provincial Assembly",
			},
		},
		{
			name: "a capitalised name with a top-level domain is a web site",
			text: "Prices fell, according to Pricewise.com and Kelpie.co.uk.",
			want: []string{"organization:Pricewise.com=Pricewise.com", "organization:Kelpie.co.uk=Kelpie.co.uk"},
		},
		{
			name: "an apposition with a kind noun types a name with no head word",
			text: "Prices rose, according to Valdrin Kessup, a price comparison site, on Monday.",
			want: []string{"organization:Valdrin Kessup=Valdrin Kessup"},
		},
		{
			name: "told The, a source's frame, makes an outlet",
			text: "The minister told The Lantern that talks failed.",
			want: []string{"organization:Lantern=Lantern"},
		},
		{
			name: "a name that reports of its own is an organization",
			text: "Harrowvale Dunmore said its profits fell.",
			want: []string{"organization:Harrowvale Dunmore=Harrowvale Dunmore"},
		},
		{
			name: "what a name owns tells its kind",
			text: "Quellbrook Tessary shares fell while Ondrej Vasko's wife watched.",
			want: []string{"organization:Quellbrook Tessary=Quellbrook Tessary", "person:Ondrej Vasko=Ondrej Vasko"},
		},
		{
			name: "who makes a person, which does not",
			text: "Talks with Tarsk Velmi, who chairs the board, and with Orvel Quaddin, which owns the mine, went on.",
			want: []string{"person:Tarsk Velmi=Tarsk Velmi", "other:Orvel Quaddin=Orvel Quaddin"},
		},
	}
	r := recognizer(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := []rune(tc.text)
			got := r.Find(text, nil)
			checkEntities(t, text, got)
			if diff := cmp.Diff(tc.want, brief(got)); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

func TestFindDeterministic(t *testing.T) {
	r := recognizer(t)
	text := []rune("Swedish Prime Minister Ulf Kristersson met NATO officials in Brussels. Kristersson said the Alliance was united.")
	first := brief(r.Find(text, nil))
	for i := 0; i < 20; i++ {
		if diff := cmp.Diff(first, brief(r.Find(text, nil))); diff != "" {
			t.Fatalf("run %d differs (-first +now):\n%s", i, diff)
		}
	}
}

func TestFindConcurrent(t *testing.T) {
	r := recognizer(t)
	text := []rune("Mayor Anne Hidalgo of Paris met the Red Cross in Geneva.")
	want := brief(r.Find(text, nil))
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if diff := cmp.Diff(want, brief(r.Find(text, nil))); diff != "" {
				t.Errorf("concurrent run differs:\n%s", diff)
			}
		}()
	}
	wg.Wait()
}

func TestIsNumeral(t *testing.T) {
	for w, want := range map[string]bool{
		"II": true, "IV": true, "XVII": true, "XXXIX": true, "VI": true, "2019": true,
		"I": false, "ICC": false, "DC": false, "XL": false, "IVI": false, "CIA": false, "VIP": false,
	} {
		if got := isNumeral(w); got != want {
			t.Errorf("isNumeral(%q) = %v, want %v", w, got, want)
		}
	}
}
