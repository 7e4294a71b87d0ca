package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/docset/docset/internal/iostreams"
	"github.com/docset/docset/review"
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
sort; added ones come after). An empty review_at of a reviewed document
is left as the JSON has it, or, when the sheet has just set review_status
to reviewed, filled in with the time of the import. The spreadsheet wins for the values it holds; what no
column holds (the text, sentences, the source) is kept from the JSON. A
sheet, CSV file or column missing from SOURCE leaves those values alone.
Records with no rows in SOURCE are not touched.

SOURCE is read whole or not at all. A workbook that is damaged (broken
XML, a part failing its checksum or cut short), past Excel's limits (rows,
columns, cell text) or holding none of the exported sheets is refused, and
so is a cell of a table column holding a formula or an error value: its
value was computed, not typed. A refused source changes no record. Rows
that cannot be merged are listed, the first 20 of each sheet or file, then
how many more there are. A document is not merged when the source has
more rows for it, over all sheets, than 10,000 plus one for every 128
bytes of its record's JSON (more than twice the rows its export has).

Every merged record is validated before it is written. A record the merge
would make invalid (say, a quotation's text changed but not its start and
end) is reported with the sheet, row and column of each finding and is not
written; neither is a record with a row that names an unknown document or
parent. The export folder's manifest keeps the SHA-256 of each record the
export read: a record whose JSON is "reviewed" and has changed since (it
was corrected in its JSON after the export) is changed only with --force,
and what would change is listed either way; one that has not changed
takes the corrections, so review can go in rounds. Records the merge
leaves as they were are not rewritten; the others are written whole
(pretty JSON, as extract writes them), each atomically. When every record
merged, the export folder's output manifest is told that the corrected
files are accounted for, so the next 'docset export' or 'docset run'
replaces them without --force. The records folder (and the export folder)
are locked while import runs: another docset process writing them is
named, and import stops.

Each changed record is summarized on standard output, for example:
  dfb44469170eca92: entities e5 type place -> organization; review_status draft -> reviewed
--dry-run prints the summary and writes nothing.

Exit status:
  0  every record merged (or unchanged)
  1  some records are invalid after the merge, have bad rows, or are
     reviewed (reported, not written); the others were written
  2  usage error, SOURCE or RECORDS_DIR could not be read or used (no
     record was changed), or a record could not be written`,
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
			if err := outputFolderFlag(cmd, opts.RecordsDir); err != nil {
				return err
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

func runImport(ctx context.Context, opts *ImportOptions) error {
	res, err := review.Import(ctx, review.Options{
		Source:     opts.Source,
		From:       opts.From,
		RecordsDir: opts.RecordsDir,
		DryRun:     opts.DryRun,
		Force:      opts.Force,
	})
	if res == nil {
		return err
	}
	errOut := opts.IO.ErrOut
	for _, n := range res.Notes {
		fmt.Fprintf(errOut, "docset: import: note: %s\n", n)
	}
	for _, p := range res.Problems {
		fmt.Fprintf(errOut, "docset: import: %s\n", p)
	}
	for _, c := range res.Changes {
		fmt.Fprintf(opts.IO.Out, "%s: %s\n", c.ID, c.Summary)
	}
	if err != nil {
		return err
	}
	verb := "updated"
	if opts.DryRun {
		verb = "would update"
	}
	n := len(res.Changes)
	fmt.Fprintf(errOut, "import: %s %d %s, %d unchanged, %d not written\n", verb, n, plural(n, "record", "records"), res.Unchanged, res.NotWritten)
	if !res.OK() {
		return &SilentError{Code: ExitInvalid}
	}
	return nil
}
