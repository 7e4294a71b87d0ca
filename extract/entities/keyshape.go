package entities

// keyShape is a quick negative test in front of a map look-up: it records
// the length of every key with its first and its last byte, so that most
// words which are no key are turned away without hashing them.
type keyShape struct {
	first, last [256]uint64 // byte -> lengths of the keys it starts or ends
}

func (s *keyShape) add(k string) {
	if k != "" {
		bit := uint64(1) << min(len(k), 63)
		s.first[k[0]] |= bit
		s.last[k[len(k)-1]] |= bit
	}
}

// mayHave is false only when k is surely no key ("" is never turned away).
func (s *keyShape) mayHave(k string) bool {
	if k == "" {
		return true
	}
	bit := uint64(1) << min(len(k), 63)
	return s.first[k[0]]&bit != 0 && s.last[k[len(k)-1]]&bit != 0
}

func shapeOfKeys[V any](m map[string]V) keyShape {
	var s keyShape
	for k := range m {
		s.add(k)
	}
	return s
}
