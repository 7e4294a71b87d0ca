package validate

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	goldenfile "github.com/docset/docset/internal/golden"
)

func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", "golden", name), []byte(got))
}

// exampleReport validates the shipped examples plus a missing file, so
// every renderer shows findings, valid files and a file error.
func exampleReport(t *testing.T) *Report {
	t.Helper()
	rep, err := recordValidator(t).Validate(context.Background(), []string{
		"../testdata/records/valid", "../testdata/records/invalid", "../testdata/records/missing.json",
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestRenderGolden(t *testing.T) {
	rep := exampleReport(t)
	for _, f := range Formats() {
		t.Run(f.Name, func(t *testing.T) {
			golden(t, "records."+f.Name, render(t, rep, f.Name))
		})
	}
}

func TestRenderValid(t *testing.T) {
	rep, err := recordValidator(t).Validate(context.Background(), []string{"../testdata/records/valid"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Formats() {
		t.Run(f.Name, func(t *testing.T) {
			golden(t, "valid."+f.Name, render(t, rep, f.Name))
		})
	}
}

func TestJSONShape(t *testing.T) {
	var got struct {
		Valid   bool
		Summary map[string]int
		Files   []struct {
			File     string
			Valid    bool
			Error    string
			Findings []map[string]any
		}
	}
	if err := json.Unmarshal([]byte(render(t, exampleReport(t), "json")), &got); err != nil {
		t.Fatal(err)
	}
	if got.Valid || got.Summary["errors"] != 1 || got.Summary["findings"] != len(exampleReport(t).Findings()) {
		t.Errorf("valid %v summary %v", got.Valid, got.Summary)
	}
	for _, f := range got.Files {
		for _, fd := range f.Findings {
			var keys []string
			for k := range fd {
				keys = append(keys, k)
			}
			if len(keys) != 7 {
				t.Errorf("finding keys %v, want file line column offset pointer rule message", keys)
			}
		}
	}
}

func TestJUnitIsWellFormed(t *testing.T) {
	var got junitSuites
	if err := xml.Unmarshal([]byte(render(t, exampleReport(t), "junit")), &got); err != nil {
		t.Fatal(err)
	}
	s := got.Suites[0]
	if s.Tests != 16 || s.Failures != 12 || s.Errors != 1 || len(s.Cases) != 16 {
		t.Errorf("suite counts tests=%d failures=%d errors=%d cases=%d", s.Tests, s.Failures, s.Errors, len(s.Cases))
	}
}

func TestGitHubEscaping(t *testing.T) {
	rep := &Report{Files: []FileReport{{
		Path: "a,b:c%.json", Records: 1, Invalid: 1,
		Findings: []Finding{{File: "a,b:c%.json", Line: 2, Column: 3, Pointer: "/x", Rule: "span-text", Message: "100% wrong:\r\nfix, then: retry"}},
	}, {Path: "gone.json", Err: errors.New("no such file or directory")}}}
	want := "::error file=a%2Cb%3Ac%25.json,line=2,col=3,title=docset validate%3A span-text::/x: 100%25 wrong:%0D%0Afix, then: retry\n" +
		"::error file=gone.json,title=docset validate%3A cannot read::no such file or directory\n" +
		"2 files, 1 record: 1 invalid, 1 finding, 1 file error\n"
	if got := render(t, rep, "github"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestNewRendererUnknown(t *testing.T) {
	_, err := NewRenderer("yaml")
	if err == nil || !strings.Contains(err.Error(), "text, json, github, junit") {
		t.Errorf("got %v", err)
	}
}
