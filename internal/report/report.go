// Package report is the run report: what one run, export or extract did
// with every input document, the rows of every table, every file written
// with its size and SHA-256, and how long each step took. Its shape is
// documented by schema/report.schema.json (schema.ReportJSON); the Go
// types follow it and a test holds the two together.
package report

import (
	"encoding/json"
	"io"
	"path/filepath"
	"time"

	"github.com/docset/docset/internal/atomicfile"
)

// FileName is the report's name in the output folder.
const FileName = "report.json"

// Version is the report shape's version (report_version).
const Version = "1"

// Document statuses.
const (
	Extracted    = "extracted"
	KeptReviewed = "kept-reviewed"
	Exported     = "exported"
	Failed       = "failed"
	Invalid      = "invalid"
	Duplicate    = "duplicate"
)

// Report is report.json.
type Report struct {
	ReportVersion string     `json:"report_version"`
	Command       string     `json:"command"`
	DocsetVersion string     `json:"docset_version"`
	RecordSchema  string     `json:"record_schema"`
	Output        string     `json:"output"`
	Shard         *Shard     `json:"shard,omitempty"`
	Summary       Summary    `json:"summary"`
	Documents     []Document `json:"documents"`
	Tables        []Table    `json:"tables"`
	Formats       []Format   `json:"formats"`
	Timings       Timings    `json:"timings"`
}

// Shard is the part of the documents a run took.
type Shard struct {
	Index int `json:"index"`
	Count int `json:"count"`
}

// Summary counts the documents by status.
type Summary struct {
	Documents    int `json:"documents"`
	Extracted    int `json:"extracted"`
	KeptReviewed int `json:"kept_reviewed"`
	Exported     int `json:"exported"`
	Failed       int `json:"failed"`
	Invalid      int `json:"invalid"`
	Duplicate    int `json:"duplicate"`
	OtherShards  int `json:"other_shards"`
}

// Document is one input document and what became of it.
type Document struct {
	ID     string `json:"id,omitempty"`
	Source string `json:"source"`
	Record string `json:"record,omitempty"`
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
}

// Table is one table's row count.
type Table struct {
	Name string `json:"name"`
	Rows int    `json:"rows"`
}

// Format is one format's outcome.
type Format struct {
	Name  string `json:"name"`
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
	Files []File `json:"files"`
}

// File is one file written.
type File struct {
	Path   string `json:"path"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// Timings are how long the command and its steps took.
type Timings struct {
	TotalSeconds float64 `json:"total_seconds"`
	Steps        []Step  `json:"steps"`
}

// Step is one timed step.
type Step struct {
	Name    string  `json:"name"`
	Seconds float64 `json:"seconds"`
}

// New starts a report of command writing into output.
func New(command, docsetVersion, recordSchema, output string) *Report {
	return &Report{
		ReportVersion: Version,
		Command:       command,
		DocsetVersion: docsetVersion,
		RecordSchema:  recordSchema,
		Output:        filepath.ToSlash(output),
		Documents:     []Document{},
		Tables:        []Table{},
		Formats:       []Format{},
		Timings:       Timings{Steps: []Step{}},
	}
}

// Add appends a document and counts its status.
func (r *Report) Add(d Document) {
	r.Documents = append(r.Documents, d)
	r.Summary.Documents++
	switch d.Status {
	case Extracted:
		r.Summary.Extracted++
	case KeptReviewed:
		r.Summary.KeptReviewed++
	case Failed:
		r.Summary.Failed++
	case Invalid:
		r.Summary.Invalid++
	case Duplicate:
		r.Summary.Duplicate++
	}
}

// Step records a step that took d.
func (r *Report) Step(name string, d time.Duration) {
	r.Timings.Steps = append(r.Timings.Steps, Step{Name: name, Seconds: d.Seconds()})
}

// Encode writes the report as indented JSON.
func (r *Report) Encode(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// Write writes the report to dir/report.json, atomically.
func (r *Report) Write(dir string) error {
	return atomicfile.WriteFunc(filepath.Join(dir, FileName), atomicfile.Options{}, r.Encode)
}
