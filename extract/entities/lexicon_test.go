package entities

import (
	"slices"
	"testing"

	"github.com/docset/docset/extract/internal/lex"
	"github.com/docset/docset/extract/internal/lexindex"
)

// TestIndexesCurrent: each large generated list comes with the index of
// its present text, so that no process builds one at start-up, or looks a
// word up in an index of another version of the list.
func TestIndexesCurrent(t *testing.T) {
	var lx lexicon
	for _, f := range lx.indexedFiles() {
		idx, err := lexindex.Build(f.text)
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		if string(idx) != f.index {
			t.Errorf("%s: its index is not the index of the file; run go generate ./extract/entities", f.name)
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
	for _, g := range []*gazetteer{&lx.places, &lx.orgs} {
		for name := range g.all() {
			names = append(names, name)
		}
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

// TestGazetteersSorted: gazetteer.all merges the generated lists with the
// curated names as they come, sorted.
func TestGazetteersSorted(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []*gazetteer{&lx.places, &lx.orgs} {
		prev := ""
		for name := range g.list.All() {
			if name <= prev {
				t.Fatalf("%q comes after %q: the generated lists must be sorted", name, prev)
			}
			prev = name
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
	g := gazetteer{list: list, curated: map[string]string{"Gamma": "region", "Beta": "", "Omega": "city", "Aa": "city", "Zz": ""}}
	var got []string
	for name, st := range g.all() {
		got = append(got, name+"="+st)
	}
	want := []string{"Aa=city", "Alpha=city", "Beta=", "Gamma=region", "Omega=city", "Zeta=city", "Zz="}
	if !slices.Equal(got, want) {
		t.Errorf("all() = %q\nwant %q", got, want)
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
