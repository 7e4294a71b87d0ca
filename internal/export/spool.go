package export

import (
	"cmp"
	"fmt"
	"os"
	"slices"
	"sync"

	"github.com/docset/docset/exporters"
)

// spool holds every record's encoded parts between the pass that reads,
// validates and encodes the records (in whatever order the workers finish)
// and the writing of each format in id order. The parts go to one
// temporary file in the output folder; memory holds only an entry per
// record: its id, where it came from and where its parts are.
type spool struct {
	dir string // created on the first record
	mu  sync.Mutex
	f   *os.File
	off int64
	// entries are in the order the records were encoded until sort.
	entries []entry
	err     error
}

// entry is one record in the spool.
type entry struct {
	id string
	// file and index locate the record's file in the job's validation
	// reports (file -1: a record added already validated), source names
	// it and line is its line in a JSON Lines file (0: the whole file).
	file, index int
	source      string
	line        int
	off         int64
	// sum is the record's outputguard.RecordSumOf.
	sum string
	// size and err are per format: the part's length, or why the record
	// could not be encoded in that format.
	size []uint32
	err  []error
	// rows are the record's rows per table.
	rows []uint32
}

// spoolPrefix starts the name of the spool file in the output folder.
const spoolPrefix = ".docset-spool-"

func newSpool(dir string) *spool { return &spool{dir: dir} }

// add appends a record's parts, one per format, and notes its entry.
func (s *spool) add(e entry, parts [][]byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	if s.f == nil {
		if err := os.MkdirAll(s.dir, 0o755); err != nil {
			s.err = fmt.Errorf("output folder: %w; -o must name a folder (it is created when missing)", err)
			return s.err
		}
		f, err := os.CreateTemp(s.dir, spoolPrefix+"*")
		if err != nil {
			s.err = fmt.Errorf("spool the encoded records: %w", err)
			return s.err
		}
		s.f = f
	}
	e.off = s.off
	for _, p := range parts {
		if _, err := s.f.Write(p); err != nil {
			s.err = fmt.Errorf("spool the encoded records: %w", err)
			return s.err
		}
		s.off += int64(len(p))
	}
	s.entries = append(s.entries, e)
	return nil
}

// sort puts the entries in id order; records sharing an id stay in input
// order.
func (s *spool) sort() {
	slices.SortFunc(s.entries, func(a, b entry) int {
		return cmp.Or(cmp.Compare(a.id, b.id), cmp.Compare(a.file, b.file), cmp.Compare(a.index, b.index),
			cmp.Compare(a.source, b.source), cmp.Compare(a.line, b.line))
	})
}

// parts returns the parts of format i of every entry, in entry order,
// counting each read in progress (when set). Each call reads the spool on
// its own, so formats can be written at once.
func (s *spool) parts(i int, progress Progress) exporters.Parts {
	return func(fn func([]byte) error) error {
		var buf []byte
		for _, e := range s.entries {
			if e.err[i] != nil {
				return e.err[i]
			}
			off := e.off
			for _, n := range e.size[:i] {
				off += int64(n)
			}
			n := int(e.size[i])
			buf = slices.Grow(buf[:0], n)[:n]
			if _, err := s.f.ReadAt(buf, off); err != nil {
				return fmt.Errorf("read back the encoded records: %w", err)
			}
			if err := fn(buf); err != nil {
				return err
			}
			if progress != nil {
				progress.Add(1)
			}
		}
		return nil
	}
}

// close removes the spool file.
func (s *spool) close() {
	if s.f != nil {
		s.f.Close()
		os.Remove(s.f.Name())
		s.f = nil
	}
}
