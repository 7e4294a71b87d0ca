package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/docset/docset/extract/input"
	"github.com/docset/docset/internal/batch"
	"github.com/docset/docset/internal/export"
	"github.com/docset/docset/internal/iostreams"
	"github.com/docset/docset/internal/report"
)

// ExtractOptions are the inputs of `docset extract`.
type ExtractOptions struct {
	IO     *iostreams.IOStreams
	Paths  []string
	OutDir string
	Force  bool
	Jobs   int
	Shard  string
	Quiet  bool
	JSON   bool
}

func newExtractCmd(f *Factory, runF func(context.Context, *ExtractOptions) error) *cobra.Command {
	opts := &ExtractOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "extract [PATH...] -o DIR",
		Short: "Extract news documents into schema-valid JSON records",
		Long: `Extract each document into a record: its normalized text, paragraphs and
sentences, entities (people, organizations, places, events) with their mentions
and roles, quotations with speaker and cue, dates with ISO values and
quantities; every value carries the span of text it came from. Each record is
checked against the record schema before it is written to DIR/<id>.json.

PATH is a text file, a directory (its *.txt and *.md files, recursively, in
path order), - for standard input (also read when no PATH is given and input
is piped), or a JSON Lines file (*.ndjson, *.jsonl) with one document per
line: "text" and optionally "id", "title", "url", "date" or "published",
"language", "license", "source". Standard input is read as JSON Lines when
its first non-blank line is a JSON object with a "text" member.

Text must be UTF-8; a byte order mark and CRLF or CR line ends are accepted
and normalized to LF in the record's text, which all offsets refer to. A
UTF-16 file (with or without its byte order mark) or a text holding NUL
bytes is refused with what it looks like. A document (file or JSON Lines
line) may be up to 64 MiB; a longer JSON Lines line is reported at its
line and the lines after it are still read.
Metadata can come from YAML front matter at the top of a file (a block
between --- lines with title, url, published, language, source, license;
other keys are ignored) or a sidecar file NAME.meta.json beside NAME.txt
(its keys override the front matter's). Nothing unknown is filled in.

The record id is the input's own id (JSON Lines), else the first 16 hex
digits of the SHA-256 of the normalized text: the same text always gets the
same id and the output is byte-identical across runs.

--shard INDEX/COUNT takes only the documents whose id falls in shard INDEX
(from 0) of COUNT: the first 16 hex digits of the SHA-256 of the id, as a
number, modulo COUNT. COUNT machines given the same input and each its own
INDEX extract every document exactly once, with no coordination.

A record whose review.status is "reviewed" is never overwritten unless
--force is given. A bad document (invalid UTF-8, empty, bad metadata, an id
already used) is reported with its file and line:col; the other documents
are still extracted.

Exit status:
  0  every document extracted
  1  some documents could not be read, extracted or written (each is reported)
  2  usage error, or no document could be read at all`,
		Example: `  # The seed documents into out/
  docset extract seeds/ -o out/

  # A JSON Lines corpus on all cores, replacing even reviewed records
  docset extract corpus.ndjson -o records/ --force

  # One document from standard input
  cat story.txt | docset extract - -o out/

  # JSON Lines from another program
  jq -c '{id, text, date}' articles.ndjson | docset extract -o out/`,
		Args: usageArgs(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if err := outputFolderFlag(cmd, opts.OutDir); err != nil {
				return err
			}
			if opts.OutDir == "" {
				return &FlagError{Err: errors.New("-o DIR is required: the folder the records are written to"), CommandPath: cmd.CommandPath()}
			}
			if len(opts.Paths) == 0 {
				if opts.IO.StdinTTY {
					return &FlagError{Err: errors.New("no input: give files, directories, JSON Lines files or - for standard input"), CommandPath: cmd.CommandPath()}
				}
				opts.Paths = []string{input.Stdin}
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
			return runExtract(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.OutDir, "output", "o", "", "folder to write DIR/<id>.json records to (created if needed)")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite records even when their review.status is reviewed")
	cmd.Flags().IntVarP(&opts.Jobs, "jobs", "j", 0, "documents extracted in parallel (0: one per core)")
	addShardFlag(cmd, &opts.Shard)
	addReportFlags(cmd, &opts.Quiet, &opts.JSON)
	_ = cmd.MarkFlagDirname("output")
	return cmd
}

// addShardFlag registers --shard.
func addShardFlag(cmd *cobra.Command, shard *string) {
	cmd.Flags().StringVar(shard, "shard", "", "take only the documents of shard INDEX/COUNT (e.g. 0/4), for COUNT machines sharing a corpus")
}

// checkShardFlag reports a --shard that cannot be used as a usage error.
func checkShardFlag(cmd *cobra.Command, shard string) error {
	if shard == "" {
		return nil
	}
	if _, err := batch.ParseShard(shard); err != nil {
		return &FlagError{Err: fmt.Errorf("--shard: %w", err), CommandPath: cmd.CommandPath()}
	}
	return nil
}

// shardOf parses a --shard already checked.
func shardOf(s string) batch.Shard {
	if s == "" {
		return batch.Shard{}
	}
	sh, _ := batch.ParseShard(s)
	return sh
}

// logger prints messages for people on the error stream, taking a
// progress bar off its line first.
func logger(io *iostreams.IOStreams, p *iostreams.Progress) func(string) {
	return func(msg string) {
		p.Clear()
		fmt.Fprintln(io.ErrOut, msg)
	}
}

// progressOf is p as the jobs take it: none when nothing is drawn.
func progressOf(p *iostreams.Progress) export.Progress {
	if p == nil {
		return nil
	}
	return p
}

func runExtract(ctx context.Context, opts *ExtractOptions) error {
	start := time.Now()
	opts.IO.Quiet = opts.Quiet
	progress := opts.IO.Progress()
	shard := shardOf(opts.Shard)
	res, err := batch.Extract(ctx, batch.ExtractOptions{
		Paths:    opts.Paths,
		Stdin:    opts.IO.In,
		OutDir:   opts.OutDir,
		Force:    opts.Force,
		Jobs:     opts.Jobs,
		Shard:    shard,
		Progress: progressOf(progress),
		Log:      logger(opts.IO, progress),
	})
	if res == nil {
		return err
	}
	progress.Done()
	if err != nil {
		return err
	}
	if !opts.Quiet {
		fmt.Fprintln(opts.IO.ErrOut, res.Summary())
	}
	var exit error
	switch {
	case res.Failed > 0 && res.Read == 0:
		exit = &SilentError{Code: ExitError}
	case res.Failed > 0:
		exit = &SilentError{Code: ExitInvalid}
	}
	rep := newReport("extract", opts.OutDir)
	if !shard.All() {
		rep.Shard = &report.Shard{Index: shard.Index, Count: shard.Count}
	}
	res.Fill(rep)
	rep.Step("extract", time.Since(start))
	// The report is not saved among the records, which are what the
	// folder is read for.
	return finishReport(opts.IO, rep, "", start, opts.JSON, exit)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
