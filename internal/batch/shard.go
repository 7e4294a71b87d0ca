package batch

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// Shard is one of Count parts of a corpus, so that Count machines can each
// take one with no coordination: a document belongs to shard
//
//	uint64(first 8 bytes of SHA-256(id), big-endian) mod Count
//
// where id is the document's id: the input's own id (JSON Lines "id"),
// else the id extraction gives it (the first 16 hex digits of the SHA-256
// of its normalized text). In a shell:
//
//	printf %s "$id" | sha256sum | cut -c1-16   # then: 0x<that> % COUNT
//
// The same id always lands in the same shard, on any machine, in any run.
// A document that cannot be read has no id; it belongs to the shard of its
// place (the file, or FILE:LINE in a JSON Lines file), so that exactly one
// shard reports it.
type Shard struct {
	Index, Count int
}

// ParseShard reads INDEX/COUNT, INDEX from 0.
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(s, "/")
	index, err1 := strconv.Atoi(i)
	count, err2 := strconv.Atoi(n)
	switch {
	case !ok || err1 != nil || err2 != nil:
		return Shard{}, fmt.Errorf("shard %q: want INDEX/COUNT, e.g. 0/4 for the first of four", s)
	case count < 1:
		return Shard{}, fmt.Errorf("shard %q: COUNT must be 1 or more", s)
	case index < 0 || index >= count:
		return Shard{}, fmt.Errorf("shard %q: INDEX must be from 0 to %d", s, count-1)
	}
	return Shard{Index: index, Count: count}, nil
}

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Count) }

// All reports whether the shard is the whole corpus.
func (s Shard) All() bool { return s.Count <= 1 }

// Of returns the shard, out of count, that key (an id, or a place) falls in.
func Of(key string, count int) int {
	sum := sha256.Sum256([]byte(key))
	return int(binary.BigEndian.Uint64(sum[:8]) % uint64(count))
}

// Has reports whether key falls in s.
func (s Shard) Has(key string) bool {
	return s.All() || Of(key, s.Count) == s.Index
}
