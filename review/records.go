package review

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// record is one record of the records folder and the rows the source
// holds for it.
type record struct {
	path string
	rows []rowRef
	// count is how many rows the source has for the record, kept or not.
	count int
	// limit is maxRows' answer once known, 0 before.
	limit int
}

// maxRows is the most rows merged into the record; see baseRecordRows.
// The record file is looked at only when a source has more rows than
// baseRecordRows for it.
func (r *record) maxRows() int {
	if r.count <= baseRecordRows && r.limit == 0 {
		return baseRecordRows
	}
	if r.limit == 0 {
		r.limit = baseRecordRows
		if st, err := os.Stat(r.path); err == nil && st.Size() <= maxRecord {
			r.limit += int(st.Size() / recordBytesPerRow)
		}
	}
	return r.limit
}

// listRecords lists the records of dir by id: extract writes each record
// to <id>.json, so the folder's listing is its index, and a record is
// read only when the source has rows for it.
func listRecords(dir string) (map[string]*record, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("records: %w", err)
	}
	recs := map[string]*record{}
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".json")
		if e.IsDir() || !ok || id == "" || strings.HasPrefix(id, ".") {
			continue
		}
		recs[id] = &record{path: filepath.Join(dir, e.Name())}
	}
	return recs, nil
}

// maxRecord is the largest record file read: extract reads documents of
// up to 64 MiB, whose records take several times that.
const maxRecord = 1 << 30

// read reads and decodes the record, which must hold record id.
func (r *record) read(id string) ([]byte, map[string]any, error) {
	path := filepath.ToSlash(r.path)
	st, err := os.Stat(r.path)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if st.Size() > maxRecord {
		return nil, nil, fmt.Errorf("%s: larger than %d MiB, which is no record docset writes; not changed", path, maxRecord>>20)
	}
	raw, err := os.ReadFile(r.path)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var rec map[string]any
	if err := dec.Decode(&rec); err != nil {
		return nil, nil, fmt.Errorf("%s: not a readable record (%v); correct its JSON (docset validate shows where), then import again", path, err)
	}
	if got, _ := rec["id"].(string); got != id {
		return nil, nil, fmt.Errorf("%s holds record %q, not %q; a record's file is named by its id", path, got, id)
	}
	return raw, rec, nil
}
