package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// suiteDir is the repository's copy of the official JSON Schema Test Suite.
const suiteDir = "../../testdata/JSON-Schema-Test-Suite"

// knownFailures are the required cases santhosh-tekuri/jsonschema v5.3.1
// gets wrong, keyed draft/file/group/test. The test fails when any other
// case fails and when one of these starts passing (then delete it here).
var knownFailures = map[string]string{
	// v5.3.1 only checks enum when it has values (schema.go: if len(s.Enum) > 0),
	// so an empty enum, which allows nothing, allows everything.
	"draft2020-12/enum.json/empty enum/array is invalid":   emptyEnum,
	"draft2020-12/enum.json/empty enum/boolean is invalid": emptyEnum,
	"draft2020-12/enum.json/empty enum/null is invalid":    emptyEnum,
	"draft2020-12/enum.json/empty enum/number is invalid":  emptyEnum,
	"draft2020-12/enum.json/empty enum/object is invalid":  emptyEnum,
	"draft2020-12/enum.json/empty enum/string is invalid":  emptyEnum,
	// v5.3.1 counts "bar", the resource lexically enclosing "item", as part
	// of the dynamic scope when "item" is
	// reached by a plain $ref from the root, so #content resolves to bar's
	// anchor (string) instead of item's own (integer).
	"draft2020-12/dynamicRef.json/$dynamicRef skips over intermediate resources - direct reference/integer property passes": skipsIntermediate,
	"draft2020-12/dynamicRef.json/$dynamicRef skips over intermediate resources - direct reference/string property fails":   skipsIntermediate,
}

const (
	emptyEnum         = "v5.3.1 ignores an empty enum"
	skipsIntermediate = "v5.3.1 resolves $dynamicRef through an intermediate resource"
)

type suiteGroup struct {
	Description string          `json:"description"`
	Schema      json.RawMessage `json:"schema"`
	Tests       []struct {
		Description string          `json:"description"`
		Data        json.RawMessage `json:"data"`
		Valid       bool            `json:"valid"`
	} `json:"tests"`
}

// TestConformance runs the suite's required draft2020-12 and draft7 cases
// through the CLI, as a user would:
//
//	docset validate --format json --map http://localhost:1234/=REMOTES \
//	    --assert-formats=false --draft D --schema SCHEMA DATA...
//
// one run per group, its schema and each test's data written to files. The
// suite serves its remotes at http://localhost:1234/ and its required
// format tests check format's default, an annotation.
func TestConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the official suite in -short mode")
	}
	remotes, err := filepath.Abs(filepath.Join(suiteDir, "remotes"))
	if err != nil {
		t.Fatal(err)
	}
	for _, draft := range []string{"draft2020-12", "draft7"} {
		t.Run(draft, func(t *testing.T) {
			files, err := filepath.Glob(filepath.Join(suiteDir, "tests", draft, "*.json"))
			if err != nil || len(files) == 0 {
				t.Fatalf("no suite files for %s (%v): the copy under testdata/ is incomplete", draft, err)
			}
			var total, passed, known int
			var unexpected, fixed []string
			seen := map[string]bool{}
			for _, file := range files {
				var groups []suiteGroup
				data, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal(data, &groups); err != nil {
					t.Fatalf("%s: %v", file, err)
				}
				for _, g := range groups {
					dir := t.TempDir()
					schemaPath := filepath.Join(dir, "schema.json")
					if err := os.WriteFile(schemaPath, g.Schema, 0o644); err != nil {
						t.Fatal(err)
					}
					args := []string{"validate", "--format", "json", "--map", "http://localhost:1234/=" + remotes,
						"--assert-formats=false", "--draft", strings.TrimPrefix(draft, "draft"), "--schema", schemaPath}
					for i, tc := range g.Tests {
						p := filepath.Join(dir, fmt.Sprintf("data-%03d.json", i))
						if err := os.WriteFile(p, tc.Data, 0o644); err != nil {
							t.Fatal(err)
						}
						args = append(args, p)
					}
					out, errOut, code := runCLI(t, "", args...)
					var rep struct {
						Files []struct {
							Valid bool `json:"valid"`
						} `json:"files"`
					}
					if code != ExitError || out != "" {
						if err := json.Unmarshal([]byte(out), &rep); err != nil {
							t.Fatalf("%s %q: exit %d, output is not the JSON report: %v\n%s%s", file, g.Description, code, err, out, errOut)
						}
					}
					for i, tc := range g.Tests {
						key := fmt.Sprintf("%s/%s/%s/%s", draft, filepath.Base(file), g.Description, tc.Description)
						seen[key] = true
						total++
						var ok bool
						var detail string
						if len(rep.Files) != len(g.Tests) {
							detail = fmt.Sprintf("exit %d: %s", code, strings.TrimSpace(errOut))
						} else {
							ok = rep.Files[i].Valid == tc.Valid
							detail = fmt.Sprintf("valid: got %v, want %v", rep.Files[i].Valid, tc.Valid)
						}
						_, isKnown := knownFailures[key]
						switch {
						case ok && isKnown:
							fixed = append(fixed, key)
						case ok:
							passed++
						case isKnown:
							known++
						default:
							unexpected = append(unexpected, key+": "+detail)
						}
					}
				}
			}
			for key := range knownFailures {
				if strings.HasPrefix(key, draft+"/") && !seen[key] {
					t.Errorf("known failure %q is not in the suite any more: delete it from knownFailures", key)
				}
			}
			slices.Sort(unexpected)
			for _, u := range unexpected {
				t.Errorf("unexpected failure: %s", u)
			}
			for _, f := range fixed {
				t.Errorf("known failure now passes, delete it from knownFailures: %s", f)
			}
			t.Logf("%s: %d of %d required cases pass, %d known failures", draft, passed, total, known)
		})
	}
}
