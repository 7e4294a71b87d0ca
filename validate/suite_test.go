package validate

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// suiteDir is the repository's copy of the official JSON Schema Test Suite.
const suiteDir = "../testdata/JSON-Schema-Test-Suite"

// suiteGroup is one schema of a suite file with its test documents.
type suiteGroup struct {
	Description string          `json:"description"`
	Schema      json.RawMessage `json:"schema"`
	Tests       []struct {
		Description string          `json:"description"`
		Data        json.RawMessage `json:"data"`
		Valid       bool            `json:"valid"`
	} `json:"tests"`
}

// suiteRemotes serves the suite's remotes where its tests expect them.
var suiteRemotes = []Mapping{{Prefix: "http://localhost:1234/", Dir: filepath.Join(suiteDir, "remotes")}}

// forEachSuiteGroup calls fn with every group of the suite's tests for
// draft (e.g. "draft7"; optional/ too when optional is set), its schema
// written to schemaPath, and where it comes from.
func forEachSuiteGroup(t *testing.T, draft string, optional bool, fn func(where string, g suiteGroup, schemaPath string)) {
	t.Helper()
	root := filepath.Join(suiteDir, "tests", draft)
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != root && !optional {
			return fs.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".json") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil || len(files) == 0 {
		t.Fatalf("no suite files for %s (%v): the copy under testdata/ is incomplete", draft, err)
	}
	dir := t.TempDir()
	for fi, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var groups []suiteGroup
		if err := json.Unmarshal(data, &groups); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		rel, _ := filepath.Rel(root, file)
		for gi, g := range groups {
			p := filepath.Join(dir, fmt.Sprintf("%d-%d.json", fi, gi))
			if err := os.WriteFile(p, g.Schema, 0o644); err != nil {
				t.Fatal(err)
			}
			fn(draft+"/"+filepath.ToSlash(rel)+": "+g.Description, g, p)
		}
	}
}
