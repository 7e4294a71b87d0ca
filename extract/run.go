package extract

import (
	"context"
	"iter"
	"sync"

	"github.com/docset/docset/extract/input"
	"github.com/docset/docset/schema"
)

// Result is the outcome for one document: its record, or the error that
// reading or extracting it gave.
type Result struct {
	// Doc is the document as read; nil when it could not be read.
	Doc    *input.Document
	Record *schema.Record
	// JSON is Record as Marshal encodes it, validated.
	JSON []byte
	Err  error
}

// Run extracts every document of docs on jobs workers (at least one) and
// calls emit with each result in input order, whatever the order they
// finish in, so output and messages are deterministic. At most a few
// documents per worker are held at once, so memory does not grow with the
// input. Run stops early when ctx is cancelled or emit returns an error, and
// returns that error.
func (x *Extractor) Run(ctx context.Context, docs iter.Seq2[*input.Document, error], jobs int, emit func(Result) error) error {
	jobs = max(jobs, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type item struct {
		seq int
		Result
	}
	slots := make(chan struct{}, 4*jobs) // documents between reading and emitting
	todo := make(chan item)
	done := make(chan item, jobs)

	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(todo)
		seq := 0
		for doc, err := range docs {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case todo <- item{seq: seq, Result: Result{Doc: doc, Err: err}}:
			case <-ctx.Done():
				return
			}
			seq++
		}
	})
	var workers sync.WaitGroup
	for range jobs {
		workers.Go(func() {
			for it := range todo {
				if it.Err == nil {
					it.Record, it.JSON, it.Err = x.extract(it.Doc)
				}
				select {
				case done <- it:
				case <-ctx.Done():
				}
			}
		})
	}
	go func() {
		workers.Wait()
		close(done)
	}()

	pending := map[int]Result{}
	next := 0
	var err error
	for it := range done {
		if err != nil {
			continue // draining after a stop
		}
		pending[it.seq] = it.Result
		for r, ok := pending[next]; ok; r, ok = pending[next] {
			delete(pending, next)
			next++
			<-slots
			if err = emit(r); err != nil {
				cancel()
				break
			}
		}
	}
	wg.Wait()
	if err == nil {
		err = ctx.Err()
	}
	return err
}
