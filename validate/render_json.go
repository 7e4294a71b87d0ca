package validate

import (
	"encoding/json"
	"io"
)

// jsonRenderer writes the report as one indented JSON object; its shape is
// documented in doc.go and only ever grows.
type jsonRenderer struct{}

type jsonReport struct {
	Valid       bool             `json:"valid"`
	Summary     jsonCounts       `json:"summary"`
	SchemaError *jsonSchemaError `json:"schema_error,omitempty"`
	Files       []jsonFile       `json:"files"`
}

// jsonSchemaError is a schema that cannot be used; files is then empty.
type jsonSchemaError struct {
	Schema  string `json:"schema"`
	Message string `json:"message"`
}

type jsonCounts struct {
	Files          int `json:"files"`
	Records        int `json:"records"`
	InvalidRecords int `json:"invalid_records"`
	Findings       int `json:"findings"`
	Errors         int `json:"errors"`
}

type jsonFile struct {
	File           string        `json:"file"`
	Valid          bool          `json:"valid"`
	Records        int           `json:"records"`
	InvalidRecords int           `json:"invalid_records"`
	Error          string        `json:"error,omitempty"`
	Findings       []jsonFinding `json:"findings"`
}

type jsonFinding struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Offset  int64  `json:"offset"`
	Pointer string `json:"pointer"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

func (jsonRenderer) Render(w io.Writer, r *Report) error {
	s := r.Summary()
	out := jsonReport{
		Valid:   r.Valid(),
		Summary: jsonCounts(s),
		Files:   make([]jsonFile, 0, len(r.Files)),
	}
	if r.Schema != nil {
		out.SchemaError = &jsonSchemaError{Schema: r.Schema.Path, Message: r.Schema.Msg}
	}
	for _, f := range r.Files {
		jf := jsonFile{
			File: f.Path, Valid: f.Err == nil && len(f.Findings) == 0,
			Records: f.Records, InvalidRecords: f.Invalid,
			Findings: make([]jsonFinding, 0, len(f.Findings)),
		}
		if f.Err != nil {
			jf.Error = f.Err.Error()
		}
		for _, fd := range f.Findings {
			jf.Findings = append(jf.Findings, jsonFinding{
				File: fd.File, Line: fd.Line, Column: fd.Column, Offset: fd.Offset,
				Pointer: fd.Pointer, Rule: fd.Rule, Message: fd.Message,
			})
		}
		out.Files = append(out.Files, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
