// Package lexindex looks keys up in a knowledge file through a hash table
// built ahead of time (by go generate) and embedded beside the file.
//
// A knowledge file holds one entry a line: tab-separated fields, the first
// the key; blank lines and lines starting with # are skipped. The index is
// a table of where each key's line starts in the file, so a look-up hashes
// the key and compares it with the file's own bytes. Opening a file and its
// index costs no work to speak of at start-up: no line is read, no map is
// built, and the table holds no pointers for the garbage collector to
// follow; the pages of both are read from the binary as look-ups touch
// them. A map of the same keys would be built anew by every process and
// take several times the memory.
//
// Index format (little-endian): the 4 bytes "LXI1", the size of the file,
// the number of slots and the number of keys (4 bytes each), then one
// 4-byte slot after another: 0 for an empty slot, else 1 plus the offset
// of a key's line in the file. A key's slot is found by linear probing
// from hash(key) scaled to the number of slots. Build gives the same bytes
// for the same text, so a test can tell that an embedded index is current
// by building it again.
package lexindex

import (
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
	"math/bits"
	"strings"
)

const (
	magic      = "LXI1"
	headerSize = 16
)

// Table is a knowledge file with its index. The zero Table is empty. It is
// read-only and safe for concurrent use.
type Table struct {
	text  string
	slots string // the index's slots, 4 bytes each
	n     uint64 // number of slots
	keys  int
	built bool
}

// Build returns the index of text. A line with a trailing space or CR, an
// empty key or a key given twice is an error, since the index could not
// answer for it as the line reads.
func Build(text string) ([]byte, error) {
	if len(text) >= 1<<32-1 {
		return nil, errors.New("file too large for an index (4 GiB)")
	}
	var offs []uint32
	for off, line := range lines(text) {
		if strings.HasSuffix(line, " ") || strings.HasSuffix(line, "\r") {
			return nil, fmt.Errorf("line %d: trailing space", lineNumber(text, off))
		}
		if key, _ := cut(line); key == "" {
			return nil, fmt.Errorf("line %d: empty key", lineNumber(text, off))
		}
		offs = append(offs, uint32(off))
	}
	n := uint64(len(offs))*4/3 + 1 // three slots in four filled at most
	idx := make([]byte, headerSize+4*n)
	copy(idx, magic)
	binary.LittleEndian.PutUint32(idx[4:], uint32(len(text)))
	binary.LittleEndian.PutUint32(idx[8:], uint32(n))
	binary.LittleEndian.PutUint32(idx[12:], uint32(len(offs)))
	slots := idx[headerSize:]
	for _, off := range offs {
		key, _ := cut(lineAt(text, int(off)))
		i := slot(key, n)
		for {
			e := binary.LittleEndian.Uint32(slots[4*i:])
			if e == 0 {
				binary.LittleEndian.PutUint32(slots[4*i:], off+1)
				break
			}
			if k, _ := cut(lineAt(text, int(e-1))); k == key {
				return nil, fmt.Errorf("line %d: key %q given twice (first on line %d)", lineNumber(text, int(off)), key, lineNumber(text, int(e-1)))
			}
			if i++; i == n {
				i = 0
			}
		}
	}
	return idx, nil
}

// Load returns text as a Table through index, which Build made of the same
// text. When index does not fit text (it is empty, or was built from a
// version of the file of another size) the index is built again, in
// memory: the answers are the same, only start-up is slower; Built
// reports it. An index of another text of the same size gives wrong
// answers (never an out-of-range read): a test should compare an embedded
// index with Build's.
func Load(text, index string) (*Table, error) {
	if ok, err := current(text, index); err != nil {
		return nil, err
	} else if !ok {
		idx, err := Build(text)
		if err != nil {
			return nil, err
		}
		t, err := Load(text, string(idx))
		if t != nil {
			t.built = true
		}
		return t, err
	}
	return &Table{text: text, slots: index[headerSize:], n: uint64(le32(index, 8)), keys: int(le32(index, 12))}, nil
}

// current reports whether index is the index of text.
func current(text, index string) (bool, error) {
	if index == "" {
		return false, nil
	}
	if len(index) < headerSize || index[:4] != magic {
		return false, errors.New("not a lexindex index")
	}
	if int(le32(index, 4)) != len(text) {
		return false, nil
	}
	if n := uint64(le32(index, 8)); uint64(len(index)) != headerSize+4*n || n == 0 {
		return false, errors.New("truncated lexindex index")
	}
	return true, nil
}

// Built reports whether the index Load was given did not match the file,
// so that Load built one.
func (t *Table) Built() bool { return t.built }

// Len is the number of keys.
func (t *Table) Len() int { return t.keys }

// Has reports whether key is a key of the file.
func (t *Table) Has(key string) bool {
	_, ok := t.find(key)
	return ok
}

// Value returns the second field of key's line ("" when the line has one
// field), and whether key is a key of the file.
func (t *Table) Value(key string) (string, bool) {
	end, ok := t.find(key)
	if !ok {
		return "", false
	}
	_, v := cut(lineAt(t.text, end))
	return v, true
}

// All yields the key and the second field of every line, in file order.
func (t *Table) All() iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		if t == nil {
			return
		}
		for _, line := range lines(t.text) {
			if !yield(cut(line)) {
				return
			}
		}
	}
}

// find returns the offset just past key in its line.
func (t *Table) find(key string) (int, bool) {
	if t == nil || t.n == 0 || key == "" {
		return 0, false
	}
	for i := slot(key, t.n); ; {
		e := le32(t.slots, int(4*i))
		if e == 0 {
			return 0, false
		}
		off := int(e - 1)
		if end := off + len(key); end <= len(t.text) && t.text[off:end] == key && (end == len(t.text) || t.text[end] == '\t' || t.text[end] == '\n') {
			// A key holding a tab or a newline would match the
			// start of a line and go on past its key.
			return end, strings.IndexByte(key, '\t') < 0 && strings.IndexByte(key, '\n') < 0
		}
		if i++; i == t.n {
			i = 0
		}
	}
}

// le32 reads the little-endian uint32 at s[p:].
func le32(s string, p int) uint32 {
	return uint32(s[p]) | uint32(s[p+1])<<8 | uint32(s[p+2])<<16 | uint32(s[p+3])<<24
}

// slot is where the probe for key starts in a table of n slots.
func slot(key string, n uint64) uint64 {
	// A multiply-mix hash of 8 bytes at a time, the same in the generator
	// and in every process (unlike the runtime's map hash), its top bits
	// scaled to n.
	const k0, k1 = 0xa0761d6478bd642f, 0xe7037ed1a0b428db
	h := k0 ^ uint64(len(key))
	for ; len(key) > 8; key = key[8:] {
		h = mix(h^le64(key), k1)
	}
	var tail uint64
	for i := len(key) - 1; i >= 0; i-- {
		tail = tail<<8 | uint64(key[i])
	}
	h = mix(mix(h^tail, k1), k0)
	return (h >> 32) * n >> 32
}

// mix folds the 128-bit product of a and b.
func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// le64 reads the little-endian uint64 at the start of s.
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// lines yields the offset and text of every line that holds an entry.
func lines(text string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for off := 0; off < len(text); {
			line := lineAt(text, off)
			if line != "" && line[0] != '#' && !yield(off, line) {
				return
			}
			off += len(line) + 1
		}
	}
}

// lineAt returns the line starting at off, without its newline.
func lineAt(text string, off int) string {
	line := text[off:]
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	return line
}

// cut returns a line's key and its second field.
func cut(line string) (key, value string) {
	key, rest, _ := strings.Cut(line, "\t")
	value, _, _ = strings.Cut(rest, "\t")
	return key, value
}

func lineNumber(text string, off int) int { return strings.Count(text[:off], "\n") + 1 }
