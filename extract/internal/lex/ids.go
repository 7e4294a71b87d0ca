package lex

import "strconv"

// IDs makes the ids of one kind of record item: a prefix and a number from
// 1 ("e1", "e2", ...). The ids nearly every record uses are made once, so
// items do not each allocate their id.
type IDs struct {
	prefix string
	common [128]string
}

// NewIDs returns the ids with prefix.
func NewIDs(prefix string) *IDs {
	ids := &IDs{prefix: prefix}
	for n := 1; n < len(ids.common); n++ {
		ids.common[n] = prefix + strconv.Itoa(n)
	}
	return ids
}

// ID returns the id numbered n (n >= 1).
func (ids *IDs) ID(n int) string {
	if n >= 1 && n < len(ids.common) {
		return ids.common[n]
	}
	return ids.prefix + strconv.Itoa(n)
}
