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
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/docset/docset/exporters"
	"github.com/docset/docset/extract"
	"github.com/docset/docset/internal/atomicfile"
	"github.com/docset/docset/internal/outputguard"
	"github.com/docset/docset/internal/problems"
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
	// Now is the clock that stamps review.at when a sheet marks a record
	// reviewed (default time.Now).
	Now func() time.Time
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
	// located message; a record with a problem is not written. Each sheet
	// or file shows a few, then how many more it has.
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

// Import merges the corrections in opts.Source into the records of
// opts.RecordsDir. An error means nothing was written: the source or the
// records folder could not be read, or the source cannot be used as it is
// (it is damaged, holds formulas, or is not a docset export). Problems
// with single rows or records are in the Result; the other records are
// still merged and written.
func Import(ctx context.Context, opts Options) (*Result, error) {
	layout, err := schema.DefaultLayout()
	if err != nil {
		return nil, err
	}
	from, err := sourceKind(opts.Source, opts.From)
	if err != nil {
		return nil, err
	}
	recs, err := listRecords(opts.RecordsDir)
	if err != nil {
		return nil, err
	}
	// No other docset process writes the records, nor the export folder
	// whose manifest learns of the import, while it runs.
	unlock, err := lockFolders(opts.RecordsDir, exportDir(opts.Source, from))
	if err != nil {
		return nil, err
	}
	defer unlock()
	if err := outputguard.NoLinksIn(opts.RecordsDir, "*.json"); err != nil {
		return nil, err
	}
	store, err := newRowStore()
	if err != nil {
		return nil, err
	}
	defer store.Close()
	var probs problems.List
	tables := map[*schema.Table]int{}
	for i, t := range layout.Tables {
		tables[t] = i
	}
	n := 0
	emit := func(rt *exporters.ReadTable, row schema.SourceRow) error {
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		col := rt.Table.RecordKey()
		if col < 0 || !rt.Given[col] {
			return nil // reported below, once
		}
		id, _ := row.Cells[col].(string)
		r := recs[id]
		if r == nil {
			probs.Addf(rt.Place, "%s, row %d: %s %q is not a record in %s (there is no %s.json); correct it, or import into the folder that holds that record",
				rt.Place, row.Line, rt.Table.Columns[col].Name, id, filepath.ToSlash(opts.RecordsDir), id)
			return nil
		}
		if r.count++; r.count > r.maxRows() {
			return nil // reported when the record's turn comes
		}
		ref, err := store.add(tables[rt.Table], row)
		if err != nil {
			return err
		}
		r.rows = append(r.rows, ref)
		return nil
	}
	src, err := readSource(opts.Source, from, layout, emit)
	if err != nil {
		return nil, err
	}
	if err := store.flush(); err != nil {
		return nil, err
	}
	res := &Result{Notes: src.Notes}
	places := map[string]string{} // table -> where its rows are
	given := map[int]*exporters.ReadTable{}
	for _, rt := range src.Tables {
		places[rt.Table.Name] = rt.Place
		given[tables[rt.Table]] = rt
		if col := rt.Table.RecordKey(); col < 0 || !rt.Given[col] {
			probs.Addf(rt.Place, "%s: no %s column; its rows cannot be matched to records", rt.Place, rt.Table.Columns[max(col, 0)].Name)
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
	m := &merger{layout: layout, v: v, places: places, probs: &probs, opts: opts}
	if _, err := os.Stat(filepath.Join(src.Dir, outputguard.ManifestName)); err == nil {
		if m.guard, err = outputguard.Open(src.Dir); err != nil {
			return nil, err
		}
	}
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r := recs[id]
		if limit := r.maxRows(); r.count > limit {
			probs.Addf(r.path, "%s: the source has %d rows for document %s, more than the %d import merges into this record (%d, and one for every %d bytes of its JSON); not written",
				filepath.ToSlash(r.path), r.count, id, limit, baseRecordRows, recordBytesPerRow)
			res.NotWritten++
			continue
		}
		rows := map[string]*schema.SourceTable{}
		// Every table the source holds counts for the record, even with
		// no rows: its items were all deleted.
		for _, rt := range src.Tables {
			rows[rt.Table.Name] = &schema.SourceTable{Table: rt.Table, Given: rt.Given}
		}
		err := store.read(r.rows, func(t int) int { return len(layout.Tables[t].Columns) }, func(t int, row schema.SourceRow) error {
			st := rows[layout.Tables[t].Name]
			st.Rows = append(st.Rows, row)
			return nil
		})
		if err != nil {
			return nil, err
		}
		// (The root table is in rows only when the source holds it.)
		if st := rows[root.Name]; st != nil && len(st.Rows) == 0 {
			probs.Addf(r.path, "%s: %s has rows for document %s but %s has none; put its row back (import never deletes a record)",
				filepath.ToSlash(r.path), places[firstTableWithRows(rows, layout)], id, places[root.Name])
			res.NotWritten++
			continue
		}
		if err := m.merge(r, id, rows, res); err != nil {
			return res, err
		}
	}
	res.Problems = probs.Lines()
	if m.guard != nil && !opts.DryRun {
		// The source files as they are now need no keeping once every
		// correction in them is in the records: the next export may
		// replace them without --force. The records written are known
		// either way.
		var files []string
		if res.OK() {
			files = src.Files
		}
		if err := m.guard.Record(files); err != nil {
			return res, err
		}
	}
	return res, nil
}

// A record takes at most baseRecordRows rows, over all tables, plus one
// for every recordBytesPerRow bytes of its JSON. Records hold about 300
// bytes of JSON a row, so a long document's reviewed tables always fit
// (with room for twice its rows), while rows claimed for a small record
// stay few enough that merging and validating them (with a finding for
// every row, at worst) takes seconds: import needs no more memory than
// the record's own export did.
const (
	baseRecordRows    = 10_000
	recordBytesPerRow = 128
)

// merger merges the rows of one record at a time.
type merger struct {
	layout *schema.Layout
	v      *validate.Validator
	places map[string]string
	probs  *problems.List
	opts   Options
	// guard is the export folder's manifest, nil for a source outside
	// an export folder.
	guard *outputguard.Guard
}

// merge merges rows into the record r, validates it and writes it when it
// changed; what it did goes into res.
func (m *merger) merge(r *record, id string, rows map[string]*schema.SourceTable, res *Result) error {
	path := filepath.ToSlash(r.path)
	raw, rec, err := r.read(id)
	if err != nil {
		m.probs.Add(path, err.Error())
		res.NotWritten++
		return nil
	}
	// A record reviewed in its JSON may have been corrected after the
	// export, unless it is as the export's manifest saw it.
	reviewed := reviewStatus(rec) == schema.StatusReviewed
	if reviewed && m.guard != nil {
		sum, err := outputguard.RecordSumOf(rec)
		if want, ok := m.guard.RecordSum(id); err == nil && ok && sum == want {
			reviewed = false
		}
	}
	merged := m.layout.Merge(rec, rows)
	if len(merged.Errors) > 0 {
		for _, e := range merged.Errors {
			m.probs.Add(m.places[e.Table], rowErrorText(m.places, e))
		}
		m.probs.Addf(path, "%s: not written", path)
		res.NotWritten++
		return nil
	}
	m.reviewTime(rec, merged)
	if len(merged.Changes) == 0 {
		res.Unchanged++
		return nil
	}
	summary := summarize(merged.Changes)
	if reviewed && !m.opts.Force {
		m.probs.Addf(path, "%s is reviewed in its JSON and changed since the export; not changed, use --force to apply: %s", path, summary)
		res.NotWritten++
		return nil
	}
	data, err := m.encode(path, rec, merged)
	if err != nil {
		m.probs.Addf(path, "%s: %v; not written", path, err)
		res.NotWritten++
		return nil
	}
	if data == nil {
		m.probs.Addf(path, "%s: the corrections would make the record invalid; not written", path)
		res.NotWritten++
		return nil
	}
	if bytes.Equal(data, raw) {
		res.Unchanged++
		return nil
	}
	res.Changes = append(res.Changes, Change{ID: id, Summary: summary})
	if m.opts.DryRun {
		return nil
	}
	if err := atomicfile.WriteFile(r.path, data, atomicfile.Options{}); err != nil {
		return fmt.Errorf("write %s: %w", r.path, err)
	}
	if m.guard != nil {
		// The record now holds what the export's files hold: the next
		// corrections to them need no --force either.
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var written map[string]any
		if err := dec.Decode(&written); err != nil {
			return fmt.Errorf("read back %s: %w", r.path, err)
		}
		sum, err := outputguard.RecordSumOf(written)
		if err != nil {
			return err
		}
		m.guard.SetRecordSum(id, sum)
	}
	return nil
}

// firstTableWithRows names the first table with rows.
func firstTableWithRows(rows map[string]*schema.SourceTable, l *schema.Layout) string {
	for _, t := range l.Tables {
		if st := rows[t.Name]; st != nil && len(st.Rows) > 0 {
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

// reviewTime fills in review.at of a reviewed record when its cell was
// left empty: with the time the JSON holds (the workbook may predate it),
// else, when the rows just marked the record reviewed, with the time of
// the import, since a person marking it reviewed has reviewed it now.
func (m *merger) reviewTime(rec map[string]any, merged *schema.Merged) {
	root := m.layout.Tables[0]
	var status, at *schema.Column
	for _, c := range root.Columns {
		switch strings.Join(c.Path, "/") {
		case "review/status":
			status = c
		case "review/at":
			at = c
		}
	}
	rv, _ := rec["review"].(map[string]any)
	if status == nil || at == nil || rv == nil || rv["status"] != schema.StatusReviewed {
		return
	}
	if v, _ := rv["at"].(string); v != "" {
		return
	}
	marked := false
	for i, c := range merged.Changes {
		if c.Table != root.Name || c.Key != "" {
			continue
		}
		if old, _ := c.Old.(string); c.Column == at.Name && old != "" {
			rv["at"] = old
			merged.Changes = slices.Delete(merged.Changes, i, i+1)
			return
		}
		if c.Column == status.Name && c.New == schema.StatusReviewed {
			marked = true
		}
	}
	if !marked {
		return
	}
	now := time.Now
	if m.opts.Now != nil {
		now = m.opts.Now
	}
	stamp := now().UTC().Truncate(time.Second).Format(time.RFC3339)
	rv["at"] = stamp
	merged.Changes = append(merged.Changes, schema.Change{Table: root.Name, Op: schema.Set, Column: at.Name, New: stamp})
}

// encode validates the merged record and encodes it the way extract
// writes records; nil when it is invalid, with each finding kept as a
// problem, located by sheet, row and column where a row holds the value.
func (m *merger) encode(path string, rec map[string]any, merged *schema.Merged) ([]byte, error) {
	// One member a line: the validator quotes the line of each finding,
	// and a record on one line would be quoted whole, for every finding.
	raw, err := json.MarshalIndent(rec, "", " ")
	if err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	rep := m.v.ValidateDocument(path, raw)
	if rep.Err != nil {
		return nil, rep.Err
	}
	for _, f := range rep.Findings {
		where, place := path, path
		if table, line, column, ok := merged.Locate(f.Pointer); ok {
			place = m.places[table]
			where = fmt.Sprintf("%s, row %d", place, line)
			if column != "" {
				where += ", column " + column
			}
		}
		m.probs.Addf(place, "%s: %s: %s: %s", where, f.Rule, f.Pointer, f.Message)
	}
	if len(rep.Findings) > 0 {
		return nil, nil
	}
	var r schema.Record
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("decode merged record: %w", err)
	}
	return extract.Marshal(&r)
}

func rowErrorText(places map[string]string, e *schema.RowError) string {
	s := fmt.Sprintf("%s, row %d", places[e.Table], e.Line)
	if e.Column != "" {
		s += ", column " + e.Column
	}
	return s + ": " + e.Msg
}
