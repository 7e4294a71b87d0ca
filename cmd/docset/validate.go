package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/docset/docset/internal/atomicfile"
	"github.com/docset/docset/internal/iostreams"
	"github.com/docset/docset/validate"
)

// ValidateOptions are the inputs of `docset validate`.
type ValidateOptions struct {
	IO     *iostreams.IOStreams
	Schema string
	Draft  string
	Format string
	// Refs and Maps serve the schemas a --schema $refs by URL from local
	// files (--ref, --map); AssertFormats is --assert-formats.
	Refs          []string
	Maps          []validate.Mapping
	AssertFormats bool
	Paths         []string
	Workers       int
	// Reports are further formats written to files (--report FORMAT=FILE)
	// from the same run.
	Reports []ReportFile
}

// ReportFile is one --report: the report in Format, written to Path.
type ReportFile struct {
	Format, Path string
}

// parseReportFile reads a --report value, FORMAT=FILE.
func parseReportFile(s string) (ReportFile, error) {
	format, path, ok := strings.Cut(s, "=")
	if !ok || path == "" {
		return ReportFile{}, fmt.Errorf("--report %q: want FORMAT=FILE, e.g. sarif=docset.sarif", s)
	}
	if _, err := validate.NewRenderer(format); err != nil {
		return ReportFile{}, fmt.Errorf("--report %q: %w", s, err)
	}
	return ReportFile{Format: format, Path: path}, nil
}

func newValidateCmd(f *Factory, runF func(context.Context, *ValidateOptions) error) *cobra.Command {
	opts := &ValidateOptions{IO: f.IO}
	var maps, reports []string
	var formats []string
	for _, ft := range validate.Formats() {
		formats = append(formats, fmt.Sprintf("  %-7s %s", ft.Name, ft.Description))
	}
	cmd := &cobra.Command{
		Use:   "validate [--schema FILE [--ref PATH]... [--map URL=DIR]...] [--draft D] [--format F] [PATH...]",
		Short: "Check records (or any JSON) against the record schema or a given schema",
		Long: `Check JSON documents and report every problem with its file, line and column,
JSON Pointer, rule and a message saying what to fix.

Without --schema, documents are docset records: they are checked against the
embedded record schema (see 'docset schema') and by the checks a schema cannot
express: every span lies inside text and its text equals the slice (offsets
count Unicode code points), ids are unique, a quotation's speaker is an entity
id, and mentions of different entities do not overlap.

With --schema, any JSON is checked against that schema (drafts 4, 6, 7,
2019-09 and 2020-12; --draft sets the dialect of a schema without $schema).
Patterns are ECMA-262 regular expressions, as JSON Schema specifies. Formats
are asserted unless --assert-formats=false makes them annotations.

$refs never reach the network. A $ref by relative path reads the file from the
schema's folder and below. A $ref by URL (https://...) is served, in this
order, by: a --ref schema with that $id (id in draft 4); the file at the same
relative path under a --map folder, or a schema there with that $id; a schema
with that $id beside the --schema file or below its folder. Anything else is
never fetched: it is named in a warning, and a document that reaches it cannot
be validated (exit 2). A symlink leading out of a folder is not followed.

PATH is a file, a directory (its *.json, *.ndjson and *.jsonl files,
recursively, in path order, skipping hidden directories such as .git) or -
for standard input, which is also read when no PATH is given and input is
piped. Files named *.ndjson or
*.jsonl hold one document per line and are streamed; standard input is read
as NDJSON when its first non-blank line is a complete JSON value, else as one
document. A UTF-8 byte order mark is accepted and ignored. Duplicate keys,
invalid UTF-8 and numbers beyond the float64 range are findings.

Output formats (--format):
` + strings.Join(formats, "\n") + `

Exit status:
  0  every document is valid
  1  at least one finding (the report says where)
  2  usage error, unreadable or missing path, directory without JSON files,
     a schema that cannot be used (invalid, a $ref to nothing in it), or a
     document reaching a $ref no local file serves; json, github, junit and
     sarif report an unusable schema on stdout in their own shape too,
     beside the message on stderr`,
		Example: `  # Check the records in out/ against the record schema
  docset validate out/

  # In a GitHub Actions step: annotations on the offending lines
  docset validate --format github out/

  # JUnit XML for a CI test-report viewer
  docset validate --format junit out/ > validate-report.xml

  # SARIF for GitHub code scanning (github/codeql-action/upload-sarif)
  docset validate --format sarif out/ > docset.sarif

  # Annotations in the log and SARIF for code scanning, from one run
  docset validate --format github --report sarif=docset.sarif out/

  # Any JSON against your own schema; draft 7 when it has no $schema
  docset validate --schema api/order.schema.json --draft 7 orders/

  # Schemas that $ref each other by URL, served from local copies
  docset validate --schema schemas/json/package.json \
    --map https://json.schemastore.org/=schemas/json package.json
  docset validate --schema api/order.json --ref vendor/schemas/ orders/

  # A stream of records on standard input
  cat records.ndjson | docset validate`,
		Args: usageArgs(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if len(args) == 0 && opts.IO.StdinTTY {
				return &FlagError{Err: needPaths(cmd, args), CommandPath: cmd.CommandPath()}
			}
			if _, err := validate.NewRenderer(opts.Format); err != nil {
				return &FlagError{Err: err, CommandPath: cmd.CommandPath()}
			}
			for _, r := range reports {
				rf, err := parseReportFile(r)
				if err != nil {
					return &FlagError{Err: err, CommandPath: cmd.CommandPath()}
				}
				opts.Reports = append(opts.Reports, rf)
			}
			for _, m := range maps {
				pm, err := validate.ParseMapping(m)
				if err != nil {
					return &FlagError{Err: err, CommandPath: cmd.CommandPath()}
				}
				opts.Maps = append(opts.Maps, pm)
			}
			if opts.Schema == "" {
				for _, f := range []string{"ref", "map"} {
					if cmd.Flags().Changed(f) {
						return &FlagError{Err: fmt.Errorf("--%s needs --schema: the record schema refers to nothing outside itself", f), CommandPath: cmd.CommandPath()}
					}
				}
				if !opts.AssertFormats {
					return &FlagError{Err: errors.New("--assert-formats=false needs --schema: the record schema's formats are part of what a record must be"), CommandPath: cmd.CommandPath()}
				}
			}
			if opts.Draft != "" {
				if opts.Schema == "" {
					return &FlagError{Err: errors.New("--draft needs --schema: the record schema is draft 2020-12"), CommandPath: cmd.CommandPath()}
				}
				if !contains(validate.Drafts(), opts.Draft) {
					return &FlagError{Err: fmt.Errorf("unknown --draft %q: use one of %s", opts.Draft, strings.Join(validate.Drafts(), ", ")), CommandPath: cmd.CommandPath()}
				}
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runValidate(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Schema, "schema", "", "validate against this JSON Schema file instead of the record schema")
	cmd.Flags().StringVar(&opts.Draft, "draft", "", "dialect of a --schema without $schema: "+strings.Join(validate.Drafts(), ", "))
	cmd.Flags().StringArrayVar(&opts.Refs, "ref", nil, "serve this schema file, or the schemas in this folder (recursively), to $refs by their $id (repeatable)")
	cmd.Flags().StringArrayVar(&maps, "map", nil, "serve $refs under URL_PREFIX from the same relative paths under DIR: URL_PREFIX=DIR (repeatable)")
	cmd.Flags().BoolVar(&opts.AssertFormats, "assert-formats", true, "check format (date-time, email, ...); false makes it an annotation, the 2019-09 and later default")
	cmd.Flags().StringVar(&opts.Format, "format", validate.FormatNames()[0], "output format: "+strings.Join(validate.FormatNames(), ", "))
	cmd.Flags().StringArrayVar(&reports, "report", nil, "also write the report as FORMAT to FILE, from the same run: FORMAT=FILE, e.g. sarif=docset.sarif (repeatable)")
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		var out []string
		for _, ft := range validate.Formats() {
			out = append(out, ft.Name+"\t"+ft.Description)
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
	_ = cmd.RegisterFlagCompletionFunc("report", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		var out []string
		for _, ft := range validate.Formats() {
			out = append(out, ft.Name+"=\t"+ft.Description)
		}
		return out, cobra.ShellCompDirectiveNoSpace
	})
	_ = cmd.RegisterFlagCompletionFunc("draft", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return validate.Drafts(), cobra.ShellCompDirectiveNoFileComp
	})
	_ = cmd.MarkFlagFilename("schema", "json")
	_ = cmd.MarkFlagFilename("ref", "json")
	return cmd
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func runValidate(ctx context.Context, opts *ValidateOptions) error {
	render, err := validate.NewRenderer(opts.Format)
	if err != nil {
		return err
	}
	paths, stdin := opts.Paths, opts.IO.In
	if len(paths) == 0 {
		// No PATH and stdin is not a terminal: read it, as extract does,
		// unless nothing at all was piped in.
		br := bufio.NewReader(stdin)
		if _, err := br.Peek(1); err == io.EOF {
			return &FlagError{Err: errors.New("no PATH given and standard input is empty: name files or directories, or pipe documents in"), CommandPath: "docset validate"}
		}
		paths, stdin = []string{"-"}, br
	}
	defer validate.TuneGC()()
	var v *validate.Validator
	if opts.Schema != "" {
		v, err = validate.NewForSchema(opts.Schema, validate.SchemaOptions{
			Draft: opts.Draft, Refs: opts.Refs, Maps: opts.Maps, FormatAnnotations: !opts.AssertFormats,
		})
	} else {
		v, err = validate.New()
	}
	if err != nil {
		return reportSchemaError(opts, render, err)
	}
	for _, w := range v.Warnings() {
		fmt.Fprintf(opts.IO.ErrOut, "docset: warning: schema %s: %s\n", opts.Schema, w)
	}
	v.Workers = opts.Workers
	rep, err := v.Validate(ctx, paths, stdin)
	if err != nil {
		return err
	}
	if err := writeReports(opts, render, rep); err != nil {
		return err
	}
	if code := rep.Summary().ExitCode(); code != ExitOK {
		return &SilentError{Code: code}
	}
	return nil
}

// reportSchemaError reports a schema that cannot be used in the format's
// own shape on stdout, where CI reads the report, and returns err for the
// message on stderr and exit status 2.
func reportSchemaError(opts *ValidateOptions, render validate.Renderer, err error) error {
	var se *validate.SchemaError
	if !errors.As(err, &se) {
		if opts.Schema == "" {
			return err
		}
		se = &validate.SchemaError{Path: opts.Schema, Msg: err.Error(), Err: err}
	}
	if rerr := writeReports(opts, render, &validate.Report{Schema: se}); rerr != nil {
		return fmt.Errorf("%w (%w)", rerr, err)
	}
	return err
}

// writeReports writes rep in the --format to stdout and in each --report
// format to its file, atomically (creating its folder).
func writeReports(opts *ValidateOptions, render validate.Renderer, rep *validate.Report) error {
	if err := render.Render(opts.IO.Out, rep); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	for _, rf := range opts.Reports {
		r, err := validate.NewRenderer(rf.Format)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(rf.Path), 0o755); err != nil {
			return fmt.Errorf("--report %s=%s: %w", rf.Format, rf.Path, err)
		}
		if err := atomicfile.WriteFunc(rf.Path, atomicfile.Options{}, func(w io.Writer) error { return r.Render(w, rep) }); err != nil {
			return fmt.Errorf("--report %s=%s: %w", rf.Format, rf.Path, err)
		}
	}
	return nil
}
