package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/docset/docset/internal/atomicfile"
	"github.com/docset/docset/internal/outputguard"
	"github.com/docset/docset/schema"
)

// ErrDuplicateID is wrapped by the error for a second document of a run
// with an id already written in that run.
var ErrDuplicateID = errors.New("duplicate document id")

// Writer writes records as DIR/<id>.json, each atomically. It refuses to
// overwrite a record a person marked reviewed unless Force is set, and a
// second record with an id already written by the same Writer. Not safe for
// concurrent use: Run emits results one at a time.
type Writer struct {
	Dir   string
	Force bool
	// Batch, when set, takes the writes: each record is then put in
	// place, synced, by the batch's Commit, which costs far less than a
	// sync per record and is as safe (atomicfile.Batch). Nil writes and
	// syncs each record on its own.
	Batch *atomicfile.Batch
	// seen maps each id written to the source it came from.
	seen map[string]string
}

// WriteStatus says what Write did.
type WriteStatus int

// Write outcomes.
const (
	Written   WriteStatus = iota + 1 // new or changed file
	Unchanged                        // the file already held these bytes
)

// Path is the file a record with this id is written to.
func (w *Writer) Path(id string) string { return filepath.Join(w.Dir, id+".json") }

// Write writes r, whose encoding by Marshal is data (nil: Write encodes
// it). An existing file is replaced only when it is not a
// reviewed record (or Force is set); a file that does not read as a record
// is not replaced either, since it may be a review in progress.
func (w *Writer) Write(r *schema.Record, data []byte) (WriteStatus, error) {
	src := describeSource(r.Source)
	if first, dup := w.seen[r.ID]; dup {
		return 0, fmt.Errorf("%s: %w %s, already used by %s; give the documents distinct ids (documents without one get theirs from their text: same id, same text, so remove the copy)", src, ErrDuplicateID, r.ID, first)
	}
	if w.seen == nil {
		w.seen = map[string]string{}
	}
	w.seen[r.ID] = src
	if data == nil {
		var err error
		if data, err = Marshal(r); err != nil {
			return 0, err
		}
	}
	path := w.Path(r.ID)
	if err := outputguard.NoLinks(w.Dir, r.ID+".json"); err != nil {
		return 0, fmt.Errorf("%s: %w", src, err)
	}
	old, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return 0, fmt.Errorf("%s: %w", src, err)
	case bytes.Equal(old, data):
		return Unchanged, nil
	case !w.Force:
		if err := replaceable(old); err != nil {
			return 0, fmt.Errorf("%s: %s: %w; use --force to replace it", src, path, err)
		}
	}
	write := atomicfile.WriteFile
	if w.Batch != nil {
		write = w.Batch.WriteFile
	}
	if err := write(path, data, atomicfile.Options{}); err != nil {
		return 0, fmt.Errorf("%s: %w", src, err)
	}
	return Written, nil
}

// replaceable says why an existing file must be kept, nil when it may go.
func replaceable(old []byte) error {
	var head struct {
		Review *struct {
			Status string `json:"status"`
		} `json:"review"`
	}
	if err := json.Unmarshal(old, &head); err != nil {
		return fmt.Errorf("existing file is not a readable record (%v), not overwritten", err)
	}
	if head.Review != nil && head.Review.Status == schema.StatusReviewed {
		return ErrReviewed
	}
	return nil
}

func describeSource(s schema.Source) string {
	if s.Line > 0 {
		return fmt.Sprintf("%s:%d", s.Path, s.Line)
	}
	return s.Path
}
