package exporters

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/piprate/json-gold/ld"
)

// The JSON-LD export is checked with json-gold, the reference Go JSON-LD
// processor, fed the schema.org context from ../shared/vocab: nothing is
// fetched, so the tests show the export works without a network.

const (
	schemaNS = "http://schema.org/"
	oaNS     = "http://www.w3.org/ns/oa#"
	xsdNS    = "http://www.w3.org/2001/XMLSchema#"
)

// offlineLoader serves the local schema.org context for every address
// schema.org's context is known by and refuses anything else.
type offlineLoader struct {
	context any
}

func (l offlineLoader) LoadDocument(u string) (*ld.RemoteDocument, error) {
	switch strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://"), "/") {
	case "schema.org", "schema.org/docs/jsonldcontext.json", "schema.org/docs/jsonldcontext.jsonld":
		return &ld.RemoteDocument{DocumentURL: u, Document: l.context}, nil
	}
	return nil, ld.NewJsonLdError(ld.LoadingDocumentFailed, fmt.Sprintf("refusing to load %s: the tests run offline", u))
}

// vocabulary is the set of terms the export may use: schema.org 30.0 and
// the Web Annotation vocabulary, by full IRI, with their kind.
type vocabulary map[string]string

// ldSetup is loaded once per test binary: the files are large.
var ldSetup = sync.OnceValues(func() (*ldEnv, error) {
	return loadLDEnv()
})

type ldEnv struct {
	loader offlineLoader
	vocab  vocabulary
}

// sharedVocab is ../shared/vocab, found from the repository root.
func sharedVocab(t testing.TB) string {
	t.Helper()
	return sharedDir(t, "vocab")
}

func loadLDEnv() (*ldEnv, error) {
	dir, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		if filepath.Dir(dir) == dir {
			return nil, fmt.Errorf("no go.mod above the test directory")
		}
		dir = filepath.Dir(dir)
	}
	vocabDir := filepath.Join(filepath.Dir(dir), "shared", "vocab")
	f, err := os.Open(filepath.Join(vocabDir, "schemaorg", "schemaorgcontext.jsonld"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ctx, err := ld.DocumentFromReader(f)
	if err != nil {
		return nil, fmt.Errorf("schema.org context: %w", err)
	}
	v := vocabulary{}
	if err := v.load(filepath.Join(vocabDir, "schemaorg", "schemaorg-current-https.jsonld"), "schema:", schemaNS, "@type"); err != nil {
		return nil, err
	}
	if err := v.load(filepath.Join(vocabDir, "w3c-anno", "oa.jsonld"), "oa:", oaNS, "type"); err != nil {
		return nil, err
	}
	return &ldEnv{loader: offlineLoader{context: ctx}, vocab: v}, nil
}

// load reads the terms of a vocabulary file whose @graph names them
// PREFIX:Name and types them rdfs:Class, rdf:Property, schema:DataType or
// an instance of a class (an enumeration member, an oa motivation).
func (v vocabulary) load(path, prefix, ns, typeKey string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var doc struct {
		Graph []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	idKey := "@id"
	if typeKey == "type" {
		idKey = "id"
	}
	for _, n := range doc.Graph {
		id, _ := n[idKey].(string)
		if !strings.HasPrefix(id, prefix) {
			continue
		}
		var types []string
		switch ty := n[typeKey].(type) {
		case string:
			types = []string{ty}
		case []any:
			for _, x := range ty {
				s, _ := x.(string)
				types = append(types, s)
			}
		}
		kind := "instance"
		switch {
		case slices.Contains(types, "schema:DataType"):
			kind = "datatype"
		case slices.Contains(types, "rdfs:Class"):
			kind = "class"
		case slices.Contains(types, "rdf:Property"):
			kind = "property"
		}
		v[ns+strings.TrimPrefix(id, prefix)] = kind
	}
	if len(v) == 0 {
		return fmt.Errorf("%s: no terms", path)
	}
	return nil
}

func ldEnvironment(t testing.TB) *ldEnv {
	t.Helper()
	sharedVocab(t)
	env, err := ldSetup()
	if err != nil {
		t.Fatal(err)
	}
	return env
}

func ldOptions(env *ldEnv) *ld.JsonLdOptions {
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = env.loader
	// Safe mode makes json-gold fail instead of silently dropping a key
	// that maps to no IRI.
	opts.SafeMode = true
	return opts
}

// checkExpansion expands doc with json-gold and checks that no key is
// lost: the keys of the compact document, each expanded through the
// document's own context, are exactly the keys of the expanded one, and
// every term is a schema.org or Web Annotation term of the right kind.
func checkExpansion(t *testing.T, doc []byte) {
	t.Helper()
	env := ldEnvironment(t)
	var compact map[string]any
	if err := json.Unmarshal(doc, &compact); err != nil {
		t.Fatal(err)
	}
	opts := ldOptions(env)
	expanded, err := ld.NewJsonLdProcessor().Expand(compact, opts)
	if err != nil {
		t.Fatalf("json-gold expand: %v", err)
	}
	active, err := ld.NewContext(nil, opts).Parse(compact["@context"])
	if err != nil {
		t.Fatalf("json-gold context: %v", err)
	}
	want := map[string]int{}
	walkKeys(compact["@graph"], func(k string) {
		iri, err := active.ExpandIri(k, false, true, nil, nil)
		if err != nil {
			t.Errorf("key %q: %v", k, err)
		}
		want[iri]++
	})
	got := map[string]int{}
	walkKeys(expanded, func(k string) { got[k]++ })
	for iri, n := range want {
		if got[iri] != n {
			t.Errorf("%s: %d keys in the document, %d after expansion", iri, n, got[iri])
		}
	}
	for iri, n := range got {
		if want[iri] == 0 {
			t.Errorf("%s: %d keys after expansion that the document does not have", iri, n)
		}
	}
	if len(got) == 0 {
		t.Fatal("the expanded document has no properties")
	}
	checkTerms(t, env.vocab, expanded)
}

// walkKeys calls fn with every key of every object in v that is not a
// JSON-LD keyword.
func walkKeys(v any, fn func(string)) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if !strings.HasPrefix(k, "@") {
				fn(k)
			}
			walkKeys(x, fn)
		}
	case []any:
		for _, x := range v {
			walkKeys(x, fn)
		}
	}
}

// checkTerms checks the predicates, classes, datatypes and vocabulary IRIs
// of an expanded document against the vocabularies.
func checkTerms(t *testing.T, vocab vocabulary, v any) {
	t.Helper()
	seen := map[string]bool{}
	report := func(iri, want string) {
		if seen[iri+want] {
			return
		}
		seen[iri+want] = true
		norm := strings.Replace(iri, "https://schema.org/", schemaNS, 1)
		if !strings.HasPrefix(norm, schemaNS) && !strings.HasPrefix(norm, oaNS) {
			if want == "datatype" && strings.HasPrefix(iri, xsdNS) {
				return
			}
			t.Errorf("%s (%s) is in neither schema.org nor the oa namespace", iri, want)
			return
		}
		got, ok := vocab[norm]
		switch {
		case !ok:
			t.Errorf("unknown %s %s", want, iri)
		case want == "class" && got != "class" && got != "datatype":
			t.Errorf("%s is used as a class but is a %s", iri, got)
		case want != "class" && want != "any" && got != want:
			t.Errorf("%s is used as a %s but is a %s", iri, want, got)
		}
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			_, isValue := v["@value"]
			for k, x := range v {
				switch {
				case k == "@type" && isValue:
					report(x.(string), "datatype")
				case k == "@type":
					for _, c := range x.([]any) {
						report(c.(string), "class")
					}
				case k == "@id":
					if s := x.(string); strings.HasPrefix(s, schemaNS) || strings.HasPrefix(s, oaNS) {
						report(s, "any")
					}
				case !strings.HasPrefix(k, "@"):
					report(k, "property")
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
}

// countQuads converts doc to N-Quads with json-gold and counts the
// distinct quads.
func countQuads(t testing.TB, doc []byte) int {
	t.Helper()
	env := ldEnvironment(t)
	var compact any
	if err := json.Unmarshal(doc, &compact); err != nil {
		t.Fatal(err)
	}
	opts := ldOptions(env)
	opts.Format = "application/n-quads"
	nq, err := ld.NewJsonLdProcessor().ToRDF(compact, opts)
	if err != nil {
		t.Fatalf("json-gold toRDF: %v", err)
	}
	lines := map[string]bool{}
	for _, l := range strings.Split(nq.(string), "\n") {
		if l != "" {
			lines[l] = true
		}
	}
	return len(lines)
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestJSONLDExpand(t *testing.T) {
	checkExpansion(t, writeJSONLD(t, Options{}, testDataset(t)))
}

// TestOfflineLoader shows the loader refuses the network, so the checks
// above cannot pass by fetching a context.
func TestOfflineLoader(t *testing.T) {
	env := ldEnvironment(t)
	for _, u := range []string{"https://schema.org/", "http://schema.org", "https://schema.org/docs/jsonldcontext.jsonld"} {
		if _, err := env.loader.LoadDocument(u); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}
	doc := []byte(`{"@context": "https://example.org/context.jsonld", "@id": "https://x.invalid/a", "name": "x"}`)
	var v any
	json.Unmarshal(doc, &v)
	if _, err := ld.NewJsonLdProcessor().Expand(v, ldOptions(env)); err == nil || !strings.Contains(err.Error(), "refusing to load") {
		t.Errorf("expanding with a remote context: got %v, want a refusal", err)
	}
	// A key that no term, prefix or @vocab maps must fail, not vanish.
	doc = []byte(`{"@context": {"name": "http://schema.org/name"}, "@id": "https://x.invalid/a", "name": "x", "nmae": "y"}`)
	json.Unmarshal(doc, &v)
	if _, err := ld.NewJsonLdProcessor().Expand(v, ldOptions(env)); err == nil {
		t.Error("a dropped key expanded without error")
	}
}
