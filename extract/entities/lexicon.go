package entities

import (
	"bytes"
	"embed"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"

	"github.com/docset/docset/extract/internal/lexindex"
)

//go:generate go run ./internal/gen -out data
//go:generate go run ../internal/lexindex/gen data/words.txt data/nameparts.txt data/firstnames.txt data/personnouns.txt data/places.tsv data/brands.tsv

// data holds the knowledge files: generated ones at the top of data/ and
// project-curated ones under data/curated/ (see data/README.md).
//
//go:embed data/*.txt data/*.tsv data/curated/*.txt data/curated/*.tsv
var data embed.FS

// The large generated lists are embedded as strings too (the compiler
// stores each file once), which are used where they lie in the binary,
// while reading a file of data copies it; each comes with the index that
// go generate built of it (lexindex), so that they are looked up as they
// are, with nothing read, built or kept for the garbage collector at
// start-up.
var (
	//go:embed data/words.txt
	wordsText string
	//go:embed data/words.idx
	wordsIndex string
	//go:embed data/nameparts.txt
	namePartsText string
	//go:embed data/nameparts.idx
	namePartsIndex string
	//go:embed data/firstnames.txt
	firstNamesText string
	//go:embed data/firstnames.idx
	firstNamesIndex string
	//go:embed data/personnouns.txt
	personNounsText string
	//go:embed data/personnouns.idx
	personNounsIndex string
	//go:embed data/places.tsv
	placesText string
	//go:embed data/places.idx
	placesIndex string
	//go:embed data/brands.tsv
	brandsText string
	//go:embed data/brands.idx
	brandsIndex string
)

// indexedFile is a knowledge file looked up through its index.
type indexedFile struct {
	name, text, index string
	dst               **lexindex.Table
}

// indexedFiles lists the files lx looks up through their index.
func (lx *lexicon) indexedFiles() []indexedFile {
	return []indexedFile{
		{"data/words.txt", wordsText, wordsIndex, &lx.words},
		{"data/nameparts.txt", namePartsText, namePartsIndex, &lx.nameParts},
		{"data/firstnames.txt", firstNamesText, firstNamesIndex, &lx.firstNames},
		{"data/personnouns.txt", personNounsText, personNounsIndex, &lx.personNouns},
		{"data/places.tsv", placesText, placesIndex, &lx.places.list},
		{"data/brands.tsv", brandsText, brandsIndex, &lx.orgs.list},
	}
}

// lexicon is the read-only knowledge a Recognizer consults. Keys of the
// word-class sets are lowercase where the comment says so; names keep
// their case because case is what tells "Turkey" from "turkey".
type lexicon struct {
	words           *lexindex.Table   // lowercase dictionary words
	firstNames      *lexindex.Table   // given names
	places          gazetteer         // place name -> subtype
	demonyms        map[string]string // "Afghan" -> "Afghanistan"
	plurals         map[string]bool   // "Afghans": a nationality as a group
	orgs            gazetteer         // known organization -> subtype
	titles          map[string]bool   // lowercase title words
	titleMods       map[string]bool   // lowercase words allowed inside a title
	abbrevs         map[string]bool   // abbreviations keeping their dot
	timeWords       map[string]bool   // calendar words
	nonNames        map[string]bool   // capitalised words that never name
	orgHeads        map[string]string // head word -> subtype
	placeHeads      map[string]string // head word -> subtype
	placeOpeners    map[string]string // opening word -> subtype
	eventHeads      map[string]bool
	eventOpeners    map[string]bool
	groups          map[string]bool   // "Muslim": an adjective like a demonym
	compass         map[string]bool   // "North", "Southern"
	languages       map[string]bool   // "English", "Swahili"
	innerHeads      map[string]bool   // organization words that count anywhere in a name
	sports          map[string]bool   // words of sports reports
	teamBefore      map[string]bool   // "against", "drew with": before a team's name
	teamAfter       map[string]bool   // "defeated": after a team's name
	teamOwner       map[string]bool   // "coach" in "Sweden's coach"
	honorifics      map[string]bool   // "Mr.", "Mrs."
	kindNouns       map[string]known  // "news agency" -> organization, news agency
	adjTails        map[string]bool   // "made" in "Swiss-made"
	placePreps      map[string]string // preposition -> "strong" or ""
	particles       map[string]bool   // "de", "van", "al" inside names
	reporting       map[string]bool   // "said", "told"
	labels          map[string]bool   // "Image" in "Image: J. Doe"
	nameSuffixes    map[string]bool   // "Jr.", "III" after a personal name
	clauseWords     map[string]bool   // "has", "also": words going on after a subject
	nameParts       *lexindex.Table   // given names and surnames of many languages
	tlds            map[string]bool   // "com", "uk": top-level domains
	personCues      map[string]bool   // "wife" in "Ivanov's wife"
	orgCues         map[string]bool   // "shares" in "Harrowfield shares"
	personNouns     *lexindex.Table   // "aunt", "photojournalist": nouns naming a person
	partyNouns      map[string]bool   // "supplier", "member": person nouns that name bodies as often
	personVerbs     map[string]bool   // "died", "was born": said of people only
	acronyms        map[string]bool   // "HIV", "DNA": acronyms of things, no bodies
	bodyBefore      map[string]bool   // "shares in", "chief executive of": before a body's name
	bodyVerbs       map[string]bool   // "laid off", "was founded": said of bodies after their name
	backNouns       map[string]bool   // "company" in "the company": takes up a body's name
	playerVerbs     map[string]bool   // "was booked", "scored a header": said of players
	pinyin          map[string]bool   // "jin", "ping": Mandarin syllables without tones
	chineseSurnames map[string]bool   // "Xi", "Zhang": Chinese surnames in pinyin
	irregularVerbs  map[string]bool   // "laid", "sold": past forms not ending in -ed
	outletTails     map[string]bool   // "Star" in "Toronto Star": a newspaper after a place
	placePlurals    map[string]bool   // "Keys" in "Florida Keys": more of a place, no body
}

func loadLexicon() (*lexicon, error) {
	lx := &lexicon{plurals: map[string]bool{}}
	for _, f := range lx.indexedFiles() {
		t, err := lexindex.Load(f.text, f.index)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		*f.dst = t
	}
	sets := []struct {
		file  string
		lower bool
		dst   *map[string]bool
	}{
		{"data/curated/titles.txt", true, &lx.titles},
		{"data/curated/title_modifiers.txt", true, &lx.titleMods},
		{"data/curated/abbreviations.txt", false, &lx.abbrevs},
		{"data/curated/timewords.txt", false, &lx.timeWords},
		{"data/curated/nonnames.txt", false, &lx.nonNames},
		{"data/curated/event_heads.txt", false, &lx.eventHeads},
		{"data/curated/event_openers.txt", false, &lx.eventOpeners},
		{"data/curated/groups.txt", false, &lx.groups},
		{"data/curated/compass.txt", false, &lx.compass},
		{"data/languages.txt", false, &lx.languages},
		{"data/curated/sports.txt", false, &lx.sports},
		{"data/curated/honorifics.txt", false, &lx.honorifics},
		{"data/curated/adjective_tails.txt", false, &lx.adjTails},
		{"data/curated/name_particles.txt", false, &lx.particles},
		{"data/curated/reporting_verbs.txt", false, &lx.reporting},
		{"data/curated/caption_labels.txt", false, &lx.labels},
		{"data/curated/name_suffixes.txt", false, &lx.nameSuffixes},
		{"data/curated/clause_words.txt", false, &lx.clauseWords},
		{"data/tlds.txt", false, &lx.tlds},
		{"data/curated/person_cues.txt", false, &lx.personCues},
		{"data/curated/org_cues.txt", false, &lx.orgCues},
		{"data/curated/party_nouns.txt", false, &lx.partyNouns},
		{"data/curated/person_verbs.txt", false, &lx.personVerbs},
		{"data/acronyms.txt", false, &lx.acronyms},
		{"data/curated/body_before.txt", false, &lx.bodyBefore},
		{"data/curated/body_verbs.txt", false, &lx.bodyVerbs},
		{"data/curated/player_verbs.txt", false, &lx.playerVerbs},
		{"data/pinyin.txt", false, &lx.pinyin},
		{"data/chinesesurnames.txt", false, &lx.chineseSurnames},
		{"data/irregularverbs.txt", false, &lx.irregularVerbs},
		{"data/curated/outlet_tails.txt", false, &lx.outletTails},
		{"data/curated/place_plurals.txt", false, &lx.placePlurals},
	}
	for _, s := range sets {
		// Sized up front: growing maps of tens of thousands of words is
		// most of what loading costs.
		m := make(map[string]bool, dataLines(s.file))
		if err := readData(s.file, func(f []string) {
			k := f[0]
			if s.lower {
				k = strings.ToLower(k)
			}
			m[k] = true
		}); err != nil {
			return nil, err
		}
		*s.dst = m
	}
	maps := []struct {
		file string
		dst  *map[string]string
	}{
		{"data/curated/places.tsv", &lx.places.curated},
		{"data/demonyms.tsv", &lx.demonyms},
		{"data/curated/orgs.tsv", &lx.orgs.curated},
		{"data/curated/org_heads.txt", &lx.orgHeads},
		{"data/curated/place_heads.txt", &lx.placeHeads},
		{"data/curated/place_openers.txt", &lx.placeOpeners},
		{"data/curated/place_prepositions.txt", &lx.placePreps},
	}
	for _, s := range maps {
		if *s.dst == nil {
			*s.dst = make(map[string]string, dataLines(s.file))
		}
		m := *s.dst
		if err := readData(s.file, func(f []string) {
			v := ""
			if len(f) > 1 {
				v = f[1]
			}
			m[f[0]] = v
		}); err != nil {
			return nil, err
		}
	}
	lx.kindNouns, lx.backNouns = map[string]known{}, map[string]bool{}
	if err := readData("data/curated/kind_nouns.txt", func(f []string) {
		if len(f) < 2 {
			return
		}
		k := known{typ: f[1]}
		if len(f) > 2 {
			k.subtype = f[2]
		}
		if len(f) > 3 && f[3] == "back" {
			lx.backNouns[f[0]] = true
		}
		lx.kindNouns[f[0]] = k
	}); err != nil {
		return nil, err
	}
	lx.teamBefore, lx.teamAfter, lx.teamOwner = map[string]bool{}, map[string]bool{}, map[string]bool{}
	if err := readData("data/curated/team_cues.txt", func(f []string) {
		if len(f) < 2 {
			return
		}
		switch f[1] {
		case "before":
			lx.teamBefore[f[0]] = true
		case "after":
			lx.teamAfter[f[0]] = true
		case "owner":
			lx.teamOwner[f[0]] = true
		}
	}); err != nil {
		return nil, err
	}
	lx.innerHeads = map[string]bool{}
	if err := readData("data/curated/org_heads.txt", func(f []string) {
		if len(f) > 2 && f[2] == "inner" {
			lx.innerHeads[f[0]] = true
		}
	}); err != nil {
		return nil, err
	}
	for g := range lx.groups {
		lx.demonyms[g] = ""
	}
	for d := range lx.demonyms {
		if strings.HasSuffix(d, "ese") || strings.HasSuffix(d, "ish") || strings.HasSuffix(d, "ch") {
			continue // "Chinese", "British", "French" have no -s plural
		}
		lx.plurals[d+"s"] = true
	}
	return lx, nil
}

// dataLines counts the lines of an embedded file, a size hint for the
// map it fills (0 when the file cannot be read; readData reports that).
func dataLines(name string) int {
	b, err := data.ReadFile(name)
	if err != nil {
		return 0
	}
	return bytes.Count(b, []byte{'\n'})
}

// readData calls fn with the tab-separated fields of every line of an
// embedded file, skipping blank lines and # comments. The file is read
// whole into one string that the fields are cut from, so that its tens
// of thousands of lines cost no allocation each.
func readData(name string, fn func([]string)) error {
	b, err := data.ReadFile(name)
	if err != nil {
		return fmt.Errorf("open %s: %w", name, err)
	}
	text := string(b)
	var fields []string
	for line := 1; text != ""; line++ {
		var t string
		t, text, _ = strings.Cut(text, "\n")
		t = strings.TrimRight(t, " \r")
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		fields = fields[:0]
		for {
			f, rest, more := strings.Cut(t, "\t")
			fields = append(fields, f)
			if !more {
				break
			}
			t = rest
		}
		if fields[0] == "" {
			return fmt.Errorf("%s:%d: empty name", name, line)
		}
		fn(fields)
	}
	return nil
}

// isCommon reports whether a capitalised word is also an everyday
// lowercase word, so that at a sentence start it says nothing about a name.
func (lx *lexicon) isCommon(w string) bool {
	return lx.nonNames[w] || lx.words.Has(lowerWord(w))
}

// common is isCommon for a token, whose lowercase form is at hand. Rules
// ask it of the same tokens again and again, so the answer is kept in the
// token.
func (lx *lexicon) common(t *token) bool {
	if t.common == memoUnknown {
		t.common = memoOf(lx.nonNames[t.text] || lx.words.Has(t.low))
	}
	return t.common == memoFound
}

// known reports whether a name is in one of the gazetteers.
func (lx *lexicon) known(name string) bool {
	return lx.places.has(name) || lx.orgs.has(name)
}

// kindPlural looks up a plural kind noun ("companies", "cities").
func (lx *lexicon) kindPlural(w string) (known, bool) {
	for _, sg := range []string{strings.TrimSuffix(w, "ies") + "y", strings.TrimSuffix(w, "es"), strings.TrimSuffix(w, "s")} {
		if sg != w {
			if k, ok := lx.kindNouns[sg]; ok {
				return k, true
			}
		}
	}
	return known{}, false
}

// gazetteer is a generated list of names with their subtypes, looked up
// through its index, and the project's curated list, whose entries win.
type gazetteer struct {
	list    *lexindex.Table
	curated map[string]string
}

// get returns the subtype of a known name.
func (g *gazetteer) get(name string) (string, bool) {
	if st, ok := g.curated[name]; ok {
		return st, true
	}
	return g.list.Value(name)
}

func (g *gazetteer) has(name string) bool {
	_, ok := g.get(name)
	return ok
}

// subtype is get's subtype alone: "" for an unknown name.
func (g *gazetteer) subtype(name string) string {
	st, _ := g.get(name)
	return st
}

// all yields every name with its subtype, in byte order of the names:
// the generated list, which internal/gen writes sorted (a test holds it
// to that), merged with the curated names, which replace generated ones
// of their name.
func (g *gazetteer) all() iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		curated := slices.Sorted(maps.Keys(g.curated))
		for name, st := range g.list.All() {
			for len(curated) > 0 && curated[0] < name {
				if !yield(curated[0], g.curated[curated[0]]) {
					return
				}
				curated = curated[1:]
			}
			if len(curated) > 0 && curated[0] == name {
				st, curated = g.curated[name], curated[1:]
			}
			if !yield(name, st) {
				return
			}
		}
		for _, name := range curated {
			if !yield(name, g.curated[name]) {
				return
			}
		}
	}
}
