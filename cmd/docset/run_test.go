package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRunSeeds(t *testing.T) {
	out := t.TempDir()
	_, errOut, code := runCLI(t, "", "run", filepath.Join("..", "..", "seeds"), "-o", out)
	if code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	for _, p := range []string{"csv/documents.csv", "csv/quotes.csv", "datapackage.json", "dataset.xlsx", "dataset.jsonld"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("missing output: %v", err)
		}
	}
	recs, _ := filepath.Glob(filepath.Join(out, "records", "*.json"))
	if len(recs) != 1 {
		t.Fatalf("got records %v, want one per seed document", recs)
	}

	// A reviewed record survives the next run and is what gets exported.
	data, err := os.ReadFile(recs[0])
	if err != nil {
		t.Fatal(err)
	}
	var rec map[string]any
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatal(err)
	}
	rec["review"] = map[string]any{"status": "reviewed", "by": "A. Reviewer", "notes": "checked"}
	reviewed, _ := json.MarshalIndent(rec, "", "  ")
	if err := os.WriteFile(recs[0], reviewed, 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code = runCLI(t, "", "run", filepath.Join("..", "..", "seeds"), "-o", out)
	if code != ExitOK || !strings.Contains(errOut, "kept reviewed record") {
		t.Fatalf("second run: exit %d, stderr:\n%s", code, errOut)
	}
	if got, _ := os.ReadFile(recs[0]); string(got) != string(reviewed) {
		t.Error("the reviewed record was overwritten")
	}
	docs, _ := os.ReadFile(filepath.Join(out, "csv", "documents.csv"))
	if !strings.Contains(string(docs), "A. Reviewer") {
		t.Errorf("the export does not carry the review:\n%s", docs)
	}

	// --force replaces it with a fresh draft.
	_, errOut, code = runCLI(t, "", "run", "--force", filepath.Join("..", "..", "seeds"), "-o", out)
	if code != ExitOK {
		t.Fatalf("forced run: exit %d, stderr:\n%s", code, errOut)
	}
	if got, _ := os.ReadFile(recs[0]); string(got) != string(data) {
		t.Error("--force did not write a fresh draft")
	}
}

func TestRunBadInput(t *testing.T) {
	dir := t.TempDir()
	good := "Ann Lee, the mayor of Springfield, said on Monday that the bridge will reopen.\n"
	if err := os.WriteFile(filepath.Join(dir, "good.txt"), []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.txt"), []byte("caf\xe9\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	_, errOut, code := runCLI(t, "", "run", dir, "-o", out)
	if code != ExitInvalid {
		t.Errorf("exit %d, want %d", code, ExitInvalid)
	}
	if !strings.Contains(errOut, "bad.txt") {
		t.Errorf("stderr does not name the bad file:\n%s", errOut)
	}
	if _, err := os.Stat(filepath.Join(out, "dataset.xlsx")); err != nil {
		t.Errorf("the good document was not exported: %v", err)
	}

	_, errOut, code = runCLI(t, "", "run", filepath.Join(dir, "missing"), "-o", out)
	if code != ExitError || !strings.Contains(errOut, "missing") {
		t.Errorf("missing path: exit %d, stderr:\n%s", code, errOut)
	}
	_, _, code = runCLI(t, "", "run")
	if code != ExitError {
		t.Errorf("no args: exit %d, want %d", code, ExitError)
	}
	for _, format := range []string{"", "pdf"} {
		_, errOut, code = runCLI(t, "", "run", "--format", format, dir, "-o", out)
		if code != ExitError || !strings.Contains(errOut, "--format") {
			t.Errorf("--format %q: exit %d, stderr:\n%s", format, code, errOut)
		}
	}
}

// TestRunOnePass: run's exports are those of extract then export, byte for
// byte, whatever --jobs; records already in the folder are exported with
// the fresh ones, and a kept reviewed record that is invalid is reported
// as such.
func TestRunOnePass(t *testing.T) {
	in := t.TempDir()
	seed := readTestFile(t, filepath.Join("..", "..", "seeds", "000_5b4285e19d35a4a5.txt"))
	for i := range 12 {
		writeTestFile(t, filepath.Join(in, "doc-"+string(rune('a'+i))+".txt"), seed+"\n\nCopy "+string(rune('a'+i))+".\n")
	}
	// A record of an earlier run, of a document no longer given.
	other := readTestFile(t, filepath.Join(sampleRecordsDir, "edge-cases.json"))

	var outs []map[string][]byte
	for _, jobs := range []string{"1", "3"} {
		out := t.TempDir()
		writeTestFile(t, filepath.Join(out, "records", "edge-cases.json"), other)
		if _, stderr, code := runCLI(t, "", "run", in, "-o", out, "--jobs", jobs, "--quiet"); code != ExitOK {
			t.Fatalf("--jobs %s: exit %d\n%s", jobs, code, stderr)
		}
		outs = append(outs, readTree(t, out, "report.json", ".docset-outputs.json"))
	}
	if diff := cmp.Diff(outs[0], outs[1]); diff != "" {
		t.Errorf("--jobs 1 and 3 differ (-1 +3):\n%s", diff)
	}
	two := t.TempDir()
	writeTestFile(t, filepath.Join(two, "records", "edge-cases.json"), other)
	if _, stderr, code := runCLI(t, "", "extract", in, "-o", filepath.Join(two, "records"), "--quiet"); code != ExitOK {
		t.Fatalf("extract: exit %d\n%s", code, stderr)
	}
	if _, stderr, code := runCLI(t, "", "export", filepath.Join(two, "records"), "-o", two, "--quiet"); code != ExitOK {
		t.Fatalf("export: exit %d\n%s", code, stderr)
	}
	if diff := cmp.Diff(outs[0], readTree(t, two, "report.json", ".docset-outputs.json")); diff != "" {
		t.Errorf("run differs from extract then export (-run +extract/export):\n%s", diff)
	}

	// A reviewed record broken by hand is kept, and reported invalid.
	out := t.TempDir()
	if _, stderr, code := runCLI(t, "", "run", in, "-o", out, "--quiet"); code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	recs, _ := filepath.Glob(filepath.Join(out, "records", "*.json"))
	var rec map[string]any
	if err := json.Unmarshal([]byte(readTestFile(t, recs[0])), &rec); err != nil {
		t.Fatal(err)
	}
	rec["review"] = map[string]any{"status": "reviewed", "by": "A. Reviewer"}
	rec["text"] = "changed"
	data, _ := json.MarshalIndent(rec, "", "  ")
	writeTestFile(t, recs[0], string(data))
	stdout, stderr, code := runCLI(t, "", "run", in, "-o", out, "--quiet", "--json")
	if code != ExitInvalid || !strings.Contains(stderr, "span-range") {
		t.Fatalf("exit %d, want %d with the broken spans reported:\n%s", code, ExitInvalid, stderr)
	}
	var rep struct {
		Summary struct {
			Documents, Extracted, Invalid, Exported int
		} `json:"summary"`
		Documents []struct{ Record, Status, Error string } `json:"documents"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Summary.Documents != 12 || rep.Summary.Extracted != 11 || rep.Summary.Invalid != 1 || rep.Summary.Exported != 11 {
		t.Errorf("summary %+v", rep.Summary)
	}
	for _, d := range rep.Documents {
		if filepath.Base(d.Record) == filepath.Base(recs[0]) && (d.Status != "invalid" || !strings.Contains(d.Error, "past the end of text")) {
			t.Errorf("the broken reviewed record is %q: %s", d.Status, d.Error)
		}
	}
}
