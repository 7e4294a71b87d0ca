package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/docset/docset/internal/outputguard"
)

// TestOutputLinks plants symbolic links inside the output folder, to a
// folder or file elsewhere: nothing is written through them, even with
// --force, and the run says which link is in the way.
func TestOutputLinks(t *testing.T) {
	seeds := filepath.Join("..", "..", "seeds")
	tests := []struct {
		name string
		link string // inside out/, to a folder elsewhere
		file bool   // to a file elsewhere instead
		args []string
	}{
		{name: "csv folder", link: "csv", args: []string{"run", seeds, "--force"}},
		{name: "records folder", link: "records", args: []string{"run", seeds}},
		{name: "workbook", link: "dataset.xlsx", file: true, args: []string{"export", "--force", sampleRecordsDir}},
		{name: "a record", link: "records/dfb44469170eca92.json", file: true, args: []string{"run", seeds, "--force"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, elsewhere := filepath.Join(t.TempDir(), "out"), t.TempDir()
			target := elsewhere
			if tt.file {
				target = filepath.Join(elsewhere, "precious")
				writeTestFile(t, target, "keep me")
			}
			if err := os.MkdirAll(filepath.Dir(filepath.Join(out, tt.link)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(target, filepath.Join(out, tt.link)); err != nil {
				t.Fatal(err)
			}
			before := listDir(t, elsewhere)
			_, stderr, code := runCLI(t, "", append(tt.args, "-o", out)...)
			if !strings.Contains(stderr, filepath.ToSlash(filepath.Join(out, tt.link))+" is a symbolic link") {
				t.Errorf("stderr does not name the link:\n%s", stderr)
			}
			if code != ExitError {
				t.Errorf("exit %d, want %d", code, ExitError)
			}
			if diff := cmp.Diff(before, listDir(t, elsewhere)); diff != "" {
				t.Errorf("written through the link (-before +after):\n%s", diff)
			}
		})
	}
}

// TestOutputLocked runs while another process holds the output folder:
// the run stops at once, naming that process.
func TestOutputLocked(t *testing.T) {
	out := t.TempDir()
	lock, err := outputguard.Acquire(out)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	for _, args := range [][]string{
		{"export", "-o", out, sampleRecordsDir},
		{"run", "-o", out, filepath.Join("..", "..", "seeds")},
	} {
		_, stderr, code := runCLI(t, "", args...)
		want := "another docset process (pid " + strconv.Itoa(os.Getpid()) + ") is writing to this folder"
		if code != ExitError || !strings.Contains(stderr, want) {
			t.Errorf("%s: exit %d, stderr %q; want exit 2 and %q", args[0], code, stderr, want)
		}
	}
}

// TestRunAfterWorkbookEdit runs again after a reviewer corrected the
// workbook: the run keeps the workbook and says to import it first.
func TestRunAfterWorkbookEdit(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	seeds := filepath.Join("..", "..", "seeds")
	if _, stderr, code := runCLI(t, "", "run", seeds, "-o", out); code != ExitOK {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	editWorkbook(t, filepath.Join(out, "dataset.xlsx"), func(f *excelize.File) {
		d := openSheet(t, f, "documents")
		d.set(2, "review_status", "reviewed")
	})
	_, stderr, code := runCLI(t, "", "run", seeds, "-o", out)
	want := "If it holds a reviewer's corrections, bring them into the records first: docset import " + filepath.ToSlash(out) + "/dataset.xlsx -o " + filepath.ToSlash(filepath.Join(out, "records")) + "; then run again."
	if code != ExitError || !strings.Contains(stderr, want) {
		t.Fatalf("exit %d, stderr:\n%s\nwant %q", code, stderr, want)
	}
	// Doing as told works.
	if _, stderr, code := runCLI(t, "", "import", filepath.Join(out, "dataset.xlsx"), "-o", filepath.Join(out, "records")); code != ExitOK {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	if _, stderr, code := runCLI(t, "", "run", seeds, "-o", out); code != ExitOK {
		t.Fatalf("run after the import: exit %d: %s", code, stderr)
	}
}

// TestOutputDash gives -o -, which reads as standard output: each
// command that writes a folder says so, and no folder "-" appears.
func TestOutputDash(t *testing.T) {
	dir := t.TempDir()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	seeds := filepath.Join(wd, "..", "..", "seeds")
	for _, args := range [][]string{
		{"extract", seeds, "-o", "-"},
		{"export", filepath.Join(wd, sampleRecordsDir), "-o", "-"},
		{"run", seeds, "-o", "-"},
		{"import", "x.xlsx", "-o", "-"},
	} {
		_, stderr, code := runCLI(t, "", args...)
		if code != ExitError || !strings.Contains(stderr, "-o -: docset writes a folder of files here, not standard output") {
			t.Errorf("%s: exit %d, stderr %q", args[0], code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "-")); err == nil {
		t.Error("a folder named - was made")
	}
}
