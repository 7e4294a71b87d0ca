package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/docset/docset/exporters"
	"github.com/docset/docset/extract"
	"github.com/docset/docset/internal/atomicfile"
	"github.com/docset/docset/internal/iostreams"
	"github.com/docset/docset/internal/outputguard"
	"github.com/docset/docset/schema"
	"github.com/docset/docset/validate"
)

// ImportOptions are the inputs of `docset import`.
type ImportOptions struct {
	IO         *iostreams.IOStreams
	Source     string
	From       string // xlsx or csv; "" detects it from Source
	RecordsDir string
	DryRun     bool
	Force      bool
}

func newImportCmd(f *Factory, runF func(context.Context, *ImportOptions) error) *cobra.Command {
	opts := &ImportOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "import [--from xlsx|csv] SOURCE -o RECORDS_DIR [--dry-run] [--force]",
		Short: "Bring corrections made in the exported workbook or CSVs back into the records",
		Long: `Merge corrections a reviewer made in an exported dataset.xlsx (or in the
CSV files of an export) back into the JSON records they came from.

SOURCE is a workbook (*.xlsx) or a folder holding csv/<table>.csv (or the
csv folder itself); --from says which when the name does not. RECORDS_DIR
holds the records, one <id>.json each, as 'docset extract' writes them.

For every record whose document has rows in SOURCE, the tabular parts are
rebuilt from the rows, matched to the record's items by their keys
(document_id and id; a mention by entity_id and start): changed cells set
the value (an entity's name, type, subtype and roles, a mention, a
quotation's speaker, cue, partial flag and span, a date's value, a
quantity, a paragraph's kind, the review status, reviewer, time and
notes), a deleted row deletes the item, and an added row adds one with the
keys typed in it (items keep their order in the JSON, whatever the sheet's
sort; added ones come after). The spreadsheet wins for the values it holds; what no
column holds (the text, sentences, the source) is kept from the JSON. A
sheet, CSV file or column missing from SOURCE leaves those values alone.
Records with no rows in SOURCE are not touched.

Every merged record is validated before it is written. A record the merge
would make invalid (say, a quotation's text changed but not its start and
end) is reported with the sheet, row and column of each finding and is not
written; neither is a record with a row that names an unknown document or
parent. A record whose JSON is already "reviewed" may have been corrected
after the export: it is changed only with --force, and what would change
is listed either way. Records the merge leaves as they were are not
rewritten; the others are written whole (pretty JSON, as extract writes
them), each atomically. When every record merged, the export folder's
output manifest is told that the corrected files are accounted for, so
the next 'docset export' or 'docset run' replaces them without --force.

Each changed record is summarized on standard output, for example:
  dfb44469170eca92: entities e5 type place -> organization; review_status draft -> reviewed
--dry-run prints the summary and writes nothing.

Exit status:
  0  every record merged (or unchanged)
  1  some records are invalid after the merge, have bad rows, or are
     reviewed (reported, not written); the others were written
  2  usage error, or SOURCE or RECORDS_DIR could not be read`,
		Example: `  # A reviewer corrected out/dataset.xlsx: see what would change, then merge
  docset import out/dataset.xlsx -o out/records --dry-run
  docset import out/dataset.xlsx -o out/records

  # Corrections made in the CSV files of an export
  docset import out/ --from csv -o out/records`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Source = args[0]
			switch opts.From {
			case "", "xlsx", "csv":
			default:
				return &FlagError{Err: fmt.Errorf("--from: %q is not a source format (xlsx or csv)", opts.From), CommandPath: cmd.CommandPath()}
			}
			if opts.RecordsDir == "" {
				return &FlagError{Err: errors.New("-o: give the folder of records to merge into"), CommandPath: cmd.CommandPath()}
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runImport(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.From, "from", "", "what SOURCE is: xlsx or csv (default: from its name)")
	cmd.Flags().StringVarP(&opts.RecordsDir, "output", "o", "", "folder of the records to merge the corrections into")
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "print what would change and write nothing")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "change records even when their JSON is already reviewed")
	_ = cmd.RegisterFlagCompletionFunc("from", cobra.FixedCompletions([]string{"xlsx", "csv"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.MarkFlagDirname("output")
	return cmd
}

// importRecord is one record of RECORDS_DIR.
type importRecord struct {
	path string
	raw  []byte
	rec  map[string]any
	// rows are the source rows of the record, by table.
	rows map[string]*schema.SourceTable
}

func runImport(ctx context.Context, opts *ImportOptions) error {
	errOut := opts.IO.ErrOut
	layout, err := schema.DefaultLayout()
	if err != nil {
		return err
	}
	src, err := readImportSource(opts.Source, opts.From, layout)
	if err != nil {
		return err
	}
	for _, n := range src.Notes {
		fmt.Fprintf(errOut, "docset: import: note: %s\n", n)
	}
	recs, err := readRecordsDir(opts.RecordsDir)
	if err != nil {
		return err
	}
	code := ExitOK
	places := map[string]string{} // table -> where its rows are
	for _, rt := range src.Tables {
		places[rt.Table.Name] = rt.Place
		col := rt.Table.RecordKey()
		if col < 0 || !rt.Given[col] {
			fmt.Fprintf(errOut, "docset: import: %s: no %s column; its rows cannot be matched to records\n", rt.Place, rt.Table.Columns[max(col, 0)].Name)
			code = ExitInvalid
			continue
		}
		for _, row := range rt.Rows {
			id, _ := row.Cells[col].(string)
			r := recs[id]
			if r == nil {
				fmt.Fprintf(errOut, "docset: import: %s, row %d: %s %q is not a record in %s; correct it, or import into the folder that holds that record\n",
					rt.Place, row.Line, rt.Table.Columns[col].Name, id, filepath.ToSlash(opts.RecordsDir))
				code = ExitInvalid
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
		return err
	}
	ids := make([]string, 0, len(recs))
	for id, r := range recs {
		if r.rows != nil {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	root := layout.Tables[0]
	var changed, unchanged, failed int
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return err
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
			fmt.Fprintf(errOut, "docset: import: %s: %s has rows for document %s but %s has none; put its row back (import never deletes a record)\n",
				filepath.ToSlash(r.path), places[firstTableWithRows(r, layout)], id, places[root.Name])
			code, failed = ExitInvalid, failed+1
			continue
		}
		reviewed := reviewStatus(r.rec) == schema.StatusReviewed
		m := layout.Merge(r.rec, r.rows)
		if len(m.Errors) > 0 {
			for _, e := range m.Errors {
				fmt.Fprintf(errOut, "docset: import: %s\n", rowErrorText(places, e))
			}
			fmt.Fprintf(errOut, "docset: import: %s: not written\n", filepath.ToSlash(r.path))
			code, failed = ExitInvalid, failed+1
			continue
		}
		if len(m.Changes) == 0 {
			unchanged++
			continue
		}
		summary := id + ": " + summarize(m.Changes)
		if reviewed && !opts.Force {
			fmt.Fprintf(errOut, "docset: import: %s is reviewed in its JSON (it may have been corrected after the export); not changed, use --force to apply: %s\n", filepath.ToSlash(r.path), summarize(m.Changes))
			code, failed = ExitInvalid, failed+1
			continue
		}
		data, findings, err := encodeMerged(v, r, m, places)
		if err != nil {
			fmt.Fprintf(errOut, "docset: import: %s: %v; not written\n", filepath.ToSlash(r.path), err)
			code, failed = ExitInvalid, failed+1
			continue
		}
		if len(findings) > 0 {
			for _, f := range findings {
				fmt.Fprintf(errOut, "docset: import: %s\n", f)
			}
			fmt.Fprintf(errOut, "docset: import: %s: the corrections would make the record invalid; not written\n", filepath.ToSlash(r.path))
			code, failed = ExitInvalid, failed+1
			continue
		}
		if bytes.Equal(data, r.raw) {
			unchanged++
			continue
		}
		fmt.Fprintln(opts.IO.Out, summary)
		changed++
		if opts.DryRun {
			continue
		}
		if err := atomicfile.WriteFile(r.path, data, atomicfile.Options{}); err != nil {
			return fmt.Errorf("write %s: %w", r.path, err)
		}
	}
	verb := "updated"
	if opts.DryRun {
		verb = "would update"
	}
	if code == ExitOK && !opts.DryRun {
		if err := markImported(src); err != nil {
			return err
		}
	}
	fmt.Fprintf(errOut, "import: %s %d %s, %d unchanged, %d not written\n", verb, changed, plural(changed, "record", "records"), unchanged, failed)
	if code != ExitOK {
		return &SilentError{Code: code}
	}
	return nil
}

// markImported tells the export folder's output manifest that the source
// files as they are now need no keeping: every correction in them is in
// the records, so the next export may replace them without --force. A
// source outside an export folder (no manifest) is left alone.
func markImported(src *exporters.Tables) error {
	if _, err := os.Stat(filepath.Join(src.Dir, outputguard.ManifestName)); err != nil {
		return nil
	}
	guard, err := outputguard.Open(src.Dir)
	if err != nil {
		return err
	}
	return guard.Record(src.Files)
}

// readImportSource reads SOURCE as the format --from names or its name
// suggests.
func readImportSource(path, from string, l *schema.Layout) (*exporters.Tables, error) {
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("source %s: no such file or directory; give the exported dataset.xlsx or the export folder", filepath.ToSlash(path))
		}
		return nil, fmt.Errorf("source: %w", err)
	}
	if from == "" {
		switch {
		case st.IsDir():
			from = "csv"
		case strings.EqualFold(filepath.Ext(path), ".xlsx"):
			from = "xlsx"
		default:
			return nil, fmt.Errorf("source %s: not a workbook (*.xlsx) or a folder of CSV files; say which with --from", filepath.ToSlash(path))
		}
	}
	if from == "csv" {
		if !st.IsDir() {
			return nil, fmt.Errorf("source %s: --from csv needs the export folder (holding csv/) or its csv folder", filepath.ToSlash(path))
		}
		return exporters.ReadCSV(path, l)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("source %s: --from xlsx needs the workbook file (dataset.xlsx), not a folder", filepath.ToSlash(path))
	}
	return exporters.ReadXLSX(path, l)
}

// readRecordsDir reads every *.json record in dir, by id.
func readRecordsDir(dir string) (map[string]*importRecord, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("records: %w", err)
	}
	recs := map[string]*importRecord{}
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
		recs[id] = &importRecord{path: path, raw: raw, rec: rec}
	}
	return recs, nil
}

func firstTableWithRows(r *importRecord, l *schema.Layout) string {
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
func encodeMerged(v *validate.Validator, r *importRecord, m *schema.Merged, places map[string]string) ([]byte, []string, error) {
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

// summarize says what a merge changed, in one line.
func summarize(changes []schema.Change) string {
	parts := make([]string, 0, len(changes))
	for _, c := range changes {
		var b strings.Builder
		if c.Key != "" {
			b.WriteString(c.Table + " " + c.Key + " ")
		}
		switch c.Op {
		case schema.Added:
			b.WriteString("added")
		case schema.Removed:
			b.WriteString("removed")
		default:
			fmt.Fprintf(&b, "%s %s -> %s", c.Column, shortCell(c.Old), shortCell(c.New))
		}
		parts = append(parts, b.String())
	}
	return strings.Join(parts, "; ")
}

// shortCell shows a cell in a summary: empty as (empty), text quoted when
// it has spaces, long text cut.
func shortCell(v any) string {
	if v == nil {
		return "(empty)"
	}
	s := fmt.Sprint(v)
	if s == "" {
		return "(empty)"
	}
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:39]) + "…"
	}
	if strings.ContainsAny(s, " \t\n;\"") {
		return fmt.Sprintf("%q", s)
	}
	return s
}
