package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/docset/docset/internal/iostreams"
)

func TestNewExtractCmd(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		stdinTTY bool
		want     ExtractOptions
		wantErr  string
	}{
		{name: "paths and flags", args: []string{"a.txt", "dir", "-o", "out", "--force", "-j", "3"},
			want: ExtractOptions{Paths: []string{"a.txt", "dir"}, OutDir: "out", Force: true, Jobs: 3}},
		{name: "piped stdin without paths", args: []string{"-o", "out"}, want: ExtractOptions{Paths: []string{"-"}, OutDir: "out"}},
		{name: "terminal without paths", args: []string{"-o", "out"}, stdinTTY: true, wantErr: "no input"},
		{name: "no output folder", args: []string{"a.txt"}, wantErr: "-o DIR is required"},
		{name: "negative jobs", args: []string{"a.txt", "-o", "out", "--jobs", "-1"}, wantErr: "--jobs -1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			io, _, _, _ := iostreams.Test()
			io.StdinTTY = tt.stdinTTY
			var got *ExtractOptions
			cmd := newExtractCmd(&Factory{IO: io}, func(_ context.Context, o *ExtractOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(io.Out)
			cmd.SetErr(io.ErrOut)
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				if ExitCode(err) != ExitError {
					t.Errorf("exit code %d, want %d", ExitCode(err), ExitError)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got.IO = nil
			if diff := cmp.Diff(&tt.want, got); diff != "" {
				t.Errorf("options (-want +got):\n%s", diff)
			}
		})
	}
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func listDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = string(data)
	}
	return files
}

func TestExtractRun(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	writeFiles(t, in, map[string]string{
		"a.txt":          "Prime Minister Jane Doe said \"we will go\" on Monday.\n",
		"b.md":           "---\ntitle: B\npublished: 2020-05-06\n---\nJohn Smith visited Paris yesterday.\n",
		"sub/bad.txt":    "bad \xff byte",
		"sub/a-copy.txt": "Prime Minister Jane Doe said \"we will go\" on Monday.\n",
		"docs.ndjson":    `{"id": "n1", "text": "Acme Corp hired 30 engineers."}` + "\n" + `{"id": "n1", "text": "Again."}` + "\n",
	})

	stdout, stderr, code := runCLI(t, "", "extract", in, "-o", out)
	if code != ExitInvalid {
		t.Errorf("exit code %d, want %d", code, ExitInvalid)
	}
	if stdout != "" {
		t.Errorf("stdout %q, want nothing", stdout)
	}
	for _, want := range []string{
		"sub/bad.txt:1:5: invalid UTF-8",
		"sub/a-copy.txt: duplicate document id",
		"extracted 2 documents, 2 errors\n",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "\r") {
		t.Errorf("progress written to a non-terminal stderr: %q", stderr)
	}
	first := listDir(t, out)
	if len(first) != 2 {
		t.Fatalf("wrote %d files, want 2 (a.txt and b.md; the NDJSON file is not read from a directory)", len(first))
	}
	for name, data := range first {
		if !strings.HasSuffix(data, "}\n") || !strings.Contains(data, "\n  \"schema_version\": \"1.0\",\n") {
			t.Errorf("%s is not 2-space indented JSON with a final newline", name)
		}
	}

	// JSON Lines: ids from the input; a repeated id is an error naming the line.
	_, stderr, code = runCLI(t, "", "extract", filepath.Join(in, "docs.ndjson"), "-o", out)
	if code != ExitInvalid || !strings.Contains(stderr, "docs.ndjson:2: duplicate document id n1, already used by docs.ndjson:1") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "n1.json")); err != nil {
		t.Error(err)
	}
	os.Remove(filepath.Join(out, "n1.json"))

	// A second run gives byte-identical files.
	runCLI(t, "", "extract", filepath.Join(in, "a.txt"), filepath.Join(in, "b.md"), "-o", out)
	if diff := cmp.Diff(first, listDir(t, out)); diff != "" {
		t.Errorf("second run differs (-first +second):\n%s", diff)
	}

	// A reviewed record is kept unless --force.
	var reviewed string
	for name, data := range first {
		if strings.Contains(data, `"title": "B"`) {
			reviewed = filepath.Join(out, name)
		}
	}
	edited := strings.Replace(first[filepath.Base(reviewed)], `"status": "draft"`, `"status": "reviewed"`, 1)
	writeFiles(t, out, map[string]string{filepath.Base(reviewed): edited})
	_, stderr, code = runCLI(t, "", "extract", filepath.Join(in, "b.md"), "-o", out)
	if code != ExitInvalid || !strings.Contains(stderr, "reviewed record not overwritten; use --force") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	if data, _ := os.ReadFile(reviewed); string(data) != edited {
		t.Error("reviewed record was overwritten without --force")
	}
	if _, _, code = runCLI(t, "", "extract", filepath.Join(in, "b.md"), "-o", out, "--force"); code != ExitOK {
		t.Errorf("--force: exit %d, want 0", code)
	}
	if data, _ := os.ReadFile(reviewed); string(data) != first[filepath.Base(reviewed)] {
		t.Error("--force did not replace the reviewed record")
	}
}

func TestExtractStdinAndNothingReadable(t *testing.T) {
	out := t.TempDir()
	_, stderr, code := runCLI(t, "Jane Doe spoke.\r\n", "extract", "-", "-o", out)
	if code != ExitOK || stderr != "extracted 1 document, 0 errors\n" {
		t.Errorf("stdin: exit %d, stderr %q", code, stderr)
	}
	files := listDir(t, out)
	for _, data := range files {
		if !strings.Contains(data, `"path": "-"`) || !strings.Contains(data, `"text": "Jane Doe spoke.\n"`) {
			t.Errorf("record from stdin:\n%s", data)
		}
	}
	_, stderr, code = runCLI(t, "", "extract", filepath.Join(out, "missing"), "-o", out)
	if code != ExitError || !strings.Contains(stderr, "missing: no such file or directory") {
		t.Errorf("missing input: exit %d, stderr %q", code, stderr)
	}
}

func TestExtractProgressOnTerminal(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"in/a.txt": "Some text."})
	for _, tc := range []struct {
		name  string
		tty   bool
		args  []string
		check func(t *testing.T, errOut string)
	}{
		{"terminal", true, nil, func(t *testing.T, errOut string) {
			if !strings.Contains(errOut, "\rextracting") || !strings.HasSuffix(errOut, "\rextracted 1 document, 0 errors\n") {
				t.Errorf("no progress bar, cleared, then the summary: %q", errOut)
			}
		}},
		{"not a terminal", false, nil, func(t *testing.T, errOut string) {
			if errOut != "extracted 1 document, 0 errors\n" {
				t.Errorf("want only the summary, got %q", errOut)
			}
		}},
		{"quiet", true, []string{"--quiet"}, func(t *testing.T, errOut string) {
			if errOut != "" {
				t.Errorf("want nothing with --quiet, got %q", errOut)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			io, _, _, errOut := iostreams.Test()
			io.StderrTTY = tc.tty
			args := append([]string{"extract", filepath.Join(dir, "in"), "-o", filepath.Join(t.TempDir(), "out")}, tc.args...)
			if code := Main(context.Background(), args, io); code != ExitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			tc.check(t, errOut.String())
		})
	}
}
