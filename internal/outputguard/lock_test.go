package outputguard

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLock(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	l, err := Acquire(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Acquire(dir)
	var held *HeldError
	if !errors.As(err, &held) || held.PID != os.Getpid() {
		t.Fatalf("second lock: %v, want a HeldError naming pid %d", err, os.Getpid())
	}
	if want := "is writing to this folder; wait for it to finish, or write to another folder with -o"; !strings.Contains(err.Error(), want) {
		t.Errorf("message %q lacks %q", err, want)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	// The folder was made for the lock and nothing was written: it goes.
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("folder made for the lock stays: %v", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	l, err = Acquire(dir)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	l.Release()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left in the folder: %v", entries)
	}
}

func TestNoLinks(t *testing.T) {
	dir := t.TempDir()
	elsewhere := t.TempDir()
	write(t, filepath.Join(dir, "real", "a.csv"), "x")
	if err := os.Symlink(elsewhere, filepath.Join(dir, "csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(elsewhere, "f"), filepath.Join(dir, "real", "b.csv")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		rel, link string
	}{
		{"real/a.csv", ""},
		{"missing/x.csv", ""},
		{"csv/entities.csv", "csv"},
		{"real/b.csv", "real/b.csv"},
	}
	for _, tt := range tests {
		err := NoLinks(dir, tt.rel)
		var le *LinkError
		switch {
		case tt.link == "" && err != nil:
			t.Errorf("%s: %v", tt.rel, err)
		case tt.link != "" && (!errors.As(err, &le) || le.Path != filepath.Join(dir, tt.link)):
			t.Errorf("%s: %v, want a LinkError at %s", tt.rel, err, tt.link)
		}
	}
	// The folder itself may be a link: a person chose it.
	if err := NoLinks(filepath.Join(dir, "csv"), "entities.csv"); err != nil {
		t.Errorf("a linked output folder: %v", err)
	}
}

func TestRemoveLeftovers(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{".dataset.xlsx.tmp-123", "csv/.entities.csv.tmp-9", ".docset-staging/dataset.xlsx", ".docset-spool-1", "records/.a.json.tmp-1", "dataset.xlsx", ".notes.tmp-1", "csv/entities.csv"} {
		write(t, filepath.Join(dir, f), "x")
	}
	removed, err := RemoveLeftovers(dir, []string{"dataset.xlsx", "csv/entities.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(removed, " "), ".docset-staging .docset-spool-1 .dataset.xlsx.tmp-123 csv/.entities.csv.tmp-9"; got != want {
		t.Errorf("removed %q, want %q", got, want)
	}
	removed, _ = RemoveLeftovers(filepath.Join(dir, "records"), []string{"*.json"})
	if got := strings.Join(removed, " "); got != ".a.json.tmp-1" {
		t.Errorf("records: removed %q", got)
	}
	for _, f := range []string{"dataset.xlsx", ".notes.tmp-1", "csv/entities.csv"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s removed: %v", f, err)
		}
	}
}

// TestCommitStoppedHalfway moves two files in place and stops after the
// first, as a killed run would: both files, one old, one new, are
// docset's, and Check passes them.
func TestCommitStoppedHalfway(t *testing.T) {
	dir := t.TempDir()
	files := []string{"a.csv", "csv/b.csv"}
	write(t, filepath.Join(dir, "a.csv"), "old a")
	write(t, filepath.Join(dir, "csv", "b.csv"), "old b")
	g, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Record(files); err != nil {
		t.Fatal(err)
	}
	staging := filepath.Join(dir, StagingName)
	write(t, filepath.Join(staging, "a.csv"), "new a")
	write(t, filepath.Join(staging, "csv", "b.csv"), "new b")
	// What Commit saves before it moves anything, then one move.
	for _, f := range files {
		sum, err := hashFile(filepath.Join(staging, f))
		if err != nil {
			t.Fatal(err)
		}
		g.pending[f] = sum
	}
	if err := g.save(); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(staging, "a.csv"), filepath.Join(dir, "a.csv")); err != nil {
		t.Fatal(err)
	}
	g, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Check(files); err != nil {
		t.Fatalf("after a stop halfway: %v", err)
	}
	if err := g.Commit(staging, files, map[string]string{"r1": "abc"}); err != nil {
		t.Fatal(err)
	}
	g, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.pending) != 0 || g.Check(files) != nil {
		t.Errorf("after the commit: pending %v, check %v", g.pending, g.Check(files))
	}
	if sum, ok := g.RecordSum("r1"); !ok || sum != "abc" {
		t.Errorf("record sum %q %v", sum, ok)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "csv", "b.csv"))
	if string(data) != "new b" {
		t.Errorf("b.csv = %q", data)
	}
}
