package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBatch: nothing appears under a real name before Commit; after it
// every file holds its new content and no temporary file is left.
func TestBatch(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "0.json")
	if err := WriteFile(old, []byte("old"), Options{}); err != nil {
		t.Fatal(err)
	}
	var b Batch
	for i := range 5 {
		if err := b.WriteFile(filepath.Join(dir, fmt.Sprintf("%d.json", i)), []byte(fmt.Sprint("new ", i)), Options{}); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := os.ReadFile(old); string(got) != "old" {
		t.Errorf("before Commit the target holds %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "1.json")); err == nil {
		t.Error("a file appeared before Commit")
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		got, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("%d.json", i)))
		if err != nil || string(got) != fmt.Sprint("new ", i) {
			t.Errorf("%d.json: %q, %v", i, got, err)
		}
	}
	assertNoTemp(t, dir)
}

// TestBatchCommitsWhenFull: a batch holding MaxFiles files commits them,
// in the background, and Abort leaves the rest out.
func TestBatchCommitsWhenFull(t *testing.T) {
	dir := t.TempDir()
	b := Batch{MaxFiles: 3}
	for i := range 4 {
		if err := b.WriteFile(filepath.Join(dir, fmt.Sprintf("%d", i)), []byte("x"), Options{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.wait(); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	var real int
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			real++
		}
	}
	if real != 3 {
		t.Errorf("%d files in place after 4 writes with MaxFiles 3, want 3", real)
	}
	b.Abort()
	assertNoTemp(t, dir)
	if _, err := os.Stat(filepath.Join(dir, "3")); err == nil {
		t.Error("Abort put the pending file in place")
	}
}

// TestBatchFailedRename: a target that cannot be replaced (a folder) is an
// error; the files after it are not put in place and no temporary file is
// left.
func TestBatchFailedRename(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "b", "inside"), 0o755); err != nil {
		t.Fatal(err)
	}
	var b Batch
	for _, name := range []string{"a", "b", "c"} {
		if err := b.WriteFile(filepath.Join(dir, name), []byte(name), Options{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Commit(); err == nil {
		t.Fatal("no error renaming over a folder")
	}
	if _, err := os.Stat(filepath.Join(dir, "c")); err == nil {
		t.Error("a file after the failure was put in place")
	}
	assertNoTemp(t, dir)
}

func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left", e.Name())
		}
	}
}

// TestBatchSyncEachFile: where a folder's file system is not synced
// whole, each pending file is synced on its own; the files end up in
// place all the same.
func TestBatchSyncEachFile(t *testing.T) {
	for _, whole := range []bool{false, true} {
		t.Run(fmt.Sprint("whole=", whole), func(t *testing.T) {
			dir := t.TempDir()
			f, err := os.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			whole := whole && canSyncFS(f)
			b := Batch{MaxFiles: 2, folders: map[string]*folder{dir: {f: f, wholeFS: whole}}}
			for i := range 5 {
				if err := b.WriteFile(filepath.Join(dir, fmt.Sprintf("%d.json", i)), []byte(fmt.Sprint(i)), Options{}); err != nil {
					t.Fatal(err)
				}
			}
			if err := b.Commit(); err != nil {
				t.Fatal(err)
			}
			for i := range 5 {
				got, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("%d.json", i)))
				if err != nil || string(got) != fmt.Sprint(i) {
					t.Errorf("%d.json: %q, %v", i, got, err)
				}
			}
			assertNoTemp(t, dir)
		})
	}
}
