// Package review brings the corrections a reviewer made in an exported
// workbook (or in the CSV files of an export) back into the JSON records
// they came from: the rows of each record are merged into it
// (schema.Layout.Merge), the merged record is validated, and only a valid
// record is written, whole and atomically.
package review

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/docset/docset/extract"
	"github.com/docset/docset/internal/atomicfile"
	"github.com/docset/docset/schema"
	"github.com/docset/docset/validate"
)

// Options say what to import and where.
type Options struct {
	// Source is a workbook (*.xlsx) or a folder holding csv/<table>.csv
	// (or the csv folder itself).
	Source string
	// From is "xlsx" or "csv"; "" tells it from Source.
	From string
	// RecordsDir holds the records, one <id>.json each.
	RecordsDir string
	// DryRun reports what would change and writes nothing.
	DryRun bool
	// Force changes records whose JSON is already reviewed.
	Force bool
}

// Result is what an import did.
type Result struct {
	// Notes are things about the source a person should know that did not
	// stop the import (a sheet or column missing, so its values kept).
	Notes []string
	// Changes are the records changed (or, in a dry run, that would be),
	// in id order.
	Changes []Change
	// Problems are the rows and records that could not be merged, each a
	// located message; a record with a problem is not written.
	Problems []string
	// Unchanged and NotWritten count the records with rows in the source
	// that the merge left as they were and that it could not write.
	Unchanged, NotWritten int
}

// Change is one record an import changed.
type Change struct {
	ID string
	// Summary says what changed, in one line: "entities e5 type place ->
	// organization; review_status draft -> reviewed".
	Summary string
}

// OK is true when every record with rows in the source merged (or was
// unchanged) and no row was left over.
func (r *Result) OK() bool { return len(r.Problems) == 0 }

// record is one record of the records folder.
type record struct {
	path string
	raw  []byte
	rec  map[string]any
	// rows are the source rows of the record, by table.
	rows map[string]*schema.SourceTable
}

// Import merges the corrections in opts.Source into the records of
// opts.RecordsDir. An error means nothing was written: the source or the
// records could not be read. Problems with single rows or records are in
// the Result; the other records are still merged and written.
func Import(ctx context.Context, opts Options) (*Result, error) {
	layout, err := schema.DefaultLayout()
	if err != nil {
		return nil, err
	}
	src, err := readSource(opts.Source, opts.From, layout)
	if err != nil {
		return nil, err
	}
	res := &Result{Notes: src.Notes}
	recs, err := readRecords(opts.RecordsDir)
	if err != nil {
		return nil, err
	}
	places := map[string]string{} // table -> where its rows are
	for _, rt := range src.Tables {
		places[rt.Table.Name] = rt.Place
		col := rt.Table.RecordKey()
		if col < 0 || !rt.Given[col] {
			res.problem("%s: no %s column; its rows cannot be matched to records", rt.Place, rt.Table.Columns[max(col, 0)].Name)
			continue
		}
		for _, row := range rt.Rows {
			id, _ := row.Cells[col].(string)
			r := recs[id]
			if r == nil {
				res.problem("%s, row %d: %s %q is not a record in %s; correct it, or import into the folder that holds that record",
					rt.Place, row.Line, rt.Table.Columns[col].Name, id, filepath.ToSlash(opts.RecordsDir))
				continue
			}
			if r.rows == nil {
				r.rows = map[string]*schema.SourceTable{}
			}
			st := r.rows[rt.Table.Name]
			if st == nil {
				st = &schema.SourceTable{Table: rt.Table, Given: rt.Given}
				r.rows[rt.Table.Name] = st
			}
			st.Rows = append(st.Rows, row)
		}
	}
	v, err := validate.New()
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(recs))
	for id, r := range recs {
		if r.rows != nil {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	root := layout.Tables[0]
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r := recs[id]
		// Every table the source holds counts for the record, even with
		// no rows: its items were all deleted.
		for _, rt := range src.Tables {
			if r.rows[rt.Table.Name] == nil {
				r.rows[rt.Table.Name] = &schema.SourceTable{Table: rt.Table, Given: rt.Given}
			}
		}
		// (The root table is in r.rows only when the source holds it.)
		if st := r.rows[root.Name]; st != nil && len(st.Rows) == 0 {
			res.problem("%s: %s has rows for document %s but %s has none; put its row back (import never deletes a record)",
				filepath.ToSlash(r.path), places[firstTableWithRows(r, layout)], id, places[root.Name])
			res.NotWritten++
			continue
		}
		reviewed := reviewStatus(r.rec) == schema.StatusReviewed
		m := layout.Merge(r.rec, r.rows)
		if len(m.Errors) > 0 {
			for _, e := range m.Errors {
				res.problem("%s", rowErrorText(places, e))
			}
			res.problem("%s: not written", filepath.ToSlash(r.path))
			res.NotWritten++
			continue
		}
		if len(m.Changes) == 0 {
			res.Unchanged++
			continue
		}
		summary := summarize(m.Changes)
		if reviewed && !opts.Force {
			res.problem("%s is reviewed in its JSON (it may have been corrected after the export); not changed, use --force to apply: %s", filepath.ToSlash(r.path), summary)
			res.NotWritten++
			continue
		}
		data, findings, err := encodeMerged(v, r, m, places)
		if err != nil {
			res.problem("%s: %v; not written", filepath.ToSlash(r.path), err)
			res.NotWritten++
			continue
		}
		if len(findings) > 0 {
			res.Problems = append(res.Problems, findings...)
			res.problem("%s: the corrections would make the record invalid; not written", filepath.ToSlash(r.path))
			res.NotWritten++
			continue
		}
		if bytes.Equal(data, r.raw) {
			res.Unchanged++
			continue
		}
		res.Changes = append(res.Changes, Change{ID: id, Summary: summary})
		if opts.DryRun {
			continue
		}
		if err := atomicfile.WriteFile(r.path, data, atomicfile.Options{}); err != nil {
			return res, fmt.Errorf("write %s: %w", r.path, err)
		}
	}
	if res.OK() && !opts.DryRun {
		if err := markImported(src); err != nil {
			return res, err
		}
	}
	return res, nil
}

func (r *Result) problem(format string, args ...any) {
	r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
}

func firstTableWithRows(r *record, l *schema.Layout) string {
	for _, t := range l.Tables {
		if st := r.rows[t.Name]; st != nil && len(st.Rows) > 0 {
			return t.Name
		}
	}
	return ""
}

func reviewStatus(rec map[string]any) string {
	rv, _ := rec["review"].(map[string]any)
	s, _ := rv["status"].(string)
	return s
}

// encodeMerged validates the merged record and encodes it the way extract
// writes records. Findings come back located by sheet, row and column
// where a row holds the value.
func encodeMerged(v *validate.Validator, r *record, m *schema.Merged, places map[string]string) ([]byte, []string, error) {
	raw, err := json.Marshal(r.rec)
	if err != nil {
		return nil, nil, fmt.Errorf("encode: %w", err)
	}
	rep := v.ValidateDocument(filepath.ToSlash(r.path), raw)
	if rep.Err != nil {
		return nil, nil, rep.Err
	}
	var findings []string
	for _, f := range rep.Findings {
		where := filepath.ToSlash(r.path)
		if table, line, column, ok := m.Locate(f.Pointer); ok {
			where = fmt.Sprintf("%s, row %d", places[table], line)
			if column != "" {
				where += ", column " + column
			}
		}
		findings = append(findings, fmt.Sprintf("%s: %s: %s: %s", where, f.Rule, f.Pointer, f.Message))
	}
	if len(findings) > 0 {
		return nil, findings, nil
	}
	var rec schema.Record
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil {
		return nil, nil, fmt.Errorf("decode merged record: %w", err)
	}
	data, err := extract.Marshal(&rec)
	if err != nil {
		return nil, nil, err
	}
	return data, nil, nil
}

func rowErrorText(places map[string]string, e *schema.RowError) string {
	s := fmt.Sprintf("%s, row %d", places[e.Table], e.Line)
	if e.Column != "" {
		s += ", column " + e.Column
	}
	return s + ": " + e.Msg
}
