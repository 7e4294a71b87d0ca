package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/docset/docset/internal/iostreams"
)

// The committed command reference must match the command tree.
func TestDocsUpToDate(t *testing.T) {
	io, _, _, _ := iostreams.Test()
	dir := t.TempDir()
	if err := genDocs(NewRootCmd(&Factory{IO: io}), dir); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join("..", "..", "docs", "cli")
	got, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	have, _ := filepath.Glob(filepath.Join(want, "*.md"))
	if len(got) != len(have) {
		t.Fatalf("docs/cli has %d files, the command tree gives %d: run `make docs`", len(have), len(got))
	}
	for _, g := range got {
		name := filepath.Base(g)
		a, _ := os.ReadFile(g)
		b, err := os.ReadFile(filepath.Join(want, name))
		if err != nil || string(a) != string(b) {
			t.Errorf("docs/cli/%s is stale: run `make docs`", name)
		}
	}
}
