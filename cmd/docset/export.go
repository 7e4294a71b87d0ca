package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/docset/docset/exporters"
	"github.com/docset/docset/internal/iostreams"
	"github.com/docset/docset/internal/outputguard"
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
are.

JSON-LD node ids are IRIs under --base-iri (default under .invalid, which
no one can resolve: set your own when you publish).

Every file is written whole or not at all, so a failed export leaves the
previous files in place. docset remembers what it wrote in
DIR/.docset-outputs.json: an output file that was changed since (say, a
workbook a person corrected) or that docset did not write is not replaced
unless --force is given.

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
	_ = cmd.MarkFlagDirname("output")
	return cmd
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
	errOut := opts.IO.ErrOut
	v, err := validate.New()
	if err != nil {
		return err
	}
	// Standard input cannot be read twice, so it is kept in memory: once
	// for the validator, once more for the export.
	var stdin []byte
	if slices.Contains(opts.Paths, "-") {
		if stdin, err = io.ReadAll(opts.IO.In); err != nil {
			return fmt.Errorf("read standard input: %w", err)
		}
	}
	rep, err := v.Validate(ctx, opts.Paths, bytes.NewReader(stdin))
	if err != nil {
		return err
	}
	code := ExitOK
	if !rep.Valid() {
		render, err := validate.NewRenderer("text")
		if err != nil {
			return err
		}
		if err := render.Render(errOut, rep); err != nil {
			return err
		}
		code = ExitInvalid
		if rep.Summary().Errors > 0 {
			code = ExitError
		}
	}
	set, err := indexRecords(rep, stdin)
	if err != nil {
		return err
	}
	for _, d := range set.duplicates {
		fmt.Fprintf(errOut, "docset: export: %s\n", d)
		code = max(code, ExitInvalid)
	}
	if len(set.records) == 0 {
		fmt.Fprintln(errOut, "docset: export: no valid records to export; nothing written")
		return &SilentError{Code: max(code, ExitInvalid)}
	}
	layout, err := schema.DefaultLayout()
	if err != nil {
		return err
	}
	ds := &exporters.Dataset{Layout: layout, Schema: schema.JSON(), Count: len(set.records), Records: set.each}

	var formats []exporters.Format
	for _, ft := range exporters.Formats() {
		if slices.Contains(opts.Formats, ft.Name) {
			formats = append(formats, ft)
		}
	}
	if err := os.MkdirAll(opts.OutDir, 0o755); err != nil {
		return fmt.Errorf("output folder: %w; -o must name a folder (it is created when missing)", err)
	}
	guard, err := outputguard.Open(opts.OutDir)
	if err != nil {
		return err
	}
	if !opts.Force {
		var files []string
		for _, ft := range formats {
			files = append(files, ft.OutputFiles(layout)...)
		}
		if err := guard.Check(files); err != nil {
			return err
		}
	}
	xo := exporters.Options{Excel: opts.Excel, Raw: opts.Raw, BaseIRI: opts.BaseIRI}
	var wrote, written []string
	for _, ft := range formats {
		if err := ft.New(xo).Export(ctx, ds, opts.OutDir); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			// One format failing does not stop the others.
			fmt.Fprintf(errOut, "docset: export %s: %v\n", ft.Name, err)
			code = ExitError
			continue
		}
		wrote = append(wrote, ft.Output)
		written = append(written, ft.OutputFiles(layout)...)
		if ft.Name == "csv" {
			wrote = append(wrote, exporters.DataPackageFile)
		}
	}
	if err := guard.Record(written); err != nil {
		return err
	}
	if len(wrote) > 0 {
		fmt.Fprintf(errOut, "docset: export: %d %s to %s: %s\n", len(set.records), plural(len(set.records), "record", "records"), filepath.ToSlash(opts.OutDir), strings.Join(wrote, ", "))
	}
	if code != ExitOK {
		return &SilentError{Code: code}
	}
	return nil
}

// recordSet is the valid records of an export, as places to read them
// from, sorted by id.
//
// The validate package reads and checks the inputs (directory walking,
// NDJSON streaming, duplicate keys, bad UTF-8) but hands back findings, not
// records; the set reads back only what it accepted, from the file list
// its report gives. It keeps an index (file, offset, length, id) rather
// than the decoded records, and each pass over the dataset re-reads them:
// memory stays bounded by the largest record however big the input, and
// the passes (one per format) read from the page cache.
type recordSet struct {
	records    []recordRef
	stdin      []byte
	duplicates []string
}

type recordRef struct {
	id   string
	path string // "" for standard input
	off  int64
	n    int
	line int // for NDJSON; 0 for a whole-file record
}

func (r recordRef) where() string {
	name := r.path
	if name == "" {
		name = validate.StdinName
	}
	if r.line > 0 {
		return fmt.Sprintf("%s:%d", name, r.line)
	}
	return name
}

func indexRecords(rep *validate.Report, stdin []byte) (*recordSet, error) {
	set := &recordSet{stdin: stdin}
	for _, fr := range rep.Files {
		if fr.Err != nil {
			continue
		}
		if err := set.addFile(fr, stdin); err != nil {
			return nil, err
		}
	}
	slices.SortStableFunc(set.records, func(a, b recordRef) int { return strings.Compare(a.id, b.id) })
	set.dropDuplicates()
	return set, nil
}

// addFile indexes the records of one input that have no finding: the
// whole document of a JSON file, the lines of an NDJSON file, read line by
// line so that memory holds one record at a time.
func (s *recordSet) addFile(fr validate.FileReport, stdin []byte) error {
	bad := map[int]bool{}
	for _, fd := range fr.Findings {
		bad[fd.Line] = true
	}
	path := fr.Path
	var r io.Reader
	if path == validate.StdinName {
		path, r = "", bytes.NewReader(stdin)
	} else {
		f, err := os.Open(filepath.FromSlash(path))
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		defer f.Close()
		r = f
	}
	br := bufio.NewReaderSize(r, 64<<10)
	var off int64
	if b, _ := br.Peek(3); string(b) == "\ufeff" {
		br.Discard(3)
		off = 3
	}
	if !validate.IsNDJSON(path) && !(path == "" && firstLineIsJSON(stdin)) {
		if len(fr.Findings) > 0 {
			return nil
		}
		data, err := io.ReadAll(br)
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		return s.add(recordRef{path: path, off: off, n: len(data)}, data)
	}
	for line := 1; ; line++ {
		raw, err := br.ReadBytes('\n')
		if len(raw) == 0 && err != nil {
			if err == io.EOF {
				return nil
			}
			return fmt.Errorf("read %s: %w", path, err)
		}
		n := len(raw)
		raw = bytes.TrimRight(raw, "\r\n")
		if len(bytes.TrimSpace(raw)) > 0 && !bad[line] {
			if err := s.add(recordRef{path: path, off: off, n: len(raw), line: line}, raw); err != nil {
				return err
			}
		}
		off += int64(n)
	}
}

func (s *recordSet) add(ref recordRef, raw []byte) error {
	var head struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return fmt.Errorf("%s: %w", ref.where(), err)
	}
	ref.id = head.ID
	s.records = append(s.records, ref)
	return nil
}

// dropDuplicates removes every record whose id another record shares and
// says where each was; records are sorted by id.
func (s *recordSet) dropDuplicates() {
	out := s.records[:0]
	for i := 0; i < len(s.records); {
		j := i + 1
		for j < len(s.records) && s.records[j].id == s.records[i].id {
			j++
		}
		if j-i == 1 {
			out = append(out, s.records[i])
		} else {
			var where []string
			for _, r := range s.records[i:j] {
				where = append(where, r.where())
			}
			s.duplicates = append(s.duplicates, fmt.Sprintf("duplicate record id %q in %s: none of them exported; give each record its own id", s.records[i].id, strings.Join(where, " and ")))
		}
		i = j
	}
	s.records = out
}

// each reads every record again, decoded with UseNumber, in id order.
func (s *recordSet) each(fn func(map[string]any) error) error {
	files := map[string]*os.File{}
	defer func() {
		for _, f := range files {
			f.Close()
		}
	}()
	var buf []byte
	for _, r := range s.records {
		var raw []byte
		if r.path == "" {
			raw = s.stdin[r.off : r.off+int64(r.n)]
		} else {
			f := files[r.path]
			if f == nil {
				var err error
				if f, err = os.Open(filepath.FromSlash(r.path)); err != nil {
					return fmt.Errorf("read %s: %w", r.path, err)
				}
				files[r.path] = f
			}
			buf = slices.Grow(buf[:0], r.n)[:r.n]
			if _, err := f.ReadAt(buf, r.off); err != nil {
				return fmt.Errorf("read %s: %w", r.where(), err)
			}
			raw = buf
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		var rec map[string]any
		if err := dec.Decode(&rec); err != nil {
			return fmt.Errorf("%s changed since it was validated: %w", r.where(), err)
		}
		if id, _ := rec["id"].(string); id != r.id {
			return fmt.Errorf("%s changed since it was validated: id %q, was %q", r.where(), id, r.id)
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
	return nil
}

// firstLineIsJSON mirrors how validate reads standard input: as NDJSON when
// its first non-blank line is a complete JSON value.
func firstLineIsJSON(data []byte) bool {
	sc := bufio.NewScanner(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	sc.Buffer(nil, len(data)+1)
	for sc.Scan() {
		if line := bytes.TrimSpace(sc.Bytes()); len(line) > 0 {
			return json.Valid(line)
		}
	}
	return false
}
