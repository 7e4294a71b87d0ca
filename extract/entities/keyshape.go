package entities

// keyShape is a quick negative test in front of a map look-up: it records
// the first byte and the length of every key, so that most words which are
// no key are turned away without hashing them.
type keyShape [256]uint64

func (s *keyShape) add(k string) {
	if k != "" {
		s[k[0]] |= 1 << min(len(k), 63)
	}
}

// mayHave is false only when k is surely no key ("" is never turned away).
func (s *keyShape) mayHave(k string) bool {
	return k == "" || s[k[0]]&(1<<min(len(k), 63)) != 0
}
