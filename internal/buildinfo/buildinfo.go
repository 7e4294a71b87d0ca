// Package buildinfo reports what the running docset binary was built from,
// for `docset version` and the tool description in reports.
package buildinfo

import (
	"runtime/debug"
	"strings"
)

// Devel is the version of a binary built without a module version: `go
// run`, `go build` from a work tree without version control stamping.
const Devel = "devel"

// Version returns the module version the Go toolchain stamped into the
// binary: v1.2.3 after `go install ...@v1.2.3`, a pseudo-version after an
// install at a commit, or Devel.
func Version() string {
	return fromBuildInfo(debug.ReadBuildInfo())
}

func fromBuildInfo(bi *debug.BuildInfo, ok bool) string {
	if !ok || bi.Main.Version == "" || bi.Main.Version == "(devel)" {
		return Devel
	}
	return bi.Main.Version
}

// SemanticVersion returns the version as Semantic Versioning 2.0 (no
// leading "v"), or "" for Devel.
func SemanticVersion() string {
	return semantic(Version())
}

func semantic(v string) string {
	if v == Devel || !strings.HasPrefix(v, "v") {
		return ""
	}
	return strings.TrimPrefix(v, "v")
}
