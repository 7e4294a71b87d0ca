package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docset/docset/internal/testtool"
)

// TestQuickAgreesWithLibrary: wherever the quick check answers, it answers
// as the schema library does, over every case of the official suite (all
// drafts, optional tests included) and SchemaStore's test documents. A
// quick "valid" the library disagrees with would hide findings.
func TestQuickAgreesWithLibrary(t *testing.T) {
	var decided, total int
	compare := func(where string, v *Validator, data []byte) {
		doc, _, err := newDecoder().decode(data)
		if err != nil {
			return
		}
		total++
		q := v.quick.check(v.schema, doc, 0)
		if q == maybe {
			return
		}
		decided++
		libValid := v.schema.Validate(doc) == nil
		if (q == yes) != libValid {
			t.Errorf("%s: quick says valid=%v, the library %v", where, q == yes, libValid)
		}
	}
	dirs, _ := filepath.Glob(filepath.Join(suiteDir, "tests", "draft*"))
	for _, d := range dirs {
		draft := filepath.Base(d)
		forEachSuiteGroup(t, draft, true, func(where string, g suiteGroup, schemaPath string) {
			for _, annotate := range []bool{false, true} {
				v, err := NewForSchema(schemaPath, SchemaOptions{Draft: strings.TrimPrefix(draft, "draft"), Maps: suiteRemotes, FormatAnnotations: annotate})
				if err != nil {
					continue
				}
				for _, tc := range g.Tests {
					compare(fmt.Sprintf("%s/%s (annotations %v)", where, tc.Description, annotate), v, tc.Data)
				}
			}
		})
	}
	root := testtool.Shared(t, "testsuites/schemastore")
	for _, kind := range []string{"test", "negative_test"} {
		names, _ := os.ReadDir(filepath.Join(root, kind))
		for _, name := range names {
			v, err := NewForSchema(filepath.Join(root, "schemas", "json", name.Name()+".json"), SchemaOptions{})
			if err != nil {
				continue
			}
			files, _ := filepath.Glob(filepath.Join(root, kind, name.Name(), "*.json"))
			for _, f := range files {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				compare(f, v, stripBOM(data))
			}
		}
	}
	t.Logf("the quick check decided %d of %d documents", decided, total)
}
