// Package testtool finds the outside programs some tests drive (pre-commit,
// the checkers in ../shared/tools) and skips a test that lacks one, saying
// what to install. Where DOCSET_REQUIRE_TOOLS=1 (.ci/run sets it) a missing
// program fails the test instead, so CI cannot pass by skipping what it was
// meant to run.
package testtool

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// RequireEnv names the variable that turns a missing tool into a failure.
const RequireEnv = "DOCSET_REQUIRE_TOOLS"

// LookPath returns the path of the program name, or skips (fails, where
// tools are required) naming install, e.g. "the Debian package pre-commit".
func LookPath(tb testing.TB, name, install string) string {
	tb.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		missing(tb, fmt.Sprintf("%s not found: install %s", name, install))
	}
	return p
}

// Shared returns the absolute path of rel inside ../shared beside the
// module root, or skips (fails, where tools are required) when it is
// absent: a user's clone has no ../shared.
func Shared(tb testing.TB, rel string) string {
	tb.Helper()
	root, err := moduleRoot()
	if err != nil {
		tb.Fatal(err)
	}
	p := filepath.Join(filepath.Dir(root), "shared", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		missing(tb, fmt.Sprintf("../shared/%s not found: this test needs the shared folder beside the repository", rel))
	}
	return p
}

// ModuleRoot returns the folder holding go.mod, above the working
// directory of the test.
func ModuleRoot(tb testing.TB) string {
	tb.Helper()
	root, err := moduleRoot()
	if err != nil {
		tb.Fatal(err)
	}
	return root
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

func missing(tb testing.TB, msg string) {
	tb.Helper()
	if os.Getenv(RequireEnv) == "1" {
		tb.Fatalf("%s (%s=1: tools are required here)", msg, RequireEnv)
	}
	tb.Skipf("skipping: %s", msg)
}
