package freelist

import (
	"sync"
	"testing"
)

func TestList(t *testing.T) {
	l := &List[[]int]{max: 2}
	a, b, c := l.Get(), l.Get(), l.Get()
	if a == b || b == c {
		t.Fatal("Get on an empty list returned the same item twice")
	}
	l.Put(a)
	l.Put(b)
	l.Put(c) // over the limit: dropped
	if len(l.items) != 2 {
		t.Fatalf("kept %d items, want 2", len(l.items))
	}
	if got := l.Get(); got != b {
		t.Error("Get did not return the last item put")
	}
}

func TestListConcurrent(t *testing.T) {
	l := New[[]byte]()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 1000 {
				b := l.Get()
				*b = append((*b)[:0], 1)
				l.Put(b)
			}
		})
	}
	wg.Wait()
}
