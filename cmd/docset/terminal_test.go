//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/creack/pty"

	"github.com/docset/docset/schema"
)

// runOnTerminal runs docset in a process of its own whose standard
// streams are a pseudo-terminal, as a person at a terminal runs it, and
// returns what the terminal showed.
func runOnTerminal(t *testing.T, ci bool, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = docsetEnv(ci)
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 120})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	// Reading ends with EIO once the process has exited and closed its
	// side (Linux), or EOF.
	if _, err := io.Copy(&out, tty); err != nil && !errors.Is(err, syscall.EIO) {
		t.Fatal(err)
	}
	tty.Close()
	code := 0
	if err := cmd.Wait(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatal(err)
		}
		code = ee.ExitCode()
	}
	return out.String(), code
}

// bar is a progress bar as drawn: what it does, the share done, a bar,
// the count of the total, the rate once known, and [elapsed:left].
var bar = regexp.MustCompile(`(extracting|writing csv, jsonld, xlsx) +(\d+)% \|[^|]*\| \(([^,)]+/[^,)]+)(, [^)]+/(s|min|hr))?\) \[\d+\w*:\d+\w*\]`)

// TestProgressOnTerminal: on a terminal, run draws a bar for extracting
// and one for writing, each cleared when done, and ends with its
// summary; with CI set, or --quiet, there is no bar.
func TestProgressOnTerminal(t *testing.T) {
	in := t.TempDir()
	seed := readTestFile(t, filepath.Join("..", "..", "seeds", "000_5b4285e19d35a4a5.txt"))
	var lines []string
	for i := range 40 {
		doc, _ := json.Marshal(map[string]string{"id": "doc-" + string(rune('a'+i%26)) + string(rune('a'+i/26)), "text": seed})
		lines = append(lines, string(doc))
	}
	writeTestFile(t, filepath.Join(in, "docs.ndjson"), strings.Join(lines, "\n")+"\n")

	shown, code := runOnTerminal(t, false, "run", filepath.Join(in, "docs.ndjson"), "-o", filepath.Join(t.TempDir(), "out"))
	if code != ExitOK {
		t.Fatalf("exit %d:\n%s", code, shown)
	}
	seen := map[string]bool{}
	for _, m := range bar.FindAllStringSubmatch(shown, -1) {
		seen[m[1]] = true
		if m[4] != "" {
			seen["rate"] = true
		}
	}
	for _, want := range []string{"extracting", "writing csv, jsonld, xlsx", "rate"} {
		if !seen[want] {
			t.Errorf("no bar with %s, share, count, rate and time left:\n%q", want, shown)
		}
	}
	// Each bar is cleared (blanks, then a carriage return) before the
	// lines that follow it.
	if !regexp.MustCompile(`\r +\rextracted 40 documents, 0 errors\r\n`).MatchString(shown) {
		t.Errorf("the summary does not follow a cleared bar:\n%q", shown)
	}

	for _, tc := range []struct {
		name string
		ci   bool
		args []string
	}{
		{"CI set", true, nil},
		{"quiet", false, []string{"--quiet"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			shown, code := runOnTerminal(t, tc.ci, append([]string{"run", filepath.Join(in, "docs.ndjson"), "-o", out}, tc.args...)...)
			if code != ExitOK {
				t.Fatalf("exit %d:\n%s", code, shown)
			}
			if strings.Contains(shown, "%") || strings.Contains(shown, "\r\x1b") {
				t.Errorf("a bar was drawn:\n%q", shown)
			}
			if tc.name == "quiet" && shown != "" {
				t.Errorf("--quiet printed:\n%q", shown)
			}
			if _, err := os.Stat(filepath.Join(out, "report.json")); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestRunReport: report.json says what became of every document and
// follows the report schema; --json prints the same report.
func TestRunReport(t *testing.T) {
	in := t.TempDir()
	seed := readTestFile(t, filepath.Join("..", "..", "seeds", "000_5b4285e19d35a4a5.txt"))
	writeTestFile(t, filepath.Join(in, "a.txt"), seed)
	writeTestFile(t, filepath.Join(in, "b.txt"), "")
	out := filepath.Join(t.TempDir(), "out")
	stdout, stderr, code := runCLI(t, "", "run", in, "-o", out, "--json")
	if code != ExitInvalid {
		t.Fatalf("exit %d, want %d (one empty document):\n%s", code, ExitInvalid, stderr)
	}
	saved := readTestFile(t, filepath.Join(out, "report.json"))
	s, err := schema.CompiledReport()
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"report.json": saved, "--json": stdout} {
		var v any
		if err := json.Unmarshal([]byte(data), &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := s.Validate(v); err != nil {
			t.Errorf("%s does not follow the report schema: %v", name, err)
		}
	}
	var rep struct {
		Command string `json:"command"`
		Summary struct {
			Documents, Extracted, Exported, Failed int
		} `json:"summary"`
		Documents []struct {
			ID, Source, Record, Status, Error string
		} `json:"documents"`
		Tables []struct {
			Name string
			Rows int
		} `json:"tables"`
		Formats []struct {
			Name  string
			OK    bool
			Files []struct {
				Path   string
				Bytes  int64
				SHA256 string
			}
		} `json:"formats"`
	}
	if err := json.Unmarshal([]byte(saved), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Command != "run" || rep.Summary.Documents != 2 || rep.Summary.Extracted != 1 || rep.Summary.Exported != 1 || rep.Summary.Failed != 1 {
		t.Errorf("summary %+v", rep.Summary)
	}
	if len(rep.Documents) != 2 || rep.Documents[0].Status != "extracted" || rep.Documents[0].Record != "records/"+rep.Documents[0].ID+".json" ||
		rep.Documents[1].Status != "failed" || rep.Documents[1].Error == "" || !strings.HasSuffix(rep.Documents[1].Source, "b.txt") {
		t.Errorf("documents %+v", rep.Documents)
	}
	if len(rep.Tables) != 7 || rep.Tables[0].Name != "documents" || rep.Tables[0].Rows != 1 {
		t.Errorf("tables %+v", rep.Tables)
	}
	for _, f := range rep.Formats {
		if !f.OK || len(f.Files) == 0 {
			t.Errorf("format %+v", f)
		}
		for _, file := range f.Files {
			data := readTestFile(t, filepath.Join(out, filepath.FromSlash(file.Path)))
			if int64(len(data)) != file.Bytes {
				t.Errorf("%s: %d bytes, report says %d", file.Path, len(data), file.Bytes)
			}
		}
	}
}
