package entities

import (
	"slices"
	"testing"

	"github.com/docset/docset/extract/internal/lex"
	"github.com/docset/docset/extract/internal/lexindex"
)

// TestIndexesCurrent: each large generated list comes with the index of
// its present text, so that no process builds one at start-up.
func TestIndexesCurrent(t *testing.T) {
	var lx lexicon
	for _, f := range lx.indexedFiles() {
		tab, err := lexindex.Load(f.text, f.index)
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		if tab.Built() {
			t.Errorf("%s: its index was built from another version of the file; run go generate ./extract/entities", f.name)
		}
	}
}

// TestNameTokens: the tokens of every gazetteer name, taken as plain words
// where they are, are those the tokenizer gives.
func TestNameTokens(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range slices.Concat(lx.places.entries(), lx.orgs.entries()) {
		names = append(names, e.name)
	}
	for name := range lx.demonyms {
		names = append(names, name)
	}
	var nt nameTokens
	for _, name := range names {
		words, key := nt.split(name, lx)
		toks := tokenize(lex.NewText([]rune(name), name), lx)
		var want []string
		for _, t := range toks {
			want = append(want, t.text)
		}
		if !slices.Equal(words, want) || len(toks) > 0 && key != joinTokens(toks) {
			t.Errorf("%q: split gives %q, key %q; tokenize %q, key %q", name, words, key, want, joinTokens(toks))
		}
	}
}

func TestGazetteerEntries(t *testing.T) {
	text := "Alpha\tcity\nGamma\tcountry\nZeta\tcity\n"
	idx, err := lexindex.Build(text)
	if err != nil {
		t.Fatal(err)
	}
	list, err := lexindex.Load(text, string(idx))
	if err != nil {
		t.Fatal(err)
	}
	g := gazetteer{list: list, curated: map[string]string{"Gamma": "region", "Beta": "", "Omega": "city"}}
	got := g.entries()
	want := []entry{{"Alpha", "city"}, {"Beta", ""}, {"Gamma", "region"}, {"Omega", "city"}, {"Zeta", "city"}}
	if !slices.Equal(got, want) {
		t.Errorf("entries() = %v\nwant %v", got, want)
	}
	for _, tc := range []struct {
		name, subtype string
		ok            bool
	}{{"Gamma", "region", true}, {"Beta", "", true}, {"Alpha", "city", true}, {"Delta", "", false}} {
		if st, ok := g.get(tc.name); st != tc.subtype || ok != tc.ok {
			t.Errorf("get(%q) = %q, %v; want %q, %v", tc.name, st, ok, tc.subtype, tc.ok)
		}
	}
}
