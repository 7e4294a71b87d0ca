// Package freelist keeps working memory for reuse from one document to the
// next. Unlike sync.Pool, which lets go of what it holds at garbage
// collections, a List keeps up to a fixed number of items, so the large
// per-document slices are not allocated anew after every collection.
package freelist

import (
	"runtime"
	"sync"
)

// List holds up to a fixed number of *T for reuse; safe for concurrent use.
type List[T any] struct {
	mu    sync.Mutex
	items []*T
	max   int
}

// New returns a List keeping two items per processor, enough for every
// goroutine extracting at once.
func New[T any]() *List[T] {
	return &List[T]{max: 2 * runtime.GOMAXPROCS(0)}
}

// Get returns a kept item, or a new zero one.
func (l *List[T]) Get() *T {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n := len(l.items); n > 0 {
		t := l.items[n-1]
		l.items[n-1] = nil
		l.items = l.items[:n-1]
		return t
	}
	return new(T)
}

// Put keeps t for a later Get, unless the list is full.
func (l *List[T]) Put(t *T) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.items) < l.max {
		l.items = append(l.items, t)
	}
}
