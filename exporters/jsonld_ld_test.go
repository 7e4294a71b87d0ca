package exporters

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
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

// checkExpansion fails t with every problem expansionProblems finds.
func checkExpansion(t *testing.T, doc []byte) {
	t.Helper()
	env := ldEnvironment(t)
	for _, p := range expansionProblems(env, doc) {
		t.Error(p)
	}
}

// expansionProblems expands doc with json-gold and reports every key that
// is lost: the keys of the compact document, each expanded through the
// document's own context, must be exactly the keys of the expanded one;
// and every term must be a schema.org or Web Annotation term of the right
// kind.
func expansionProblems(env *ldEnv, doc []byte) []string {
	var compact map[string]any
	if err := json.Unmarshal(doc, &compact); err != nil {
		return []string{err.Error()}
	}
	var problems []string
	walkAll(compact, func(k string) {
		if strings.HasPrefix(k, "@") && !slices.Contains(keywords, k) {
			problems = append(problems, fmt.Sprintf("key %q looks like a keyword and is dropped", k))
		}
	})
	opts := ldOptions(env)
	expanded, err := ld.NewJsonLdProcessor().Expand(compact, opts)
	if err != nil {
		return append(problems, fmt.Sprintf("json-gold expand: %v", err))
	}
	active, err := ld.NewContext(nil, opts).Parse(compact["@context"])
	if err != nil {
		return append(problems, fmt.Sprintf("json-gold context: %v", err))
	}
	want := map[string]int{}
	walkKeys(compact["@graph"], func(k string) {
		iri, err := active.ExpandIri(k, false, true, nil, nil)
		if err != nil {
			problems = append(problems, fmt.Sprintf("key %q: %v", k, err))
		}
		want[iri]++
	})
	got := map[string]int{}
	walkKeys(expanded, func(k string) { got[k]++ })
	for _, iri := range slices.Sorted(maps.Keys(want)) {
		if n := want[iri]; got[iri] != n {
			problems = append(problems, fmt.Sprintf("%s: %d keys in the document, %d after expansion", iri, n, got[iri]))
		}
	}
	for _, iri := range slices.Sorted(maps.Keys(got)) {
		if want[iri] == 0 {
			problems = append(problems, fmt.Sprintf("%s: %d keys after expansion that the document does not have", iri, got[iri]))
		}
	}
	if len(got) == 0 {
		problems = append(problems, "the expanded document has no properties")
	}
	return append(problems, termProblems(env.vocab, expanded)...)
}

// keywords are the JSON-LD keywords the export may use.
var keywords = []string{"@context", "@graph", "@id", "@type", "@value", "@language", "@list"}

// walkKeys calls fn with every key of every object in v that is not a
// JSON-LD keyword.
func walkKeys(v any, fn func(string)) {
	walkAll(v, func(k string) {
		if !strings.HasPrefix(k, "@") {
			fn(k)
		}
	})
}

// walkAll calls fn with every key of every object in v.
func walkAll(v any, fn func(string)) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			fn(k)
			walkAll(x, fn)
		}
	case []any:
		for _, x := range v {
			walkAll(x, fn)
		}
	}
}

// termProblems checks the predicates, classes, datatypes and vocabulary
// IRIs of an expanded document against the vocabularies.
func termProblems(vocab vocabulary, v any) []string {
	var problems []string
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
			problems = append(problems, fmt.Sprintf("%s (%s) is in neither schema.org nor the oa namespace", iri, want))
			return
		}
		got, ok := vocab[norm]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("unknown %s %s", want, iri))
		case want == "class" && got != "class" && got != "datatype":
			problems = append(problems, fmt.Sprintf("%s is used as a class but is a %s", iri, got))
		case want != "class" && want != "any" && got != want:
			problems = append(problems, fmt.Sprintf("%s is used as a %s but is a %s", iri, want, got))
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
	return problems
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

// TestExpansionProblems shows the checks above catch what they are for,
// each on the export of the golden records with one defect put in.
func TestExpansionProblems(t *testing.T) {
	env := ldEnvironment(t)
	good := writeJSONLD(t, Options{}, testDataset(t, jsonldGoldenRecords...))
	if p := expansionProblems(env, good); len(p) > 0 {
		t.Fatalf("the export itself has problems: %v", p)
	}
	tests := []struct{ name, old, new, want string }{
		{"misspelled property", `"headline":`, `"headlin":`, "unknown property http://schema.org/headlin"},
		{"unknown class", `"@type": "City"`, `"@type": "Town"`, "unknown class http://schema.org/Town"},
		{"unknown oa term", `"oa:exact":`, `"oa:exactly":`, "unknown property http://www.w3.org/ns/oa#exactly"},
		{"property as class", `"@type": "Quotation"`, `"@type": "text"`, "http://schema.org/text is used as a class but is a property"},
		{"null value", `"name": "date"`, `"name": null`, "keys in the document, 7 after expansion"},
		{"keyword-like key", `"name": "date"`, `"@name": "date"`, `key "@name" looks like a keyword`},
		{"key outside every vocabulary", `"name": "date"`, `"dc:title": "date"`, "is in neither schema.org nor the oa namespace"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !bytes.Contains(good, []byte(tt.old)) {
				t.Fatalf("%s is not in the export", tt.old)
			}
			bad := bytes.Replace(good, []byte(tt.old), []byte(tt.new), 1)
			problems := expansionProblems(env, bad)
			if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, tt.want) }) {
				t.Errorf("got problems %q, want one containing %q", problems, tt.want)
			}
		})
	}
}
