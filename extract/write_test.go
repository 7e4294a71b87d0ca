package extract_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docset/docset/extract"
	"github.com/docset/docset/schema"
)

func record(id, text string) *schema.Record {
	return &schema.Record{SchemaVersion: schema.Version, ID: id, Text: text, Source: schema.Source{Path: id + ".txt"},
		Paragraphs: []schema.Paragraph{}, Entities: []schema.Entity{}, Quotes: []schema.Quote{}, Dates: []schema.Date{},
		Quantities: []schema.Quantity{}, Review: schema.Review{Status: schema.StatusDraft}}
}

func TestWriter(t *testing.T) {
	tests := []struct {
		name     string
		existing string // content of DIR/a.json before the write; "" for none
		force    bool
		want     extract.WriteStatus
		wantErr  error
		errText  string
	}{
		{name: "new file", want: extract.Written},
		{name: "draft replaced", existing: `{"review": {"status": "draft"}, "text": "old"}`, want: extract.Written},
		{name: "reviewed kept", existing: `{"review": {"status": "reviewed"}}`, wantErr: extract.ErrReviewed, errText: "use --force"},
		{name: "reviewed replaced with force", existing: `{"review": {"status": "reviewed"}}`, force: true, want: extract.Written},
		{name: "unreadable kept", existing: `{"review": `, errText: "not a readable record"},
		{name: "same bytes left alone", existing: "SAME", want: extract.Unchanged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			w := &extract.Writer{Dir: dir, Force: tt.force}
			r := record("a", "new")
			path := filepath.Join(dir, "a.json")
			if tt.existing == "SAME" {
				data, _ := extract.Marshal(r)
				tt.existing = string(data)
			}
			if tt.existing != "" {
				if err := os.WriteFile(path, []byte(tt.existing), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, err := w.Write(r, nil)
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) || tt.errText != "" && (err == nil || !strings.Contains(err.Error(), tt.errText)) {
				t.Fatalf("error %v, want %v containing %q", err, tt.wantErr, tt.errText)
			}
			if tt.errText == "" && err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("status %v, want %v", got, tt.want)
			}
			data, _ := os.ReadFile(path)
			written := strings.Contains(string(data), `"text": "new"`)
			if written != (err == nil) {
				t.Errorf("file after write: %s", data)
			}
		})
	}
}

func TestWriterDuplicateID(t *testing.T) {
	w := &extract.Writer{Dir: t.TempDir()}
	if _, err := w.Write(record("a", "one"), nil); err != nil {
		t.Fatal(err)
	}
	second := record("a", "two")
	second.Source = schema.Source{Path: "docs.ndjson", Line: 3}
	_, err := w.Write(second, nil)
	if !errors.Is(err, extract.ErrDuplicateID) || !strings.Contains(err.Error(), "docs.ndjson:3") || !strings.Contains(err.Error(), "a.txt") || !strings.Contains(err.Error(), "same id, same text, so remove the copy") {
		t.Errorf("got %v, want a duplicate id error naming both sources", err)
	}
}
