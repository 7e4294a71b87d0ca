// Package golden compares test output with golden files under testdata/
// and rewrites them when tests run with -update, so every package's
// goldens behave the same way: go test ./pkg -update, then review the diff.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// update is registered once here, on the test binary's flag set, for every
// package that compares goldens.
var update = flag.Bool("update", false, "rewrite golden files under testdata/ instead of comparing with them")

// Updating reports whether the test run rewrites goldens.
func Updating() bool { return *update }

// Check compares got with the file at path. With -update it writes got
// there instead (creating folders) and passes.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the output; if the change is intended, rerun with -update and review the diff (-want +got):\n%s",
			filepath.ToSlash(path), cmp.Diff(string(want), string(got)))
	}
}
