package buildinfo

import (
	"runtime/debug"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	tests := []struct {
		name     string
		bi       *debug.BuildInfo
		ok       bool
		want     string
		semantic string
	}{
		{"no build info", nil, false, Devel, ""},
		{"go run or go build", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true, Devel, ""},
		{"test binary", &debug.BuildInfo{}, true, Devel, ""},
		{"go install at a tag", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, true, "v1.2.3", "1.2.3"},
		{"go install at a commit", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261204152000-e1ecff9d1a2b"}}, true,
			"v0.0.0-20261204152000-e1ecff9d1a2b", "0.0.0-20261204152000-e1ecff9d1a2b"},
		{"work tree with VCS stamping", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.4-0.20261204152000-e1ecff9d1a2b+dirty"}}, true,
			"v1.2.4-0.20261204152000-e1ecff9d1a2b+dirty", "1.2.4-0.20261204152000-e1ecff9d1a2b+dirty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fromBuildInfo(tt.bi, tt.ok)
			if got != tt.want {
				t.Errorf("version: got %q, want %q", got, tt.want)
			}
			if s := semantic(got); s != tt.semantic {
				t.Errorf("semantic version: got %q, want %q", s, tt.semantic)
			}
		})
	}
}
