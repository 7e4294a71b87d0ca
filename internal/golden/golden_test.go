package golden

import (
	"os"
	"path/filepath"
	"testing"
)

type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }
func (r *recorder) Fatal(...any)          { r.failed = true }

func TestCheck(t *testing.T) {
	if Updating() {
		t.Skip("comparison is off with -update")
	}
	p := filepath.Join(t.TempDir(), "out.golden")
	if err := os.WriteFile(p, []byte("same\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path, got string
		fail      bool
	}{
		{p, "same\n", false},
		{p, "other\n", true},
		{p + ".missing", "x", true},
	} {
		r := &recorder{TB: t}
		Check(r, tt.path, []byte(tt.got))
		if r.failed != tt.fail {
			t.Errorf("Check(%s, %q): failed %v, want %v", tt.path, tt.got, r.failed, tt.fail)
		}
	}
}
