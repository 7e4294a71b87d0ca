package review

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// readRecords reads every *.json record in dir, by id.
func readRecords(dir string) (map[string]*record, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("records: %w", err)
	}
	recs := map[string]*record{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		raw, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("records: %w", err)
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		var rec map[string]any
		if err := dec.Decode(&rec); err != nil {
			// Not a record (yet): nothing in the source can name it.
			continue
		}
		id, _ := rec["id"].(string)
		if id == "" {
			continue
		}
		if other, dup := recs[id]; dup {
			return nil, fmt.Errorf("records: %s and %s both hold record %q; keep one", filepath.ToSlash(other.path), filepath.ToSlash(path), id)
		}
		recs[id] = &record{path: path, raw: raw, rec: rec}
	}
	return recs, nil
}
