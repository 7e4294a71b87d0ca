package problems

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestList(t *testing.T) {
	l := List{Max: 2}
	for _, m := range []struct{ place, msg string }{
		{"a", "a1"}, {"b", "b1"}, {"a", "a2"}, {"a", "a3"}, {"a", "a4"}, {"b", "b2"}, {"b", "b3"},
	} {
		l.Add(m.place, m.msg)
	}
	want := []string{"a1", "b1", "a2", "b2", "a: 2 more problems like these not shown", "b: 1 more problem like these not shown"}
	if diff := cmp.Diff(want, l.Lines()); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	if l.Len() != 7 {
		t.Errorf("Len = %d, want 7", l.Len())
	}
	var zero List
	if zero.Len() != 0 || len(zero.Lines()) != 0 {
		t.Error("the zero List is not empty")
	}
}
