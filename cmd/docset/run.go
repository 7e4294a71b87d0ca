package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/docset/docset/internal/iostreams"
)

// RunOptions are the inputs of `docset run`.
type RunOptions struct {
	IO      *iostreams.IOStreams
	Paths   []string
	OutDir  string
	Force   bool
	Jobs    int
	Formats []string
	Excel   bool
	Raw     bool
	BaseIRI string
}

// recordsDir is where `run` keeps the records, under its output folder.
const recordsDir = "records"

func newRunCmd(f *Factory, runF func(context.Context, *RunOptions) error) *cobra.Command {
	opts := &RunOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "run PATH... [-o DIR]",
		Short: "Extract, validate and export in one go",
		Long: `Run the whole job: extract every document under PATH into a record in
DIR/records/<id>.json (like 'docset extract'), then validate every record there
and export the dataset into DIR (like 'docset export'): DIR/csv/<table>.csv,
DIR/datapackage.json, DIR/dataset.xlsx and DIR/dataset.jsonld.

Review happens in DIR/records: correct a record's JSON and set its
review.status to "reviewed". A later run keeps reviewed records as they are
(and exports them) instead of extracting those documents again. Likewise an
export file changed since docset wrote it (a workbook a person corrected) is
not replaced. --force replaces both: reviewed records with fresh drafts, and
changed export files.

A bad document is reported and the others go on; an invalid record is
reported and left out of the exports.

Exit status:
  0  every document extracted and every record exported
  1  some documents or records failed (each is reported); the rest were written
  2  usage error, or nothing could be read or written`,
		Example: `  # The default job (make run)
  docset run seeds/ -o out/

  # Only CSV for Excel users, from a JSON Lines corpus
  docset run corpus.ndjson -o out/ --format csv --excel`,
		Args: usageArgs(needPaths),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if err := checkFormatFlags(cmd, opts.Formats, opts.BaseIRI); err != nil {
				return err
			}
			if opts.Jobs < 0 {
				return &FlagError{Err: fmt.Errorf("--jobs %d: want 0 (one per core) or more", opts.Jobs), CommandPath: cmd.CommandPath()}
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.OutDir, "output", "o", "out", "folder for the records and the exports")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace reviewed records with fresh drafts and changed export files")
	cmd.Flags().IntVarP(&opts.Jobs, "jobs", "j", 0, "documents extracted in parallel (0: one per core)")
	addFormatFlags(cmd, &opts.Formats, &opts.Excel, &opts.Raw, &opts.BaseIRI)
	_ = cmd.MarkFlagDirname("output")
	return cmd
}

func runRun(ctx context.Context, opts *RunOptions) error {
	records := filepath.Join(opts.OutDir, recordsDir)
	extractErr := runExtract(ctx, &ExtractOptions{
		IO:           opts.IO,
		Paths:        opts.Paths,
		OutDir:       records,
		Force:        opts.Force,
		Jobs:         opts.Jobs,
		KeepReviewed: true,
	})
	if ExitCode(extractErr) == ExitError {
		return extractErr
	}
	exportErr := runExport(ctx, &ExportOptions{
		IO:      opts.IO,
		Paths:   []string{records},
		OutDir:  opts.OutDir,
		Formats: opts.Formats,
		Excel:   opts.Excel,
		Raw:     opts.Raw,
		BaseIRI: opts.BaseIRI,
		Force:   opts.Force,
	})
	// Report the worse of the two steps; both have printed their findings.
	if ExitCode(exportErr) >= ExitCode(extractErr) {
		return exportErr
	}
	return extractErr
}
