package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/docset/docset/validate"
)

// recordSet is the valid records of an export, as places to read them
// from, sorted by id.
//
// The validate package reads and checks the inputs (directory walking,
// NDJSON streaming, duplicate keys, bad UTF-8) but hands back findings, not
// records; the set reads back only what it accepted, from the file list
// its report gives. It keeps an index (file, offset, length, id) rather
// than the decoded records, and each pass over the dataset re-reads them:
// memory stays bounded by the largest record however big the input, and
// the passes (one per format) read from the page cache.
type recordSet struct {
	records    []recordRef
	stdin      []byte
	duplicates []string
}

type recordRef struct {
	id   string
	path string // "" for standard input
	off  int64
	n    int
	line int // for NDJSON; 0 for a whole-file record
}

func (r recordRef) where() string {
	name := r.path
	if name == "" {
		name = validate.StdinName
	}
	if r.line > 0 {
		return fmt.Sprintf("%s:%d", name, r.line)
	}
	return name
}

func indexRecords(rep *validate.Report, stdin []byte) (*recordSet, error) {
	set := &recordSet{stdin: stdin}
	for _, fr := range rep.Files {
		if fr.Err != nil {
			continue
		}
		if err := set.addFile(fr, stdin); err != nil {
			return nil, err
		}
	}
	slices.SortStableFunc(set.records, func(a, b recordRef) int { return strings.Compare(a.id, b.id) })
	set.dropDuplicates()
	return set, nil
}

// addFile indexes the records of one input that have no finding: the
// whole document of a JSON file, the lines of an NDJSON file, read line by
// line so that memory holds one record at a time.
func (s *recordSet) addFile(fr validate.FileReport, stdin []byte) error {
	bad := map[int]bool{}
	for _, fd := range fr.Findings {
		bad[fd.Line] = true
	}
	path := fr.Path
	var r io.Reader
	if path == validate.StdinName {
		path, r = "", bytes.NewReader(stdin)
	} else {
		f, err := os.Open(filepath.FromSlash(path))
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		defer f.Close()
		r = f
	}
	br := bufio.NewReaderSize(r, 64<<10)
	var off int64
	if b, _ := br.Peek(3); string(b) == "\ufeff" {
		br.Discard(3)
		off = 3
	}
	if !validate.IsNDJSON(path) && !(path == "" && firstLineIsJSON(stdin)) {
		if len(fr.Findings) > 0 {
			return nil
		}
		data, err := io.ReadAll(br)
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		return s.add(recordRef{path: path, off: off, n: len(data)}, data)
	}
	for line := 1; ; line++ {
		raw, err := br.ReadBytes('\n')
		if len(raw) == 0 && err != nil {
			if err == io.EOF {
				return nil
			}
			return fmt.Errorf("read %s: %w", path, err)
		}
		n := len(raw)
		raw = bytes.TrimRight(raw, "\r\n")
		if len(bytes.TrimSpace(raw)) > 0 && !bad[line] {
			if err := s.add(recordRef{path: path, off: off, n: len(raw), line: line}, raw); err != nil {
				return err
			}
		}
		off += int64(n)
	}
}

func (s *recordSet) add(ref recordRef, raw []byte) error {
	var head struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return fmt.Errorf("%s: %w", ref.where(), err)
	}
	ref.id = head.ID
	s.records = append(s.records, ref)
	return nil
}

// dropDuplicates removes every record whose id another record shares and
// says where each was; records are sorted by id.
func (s *recordSet) dropDuplicates() {
	out := s.records[:0]
	for i := 0; i < len(s.records); {
		j := i + 1
		for j < len(s.records) && s.records[j].id == s.records[i].id {
			j++
		}
		if j-i == 1 {
			out = append(out, s.records[i])
		} else {
			var where []string
			for _, r := range s.records[i:j] {
				where = append(where, r.where())
			}
			s.duplicates = append(s.duplicates, fmt.Sprintf("duplicate record id %q in %s: none of them exported; give each record its own id", s.records[i].id, strings.Join(where, " and ")))
		}
		i = j
	}
	s.records = out
}

// each reads every record again, decoded with UseNumber, in id order.
func (s *recordSet) each(fn func(map[string]any) error) error {
	files := map[string]*os.File{}
	defer func() {
		for _, f := range files {
			f.Close()
		}
	}()
	var buf []byte
	for _, r := range s.records {
		var raw []byte
		if r.path == "" {
			raw = s.stdin[r.off : r.off+int64(r.n)]
		} else {
			f := files[r.path]
			if f == nil {
				var err error
				if f, err = os.Open(filepath.FromSlash(r.path)); err != nil {
					return fmt.Errorf("read %s: %w", r.path, err)
				}
				files[r.path] = f
			}
			buf = slices.Grow(buf[:0], r.n)[:r.n]
			if _, err := f.ReadAt(buf, r.off); err != nil {
				return fmt.Errorf("read %s: %w", r.where(), err)
			}
			raw = buf
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		var rec map[string]any
		if err := dec.Decode(&rec); err != nil {
			return fmt.Errorf("%s changed since it was validated: %w", r.where(), err)
		}
		if id, _ := rec["id"].(string); id != r.id {
			return fmt.Errorf("%s changed since it was validated: id %q, was %q", r.where(), id, r.id)
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
	return nil
}

// firstLineIsJSON mirrors how validate reads standard input: as NDJSON when
// its first non-blank line is a complete JSON value.
func firstLineIsJSON(data []byte) bool {
	sc := bufio.NewScanner(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	sc.Buffer(nil, len(data)+1)
	for sc.Scan() {
		if line := bytes.TrimSpace(sc.Bytes()); len(line) > 0 {
			return json.Valid(line)
		}
	}
	return false
}
