// Package synthrecords makes deterministic corpora of valid docset records
// for benchmarks: copies of one real record, each with its own id, source
// path and hash, as an extraction run over many documents writes them.
package synthrecords

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// TemplateFile is a realistic ~3 KB record, relative to the module root:
// the lead of the seed document with its entities, quotation, dates and
// sentences.
const TemplateFile = "testdata/records/valid/000_5b4285e19d35a4a5-lead.json"

// Maker makes the records of one corpus. It is not safe for concurrent use.
type Maker struct {
	tmpl map[string]any
}

// New reads the template from the module root at root.
func New(root string) (*Maker, error) {
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(TemplateFile)))
	if err != nil {
		return nil, fmt.Errorf("record template: %w", err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("record template: %w", err)
	}
	if _, ok := m["source"].(map[string]any); !ok {
		return nil, fmt.Errorf("record template %s has no source object", TemplateFile)
	}
	return &Maker{tmpl: m}, nil
}

// Template returns the template record, to change before Record copies it.
func (m *Maker) Template() map[string]any { return m.tmpl }

// Record returns record i as compact JSON.
func (m *Maker) Record(i int) ([]byte, error) {
	id := fmt.Sprintf("doc-%06d", i)
	sum := sha256.Sum256([]byte(id))
	m.tmpl["id"] = id
	src := m.tmpl["source"].(map[string]any)
	src["path"] = "seeds/" + id + ".txt"
	src["sha256"] = hex.EncodeToString(sum[:])
	return json.Marshal(m.tmpl)
}
