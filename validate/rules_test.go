package validate

import (
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
		opts := SchemaOptions{Draft: strings.TrimPrefix(draft, "draft"), Maps: suiteRemotes}
		forEachSuiteGroup(t, draft, false, func(where string, g suiteGroup, schemaPath string) {
			v, err := NewForSchema(schemaPath, opts)
			if err != nil {
				return
			}
			for _, tc := range g.Tests {
				if tc.Valid {
					continue
				}
				for _, f := range v.ValidateDocument("data.json", tc.Data).Findings {
					if !known[f.Rule] {
						seen[f.Rule] = where
					}
				}
			}
		})
	}
	for rule, where := range seen {
		t.Errorf("rule %q (from %s) has no description in Rules()", rule, where)
	}
}
