//go:build unix

package main

import (
	"context"
	"os"
	"testing"

	"github.com/docset/docset/internal/iostreams"
)

// mainEnv makes the test binary run docset itself, for tests that need a
// process of its own (on a terminal, in several processes at once).
const mainEnv = "DOCSET_TEST_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(mainEnv) == "1" {
		os.Exit(Main(context.Background(), os.Args[1:], iostreams.System()))
	}
	runPeerMain()
	code := m.Run()
	removeDocsetBinary()
	if dir, err := benchDir(); err == nil {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// docsetCommand is the environment for running docset as this test
// binary: the caller's, without CI unless ci is set.
func docsetEnv(ci bool) []string {
	var env []string
	for _, kv := range os.Environ() {
		if len(kv) >= 3 && kv[:3] == "CI=" {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, mainEnv+"=1")
	if ci {
		env = append(env, "CI=true")
	}
	return env
}
