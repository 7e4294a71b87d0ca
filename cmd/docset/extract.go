package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/docset/docset/extract"
	"github.com/docset/docset/extract/input"
	"github.com/docset/docset/internal/iostreams"
)

// ExtractOptions are the inputs of `docset extract`.
type ExtractOptions struct {
	IO     *iostreams.IOStreams
	Paths  []string
	OutDir string
	Force  bool
	Jobs   int
	// KeepReviewed reports a reviewed record that stays in place as a
	// note, not an error: in `docset run` keeping it is the point.
	KeepReviewed bool
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
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runExtract(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.OutDir, "output", "o", "", "folder to write DIR/<id>.json records to (created if needed)")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite records even when their review.status is reviewed")
	cmd.Flags().IntVarP(&opts.Jobs, "jobs", "j", 0, "documents extracted in parallel (0: one per core)")
	_ = cmd.MarkFlagDirname("output")
	return cmd
}

func runExtract(ctx context.Context, opts *ExtractOptions) error {
	x, err := extract.New()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(opts.OutDir, 0o755); err != nil {
		return fmt.Errorf("output folder: %w; -o must name a folder (it is created when missing)", err)
	}
	jobs := opts.Jobs
	if jobs == 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	w := &extract.Writer{Dir: opts.OutDir, Force: opts.Force}
	errOut := opts.IO.ErrOut
	// read counts documents that got past reading: when none did, nothing
	// was readable and the exit status says so.
	var done, failed, read, kept int
	progress := func() {
		if opts.IO.StderrTTY {
			fmt.Fprintf(errOut, "\rextracting: %d done, %d errors", done, failed)
		}
	}
	report := func(err error) {
		if opts.IO.StderrTTY {
			fmt.Fprint(errOut, "\r\033[K")
		}
		fmt.Fprintf(errOut, "docset: extract: %v\n", err)
		failed++
	}
	err = x.Run(ctx, input.Read(opts.Paths, opts.IO.In), jobs, func(r extract.Result) error {
		defer progress()
		if r.Doc != nil {
			read++
		}
		if r.Err != nil {
			report(r.Err)
			return nil
		}
		if _, err := w.Write(r.Record, r.JSON); err != nil {
			if opts.KeepReviewed && errors.Is(err, extract.ErrReviewed) {
				if opts.IO.StderrTTY {
					fmt.Fprint(errOut, "\r\033[K")
				}
				fmt.Fprintf(errOut, "docset: kept reviewed record %s\n", filepath.ToSlash(w.Path(r.Record.ID)))
				kept++
				return nil
			}
			report(err)
			return nil
		}
		done++
		return nil
	})
	if opts.IO.StderrTTY {
		fmt.Fprint(errOut, "\r\033[K")
	}
	if err != nil {
		return err
	}
	if kept > 0 {
		fmt.Fprintf(errOut, "extracted %d %s, kept %d reviewed, %d %s\n", done, plural(done, "document", "documents"), kept, failed, plural(failed, "error", "errors"))
	} else {
		fmt.Fprintf(errOut, "extracted %d %s, %d %s\n", done, plural(done, "document", "documents"), failed, plural(failed, "error", "errors"))
	}
	switch {
	case failed > 0 && read == 0:
		return &SilentError{Code: ExitError}
	case failed > 0:
		return &SilentError{Code: ExitInvalid}
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
