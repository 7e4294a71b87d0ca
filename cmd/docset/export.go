package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/docset/docset/exporters"
	"github.com/docset/docset/internal/buildinfo"
	"github.com/docset/docset/internal/export"
	"github.com/docset/docset/internal/iostreams"
	"github.com/docset/docset/internal/outputguard"
	"github.com/docset/docset/internal/report"
	"github.com/docset/docset/schema"
	"github.com/docset/docset/validate"
)

// ExportOptions are the inputs of `docset export`.
type ExportOptions struct {
	IO      *iostreams.IOStreams
	Paths   []string
	OutDir  string
	Formats []string
	Excel   bool
	Raw     bool
	BaseIRI string
	Force   bool
	Jobs    int
	Quiet   bool
	JSON    bool
}

func newExportCmd(f *Factory, runF func(context.Context, *ExportOptions) error) *cobra.Command {
	opts := &ExportOptions{IO: f.IO}
	var lines []string
	for _, ft := range exporters.Formats() {
		lines = append(lines, fmt.Sprintf("  %-7s %-17s %s", ft.Name, ft.Output, ft.Description))
	}
	cmd := &cobra.Command{
		Use:   "export [--format F,...] [-o DIR] [--excel] [--raw] [--base-iri IRI] [--force] PATH...",
		Short: "Export validated records as CSV, XLSX and JSON-LD",
		Long: `Export docset records as the dataset's consumers read it. Every record is
first validated like 'docset validate' does; an invalid record is reported
with its file and line and left out, and the others are exported. Records
are written in order of their id; two records with the same id are both
reported and left out.

PATH is a record file (*.json), a JSON Lines file with one record per line
(*.ndjson, *.jsonl), a directory (those files, recursively, in path order)
or - for standard input.

Formats (--format, comma-separated; default all), written under DIR:
` + strings.Join(lines, "\n") + `

The tables (documents, paragraphs, entities, mentions, quotes, dates,
quantities) and their columns come from the record schema; datapackage.json
is a Frictionless Data Package describing every CSV (types, descriptions,
primary and foreign keys).

CSV files are RFC 4180, UTF-8, with a header row; an empty field is null.
Text cells that begin with =, +, -, @, tab, CR or LF get one leading
apostrophe (') so that a spreadsheet shows them as text instead of running
them as formulas (OWASP CSV injection guidance). This is lossy for those
cells: a reader must drop that one apostrophe to get the original text
(datapackage.json says so). Number columns are never changed. --raw writes
every cell as is, for programs that read CSV as data; do not open a --raw
export from untrusted records in a spreadsheet. --excel starts each CSV
with a UTF-8 byte order mark and ends rows with CRLF, which Excel needs to
read UTF-8 and rows correctly; line breaks inside a cell are kept as they
are. A reader that does not skip the byte order mark reads it as the
start of the first column's name, and datapackage.json names that column
so, as the JavaScript Frictionless libraries read it.

JSON-LD node ids are IRIs under --base-iri (default under .invalid, which
no one can resolve: set your own when you publish).

Every file is written whole or not at all: the formats write into
DIR/.docset-staging, and what they wrote is moved in place at the end, so
a failed or interrupted export leaves the previous files, and the next run
replaces them without --force. docset remembers what it wrote in
DIR/.docset-outputs.json: an output file that was changed since (say, a
workbook a person corrected) or that docset did not write is not replaced
unless --force is given, and the message says how to import its
corrections first. One export at a time writes DIR (a second one stops,
naming the first one's process), and nothing is written through a
symbolic link inside DIR.

Exit status:
  0  every record valid and exported
  1  some records are invalid or share an id (reported, not exported)
  2  usage error, unreadable path, or an output could not be written`,
		Example: `  # Everything, into out/
  docset export out/records/

  # Only the CSV files and their datapackage.json, for Excel users
  docset export --format csv --excel -o share/ records/

  # JSON-LD with your own node IRIs
  docset export --format jsonld --base-iri https://data.example.org/news/ records.ndjson`,
		Args: usageArgs(needPaths),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if err := checkFormatFlags(cmd, opts.Formats, opts.BaseIRI); err != nil {
				return err
			}
			if err := outputFolderFlag(cmd, opts.OutDir); err != nil {
				return err
			}
			if opts.OutDir == "" {
				return &FlagError{Err: errors.New("-o: give the output folder"), CommandPath: cmd.CommandPath()}
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runExport(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.OutDir, "output", "o", "out", "folder to write the exports to (created if needed)")
	addFormatFlags(cmd, &opts.Formats, &opts.Excel, &opts.Raw, &opts.BaseIRI)
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace output files even when they were changed since docset wrote them")
	cmd.Flags().IntVarP(&opts.Jobs, "jobs", "j", 0, "records validated and encoded in parallel (0: one per core)")
	addReportFlags(cmd, &opts.Quiet, &opts.JSON)
	_ = cmd.MarkFlagDirname("output")
	return cmd
}

// addReportFlags registers the flags that say how a batch command reports.
func addReportFlags(cmd *cobra.Command, quiet, json *bool) {
	cmd.Flags().BoolVarP(quiet, "quiet", "q", false, "print nothing but errors: no progress, no summary")
	cmd.Flags().BoolVar(json, "json", false, "print the run report (report.json) on standard output")
}

// addFormatFlags registers the flags that choose and tune the export
// formats, for every command that exports; the Formats() table drives the
// names, the help and the completion.
func addFormatFlags(cmd *cobra.Command, formats *[]string, excel, raw *bool, baseIRI *string) {
	var names []string
	for _, ft := range exporters.Formats() {
		names = append(names, ft.Name)
	}
	cmd.Flags().StringSliceVar(formats, "format", names, "formats to write, comma-separated: "+strings.Join(names, ", "))
	cmd.Flags().BoolVar(excel, "excel", false, "CSV for Excel: UTF-8 byte order mark and CRLF row ends")
	cmd.Flags().BoolVar(raw, "raw", false, "CSV cells as is, without the apostrophe that keeps formula-like text from running in spreadsheets")
	cmd.Flags().StringVar(baseIRI, "base-iri", "", "base of JSON-LD node IRIs (default "+exporters.DefaultBaseIRI+")")
	_ = cmd.RegisterFlagCompletionFunc("format", func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		// Complete the last item of a comma-separated list.
		done := toComplete[:strings.LastIndex(toComplete, ",")+1]
		var out []string
		for _, ft := range exporters.Formats() {
			if !slices.Contains(strings.Split(done, ","), ft.Name) {
				out = append(out, done+ft.Name+"\t"+ft.Description)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	})
}

// checkFormatFlags reports a usage error for unknown or no formats and a
// base IRI that cannot be used.
func checkFormatFlags(cmd *cobra.Command, formats []string, baseIRI string) error {
	for _, name := range formats {
		if _, err := exporters.Lookup(name); err != nil {
			return &FlagError{Err: fmt.Errorf("--format: %w", err), CommandPath: cmd.CommandPath()}
		}
	}
	if len(formats) == 0 {
		return &FlagError{Err: errors.New("--format: give at least one format"), CommandPath: cmd.CommandPath()}
	}
	if _, err := exporters.BaseIRI(baseIRI); err != nil {
		return &FlagError{Err: fmt.Errorf("--base-iri: %w", err), CommandPath: cmd.CommandPath()}
	}
	return nil
}

func runExport(ctx context.Context, opts *ExportOptions) error {
	start := time.Now()
	opts.IO.Quiet = opts.Quiet
	errOut := opts.IO.ErrOut
	xo := export.Options{
		Paths:   opts.Paths,
		Stdin:   opts.IO.In,
		OutDir:  opts.OutDir,
		Formats: opts.Formats,
		Writer:  exporters.Options{Excel: opts.Excel, Raw: opts.Raw, BaseIRI: opts.BaseIRI},
		Force:   opts.Force,
		Jobs:    opts.Jobs,
	}
	progress := opts.IO.Progress()
	if progress != nil {
		xo.Progress = progress
	}
	res, err := export.Run(ctx, xo)
	var changed *outputguard.ChangedError
	if errors.As(err, &changed) {
		changed.Import = importCommand(changed, opts.Paths)
	}
	if res == nil {
		return err
	}
	code := reportFindings(errOut, res)
	if err != nil {
		return err
	}
	rep := newReport("export", opts.OutDir)
	res.Fill(rep)
	if res.Exported == 0 {
		fmt.Fprintln(errOut, "docset: export: no valid records to export; nothing written")
		return finishReport(opts.IO, rep, "", start, opts.JSON, &SilentError{Code: max(code, ExitInvalid)})
	}
	code = reportWritten(opts.IO, res, opts.OutDir, code)
	var exit error
	if code != ExitOK {
		exit = &SilentError{Code: code}
	}
	return finishReport(opts.IO, rep, opts.OutDir, start, opts.JSON, exit)
}

// reportFindings prints the invalid records and duplicate ids of an
// export and returns the exit status they call for.
func reportFindings(errOut io.Writer, res *export.Result) int {
	code := ExitOK
	if rep := res.Validation; !rep.Valid() {
		if render, err := validate.NewRenderer("text"); err == nil {
			render.Render(errOut, rep)
		}
		code = ExitInvalid
		if rep.Summary().Errors > 0 {
			code = ExitError
		}
	}
	for _, d := range res.Duplicates {
		fmt.Fprintf(errOut, "docset: export: %s\n", d)
		code = max(code, ExitInvalid)
	}
	return code
}

// reportWritten prints the formats that failed and, unless quiet, what
// was written; it returns code made worse by any failure.
func reportWritten(io *iostreams.IOStreams, res *export.Result, outDir string, code int) int {
	var wrote []string
	for _, fr := range res.Formats {
		if fr.Err != nil {
			fmt.Fprintf(io.ErrOut, "docset: export %s: %v\n", fr.Format.Name, fr.Err)
			code = ExitError
			continue
		}
		wrote = append(wrote, fr.Outputs...)
	}
	if len(wrote) > 0 && !io.Quiet {
		fmt.Fprintf(io.ErrOut, "docset: export: %d %s to %s: %s\n", res.Exported, plural(res.Exported, "record", "records"), filepath.ToSlash(outDir), strings.Join(wrote, ", "))
	}
	return code
}

// newReport starts the report of a command writing into outDir.
func newReport(command, outDir string) *report.Report {
	return report.New(command, buildinfo.Version(), schema.ID, outDir)
}

// finishReport times the report, saves it into dir (none: not saved)
// and prints it with --json; exit is the command's result, which a
// failure to save the report worsens.
func finishReport(io *iostreams.IOStreams, rep *report.Report, dir string, start time.Time, printJSON bool, exit error) error {
	rep.Timings.TotalSeconds = time.Since(start).Seconds()
	if dir != "" {
		if err := export.SaveReport(dir, rep); err != nil {
			return err
		}
	}
	if printJSON {
		if err := rep.Encode(io.Out); err != nil {
			return err
		}
	}
	return exit
}

// importCommand says how to bring the corrections in changed outputs into
// the records exported from paths ("" when no changed file is one import
// reads): a reviewer who corrected the workbook or the CSV files, then
// ran the export again, is told to import first.
func importCommand(e *outputguard.ChangedError, paths []string) string {
	records := "RECORDS_DIR"
	if len(paths) == 1 {
		if fi, err := os.Stat(paths[0]); err == nil && fi.IsDir() {
			records = filepath.ToSlash(paths[0])
		}
	}
	var cmds []string
	dir := filepath.ToSlash(e.Dir)
	book, _ := exporters.Lookup("xlsx")
	csv := false
	for _, f := range e.Files {
		switch {
		case f == book.Output:
			cmds = append(cmds, fmt.Sprintf("docset import %s -o %s", path.Join(dir, f), records))
		case strings.HasPrefix(f, "csv/") && !csv:
			csv = true
			cmds = append(cmds, fmt.Sprintf("docset import %s --from csv -o %s", dir, records))
		}
	}
	return strings.Join(cmds, ", then ")
}
