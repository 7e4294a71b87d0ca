package validate

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// Finding is one thing wrong in one document.
type Finding struct {
	// File is the path as given on the command line (or found under a
	// given directory), with forward slashes; "<stdin>" for standard input.
	File string
	// Line and Column are 1-based; Column counts Unicode code points. For
	// NDJSON input, Line is the record's line in the file.
	Line, Column int
	// EndColumn is the column just after the value's first token on Line
	// (a whole string, number or literal; an object's or array's opening
	// bracket): with Column, the stretch an editor highlights. 0 when the
	// finding is about no token (an empty file).
	EndColumn int
	// Offset is the 0-based byte offset in the file (after a stripped BOM).
	Offset int64
	// Pointer is the RFC 6901 JSON Pointer of the value within its
	// document ("" is the whole document).
	Pointer string
	// Rule is the schema keyword that failed (required, pattern, ...) or
	// the name of a docset check (span-text, duplicate-key, ...).
	Rule    string
	Message string
	// Excerpt is the source line around the finding, cut to a short
	// window, and Caret the code-point column of the finding in it.
	Excerpt string
	Caret   int
}

// FileReport is the outcome for one input file.
type FileReport struct {
	Path string
	// Records is how many documents were read: 1 for a JSON file, one per
	// non-blank line for NDJSON.
	Records int
	// Invalid is how many of those documents have findings.
	Invalid  int
	Findings []Finding
	// Err is set when the file could not be validated at all (missing,
	// unreadable, a directory without JSON); it is not a finding.
	Err error
}

// Report is the outcome for all inputs, in the order they were given and,
// within a directory, in lexical path order, whatever the parallelism.
type Report struct {
	Files []FileReport
	// Schema is set when the schema could not be used, so nothing was
	// validated: renderers report it in their own shape.
	Schema *SchemaError
}

// Findings returns every finding in report order.
func (r *Report) Findings() []Finding {
	var out []Finding
	for _, f := range r.Files {
		out = append(out, f.Findings...)
	}
	return out
}

// Summary counts a report.
type Summary struct {
	Files, Records, InvalidRecords, Findings, Errors int
}

// Summary totals the report.
func (r *Report) Summary() Summary {
	var s Summary
	for _, f := range r.Files {
		s.Files++
		s.Records += f.Records
		s.InvalidRecords += f.Invalid
		s.Findings += len(f.Findings)
		if f.Err != nil {
			s.Errors++
		}
	}
	if r.Schema != nil {
		s.Errors++
	}
	return s
}

// ExitCode is the exit status `docset validate` ends with for these
// counts: 2 when a file (or the schema) could not be used, else 1 when
// anything was found, else 0.
func (s Summary) ExitCode() int {
	switch {
	case s.Errors > 0:
		return 2
	case s.Findings > 0:
		return 1
	}
	return 0
}

// Valid reports whether every file was read and nothing was found.
func (r *Report) Valid() bool {
	s := r.Summary()
	return s.Findings == 0 && s.Errors == 0
}

// SchemaLoopError is a document that runs the schema into a cycle: a
// $ref that applies a schema to the same value it is already checking.
type SchemaLoopError struct{ Path string }

func (e *SchemaLoopError) Error() string {
	return fmt.Sprintf("cannot be validated: the schema applies itself to a value in an endless cycle, through %s; the schema needs fixing", e.Path)
}

// RuleInternal marks a document docset failed to check because of a bug.
const RuleInternal = "internal-error"

// check validates one document held in data. Positions in the findings
// are relative to data; File is left empty. An error means the document could not be validated at all: it reaches
// a $ref nothing serves, or runs the schema into a cycle.
func (v *Validator) check(dec *decoder, data []byte) ([]Finding, error) {
	_, findings, err := v.checkDoc(dec, data)
	return findings, err
}

// checkDoc is check that also returns the decoded document (nil when it
// does not decode).
func (v *Validator) checkDoc(dec *decoder, data []byte) (doc any, findings []Finding, err error) {
	// A bug in a check must cost one document a finding, not the whole
	// run its results.
	defer func() {
		if r := recover(); r != nil {
			doc, findings, err = nil, []Finding{{Line: 1, Column: 1, Rule: RuleInternal,
				Message: fmt.Sprintf("docset could not check this document (%v); please report it with the document", r)}}, nil
		}
	}()
	doc, issues, err := dec.decode(data)
	if err != nil {
		var de *decodeError
		if !errors.As(err, &de) {
			de = &decodeError{Rule: RuleSyntax, Msg: err.Error()}
		}
		return nil, v.place(data, []issue{{Offset: de.Offset, Pointer: de.Pointer, Rule: de.Rule, Msg: de.Msg}}), nil
	}
	var all []issue
	if len(issues) > 0 {
		all = append(all, issues...)
	}
	// A document the quick check finds valid needs no report from the
	// library; any other goes to the library, which decides and says why.
	if !v.quick.valid(v.schema, doc) {
		schemaIssues, err := v.schemaIssues(doc)
		if err != nil {
			return nil, nil, err
		}
		all = append(all, schemaIssues...)
	}
	if v.records {
		all = append(all, checkRecord(doc, &dec.scratch)...)
	}
	if len(all) == 0 {
		return doc, nil, nil
	}
	return doc, v.place(data, all), nil
}

// schemaIssues validates doc with the schema library. An error means the
// document could not be validated (an UnresolvedRefError or a
// SchemaLoopError).
func (v *Validator) schemaIssues(doc any) ([]issue, error) {
	err := v.schema.Validate(doc)
	if err == nil {
		return nil, nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		var loop jsonschema.InfiniteLoopError
		if errors.As(err, &loop) {
			return nil, &SchemaLoopError{Path: v.rel.Replace(string(loop))}
		}
		return []issue{{Offset: -1, Rule: "schema", Msg: v.rel.Replace(err.Error())}}, nil
	}
	if len(v.unresolved) > 0 {
		for _, l := range leavesOf(ve) {
			if ue, ok := v.unresolved[l.Message]; ok {
				return nil, ue
			}
		}
	}
	return leafFindings(ve), nil
}

// place locates issues in data (only now, off the valid fast path) and
// sorts them by position so output is stable.
func (v *Validator) place(data []byte, issues []issue) []Finding {
	// One pass locates every pointer and one more every line and column:
	// a document with thousands of findings costs no more scans than one
	// with a single finding.
	offs := make([]int, len(issues))
	var ptrs []string
	for i, is := range issues {
		offs[i] = is.Offset
		if is.Offset < 0 {
			ptrs = append(ptrs, is.Pointer)
		}
	}
	if len(ptrs) > 0 {
		found := locateAll(data, ptrs)
		for i := range offs {
			if offs[i] < 0 {
				offs[i], found = found[0], found[1:]
			}
		}
	}
	lines, cols := positions(data, offs)
	out := make([]Finding, 0, len(issues))
	for i, is := range issues {
		off, line, col := offs[i], lines[i], cols[i]
		ex, caret := excerpt(data, off, 72)
		out = append(out, Finding{
			Line: line, Column: col, EndColumn: col + tokenWidth(data, off), Offset: int64(off),
			Pointer: is.Pointer, Rule: is.Rule, Message: is.Msg,
			Excerpt: ex, Caret: caret,
		})
	}
	slices.SortStableFunc(out, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Offset, b.Offset), cmp.Compare(a.Pointer, b.Pointer),
			cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Message, b.Message))
	})
	return slices.CompactFunc(out, func(a, b Finding) bool {
		return a.Offset == b.Offset && a.Pointer == b.Pointer && a.Rule == b.Rule && a.Message == b.Message
	})
}

// ValidateDocument validates one JSON document already in memory, e.g. a
// test case or a request body; name is used as the findings' File.
func (v *Validator) ValidateDocument(name string, data []byte) FileReport {
	fr := FileReport{Path: name, Records: 1}
	fr.Findings, fr.Err = v.check(newDecoder(), stripBOM(data))
	for i := range fr.Findings {
		fr.Findings[i].File = name
	}
	if len(fr.Findings) > 0 {
		fr.Invalid = 1
	}
	return fr
}

// Decode decodes one JSON document the way the validator does (objects as
// map[string]any, numbers as json.Number, strings sharing one copy of
// data) without checking it: for documents known to be valid, such as a
// record docset has just written.
func Decode(data []byte) (any, error) {
	v, _, err := newDecoder().decode(stripBOM(data))
	return v, err
}
