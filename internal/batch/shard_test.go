package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"testing"
)

func TestParseShard(t *testing.T) {
	for _, tt := range []struct {
		in      string
		want    Shard
		wantErr bool
	}{
		{"0/4", Shard{0, 4}, false},
		{"3/4", Shard{3, 4}, false},
		{"0/1", Shard{0, 1}, false},
		{"4/4", Shard{}, true},
		{"-1/4", Shard{}, true},
		{"1/0", Shard{}, true},
		{"1", Shard{}, true},
		{"a/b", Shard{}, true},
	} {
		got, err := ParseShard(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

// TestShardOfIsDocumented: the shard is what the documented recipe gives
// (the first 16 hex digits of the SHA-256, mod COUNT), and the shards of
// many ids are near even.
func TestShardOfIsDocumented(t *testing.T) {
	counts := make([]int, 4)
	for i := range 4000 {
		id := fmt.Sprintf("wikinews-%d", i)
		sum := sha256.Sum256([]byte(id))
		v, err := strconv.ParseUint(hex.EncodeToString(sum[:])[:16], 16, 64)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := Of(id, 4), int(v%4); got != want {
			t.Fatalf("Of(%q, 4) = %d, want %d", id, got, want)
		}
		counts[Of(id, 4)]++
	}
	for i, n := range counts {
		if n < 900 || n > 1100 {
			t.Errorf("shard %d of 4 has %d of 4000 ids", i, n)
		}
	}
	// Pinned (Python: int(hashlib.sha256(b"a").hexdigest()[:16], 16) %
	// 1000003), so that a change of hash cannot pass unnoticed.
	if got := Of("a", 1000003); got != 441830 {
		t.Errorf("Of(\"a\", 1000003) = %d, want 441830", got)
	}
}
