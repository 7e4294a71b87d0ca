package outputguard

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestGuard(t *testing.T) {
	dir := t.TempDir()
	files := []string{"a.xlsx", "csv/b.csv"}
	g, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Check(files); err != nil {
		t.Fatalf("nothing exists yet: %v", err)
	}
	write(t, filepath.Join(dir, "a.xlsx"), "v1")
	write(t, filepath.Join(dir, "csv", "b.csv"), "v1")
	if err := g.Record(files); err != nil {
		t.Fatal(err)
	}

	g, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Check(files); err != nil {
		t.Fatalf("unchanged outputs: %v", err)
	}

	write(t, filepath.Join(dir, "csv", "b.csv"), "edited by a person")
	write(t, filepath.Join(dir, "c.json"), "not ours")
	err = g.Check(append(files, "c.json"))
	var ce *ChangedError
	if !errors.As(err, &ce) {
		t.Fatalf("got %v, want a ChangedError", err)
	}
	if got, want := ce.Files, []string{"c.json", "csv/b.csv"}; len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("changed files: got %v, want %v", got, want)
	}

	// A removed output is forgotten.
	os.Remove(filepath.Join(dir, "a.xlsx"))
	if err := g.Record(files); err != nil {
		t.Fatal(err)
	}
	if _, ok := g.sums["a.xlsx"]; ok {
		t.Error("a removed file stayed in the manifest")
	}
}

func TestOpenBadManifest(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, ManifestName), "{")
	if _, err := Open(dir); err == nil {
		t.Fatal("a broken manifest was accepted")
	}
}
