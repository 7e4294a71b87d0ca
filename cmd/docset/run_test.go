package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
