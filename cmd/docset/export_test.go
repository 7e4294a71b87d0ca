package main

import (
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/docset/docset/internal/iostreams"
)

// sampleRecordsDir holds the exporters' sample records: the seed article,
// an edge-case record and an NDJSON file of two.
var sampleRecordsDir = filepath.Join("..", "..", "exporters", "testdata", "records")

func TestExportFlags(t *testing.T) {
	all := []string{"csv", "jsonld", "xlsx"}
	tests := []struct {
		name     string
		args     []string
		want     ExportOptions
		wantErr  string
		wantCode int
	}{
		{name: "defaults", args: []string{"recs/"},
			want: ExportOptions{Paths: []string{"recs/"}, OutDir: "out", Formats: all}},
		{name: "everything", args: []string{"a.json", "b.ndjson", "--format", "csv,xlsx", "-o", "x", "--excel", "--raw", "--base-iri", "https://data.example.org/n", "--force"},
			want: ExportOptions{Paths: []string{"a.json", "b.ndjson"}, OutDir: "x", Formats: []string{"csv", "xlsx"}, Excel: true, Raw: true, BaseIRI: "https://data.example.org/n", Force: true}},
		{name: "repeated format flag", args: []string{"r", "--format", "csv", "--format", "jsonld"},
			want: ExportOptions{Paths: []string{"r"}, OutDir: "out", Formats: []string{"csv", "jsonld"}}},
		{name: "unknown format", args: []string{"r", "--format", "csv,pdf"}, wantErr: `unknown format "pdf" (known: csv, jsonld, xlsx)`, wantCode: ExitError},
		{name: "empty format", args: []string{"r", "--format", ""}, wantErr: "give at least one format", wantCode: ExitError},
		{name: "bad base IRI", args: []string{"r", "--base-iri", "not an iri"}, wantErr: "--base-iri", wantCode: ExitError},
		{name: "no paths", args: nil, wantErr: "no PATH given: name files or directories, or - for standard input", wantCode: ExitError},
		{name: "empty output", args: []string{"r", "-o", ""}, wantErr: "-o: give the output folder", wantCode: ExitError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			io, _, _, errOut := iostreams.Test()
			var got *ExportOptions
			f := &Factory{IO: io}
			root := NewRootCmd(f)
			// Swap in the export command with a runF that captures the options.
			for _, c := range root.Commands() {
				if c.Name() == "export" {
					root.RemoveCommand(c)
				}
			}
			root.AddCommand(newExportCmd(f, func(_ context.Context, o *ExportOptions) error {
				got = o
				return nil
			}))
			root.SetArgs(append([]string{"export"}, tt.args...))
			err := root.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got error %v, want one containing %q", err, tt.wantErr)
				}
				if code := ExitCode(err); code != tt.wantCode {
					t.Errorf("exit %d, want %d", code, tt.wantCode)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error %v (stderr %s)", err, errOut)
			}
			got.IO = nil
			if diff := cmp.Diff(tt.want, *got); diff != "" {
				t.Errorf("options (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExportRun(t *testing.T) {
	out := t.TempDir()
	stdout, stderr, code := runCLI(t, "", "export", "-o", out, sampleRecordsDir)
	if code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout should be empty, got %q", stdout)
	}
	if !strings.Contains(stderr, "4 records to") {
		t.Errorf("stderr lacks the summary: %q", stderr)
	}
	for _, p := range []string{"csv/documents.csv", "csv/mentions.csv", "datapackage.json", "dataset.xlsx", "dataset.jsonld"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("missing output: %v", err)
		}
	}
	if got := csvColumn(t, filepath.Join(out, "csv", "documents.csv"), "id"); !cmp.Equal(got, []string{"000_5b4285e19d35a4a5", "edge-cases", "wire-0001", "wire-0002"}) {
		t.Errorf("document ids %v: want every record, sorted by id", got)
	}
}

// TestExportInvalidAndDuplicates: invalid records and records sharing an
// id are reported with their place and left out; the rest is exported.
func TestExportInvalidAndDuplicates(t *testing.T) {
	in := t.TempDir()
	copyTestFile(t, filepath.Join(sampleRecordsDir, "wire.ndjson"), filepath.Join(in, "wire.ndjson"))
	seed := readTestFile(t, filepath.Join(sampleRecordsDir, "000_5b4285e19d35a4a5.json"))
	writeTestFile(t, filepath.Join(in, "a.json"), seed)
	writeTestFile(t, filepath.Join(in, "sub", "b.json"), seed)
	edge := readTestFile(t, filepath.Join(sampleRecordsDir, "edge-cases.json"))
	writeTestFile(t, filepath.Join(in, "bad.json"), strings.Replace(edge, `"status": "draft"`, `"status": "final"`, 1))
	writeTestFile(t, filepath.Join(in, "broken.ndjson"), "{\"id\": \n")

	out := t.TempDir()
	_, stderr, code := runCLI(t, "", "export", "--format", "csv", "-o", out, in)
	if code != ExitInvalid {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, ExitInvalid, stderr)
	}
	for _, want := range []string{
		filepath.ToSlash(filepath.Join(in, "bad.json")) + ":",
		"/review/status",
		filepath.ToSlash(filepath.Join(in, "broken.ndjson")) + ":1:",
		`duplicate record id "000_5b4285e19d35a4a5" in ` + filepath.ToSlash(filepath.Join(in, "a.json")) + " and " + filepath.ToSlash(filepath.Join(in, "sub", "b.json")),
		"2 records to",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if got := csvColumn(t, filepath.Join(out, "csv", "documents.csv"), "id"); !cmp.Equal(got, []string{"wire-0001", "wire-0002"}) {
		t.Errorf("exported ids %v, want only the valid, unique ones", got)
	}
	if _, err := os.Stat(filepath.Join(out, "dataset.xlsx")); err == nil {
		t.Error("--format csv wrote the workbook too")
	}
}

func TestExportStdin(t *testing.T) {
	tests := []struct {
		name, input string
		want        []string
	}{
		{"ndjson", readTestFile(t, filepath.Join(sampleRecordsDir, "wire.ndjson")), []string{"wire-0001", "wire-0002"}},
		{"one document", readTestFile(t, filepath.Join(sampleRecordsDir, "edge-cases.json")), []string{"edge-cases"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			_, stderr, code := runCLI(t, tt.input, "export", "--format", "csv", "-o", out, "-")
			if code != ExitOK {
				t.Fatalf("exit %d, stderr:\n%s", code, stderr)
			}
			if got := csvColumn(t, filepath.Join(out, "csv", "documents.csv"), "id"); !cmp.Equal(got, tt.want) {
				t.Errorf("ids %v, want %v", got, tt.want)
			}
		})
	}
}

// TestExportNDJSONFraming: a byte order mark, CRLF line ends, blank lines
// and an invalid line between valid ones; the valid records are read back
// from the right places.
func TestExportNDJSONFraming(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(readTestFile(t, filepath.Join(sampleRecordsDir, "wire.ndjson"))), "\n")
	data := "\ufeff" + lines[0] + "\r\n\r\n" + `{"id": "broken"` + "\r\n" + lines[1] + "\r\n"
	in := filepath.Join(t.TempDir(), "recs.jsonl")
	writeTestFile(t, in, data)
	out := t.TempDir()
	_, stderr, code := runCLI(t, "", "export", "--format", "csv", "-o", out, in)
	if code != ExitInvalid || !strings.Contains(stderr, "recs.jsonl:3:") {
		t.Fatalf("exit %d, want %d with the broken line 3 reported; stderr:\n%s", code, ExitInvalid, stderr)
	}
	if got := csvColumn(t, filepath.Join(out, "csv", "documents.csv"), "id"); !cmp.Equal(got, []string{"wire-0001", "wire-0002"}) {
		t.Errorf("ids %v", got)
	}
}

func TestExportNothingValid(t *testing.T) {
	in := t.TempDir()
	writeTestFile(t, filepath.Join(in, "x.json"), "{}")
	out := filepath.Join(t.TempDir(), "out")
	_, stderr, code := runCLI(t, "", "export", "-o", out, in)
	if code != ExitInvalid || !strings.Contains(stderr, "nothing written") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the output folder was created with nothing to export")
	}
	_, stderr, code = runCLI(t, "", "export", "-o", out, filepath.Join(in, "missing.json"))
	if code != ExitError || !strings.Contains(stderr, "missing.json") {
		t.Errorf("missing input: exit %d, stderr %q", code, stderr)
	}
}

// TestExportKeepsRecords: a record saved where an output goes is not
// replaced without --force.
func TestExportKeepsRecords(t *testing.T) {
	out := t.TempDir()
	rec := readTestFile(t, filepath.Join(sampleRecordsDir, "000_5b4285e19d35a4a5.json"))
	writeTestFile(t, filepath.Join(out, "datapackage.json"), rec)
	_, stderr, code := runCLI(t, "", "export", "--format", "csv", "-o", out, sampleRecordsDir)
	if code != ExitError || !strings.Contains(stderr, "datapackage.json changed since docset wrote it") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if readTestFile(t, filepath.Join(out, "datapackage.json")) != rec {
		t.Fatal("the record was replaced without --force")
	}
	if _, err := os.Stat(filepath.Join(out, "csv")); err == nil {
		t.Error("files were written although the export was refused")
	}
	if _, stderr, code = runCLI(t, "", "export", "--format", "csv", "-o", out, "--force", sampleRecordsDir); code != ExitOK {
		t.Fatalf("--force: exit %d, stderr %q", code, stderr)
	}
	if readTestFile(t, filepath.Join(out, "datapackage.json")) == rec {
		t.Error("--force did not replace it")
	}
}

// TestExportKeepsEditedOutputs: an export file a person changed after
// docset wrote it is not replaced without --force; unchanged ones are.
func TestExportKeepsEditedOutputs(t *testing.T) {
	out := t.TempDir()
	for i := 0; i < 2; i++ {
		if _, stderr, code := runCLI(t, "", "export", "-o", out, sampleRecordsDir); code != ExitOK {
			t.Fatalf("export %d: exit %d, stderr %q", i+1, code, stderr)
		}
	}
	edited := "document_id,id\nreviewed by hand\n"
	writeTestFile(t, filepath.Join(out, "csv", "quotes.csv"), edited)
	_, stderr, code := runCLI(t, "", "export", "-o", out, sampleRecordsDir)
	if code != ExitError || !strings.Contains(stderr, "csv/quotes.csv changed since docset wrote it") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if readTestFile(t, filepath.Join(out, "csv", "quotes.csv")) != edited {
		t.Fatal("the edited file was replaced without --force")
	}
	// Exporting only other formats does not touch it.
	if _, stderr, code := runCLI(t, "", "export", "--format", "jsonld", "-o", out, sampleRecordsDir); code != ExitOK {
		t.Fatalf("jsonld only: exit %d, stderr %q", code, stderr)
	}
	if _, stderr, code := runCLI(t, "", "export", "--force", "-o", out, sampleRecordsDir); code != ExitOK {
		t.Fatalf("--force: exit %d, stderr %q", code, stderr)
	}
	if readTestFile(t, filepath.Join(out, "csv", "quotes.csv")) == edited {
		t.Error("--force did not replace the edited file")
	}
}

func TestExportHelpAndCompletion(t *testing.T) {
	stdout, _, code := runCLI(t, "", "export", "--help")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"csv ", "xlsx ", "jsonld ", "dataset.xlsx", "--raw", "lossy", "apostrophe", "--excel"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	stdout, _, _ = runCLI(t, "", "__complete", "export", "--format", "csv,")
	for _, want := range []string{"csv,jsonld\t", "csv,xlsx\t"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("completion lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "csv,csv") {
		t.Errorf("completion offers a format twice:\n%s", stdout)
	}
}

// TestExportSeedsChecked extracts the seed documents with the real
// extractor, exports them, and opens the result with Frictionless' own
// libraries (datapackage-check).
func TestExportSeedsChecked(t *testing.T) {
	tool := filepath.Join("..", "..", "..", "shared", "tools", "datapackage-check", "datapackage-check")
	if _, err := os.Stat(tool); err != nil {
		t.Skip("../shared/tools/datapackage-check is absent: this test needs the shared folder beside the repository")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not installed: datapackage-check needs Node.js >= 18 with npm (Debian: apt-get install nodejs npm)")
	}
	recs := t.TempDir()
	if _, stderr, code := runCLI(t, "", "extract", filepath.Join("..", "..", "seeds"), "-o", recs); code != ExitOK {
		t.Fatalf("extract seeds: exit %d\n%s", code, stderr)
	}
	out := t.TempDir()
	if _, stderr, code := runCLI(t, "", "export", "--format", "csv", "-o", out, recs); code != ExitOK {
		t.Fatalf("export: exit %d\n%s", code, stderr)
	}
	res, err := exec.Command(tool, filepath.Join(out, "datapackage.json")).CombinedOutput()
	t.Logf("datapackage-check:\n%s", res)
	if err != nil {
		t.Errorf("datapackage-check: %v", err)
	}
}

func csvColumn(t *testing.T, path, name string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	i := -1
	for j, h := range rows[0] {
		if h == name {
			i = j
		}
	}
	if i < 0 {
		t.Fatalf("%s has no column %s", path, name)
	}
	var out []string
	for _, r := range rows[1:] {
		out = append(out, r[i])
	}
	return out
}

func readTestFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func writeTestFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyTestFile(t *testing.T, from, to string) {
	t.Helper()
	writeTestFile(t, to, readTestFile(t, from))
}

// TestOutputFolderIsAFile: -o naming a file is a usage problem said as such,
// for extract and export alike.
func TestOutputFolderIsAFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "afile")
	writeTestFile(t, file, "x")
	for _, args := range [][]string{
		{"extract", filepath.Join("..", "..", "seeds"), "-o", file},
		{"export", filepath.Join("..", "..", "testdata", "records", "valid", "000_5b4285e19d35a4a5.json"), "-o", file},
	} {
		_, stderr, code := runCLI(t, "", args...)
		if code != ExitError || !strings.Contains(stderr, "not a directory; -o must name a folder (it is created when missing)") {
			t.Errorf("%s: exit %d, stderr %q", args[0], code, stderr)
		}
	}
}
