package exporters

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/docset/docset/schema"
)

// jsonldGoldenRecords are the small records the golden file holds: code
// points outside the BMP, Hangul, a number written -1.5e3, quotes without
// speaker, a record without metadata.
var jsonldGoldenRecords = []string{"testdata/records/edge-cases.json", "testdata/records/wire.ndjson"}

func writeJSONLD(t testing.TB, opts Options, ds *Dataset) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := NewJSONLD(opts).Write(t.Context(), &buf, ds); err != nil {
		t.Fatalf("write JSON-LD: %v", err)
	}
	return buf.Bytes()
}

func TestJSONLDGolden(t *testing.T) {
	got := writeJSONLD(t, Options{}, testDataset(t, jsonldGoldenRecords...))
	checkGolden(t, "jsonld/dataset.jsonld", got)
}

// TestJSONLDExport runs the format through the formats table, as the CLI
// does, twice: the file must be byte-identical.
func TestJSONLDExport(t *testing.T) {
	ds := testDataset(t)
	var outs [][]byte
	for range 2 {
		dir := exportTo(t, "jsonld", Options{BaseIRI: "https://data.example.org/news"}, ds)
		b, err := os.ReadFile(filepath.Join(dir, "dataset.jsonld"))
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Fatal("two exports of the same dataset differ")
	}
	if !json.Valid(outs[0]) {
		t.Fatal("the export is not valid JSON")
	}
	if !bytes.Contains(outs[0], []byte(`"@id": "https://data.example.org/news/doc/000_5b4285e19d35a4a5#article"`)) {
		t.Error("the article @id does not use the base IRI")
	}
	var doc any
	json.Unmarshal(outs[0], &doc)
	var walk func(v any, path string)
	walk = func(v any, path string) {
		switch v := v.(type) {
		case nil:
			t.Errorf("%s is null", path)
		case map[string]any:
			for k, x := range v {
				walk(x, path+"/"+k)
			}
		case []any:
			for i, x := range v {
				walk(x, fmt.Sprintf("%s/%d", path, i))
			}
		}
	}
	walk(doc, "")
}

// graphNodes decodes a JSON-LD export and indexes its @graph by @id.
func graphNodes(t testing.TB, doc []byte) map[string]map[string]any {
	t.Helper()
	var d struct {
		Graph []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]any{}
	for _, n := range d.Graph {
		id, _ := n["@id"].(string)
		if _, dup := out[id]; dup {
			t.Errorf("node %s appears twice in the graph", id)
		}
		out[id] = n
	}
	return out
}

// TestJSONLDShape pins the parts of the shape the issue asks for on the
// seed article, read back from the JSON.
func TestJSONLDShape(t *testing.T) {
	nodes := graphNodes(t, writeJSONLD(t, Options{}, testDataset(t)))
	doc := DefaultBaseIRI + "doc/000_5b4285e19d35a4a5"
	ref := func(frag string) any { return map[string]any{"@id": doc + "#" + frag} }
	article := nodes[doc+"#article"]
	if article == nil {
		t.Fatalf("no article node %s#article", doc)
	}
	checks := []struct {
		name      string
		node, key string
		want      any
	}{
		{"type", "article", "@type", "NewsArticle"},
		{"identifier", "article", "identifier", "000_5b4285e19d35a4a5"},
		{"headline", "article", "headline", "Russia in talks with North Korea on joint naval drills"},
		{"date is typed", "article", "datePublished", map[string]any{"@value": "2023-09-05", "@type": "Date"}},
		{"url is a reference", "article", "url", map[string]any{"@id": "https://example.org/news/2023/09/russia-north-korea-drills?ref=rss&x=1"}},
		{"licence name stays a literal", "article", "license", map[string]any{"@value": "CC BY 4.0"}},
		{"publisher node", "article", "publisher", ref("publisher")},
		{"publisher class", "publisher", "@type", "Organization"},
		{"publisher name", "publisher", "name", "Example Wire"},
		{"person", "entity-e1", "@type", "Person"},
		{"role", "entity-e1", "jobTitle", "Russian Defense Minister"},
		{"country from subtype", "entity-e2", "@type", "Country"},
		{"city from subtype", "entity-e7", "@type", "City"},
		{"news agency", "entity-e8", "@type", "NewsMediaOrganization"},
		{"plain organization", "entity-e12", "@type", "Organization"},
		{"event", "entity-e16", "@type", "Event"},
		{"quotation", "quote-q1", "@type", "Quotation"},
		{"speaker", "quote-q1", "creator", ref("entity-e1")},
		{"part of the article", "quote-q1", "isPartOf", ref("article")},
		{"date node", "date-d1", "value", map[string]any{"@value": "2023-09-04", "@type": "Date"}},
		{"date name", "date-d1", "name", "date"},
		{"quantity", "quantity-n1", "unitText", "warships"},
		{"annotation", "mention-1", "@type", "oa:Annotation"},
		{"motivation", "mention-1", "oa:motivatedBy", map[string]any{"@id": "oa:identifying"}},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			n := nodes[doc+"#"+c.node]
			if c.node == "article" {
				n = article
			}
			if n == nil {
				t.Fatalf("no node #%s", c.node)
			}
			if got := n[c.key]; !jsonEqual(got, c.want) {
				t.Errorf("#%s %s: got %v, want %v", c.node, c.key, got, c.want)
			}
		})
	}
	t.Run("unattributed quotation has no creator", func(t *testing.T) {
		if q := nodes[doc+"#quote-q5"]; q == nil || q["creator"] != nil {
			t.Errorf("quote-q5: got %v, want a node without creator", q)
		}
	})
	t.Run("mentions list entities, dates and quantities", func(t *testing.T) {
		m, _ := article["mentions"].([]any)
		if len(m) != 16+4+2 || !jsonEqual(m[0], ref("entity-e1")) || !jsonEqual(m[16], ref("date-d1")) || !jsonEqual(m[21], ref("quantity-n2")) {
			t.Errorf("mentions: got %d refs %v", len(m), m)
		}
	})
	t.Run("about", func(t *testing.T) {
		// The lede names Russia (e2, 10 mentions), North Korea (e3, 10),
		// Shoigu (e1) and the drills; the two countries lead.
		want := []any{ref("entity-e2"), ref("entity-e3")}
		if got := article["about"]; !jsonEqual(got, want) {
			t.Errorf("about: got %v, want %v", got, want)
		}
	})
	t.Run("word count", func(t *testing.T) {
		if got, ok := article["wordCount"].(float64); !ok || got < 400 || got > 600 {
			t.Errorf("wordCount: got %v, want about 500", article["wordCount"])
		}
	})
}

func jsonEqual(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

// TestJSONLDSelectors checks every annotation against the record text, in
// code points, with text beyond the BMP before the spans.
func TestJSONLDSelectors(t *testing.T) {
	ds := testDataset(t)
	texts := map[string][]rune{}
	ds.Records(func(rec map[string]any) error {
		texts[DefaultBaseIRI+"doc/"+recordID(rec)+"#article"] = []rune(rec["text"].(string))
		return nil
	})
	anns := 0
	for id, n := range graphNodes(t, writeJSONLD(t, Options{}, ds)) {
		if n["@type"] != "oa:Annotation" {
			continue
		}
		anns++
		target := n["oa:hasTarget"].(map[string]any)
		text := texts[target["oa:hasSource"].(map[string]any)["@id"].(string)]
		sel := target["oa:hasSelector"].([]any)
		pos, quote := sel[0].(map[string]any), sel[1].(map[string]any)
		start, end := int(pos["oa:start"].(float64)), int(pos["oa:end"].(float64))
		if got := string(text[start:end]); got != quote["oa:exact"] {
			t.Errorf("%s: text[%d:%d] = %q, exact %q", id, start, end, got, quote["oa:exact"])
		}
		prefix, _ := quote["oa:prefix"].(string)
		suffix, _ := quote["oa:suffix"].(string)
		if want := string(text[max(0, start-32):start]); prefix != want {
			t.Errorf("%s: prefix %q, want %q", id, prefix, want)
		}
		if want := string(text[end:min(len(text), end+32)]); suffix != want {
			t.Errorf("%s: suffix %q, want %q", id, suffix, want)
		}
	}
	if anns < 50 {
		t.Errorf("only %d annotations in the sample export", anns)
	}
}

// addProperties returns a copy of the record schema with new annotated
// properties: a metadata string, an entity string, a root array of strings
// and a root array of objects that become nodes of their own. No exporter
// code knows them.
func addProperties(t testing.TB) []byte {
	t.Helper()
	doc := schema.JSON()
	for _, r := range []struct{ anchor, add string }{
		{`"license": {`, `"section": {"type": "string", "x-jsonld": "articleSection"}, `},
		{`"subtype": {`, `"description": {"type": "string", "x-jsonld": "description"}, `},
		{`"review": {`, `"keywords": {"type": "array", "items": {"type": "string"}, "x-column": false, "x-jsonld": "keywords"}, ` +
			`"citations": {"type": "array", "x-jsonld": "citation", "items": {"type": "object", "x-row": "citation", "x-jsonld-class": "CreativeWork", ` +
			`"properties": {"id": {"type": "string"}, "title": {"type": "string", "x-jsonld": "name"}, "url": {"type": "string", "format": "uri", "x-jsonld": "url"}}}}, `},
	} {
		if bytes.Count(doc, []byte(r.anchor)) != 1 {
			t.Fatalf("anchor %s is not unique in the schema", r.anchor)
		}
		doc = bytes.Replace(doc, []byte(r.anchor), []byte(r.add+r.anchor), 1)
	}
	if _, err := schema.Compile(doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestJSONLDNewProperty shows that a property added to the schema with an
// x-jsonld annotation reaches the JSON-LD with no code change.
func TestJSONLDNewProperty(t *testing.T) {
	doc := addProperties(t)
	rec := testRecords(t, "testdata/records/000_5b4285e19d35a4a5.json")[0]
	rec["metadata"].(map[string]any)["section"] = "World"
	rec["entities"].([]any)[0].(map[string]any)["description"] = "Russian Defense Minister since 2012"
	rec["keywords"] = []any{"navy", "drills"}
	rec["citations"] = []any{map[string]any{"id": "c1", "title": "Earlier report", "url": "https://example.org/earlier"}}
	path := filepath.Join(t.TempDir(), "rec.json")
	b, _ := json.Marshal(rec)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out := writeJSONLD(t, Options{}, testDatasetSchema(t, doc, path))
	nodes := graphNodes(t, out)
	base := DefaultBaseIRI + "doc/000_5b4285e19d35a4a5#"
	for _, c := range []struct {
		node, key string
		want      any
	}{
		{"article", "articleSection", "World"},
		{"article", "keywords", []any{"navy", "drills"}},
		{"entity-e1", "description", "Russian Defense Minister since 2012"},
		{"article", "citation", []any{map[string]any{"@id": base + "citation-c1"}}},
		{"citation-c1", "@type", "CreativeWork"},
		{"citation-c1", "name", "Earlier report"},
		{"citation-c1", "url", map[string]any{"@id": "https://example.org/earlier"}},
	} {
		if got := nodes[base+c.node][c.key]; !jsonEqual(got, c.want) {
			t.Errorf("#%s %s: got %v, want %v", c.node, c.key, got, c.want)
		}
	}
	t.Run("expands", func(t *testing.T) { checkExpansion(t, out) })
}

func TestJSONLDBadRecords(t *testing.T) {
	tests := []struct {
		name   string
		change func(rec map[string]any)
		want   string
	}{
		{"span past the text", func(rec map[string]any) {
			m := rec["entities"].([]any)[0].(map[string]any)["mentions"].([]any)[0].(map[string]any)
			m["end"] = json.Number("99999")
		}, "record 000_5b4285e19d35a4a5: entities[0]: mentions[0]: offsets"},
		{"dangling speaker", func(rec map[string]any) {
			rec["quotes"].([]any)[0].(map[string]any)["speaker"] = "e99"
		}, `record 000_5b4285e19d35a4a5: quotes[0]: speaker: "e99" names no item of entities`},
		{"duplicate id", func(rec map[string]any) {
			rec["entities"].([]any)[1].(map[string]any)["id"] = "e1"
		}, `record 000_5b4285e19d35a4a5: entities[1]: id "e1" is used twice`},
		{"entity without id", func(rec map[string]any) {
			delete(rec["entities"].([]any)[1].(map[string]any), "id")
		}, "record 000_5b4285e19d35a4a5: entities[1]: no id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := testDataset(t, "testdata/records/000_5b4285e19d35a4a5.json")
			records := ds.Records
			ds.Records = func(fn func(map[string]any) error) error {
				return records(func(rec map[string]any) error {
					tt.change(rec)
					return fn(rec)
				})
			}
			err := NewJSONLD(Options{}).Write(t.Context(), &bytes.Buffer{}, ds)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestJSONLDCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := NewJSONLD(Options{}).Write(ctx, &bytes.Buffer{}, testDataset(t))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

func TestBaseIRI(t *testing.T) {
	tests := []struct {
		in, want string
		bad      bool
	}{
		{in: "", want: DefaultBaseIRI},
		{in: "https://data.example.org/news/", want: "https://data.example.org/news/"},
		{in: "https://data.example.org/news", want: "https://data.example.org/news/"},
		{in: "http://localhost:8080/", want: "http://localhost:8080/"},
		{in: "data.example.org/news", bad: true},
		{in: "/news/", bad: true},
		{in: "urn:docset:", bad: true},
		{in: "ftp://data.example.org/", bad: true},
		{in: "HTTPS://data.example.org/", want: "HTTPS://data.example.org/"},
		{in: "https://data.example.org/?q=1", bad: true},
		{in: "https://data.example.org/#x", bad: true},
		{in: "https://data.example.org/my news/", bad: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := BaseIRI(tt.in)
			if tt.bad {
				if err == nil {
					t.Errorf("BaseIRI(%q) = %q, want an error", tt.in, got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("BaseIRI(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestWordCount(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"one", 1},
		{"MADRID — Finance Minister said.", 4},
		{"“We are,” López said.", 4},
		{"  27 ministers\n\nin  Brussels ", 4},
		{"서울 기상청", 2},
		{"- -- ...", 0},
	}
	for _, tt := range tests {
		if got := wordCount(tt.in); got != tt.want {
			t.Errorf("wordCount(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// TestJSONLDCheck runs the project's JSON-LD checker (jsonld.js, another
// implementation than the one the Go tests use) on the export of the sample
// records: it must pass with no unknown term and no dropped key, and its
// quad count must equal json-gold's.
func TestJSONLDCheck(t *testing.T) {
	tool := filepath.Join(sharedDir(t, "tools/jsonld-check"), "jsonld-check")
	for _, bin := range []string{"node", "npm"} {
		if _, err := exec.LookPath(bin); err != nil {
			t.Skipf("%s is not installed: jsonld-check needs Node.js >= 18 and npm (Debian packages nodejs and npm)", bin)
		}
	}
	dir := exportTo(t, "jsonld", Options{}, testDataset(t))
	file := filepath.Join(dir, "dataset.jsonld")
	cmd := exec.CommandContext(t.Context(), tool, file)
	out, err := cmd.CombinedOutput()
	t.Logf("jsonld-check:\n%s", out)
	if err != nil {
		t.Fatalf("jsonld-check failed: %v", err)
	}
	m := regexp.MustCompile(`jsonld-check: 1 files, (\d+) quads, (\d+) unknown terms, (\d+) dropped keys, (\d+) other errors \(OK\)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no OK summary line in the jsonld-check output")
	}
	if string(m[2]) != "0" || string(m[3]) != "0" || string(m[4]) != "0" {
		t.Errorf("jsonld-check: %s unknown terms, %s dropped keys, %s other errors; want none", m[2], m[3], m[4])
	}
	doc, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(m[1]); got != itoa(countQuads(t, doc)) {
		t.Errorf("jsonld-check counts %s quads, json-gold %d", got, countQuads(t, doc))
	}
}

// TestJSONLDAbout pins the about rule on a dateline, a lede and a body.
func TestJSONLDAbout(t *testing.T) {
	const text = "Monday, 3 March 2026\n\nMADRID — Finance Minister María López said on Tuesday that Spain will not cut pensions this year.\n\nLópez spoke after Jorge Ruiz and Spain's unions protested, Ruiz said."
	runes := []rune(text)
	// span locates the nth occurrence of s, in code points.
	span := func(s string, nth int) map[string]any {
		from := 0
		for range nth {
			from += strings.Index(text[from:], s) + len(s)
		}
		start := utf8.RuneCountInString(text[:from+strings.Index(text[from:], s)])
		end := start + utf8.RuneCountInString(s)
		return map[string]any{"start": json.Number(itoa(start)), "end": json.Number(itoa(end)), "text": s}
	}
	para := func(id string, start, end int) map[string]any {
		return map[string]any{"id": id, "start": json.Number(itoa(start)), "end": json.Number(itoa(end)), "text": string(runes[start:end]), "kind": "paragraph"}
	}
	entity := func(id, name, typ string, spans ...map[string]any) map[string]any {
		ms := make([]any, len(spans))
		for i, s := range spans {
			ms[i] = s
		}
		return map[string]any{"id": id, "name": name, "type": typ, "mentions": ms}
	}
	madrid := span("MADRID", 0)
	lopez1, lopez2 := span("María López", 0), span("López", 1)
	spain1, spain2 := span("Spain", 0), span("Spain", 1)
	ruiz1, ruiz2 := span("Jorge Ruiz", 0), span("Ruiz", 1)
	monday := span("Monday", 0)
	p1end := len([]rune("Monday, 3 March 2026"))
	p2end := p1end + 2 + len([]rune("MADRID — Finance Minister María López said on Tuesday that Spain will not cut pensions this year."))
	paras := []any{para("p1", 0, p1end), para("p2", p1end+2, p2end), para("p3", p2end+2, len(runes))}
	tests := []struct {
		name     string
		entities []any
		want     any
	}{
		{"most mentioned in the lede, ties kept", []any{
			entity("e1", "Madrid", "place", madrid),
			entity("e2", "María López", "person", lopez1, lopez2),
			entity("e3", "Spain", "place", spain1, spain2),
			entity("e4", "Jorge Ruiz", "person", ruiz1, ruiz2),
		}, []any{"entity-e2", "entity-e3"}},
		{"repeated only outside the lede", []any{
			entity("e1", "Madrid", "place", madrid),
			entity("e4", "Jorge Ruiz", "person", ruiz1, ruiz2),
		}, nil},
		{"a dateline is no lede", []any{
			entity("e1", "Monday", "event", monday),
			entity("e2", "María López", "person", lopez1, lopez2),
		}, []any{"entity-e2"}},
		{"nothing named twice", []any{
			entity("e1", "Madrid", "place", madrid),
			entity("e2", "María López", "person", lopez1),
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := map[string]any{"id": "about", "text": text, "paragraphs": paras, "entities": tt.entities}
			ds := &Dataset{Count: 1, Records: func(fn func(map[string]any) error) error { return fn(rec) }}
			article := graphNodes(t, writeJSONLD(t, Options{}, ds))[DefaultBaseIRI+"doc/about#article"]
			// about is a list even of one, as mentions is.
			var want any
			if w, ok := tt.want.([]any); ok {
				var refs []any
				for _, f := range w {
					refs = append(refs, map[string]any{"@id": DefaultBaseIRI + "doc/about#" + f.(string)})
				}
				want = refs
			}
			if got := article["about"]; !jsonEqual(got, want) {
				t.Errorf("about: got %v, want %v", got, want)
			}
		})
	}
}

func TestJSONLDEmpty(t *testing.T) {
	ds := &Dataset{Records: func(func(map[string]any) error) error { return nil }}
	got := string(writeJSONLD(t, Options{}, ds))
	if !strings.HasSuffix(got, "\"@graph\": []\n}\n") || !json.Valid([]byte(got)) {
		t.Errorf("empty dataset:\n%s", got)
	}
}
