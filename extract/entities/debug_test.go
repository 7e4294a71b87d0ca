package entities

import (
	"os"
	"testing"
)

// TestDebugText prints the entities of $ENTITY_TEXT; a reading aid.
func TestDebugText(t *testing.T) {
	s := os.Getenv("ENTITY_TEXT")
	if f := os.Getenv("ENTITY_FILE"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s = string(b)
	}
	if s == "" {
		t.Skip("ENTITY_TEXT not set")
	}
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range r.Find([]rune(s), nil) {
		t.Logf("%s %-12s %-10s %q roles=%q", e.ID, e.Type, e.Subtype, e.Name, e.Roles)
		for _, m := range e.Mentions {
			t.Logf("    %d-%d %q", m.Start, m.End, m.Text)
		}
	}
}
