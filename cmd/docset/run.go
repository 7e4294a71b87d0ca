package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/docset/docset/exporters"
	"github.com/docset/docset/internal/batch"
	"github.com/docset/docset/internal/export"
	"github.com/docset/docset/internal/iostreams"
	"github.com/docset/docset/internal/outputguard"
	"github.com/docset/docset/internal/report"
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
	Shard   string
	Quiet   bool
	JSON    bool
}

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
reported and left out of the exports. Each document is read, extracted and
checked once, and its record goes to every export as it is written: the
exports are the same, byte for byte, as 'docset export DIR/records' after
the extraction, whatever --jobs.

DIR/report.json says what became of every document (extracted, kept
reviewed, failed, invalid), the rows of each table, every file written with
its size and SHA-256, and how long each step took; --json prints it. Its
shape is the report schema, schema/report.schema.json in the source.

--shard INDEX/COUNT takes only the documents of one shard (see 'docset
extract --help'), so that COUNT machines can share a corpus: each runs
with its own INDEX and its own DIR, then 'docset export DIR0/records
DIR1/records ...' writes the same files one machine's run would have.
deploy/ in the source has recipes for Kubernetes, Slurm and GitHub Actions.

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
			if err := outputFolderFlag(cmd, opts.OutDir); err != nil {
				return err
			}
			if opts.Jobs < 0 {
				return &FlagError{Err: fmt.Errorf("--jobs %d: want 0 (one per core) or more", opts.Jobs), CommandPath: cmd.CommandPath()}
			}
			if err := checkShardFlag(cmd, opts.Shard); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.OutDir, "output", "o", "out", "folder for the records and the exports")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace reviewed records with fresh drafts and changed export files")
	cmd.Flags().IntVarP(&opts.Jobs, "jobs", "j", 0, "documents extracted, and records encoded, in parallel (0: one per core)")
	addFormatFlags(cmd, &opts.Formats, &opts.Excel, &opts.Raw, &opts.BaseIRI)
	addShardFlag(cmd, &opts.Shard)
	addReportFlags(cmd, &opts.Quiet, &opts.JSON)
	_ = cmd.MarkFlagDirname("output")
	return cmd
}

func runRun(ctx context.Context, opts *RunOptions) error {
	start := time.Now()
	opts.IO.Quiet = opts.Quiet
	errOut := opts.IO.ErrOut
	progress := opts.IO.Progress()
	shard := shardOf(opts.Shard)
	res, err := batch.Run(ctx, batch.RunOptions{
		Extract: batch.ExtractOptions{
			Paths:    opts.Paths,
			Stdin:    opts.IO.In,
			Force:    opts.Force,
			Jobs:     opts.Jobs,
			Shard:    shard,
			Progress: progressOf(progress),
			Log:      logger(opts.IO, progress),
		},
		Export: export.Options{
			OutDir:   opts.OutDir,
			Formats:  opts.Formats,
			Writer:   exporters.Options{Excel: opts.Excel, Raw: opts.Raw, BaseIRI: opts.BaseIRI},
			Force:    opts.Force,
			Jobs:     opts.Jobs,
			Progress: progressOf(progress),
		},
	})
	progress.Done()
	var changed *outputguard.ChangedError
	if errors.As(err, &changed) {
		changed.Import = importCommand(changed, []string{filepath.Join(opts.OutDir, batch.RecordsDir)})
	}
	if res == nil {
		return err
	}
	xr := res.Extract
	if xr != nil && !opts.Quiet {
		fmt.Fprintln(errOut, xr.Summary())
	}
	code := ExitOK
	if xr != nil && xr.Failed > 0 {
		code = ExitInvalid
		if xr.Read == 0 {
			code = ExitError
		}
	}
	if res.Export != nil {
		code = max(code, reportFindings(errOut, res.Export))
	}
	if err != nil {
		return err
	}
	rep := newReport("run", opts.OutDir)
	if !shard.All() {
		rep.Shard = &report.Shard{Index: shard.Index, Count: shard.Count}
	}
	res.Fill(rep)
	if res.Export == nil {
		return finishReport(opts.IO, rep, "", start, opts.JSON, &SilentError{Code: code})
	}
	if res.Export.Exported == 0 {
		fmt.Fprintln(errOut, "docset: export: no valid records to export; nothing written")
		return finishReport(opts.IO, rep, opts.OutDir, start, opts.JSON, &SilentError{Code: max(code, ExitInvalid)})
	}
	code = reportWritten(opts.IO, res.Export, opts.OutDir, code)
	var exit error
	if code != ExitOK {
		exit = &SilentError{Code: code}
	}
	return finishReport(opts.IO, rep, opts.OutDir, start, opts.JSON, exit)
}
