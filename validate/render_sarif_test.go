package validate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/docset/docset/internal/testtool"
)

// invalidRecordsNDJSON writes the invalid example records that parse as
// JSON, one per line, into an NDJSON file, so one file holds many invalid
// records and repeats pointers.
func invalidRecordsNDJSON(t *testing.T) string {
	t.Helper()
	files, err := filepath.Glob("../testdata/records/invalid/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no invalid example records (%v)", err)
	}
	var buf bytes.Buffer
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if json.Compact(&buf, data) == nil {
			buf.WriteByte('\n')
		}
	}
	p := filepath.Join(t.TempDir(), "invalid.ndjson")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// schemaFailure is the report of a --schema that cannot be used, built as
// the CLI builds it.
func schemaFailure(t *testing.T) *Report {
	t.Helper()
	p := filepath.Join(t.TempDir(), "broken.schema.json")
	if err := os.WriteFile(p, []byte(`{"properties": {"id": {"type": "strng"}}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := NewForSchema(p, SchemaOptions{})
	var se *SchemaError
	if !errors.As(err, &se) {
		t.Fatalf("got %v, want a SchemaError", err)
	}
	return &Report{Schema: se}
}

// sarifLogs renders the reports the SARIF output must get right: a valid
// batch, an invalid batch (with a missing file and standard input), many
// invalid records in one NDJSON file, and a schema that cannot be used.
func sarifLogs(t *testing.T) map[string]string {
	t.Helper()
	v := recordValidator(t)
	validate := func(paths []string, stdin string) *Report {
		rep, err := v.Validate(context.Background(), paths, strings.NewReader(stdin))
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	reports := map[string]*Report{
		"valid-batch":     validate([]string{"../testdata/records/valid"}, ""),
		"invalid-batch":   validate([]string{"../testdata/records/invalid", "../testdata/records/missing.json", "-"}, `{"a": 1}`),
		"invalid-records": validate([]string{invalidRecordsNDJSON(t)}, ""),
		"failed-schema":   schemaFailure(t),
	}
	out := map[string]string{}
	for name, rep := range reports {
		out[name] = render(t, rep, "sarif")
	}
	return out
}

// TestSARIFPassesSarifCheck checks the SARIF logs with Microsoft's SARIF
// Multitool under the rules GitHub code scanning applies on upload
// (../shared/tools/sarif-check): not one error.
func TestSARIFPassesSarifCheck(t *testing.T) {
	check := testtool.Shared(t, "tools/sarif-check/sarif-check")
	testtool.LookPath(t, "python3", "the Debian package python3")
	testtool.LookPath(t, "npm", "Node.js 18 or later with npm (Debian packages nodejs npm)")
	dir := t.TempDir()
	var files []string
	for name, log := range sarifLogs(t) {
		p := filepath.Join(dir, name+".sarif")
		if err := os.WriteFile(p, []byte(log), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	out, err := exec.Command(check, files...).CombinedOutput()
	if err != nil {
		t.Errorf("sarif-check: %v\n%s", err, out)
	}
	for _, f := range files {
		if want := "sarif-check: " + f + ": 0 errors"; !strings.Contains(string(out), want) {
			t.Errorf("sarif-check output lacks %q:\n%s", want, out)
		}
	}
}

// sarifShape is the part of a SARIF log the structural tests read.
type sarifShape struct {
	Schema  string `json:"$schema"`
	Version string
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string
				Rules []struct{ ID, Name string }
			}
		}
		Invocations []struct {
			ExecutionSuccessful bool
			ExitCode            int
			Notifications       []struct {
				Level      string
				Message    struct{ Text string }
				Descriptor struct{ ID string }
			} `json:"toolExecutionNotifications"`
		}
		ColumnKind string
		Results    []struct {
			RuleID    string
			RuleIndex int
			Level     string
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI, URIBaseID string }
					Region           struct{ StartLine, StartColumn, EndLine, EndColumn int }
				}
			}
			PartialFingerprints map[string]string
			Properties          struct{ Pointer string }
		}
	}
}

func parseSARIF(t *testing.T, log string) sarifShape {
	t.Helper()
	var s sarifShape
	if err := json.Unmarshal([]byte(log), &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Runs) != 1 {
		t.Fatalf("got %d runs, want 1", len(s.Runs))
	}
	return s
}

// TestSARIFStructure pins what the checker cannot know: one result per
// finding, in report order, pointing at its rule, its place and pointer;
// fingerprints unique; the exit status and notifications as the CLI's.
func TestSARIFStructure(t *testing.T) {
	logs := sarifLogs(t)
	rep := exampleReport(t)
	s := parseSARIF(t, render(t, rep, "sarif"))
	run := s.Runs[0]
	if s.Version != "2.1.0" || !strings.Contains(s.Schema, "sarif-schema-2.1.0.json") || run.ColumnKind != "unicodeCodePoints" || run.Tool.Driver.Name != "docset" {
		t.Errorf("log header: version %q schema %q columnKind %q tool %q", s.Version, s.Schema, run.ColumnKind, run.Tool.Driver.Name)
	}
	findings := rep.Findings()
	if len(run.Results) != len(findings) {
		t.Fatalf("got %d results, want one per finding (%d)", len(run.Results), len(findings))
	}
	fps := map[string]bool{}
	for i, r := range run.Results {
		fd := findings[i]
		loc := r.Locations[0].PhysicalLocation
		if r.RuleID != fd.Rule || run.Tool.Driver.Rules[r.RuleIndex].ID != fd.Rule || r.Level != "error" {
			t.Errorf("result %d: rule %q index %d level %q, want %q", i, r.RuleID, r.RuleIndex, r.Level, fd.Rule)
		}
		if loc.ArtifactLocation.URI != fd.File || loc.ArtifactLocation.URIBaseID != "SRCROOT" {
			t.Errorf("result %d: uri %q base %q, want %q relative to SRCROOT", i, loc.ArtifactLocation.URI, loc.ArtifactLocation.URIBaseID, fd.File)
		}
		reg := loc.Region
		if reg.StartLine != fd.Line || reg.StartColumn != fd.Column || reg.EndLine != fd.Line || reg.EndColumn < reg.StartColumn {
			t.Errorf("result %d: region %+v, want line %d from column %d", i, reg, fd.Line, fd.Column)
		}
		if r.Properties.Pointer != fd.Pointer || !strings.HasSuffix(r.Message.Text, fd.Message) {
			t.Errorf("result %d: pointer %q message %q, want %q and %q", i, r.Properties.Pointer, r.Message.Text, fd.Pointer, fd.Message)
		}
		fp := r.PartialFingerprints[fingerprintKey]
		if fp == "" || fps[fp] {
			t.Errorf("result %d: fingerprint %q missing or repeated", i, fp)
		}
		fps[fp] = true
	}
	inv := run.Invocations[0]
	if inv.ExitCode != 2 || inv.ExecutionSuccessful || len(inv.Notifications) != 1 || inv.Notifications[0].Descriptor.ID != "file-error" ||
		!strings.Contains(inv.Notifications[0].Message.Text, "missing.json") {
		t.Errorf("invocation %+v, want exit 2, unsuccessful, one file-error notification naming missing.json", inv)
	}

	valid := parseSARIF(t, logs["valid-batch"]).Runs[0]
	if inv := valid.Invocations[0]; len(valid.Results) != 0 || inv.ExitCode != 0 || !inv.ExecutionSuccessful || len(inv.Notifications) != 0 {
		t.Errorf("valid batch: %d results, invocation %+v", len(valid.Results), inv)
	}
	failed := parseSARIF(t, logs["failed-schema"]).Runs[0]
	if inv := failed.Invocations[0]; len(failed.Results) != 0 || inv.ExitCode != 2 || inv.ExecutionSuccessful ||
		len(inv.Notifications) != 1 || inv.Notifications[0].Descriptor.ID != "schema-error" || !strings.Contains(inv.Notifications[0].Message.Text, "does not follow its metaschema") {
		t.Errorf("failed schema: %d results, invocation %+v", len(failed.Results), inv)
	}
	if got, want := len(failed.Tool.Driver.Rules), len(Rules()); got != want {
		t.Errorf("failed schema: %d rules, want the whole catalogue (%d): rules change only with docset", got, want)
	}
}

// TestSARIFFingerprints: a finding keeps its fingerprint when the document
// is reformatted and its line moves; repeats of one pointer in an NDJSON
// file are told apart by their occurrence.
func TestSARIFFingerprints(t *testing.T) {
	v, err := NewForSchema(writeSchema(t, `{"properties": {"n": {"type": "integer"}}}`), SchemaOptions{})
	if err != nil {
		t.Fatal(err)
	}
	fingerprints := func(name, doc string) []string {
		dir := t.TempDir()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Chdir(dir)
		rep, err := v.Validate(context.Background(), []string{name}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range parseSARIF(t, render(t, rep, "sarif")).Runs[0].Results {
			out = append(out, r.PartialFingerprints[fingerprintKey])
		}
		return out
	}
	compact := fingerprints("a.json", `{"n": "x"}`)
	pretty := fingerprints("a.json", "{\n\n  \"m\": 1,\n  \"n\": \"x\"\n}\n")
	if len(compact) != 1 || !cmp.Equal(compact, pretty) {
		t.Errorf("fingerprints differ after reformatting: %v vs %v", compact, pretty)
	}
	if dotted := fingerprints("./a.json", `{"n": "x"}`); !cmp.Equal(dotted, compact) {
		t.Errorf("./a.json and a.json have different fingerprints: %v vs %v", dotted, compact)
	}
	lines := fingerprints("a.ndjson", "{\"n\": \"x\"}\n{\"n\": 1}\n{\"n\": \"y\"}\n")
	if len(lines) != 2 || lines[0] == lines[1] || !strings.HasSuffix(lines[0], ":1") || !strings.HasSuffix(lines[1], ":2") ||
		strings.TrimSuffix(lines[0], ":1") != strings.TrimSuffix(lines[1], ":2") {
		t.Errorf("NDJSON fingerprints %v, want one base with occurrences :1 and :2", lines)
	}
	if other := fingerprints("b.json", `{"n": "x"}`); cmp.Equal(other, compact) {
		t.Errorf("the same finding in another file has the same fingerprint %v", other)
	}
}

func writeSchema(t *testing.T, schema string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "s.schema.json")
	if err := os.WriteFile(p, []byte(schema), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSARIFLocation: URIs relative to the working directory, percent-
// encoded; absolute paths below it made relative; others absolute file
// URIs; standard input by the name the other formats give it.
func TestSARIFLocation(t *testing.T) {
	s := sarifRenderer{getwd: func() (string, error) { return "/work/repo", nil }}
	tests := []struct{ path, uri, base string }{
		{"out/a.json", "out/a.json", sarifRoot},
		{"./out/a.json", "out/a.json", sarifRoot},
		{"data/my records/a#1.json", "data/my%20records/a%231.json", sarifRoot},
		{"../other/a.json", "../other/a.json", sarifRoot},
		{"/work/repo/out/a.json", "out/a.json", sarifRoot},
		{"/tmp/a.json", "file:///tmp/a.json", ""},
		{"/work/repository/a.json", "file:///work/repository/a.json", ""},
		{StdinName, "%3Cstdin%3E", ""},
	}
	for _, tt := range tests {
		al := s.location(tt.path, nil).PhysicalLocation.ArtifactLocation
		if al.URI != tt.uri || al.URIBaseID != tt.base {
			t.Errorf("%s: got uri %q base %q, want %q %q", tt.path, al.URI, al.URIBaseID, tt.uri, tt.base)
		}
	}
}

// TestSARIFUnknownRule: a rule outside the catalogue (a custom keyword)
// still gets a descriptor, after the catalogue, and results point at it.
func TestSARIFUnknownRule(t *testing.T) {
	rep := &Report{Files: []FileReport{{Path: "a.json", Records: 1, Invalid: 1, Findings: []Finding{
		{File: "a.json", Line: 1, Column: 1, EndColumn: 2, Rule: "x-checksum", Message: "checksum mismatch"},
	}}}}
	run := parseSARIF(t, render(t, rep, "sarif")).Runs[0]
	rules := run.Tool.Driver.Rules
	if len(rules) != len(Rules())+1 || rules[len(rules)-1].ID != "x-checksum" || run.Results[0].RuleIndex != len(rules)-1 {
		t.Errorf("rules %d (last %+v), result index %d", len(rules), rules[len(rules)-1], run.Results[0].RuleIndex)
	}
	if r := rules[len(rules)-1]; strings.EqualFold(r.ID, r.Name) {
		t.Errorf("generic rule name %q equals its id", r.Name)
	}
}
