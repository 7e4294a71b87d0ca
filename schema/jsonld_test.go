package schema

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDefaultJSONLD(t *testing.T) {
	m, err := DefaultJSONLD()
	if err != nil {
		t.Fatal(err)
	}
	if m.Root.Class != "NewsArticle" || !cmp.Equal(m.Text, []string{"text"}) {
		t.Errorf("root: class %q, text %v", m.Root.Class, m.Text)
	}
	var terms []string
	for _, tm := range m.Root.Terms {
		terms = append(terms, strings.Join(tm.Path, ".")+"->"+tm.Term+":"+tm.Type+tm.Class)
	}
	want := []string{
		"id->identifier:", "metadata.title->headline:", "metadata.url->url:@id",
		"metadata.published->datePublished:Date", "metadata.language->inLanguage:",
		"metadata.source->publisher:Organization", "metadata.license->license:@id",
		"text->articleBody:", "text->wordCount:",
	}
	if diff := cmp.Diff(want, terms); diff != "" {
		t.Errorf("root terms (-want +got):\n%s", diff)
	}
	var kinds []string
	for _, c := range m.Root.Children {
		kinds = append(kinds, c.Table+"/"+c.Row+" link="+c.Link+" inverse="+c.Inverse+" about="+c.About+" spans="+itoaSpans(c))
	}
	wantKinds := []string{
		"entities/entity link=mentions inverse= about=about spans=mentions:identifying",
		"quotes/quote link= inverse=isPartOf about= spans=.:identifying",
		"dates/date link=mentions inverse= about= spans=.:identifying",
		"quantities/quantity link=mentions inverse= about= spans=.:identifying",
	}
	if diff := cmp.Diff(wantKinds, kinds); diff != "" {
		t.Errorf("node kinds (-want +got):\n%s", diff)
	}
	ent := m.Node("entities")
	if len(ent.ClassFrom) != 2 || ent.ClassFrom[0].Prop != "subtype" || ent.ClassFrom[1].Classes["person"] != "Person" {
		t.Errorf("entity classes: %+v", ent.ClassFrom)
	}
	if q := m.Node("quotes"); q.Class != "Quotation" || q.Terms[1].Term != "creator" || q.Terms[1].Ref != "entities" {
		t.Errorf("quote node: %+v, terms %+v %+v", q, q.Terms[0], q.Terms[1])
	}
}

func itoaSpans(n *LDNode) string {
	var out []string
	for _, s := range n.Spans {
		p := strings.Join(s.Path, ".")
		if p == "" {
			p = "."
		}
		out = append(out, p+":"+s.Motivation)
	}
	return strings.Join(out, ",")
}

// TestParseJSONLDErrors changes the embedded schema in one place each and
// expects the mapping to be refused with a message naming the place.
func TestParseJSONLDErrors(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"unknown motivation", `"QuantitativeValue",
        "x-jsonld-annotation": "identifying"`, `"QuantitativeValue",
        "x-jsonld-annotation": "spotting"`, `x-jsonld-annotation "spotting" is not a Web Annotation motivation`},
		{"class-from without map", `"x-jsonld-class-from": ["subtype", "type"]`, `"x-jsonld-class-from": ["name", "type"]`, `x-jsonld-class-from names "name"`},
		{"ref to no node table", `"x-ref": "entities", "x-jsonld": "creator"`, `"x-ref": "paragraphs", "x-jsonld": "creator"`, `x-ref "paragraphs" is not a table of nodes`},
		{"term on an object", `"title": "Review",`, `"title": "Review", "x-jsonld": "review",`, "x-jsonld on an object"},
		{"term on non-node items", `"x-table": "paragraphs",`, `"x-table": "paragraphs", "x-jsonld": "hasPart",`, "items are not nodes"},
		{"no root class", `"x-jsonld-class": "NewsArticle",`, ``, "no x-jsonld-class"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := JSON()
			if bytes.Count(doc, []byte(tt.old)) != 1 {
				t.Fatalf("%q is not in the schema exactly once", tt.old)
			}
			doc = bytes.Replace(doc, []byte(tt.old), []byte(tt.new), 1)
			_, err := ParseJSONLD(doc)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}
