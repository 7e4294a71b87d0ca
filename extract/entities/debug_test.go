package entities

import (
	"os"
	"testing"
)

// TestFindText runs the recognizer on $ENTITY_TEXT or the file
// $ENTITY_FILE, checks its output and prints it: a reading aid for
// developing rules (go test -run TestFindText -v).
func TestFindText(t *testing.T) {
	s := os.Getenv("ENTITY_TEXT")
	if f := os.Getenv("ENTITY_FILE"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s = string(b)
	}
	if s == "" {
		t.Skip("set ENTITY_TEXT or ENTITY_FILE to see what Find makes of a text")
	}
	text := []rune(s)
	ents := recognizer(t).Find(text, nil)
	checkEntities(t, text, ents)
	for _, e := range ents {
		t.Logf("%s %-12s %-10s %q roles=%q", e.ID, e.Type, e.Subtype, e.Name, e.Roles)
		for _, m := range e.Mentions {
			t.Logf("    %d-%d %q", m.Start, m.End, m.Text)
		}
	}
}
