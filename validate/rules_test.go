package validate

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRulesCatalogue: ids and names unique and distinct from each other
// (SARIF tools treat an id equal to its name as an error of the producer),
// every text a sentence.
func TestRulesCatalogue(t *testing.T) {
	ids, names := map[string]bool{}, map[string]bool{}
	for _, r := range Rules() {
		if ids[r.ID] || names[r.Name] {
			t.Errorf("rule %s/%s repeats", r.ID, r.Name)
		}
		ids[r.ID], names[r.Name] = true, true
		if strings.EqualFold(r.ID, r.Name) {
			t.Errorf("rule %s: name %q equals the id", r.ID, r.Name)
		}
		for _, text := range []string{r.Short, r.Full, r.Help} {
			if !strings.HasSuffix(text, ".") {
				t.Errorf("rule %s: %q is not a sentence", r.ID, text)
			}
		}
	}
	if r := RuleFor(RuleSpanText); r.Name != "SpanTextMismatch" {
		t.Errorf("RuleFor(span-text) = %+v", r)
	}
}

// TestRulesCoverSchemaFindings: every rule the official test suite's
// invalid cases make docset report has its own description, so SARIF
// never falls back to the generic one for a standard keyword.
func TestRulesCoverSchemaFindings(t *testing.T) {
	known := map[string]bool{}
	for _, r := range Rules() {
		known[r.ID] = true
	}
	seen := map[string]string{}
	for _, draft := range []string{"draft2020-12", "draft7"} {
		files, err := filepath.Glob(filepath.Join(suiteDir, "tests", draft, "*.json"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no suite files for %s (%v)", draft, err)
		}
		dir := t.TempDir()
		opts := SchemaOptions{Draft: strings.TrimPrefix(draft, "draft"), Maps: []Mapping{{Prefix: "http://localhost:1234/", Dir: filepath.Join(suiteDir, "remotes")}}}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var groups []suiteGroup
			if err := json.Unmarshal(data, &groups); err != nil {
				t.Fatal(err)
			}
			for gi, g := range groups {
				p := filepath.Join(dir, fmt.Sprintf("%s-%d.json", filepath.Base(file), gi))
				if err := os.WriteFile(p, g.Schema, 0o644); err != nil {
					t.Fatal(err)
				}
				v, err := NewForSchema(p, opts)
				if err != nil {
					continue
				}
				for _, tc := range g.Tests {
					if tc.Valid {
						continue
					}
					for _, f := range v.ValidateDocument("data.json", tc.Data).Findings {
						if !known[f.Rule] {
							seen[f.Rule] = draft + "/" + filepath.Base(file) + ": " + g.Description
						}
					}
				}
			}
		}
	}
	for rule, where := range seen {
		t.Errorf("rule %q (from %s) has no description in Rules()", rule, where)
	}
}
