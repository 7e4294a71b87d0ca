package lex

import (
	"strconv"
	"testing"
)

func TestIDs(t *testing.T) {
	ids := NewIDs("e")
	for _, n := range []int{1, 2, 9, 10, 127, 128, 1000, 0, -3} {
		if got, want := ids.ID(n), "e"+strconv.Itoa(n); got != want {
			t.Errorf("ID(%d) = %q, want %q", n, got, want)
		}
	}
}
