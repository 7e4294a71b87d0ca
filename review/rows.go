package review

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"os"

	"github.com/docset/docset/schema"
)

// rowStore keeps the rows read from the source until their record is
// merged. A record's rows are spread over every sheet, in any order, so
// all of them must be read before any record can be merged; they wait in
// a temporary file, and memory holds only where each one is (and, while
// it is merged, one record's rows).
type rowStore struct {
	f   *os.File
	w   *bufio.Writer
	off int64
	buf []byte
}

// rowRef is where a row is in the store.
type rowRef struct {
	off int64
	n   int32
}

func newRowStore() (*rowStore, error) {
	f, err := os.CreateTemp("", "docset-import-*")
	if err != nil {
		return nil, fmt.Errorf("hold the rows read: %w", err)
	}
	// Gone from the folder at once, the file is freed however the
	// process ends (where the system allows removing an open file).
	os.Remove(f.Name())
	return &rowStore{f: f, w: bufio.NewWriterSize(f, 256<<10)}, nil
}

func (s *rowStore) Close() error {
	err := s.f.Close()
	os.Remove(s.f.Name())
	return err
}

// add stores the row of table number table and returns where it is.
func (s *rowStore) add(table int, row schema.SourceRow) (rowRef, error) {
	b := s.buf[:0]
	b = binary.AppendUvarint(b, uint64(table))
	b = binary.AppendUvarint(b, uint64(row.Line))
	for i, c := range row.Cells {
		text, ok := c.(string)
		if !ok {
			continue
		}
		b = binary.AppendUvarint(b, uint64(i))
		b = binary.AppendUvarint(b, uint64(len(text)))
		b = append(b, text...)
	}
	s.buf = b
	if len(b) > 1<<31-1 {
		return rowRef{}, errors.New("a row of more than 2 GiB")
	}
	ref := rowRef{off: s.off, n: int32(len(b))}
	if _, err := s.w.Write(b); err != nil {
		return rowRef{}, fmt.Errorf("hold the rows read: %w", err)
	}
	s.off += int64(len(b))
	return ref, nil
}

// flush makes every row added readable.
func (s *rowStore) flush() error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("hold the rows read: %w", err)
	}
	return nil
}

// read calls fn with each row at refs, in order, with the number of its
// table; columns gives the number of cells of each table's rows. Rows
// stored one after another are read in one go.
func (s *rowStore) read(refs []rowRef, columns func(table int) int, fn func(table int, row schema.SourceRow) error) error {
	for i := 0; i < len(refs); {
		j, end := i+1, refs[i].off+int64(refs[i].n)
		for j < len(refs) && refs[j].off == end && end-refs[i].off < 4<<20 {
			end += int64(refs[j].n)
			j++
		}
		if int64(cap(s.buf)) < end-refs[i].off {
			s.buf = make([]byte, end-refs[i].off)
		}
		chunk := s.buf[:end-refs[i].off]
		if _, err := s.f.ReadAt(chunk, refs[i].off); err != nil {
			return fmt.Errorf("read back the rows read: %w", err)
		}
		for _, ref := range refs[i:j] {
			b := chunk[:ref.n]
			chunk = chunk[ref.n:]
			table, b := uvarint(b)
			line, b := uvarint(b)
			row := schema.SourceRow{Line: int(line), Cells: make([]any, columns(int(table)))}
			for len(b) > 0 {
				var col, n uint64
				col, b = uvarint(b)
				n, b = uvarint(b)
				row.Cells[col] = string(b[:n])
				b = b[n:]
			}
			if err := fn(int(table), row); err != nil {
				return err
			}
		}
		i = j
	}
	return nil
}

func uvarint(b []byte) (uint64, []byte) {
	v, n := binary.Uvarint(b)
	return v, b[n:]
}
