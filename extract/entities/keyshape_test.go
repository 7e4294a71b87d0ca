package entities

import "testing"

func TestKeyShape(t *testing.T) {
	var s keyShape
	keys := []string{"New", "United", "a", "Über", "São", "an extremely long key that goes past sixty-three bytes in length"}
	for _, k := range keys {
		s.add(k)
	}
	for _, k := range append(keys, "") {
		if !s.mayHave(k) {
			t.Errorf("mayHave(%q) = false for a key", k)
		}
	}
	for _, k := range []string{"Newer", "old", "b", "Üb", "an extremely long key that goes past sixty-three bytes in length, longer"} {
		if k[0] == 'a' && len(k) >= 63 {
			continue // lengths from 63 on share one bit
		}
		if s.mayHave(k) {
			t.Errorf("mayHave(%q) = true for a word of no key's shape", k)
		}
	}
}

// TestAppendLowerWord wants the buffered lower-casing of tokens to equal
// lowerWord's.
func TestAppendLowerWord(t *testing.T) {
	for _, w := range []string{"Kabul", "NATO", "O’Brien", "İstanbul", "ÉLYSÉE", "Σίσυφος", "KELVIN\u212a", "plain", "\ufffd", "ǅemal"} {
		if got, want := string(appendLowerWord(nil, []rune(w))), lowerWord(w); got != want {
			t.Errorf("appendLowerWord(%q) = %q, lowerWord gives %q", w, got, want)
		}
	}
}
