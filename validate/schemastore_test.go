package validate

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/docset/docset/internal/testtool"
)

// knownDifferencesFile lists the SchemaStore cases docset answers
// differently from SchemaStore's own CI (ajv), each with the reason.
const knownDifferencesFile = "testdata/schemastore-known-differences.txt"

// readKnownDifferences reads "case<TAB or spaces>reason" lines; # starts a
// comment.
func readKnownDifferences(tb testing.TB, path string) map[string]string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	known := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, reason, ok := strings.Cut(line, " ")
		if reason = strings.TrimSpace(reason); !ok || reason == "" {
			tb.Fatalf("%s:%d: want CASE REASON, got %q", path, n, line)
		}
		if _, dup := known[name]; dup {
			tb.Fatalf("%s:%d: %s is listed twice", path, n, name)
		}
		known[name] = reason
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return known
}

// TestSchemaStore runs SchemaStore's own test files through the code path
// of `docset validate --schema schemas/json/NAME.json test/NAME/`: the
// other schemas in schemas/json are found by their $id, nothing is
// fetched. Each test/NAME file must be valid and each negative_test/NAME
// file invalid (exit 1, not a schema error). The test fails when a case
// not in the known-differences file is wrong, when a listed case is right
// now, and below 99% of positive or 98% of negative cases right among
// those docset can decide offline: a document that reaches a $ref to a
// schema absent from the suite's copy cannot be validated without the
// network, whatever the validator.
func TestSchemaStore(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the SchemaStore run in -short mode")
	}
	root := testtool.Shared(t, "testsuites/schemastore")
	known := readKnownDifferences(t, knownDifferencesFile)
	seen := map[string]bool{}
	var wrong, fixed []string
	for _, kind := range []string{"test", "negative_test"} {
		names, err := os.ReadDir(filepath.Join(root, kind))
		if err != nil {
			t.Fatal(err)
		}
		var total, right, offline int
		for _, name := range names {
			if !name.IsDir() {
				continue
			}
			dir := filepath.Join(root, kind, name.Name())
			v, schemaErr := NewForSchema(filepath.Join(root, "schemas", "json", name.Name()+".json"), SchemaOptions{})
			var rep *Report
			if schemaErr == nil {
				if rep, err = v.Validate(context.Background(), []string{dir}, nil); err != nil {
					t.Fatal(err)
				}
			} else {
				files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
				rep = &Report{}
				for _, f := range files {
					rep.Files = append(rep.Files, FileReport{Path: filepath.ToSlash(f), Err: schemaErr})
				}
			}
			for _, fr := range rep.Files {
				key := kind + "/" + name.Name() + "/" + filepath.Base(fr.Path)
				seen[key] = true
				total++
				var ok bool
				var detail string
				var ue *UnresolvedRefError
				switch {
				case errors.As(fr.Err, &ue):
					offline++
					detail = "error: " + fr.Err.Error()
				case fr.Err != nil:
					detail = "error: " + fr.Err.Error()
				case kind == "test":
					ok = len(fr.Findings) == 0
					if !ok {
						detail = fmt.Sprintf("%d findings, first %s: %s: %s", len(fr.Findings), fr.Findings[0].Pointer, fr.Findings[0].Rule, fr.Findings[0].Message)
					}
				default:
					ok = len(fr.Findings) > 0
					detail = "valid, want findings"
				}
				_, isKnown := known[key]
				switch {
				case ok && isKnown:
					fixed = append(fixed, key)
				case ok:
					right++
				case !isKnown:
					wrong = append(wrong, key+": "+firstLine(detail))
				}
			}
		}
		want := map[string]float64{"test": 0.99, "negative_test": 0.98}[kind]
		decidable := total - offline
		t.Logf("%s: %d of %d right (%.1f%%); %d need a schema absent from the suite; %d of %d decidable offline right (%.1f%%)",
			kind, right, total, 100*float64(right)/float64(total), offline, right, decidable, 100*float64(right)/float64(decidable))
		if float64(right) < want*float64(decidable) {
			t.Errorf("%s: %d of %d decidable cases right, below %.0f%%", kind, right, decidable, 100*want)
		}
	}
	for key := range known {
		if !seen[key] {
			t.Errorf("%s lists %s, which is not in the suite: delete the line", knownDifferencesFile, key)
		}
	}
	slices.Sort(wrong)
	for _, w := range wrong {
		t.Errorf("wrong: %s", w)
	}
	for _, f := range fixed {
		t.Errorf("%s is right now: delete it from %s", f, knownDifferencesFile)
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}
