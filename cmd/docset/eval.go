package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/docset/docset/eval"
	"github.com/docset/docset/internal/iostreams"
	"github.com/docset/docset/schema"
)

// EvalOptions are the inputs of `docset eval`.
type EvalOptions struct {
	IO      *iostreams.IOStreams
	GoldDir string
	Paths   []string
	Format  string
	Docs    bool
	Errors  bool
}

var evalFormats = []string{"text", "json"}

func newEvalCmd(f *Factory, runF func(context.Context, *EvalOptions) error) *cobra.Command {
	opts := &EvalOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "eval --gold DIR RECORDS...",
		Short: "Score extracted records against gold annotations",
		Long: `Score records against gold files (one DIR/<doc>.json per document, in the
format of the gum-news or wikinews-dev corpora) and print precision, recall and
F1 for:

  entities    exact span and type, per type and micro-averaged over person,
              organization and place (the headline number); the same with a
              same-type overlap counting; exact span with any type
  quotations  exact and overlapping spans; speaker accuracy on exactly found
              quotations of three words or more (the speaker entity's name
              or one of its mentions equals the gold speaker, or is its last
              word(s): "Bolton" for "John R. Bolton"); cue and partial
              accuracy on exactly found quotations
  dates       exact and overlapping spans; the share of gold dates found with
              the right value

A record belongs to the gold file named like its id or like its source file
without extension. Records without gold are ignored (and counted); gold
without a record is reported as a missed document and its annotations count
as not found.

RECORDS are record files or directories of them (*.json, recursively).

Exit status:
  0  scored
  2  usage error, unreadable gold or records`,
		Example: `  # Extract the gum-news texts and score them
  docset extract ../shared/corpus/gum-news/texts -o out/gum
  docset eval --gold ../shared/corpus/gum-news/gold out/gum

  # Scores per document, then every miss, one per line, to read what went wrong
  docset eval --gold ../shared/corpus/gum-news/gold out/gum --docs --errors`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if opts.GoldDir == "" {
				return &FlagError{Err: errors.New("--gold DIR is required"), CommandPath: cmd.CommandPath()}
			}
			if !contains(evalFormats, opts.Format) {
				return &FlagError{Err: fmt.Errorf("unknown --format %q: use one of %s", opts.Format, strings.Join(evalFormats, ", ")), CommandPath: cmd.CommandPath()}
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runEval(opts)
		},
	}
	cmd.Flags().StringVar(&opts.GoldDir, "gold", "", "folder of gold files (<doc>.json)")
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: "+strings.Join(evalFormats, ", "))
	cmd.Flags().BoolVar(&opts.Docs, "docs", false, "after the table, one line of scores per document")
	cmd.Flags().BoolVar(&opts.Errors, "errors", false, "after the table, list every miss of every document")
	_ = cmd.MarkFlagDirname("gold")
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return evalFormats, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func runEval(opts *EvalOptions) error {
	golds, err := eval.LoadGold(opts.GoldDir)
	if err != nil {
		return err
	}
	recs, err := readRecords(opts.Paths)
	if err != nil {
		return err
	}
	rep := eval.Score(golds, recs)
	if opts.Format == "json" {
		return rep.WriteJSON(opts.IO.Out)
	}
	if err := rep.WriteText(opts.IO.Out); err != nil {
		return err
	}
	if opts.Docs {
		fmt.Fprintln(opts.IO.Out)
		if err := rep.WriteDocs(opts.IO.Out); err != nil {
			return err
		}
	}
	if opts.Errors {
		fmt.Fprintln(opts.IO.Out)
		return rep.WriteErrors(opts.IO.Out)
	}
	return nil
}

// readRecords reads the record files named by paths (directories: every
// *.json below, in path order).
func readRecords(paths []string) ([]*schema.Record, error) {
	var files []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("records: %w", err)
		}
		if !fi.IsDir() {
			files = append(files, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(d.Name(), ".json") && !strings.HasPrefix(d.Name(), ".") {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("records: %w", err)
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("records: no *.json files in %s", p)
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	recs := make([]*schema.Record, 0, len(files))
	for _, file := range files {
		r, err := readRecord(file)
		if err != nil {
			return nil, err
		}
		recs = append(recs, r)
	}
	return recs, nil
}

func readRecord(path string) (*schema.Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("records: %w", err)
	}
	defer f.Close()
	var r schema.Record
	if err := json.NewDecoder(io.Reader(f)).Decode(&r); err != nil {
		return nil, fmt.Errorf("records: %s: %w (check it with docset validate)", path, err)
	}
	return &r, nil
}
