package extract

import (
	"strings"
	"testing"

	"github.com/docset/docset/extract/internal/lex"
	"github.com/docset/docset/schema"
)

func TestCheckSpans(t *testing.T) {
	text := "Ann met Bob."
	ok := func() *schema.Record {
		sp := "e1"
		return &schema.Record{
			Paragraphs: []schema.Paragraph{{ID: "p1", Start: 0, End: 12, Text: text}},
			Entities:   []schema.Entity{{ID: "e1", Mentions: []schema.Mention{{Start: 0, End: 3, Text: "Ann"}}}},
			Quotes:     []schema.Quote{{ID: "q1", Start: 8, End: 11, Text: "Bob", Speaker: &sp}},
		}
	}
	tests := []struct {
		name   string
		mutate func(*schema.Record)
		want   string
	}{
		{"valid", func(*schema.Record) {}, ""},
		{"outside", func(r *schema.Record) { r.Entities[0].Mentions[0].End = 40 }, "/entities/0/mentions/0: span [0,40) outside the text"},
		{"wrong text", func(r *schema.Record) { r.Quotes[0].Text = "Bo" }, `/quotes/0: text "Bo" is not the text`},
		{"duplicate id", func(r *schema.Record) { r.Quotes[0].ID = "e1" }, "/quotes/0: id e1 already used at /entities/0"},
		{"speaker", func(r *schema.Record) { s := "p1"; r.Quotes[0].Speaker = &s }, "/quotes/0/speaker: p1 is not an entity id"},
		{"mention overlap", func(r *schema.Record) {
			r.Entities = append(r.Entities, schema.Entity{ID: "e2", Mentions: []schema.Mention{{Start: 1, End: 3, Text: "nn"}}})
		}, "/entities/1/mentions/0: mention [1,3) of entity e2 overlaps mention [0,3) of entity e1 at /entities/0/mentions/0"},
		{"one entity's mentions may overlap", func(r *schema.Record) {
			r.Entities[0].Mentions = append(r.Entities[0].Mentions, schema.Mention{Start: 1, End: 3, Text: "nn"})
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ok()
			tt.mutate(r)
			got := strings.Join(checkSpans(r, lex.NewText([]rune(text), "")), "\n")
			if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCheckersAgree runs the fast and the general checker on a valid and
// an invalid record.
func TestCheckersAgree(t *testing.T) {
	fast, err := newRecordChecker()
	if err != nil {
		t.Fatal(err)
	}
	s, err := schema.Compiled()
	if err != nil {
		t.Fatal(err)
	}
	general := generalChecker{s}
	sp := "e1"
	r := &schema.Record{SchemaVersion: schema.Version, ID: "doc", Text: "Ann", Source: schema.Source{Path: "a.txt", SHA256: strings.Repeat("0", 64)},
		Paragraphs: []schema.Paragraph{}, Entities: []schema.Entity{{ID: "e1", Name: "Ann", Type: "person", Mentions: []schema.Mention{{Start: 0, End: 3, Text: "Ann"}}}},
		Quotes: []schema.Quote{{ID: "q1", Start: 0, End: 3, Text: "Ann", Speaker: &sp}}, Dates: []schema.Date{}, Quantities: []schema.Quantity{},
		Review: schema.Review{Status: schema.StatusDraft}}
	for _, tt := range []struct {
		name   string
		mutate func()
		valid  bool
	}{
		{"valid", func() {}, true},
		{"bad type", func() { r.Entities[0].Type = "animal" }, false},
	} {
		tt.mutate()
		data, err := Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		f, g := fast.check(r, data), general.check(r, data)
		if (len(f) == 0) != tt.valid || (len(g) == 0) != tt.valid {
			t.Errorf("%s: fast %v, general %v, want valid=%t", tt.name, f, g, tt.valid)
		}
	}
}
