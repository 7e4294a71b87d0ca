package corpus_test

import (
	"testing"

	"github.com/docset/docset/internal/corpus"
)

func TestDevHasMetadata(t *testing.T) {
	docs := corpus.Dev(t)
	if len(docs) != 16 {
		t.Fatalf("got %d wikinews-dev documents, want 16", len(docs))
	}
	for _, d := range docs {
		if d.Published() == nil || d.Meta.URL == "" || d.Meta.Title == "" {
			t.Errorf("%s: metadata %+v lacks date, url or title", d.Name, d.Meta)
		}
		if d.Meta.Published != d.Gold.Published {
			t.Errorf("%s: bulk date %s, gold date %s", d.Name, d.Meta.Published, d.Gold.Published)
		}
	}
}

func TestGUM(t *testing.T) {
	docs := corpus.GUM(t)
	if len(docs) != 24 {
		t.Fatalf("got %d gum-news documents, want 24", len(docs))
	}
	if r := docs[0].Record(); r.ID != docs[0].Name || r.Text != docs[0].Text {
		t.Errorf("record skeleton %q does not carry the document", r.ID)
	}
}
