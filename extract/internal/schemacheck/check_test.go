package schemacheck_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/docset/docset/extract/internal/schemacheck"
	"github.com/docset/docset/schema"
)

func checker(tb testing.TB) *schemacheck.Checker {
	tb.Helper()
	c, err := schemacheck.Compile(schema.JSON())
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// generalValid validates r with the general validator, as written to disk.
func generalValid(tb testing.TB, r *schema.Record) bool {
	tb.Helper()
	data, err := json.Marshal(r)
	if err != nil {
		tb.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		tb.Fatal(err)
	}
	s, err := schema.Compiled()
	if err != nil {
		tb.Fatal(err)
	}
	return s.Validate(v) == nil
}

func ptr(s string) *string { return &s }

func validRecord() *schema.Record {
	return &schema.Record{
		SchemaVersion: schema.Version, ID: "doc-1", Text: "Jane Doe said \"hi\" on Monday, 3 times.",
		Source:     schema.Source{Path: "a.txt", SHA256: strings.Repeat("a", 64), Bytes: 39},
		Metadata:   &schema.Metadata{Title: "T", URL: "https://example.org/a", Published: "2020-01-02", Language: "en"},
		Paragraphs: []schema.Paragraph{{ID: "p1", Start: 0, End: 39, Text: "x", Kind: schema.KindParagraph}},
		Sentences:  []schema.Sentence{{Start: 0, End: 39, Text: "x"}},
		Entities: []schema.Entity{{ID: "e1", Name: "Jane Doe", Type: schema.TypePerson, Subtype: "politician", Roles: []string{"Minister"},
			Mentions: []schema.Mention{{Start: 0, End: 8, Text: "Jane Doe"}}}},
		Quotes:     []schema.Quote{{ID: "q1", Start: 15, End: 17, Text: "hi", Speaker: ptr("e1"), Cue: ptr("said")}},
		Dates:      []schema.Date{{ID: "d1", Start: 22, End: 28, Text: "Monday", Value: ptr("2019-12-30")}},
		Quantities: []schema.Quantity{{ID: "n1", Start: 30, End: 37, Text: "3 times", Value: 3}},
		Review:     schema.Review{Status: schema.StatusReviewed, By: "ann", At: "2020-01-02T10:00:00Z"},
	}
}

// TestAgreesWithGeneralValidator breaks one constraint at a time and wants
// both validators to give the same verdict.
func TestAgreesWithGeneralValidator(t *testing.T) {
	c := checker(t)
	tests := []struct {
		name   string
		mutate func(r *schema.Record)
		valid  bool
	}{
		{"valid", func(*schema.Record) {}, true},
		{"no metadata, null speaker and cue, empty lists", func(r *schema.Record) {
			r.Metadata, r.Quotes[0].Speaker, r.Quotes[0].Cue, r.Sentences, r.Entities = nil, nil, nil, nil, []schema.Entity{}
		}, true},
		{"schema version", func(r *schema.Record) { r.SchemaVersion = "2.0" }, false},
		{"id pattern", func(r *schema.Record) { r.ID = "../x" }, false},
		{"empty id", func(r *schema.Record) { r.ID = "" }, false},
		{"sha256 pattern", func(r *schema.Record) { r.Source.SHA256 = "ABC" }, false},
		{"empty source path", func(r *schema.Record) { r.Source.Path = "" }, false},
		{"negative bytes", func(r *schema.Record) { r.Source.Bytes = -1 }, false},
		{"bad url", func(r *schema.Record) { r.Metadata.URL = "not a url" }, false},
		{"bad published", func(r *schema.Record) { r.Metadata.Published = "2020-13-45" }, false},
		{"bad language", func(r *schema.Record) { r.Metadata.Language = "english!" }, false},
		{"nil paragraphs", func(r *schema.Record) { r.Paragraphs = nil }, false},
		{"nil quotes", func(r *schema.Record) { r.Quotes = nil }, false},
		{"paragraph kind", func(r *schema.Record) { r.Paragraphs[0].Kind = "title" }, false},
		{"paragraph id", func(r *schema.Record) { r.Paragraphs[0].ID = "P1" }, false},
		{"negative offset", func(r *schema.Record) { r.Sentences[0].Start = -2 }, false},
		{"entity type", func(r *schema.Record) { r.Entities[0].Type = "animal" }, false},
		{"empty name", func(r *schema.Record) { r.Entities[0].Name = "" }, false},
		{"subtype pattern", func(r *schema.Record) { r.Entities[0].Subtype = "City" }, false},
		{"repeated role", func(r *schema.Record) { r.Entities[0].Roles = []string{"a", "a"} }, false},
		{"empty role", func(r *schema.Record) { r.Entities[0].Roles = []string{""} }, false},
		{"no mentions", func(r *schema.Record) { r.Entities[0].Mentions = []schema.Mention{} }, false},
		{"speaker pattern", func(r *schema.Record) { r.Quotes[0].Speaker = ptr("Jane") }, false},
		{"empty cue", func(r *schema.Record) { r.Quotes[0].Cue = ptr("") }, false},
		{"empty quote", func(r *schema.Record) { r.Quotes[0].Text = "" }, false},
		{"fractional quantity", func(r *schema.Record) { r.Quantities[0].Value = 2.5 }, true},
		{"review status", func(r *schema.Record) { r.Review.Status = "done" }, false},
		{"review at", func(r *schema.Record) { r.Review.At = "yesterday" }, false},
		{"empty reviewer", func(r *schema.Record) { r.Review.By = "" }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validRecord()
			tt.mutate(r)
			problems := c.Check(r)
			general := generalValid(t, r)
			if general != tt.valid {
				t.Fatalf("general validator says valid=%t, test expects %t: fix the test", general, tt.valid)
			}
			if (len(problems) == 0) != general {
				t.Errorf("schemacheck problems %v, general validator valid=%t", problems, general)
			}
		})
	}
}

func TestCompileRefusesUnknownKeywords(t *testing.T) {
	for _, doc := range []string{
		`{"type": "object", "maxLength": 3}`,
		`{"properties": {"a": {"oneOf": [{"type": "string"}]}}}`,
		`{"additionalProperties": {"type": "string"}}`,
		`{"$ref": "https://example.org/x.json"}`,
		`{"$ref": "#/$defs/missing"}`,
		`{"format": "no-such-format"}`,
	} {
		_, err := schemacheck.Compile([]byte(doc))
		if err == nil {
			t.Errorf("Compile(%s) accepted it", doc)
		}
		if !errors.Is(err, schemacheck.ErrUnsupported) && !strings.Contains(doc, "missing") {
			t.Errorf("Compile(%s): %v does not wrap ErrUnsupported", doc, err)
		}
	}
}

// FuzzAgreesWithGeneralValidator sets record fields from fuzzed strings and
// numbers and wants the same verdict from both validators.
func FuzzAgreesWithGeneralValidator(f *testing.F) {
	f.Add("doc-1", "https://example.org/a", "2020-01-02", "en", "person", "city", "e1", "said", "2020-01-02T10:00:00Z", int64(3), 2.5)
	f.Add("", "x", "2020-02-30", "e", "thing", "", "q", "", "", int64(-1), -3.0)
	c := checker(f)
	f.Fuzz(func(t *testing.T, id, url, date, lang, typ, subtype, speaker, cue, at string, off int64, value float64) {
		r := validRecord()
		r.ID, r.Metadata.URL, r.Metadata.Published, r.Metadata.Language = id, url, date, lang
		r.Entities[0].Type, r.Entities[0].Subtype = typ, subtype
		r.Quotes[0].Speaker, r.Quotes[0].Cue = &speaker, &cue
		r.Review.At = at
		r.Dates[0].Start = int(off)
		r.Quantities[0].Value = value
		if _, err := json.Marshal(r); err != nil {
			t.Skip("not encodable")
		}
		problems := c.Check(r)
		if general := generalValid(t, r); (len(problems) == 0) != general {
			t.Fatalf("schemacheck problems %v, general validator valid=%t", problems, general)
		}
	})
}
