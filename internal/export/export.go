// Package export runs an export: it validates record files, keeps the
// valid records with an id of their own, and writes them in id order in
// every requested format under an output folder, without replacing output
// files a person changed since docset wrote them. It backs `docset export`
// and the export half of `docset run`; the CLI only parses flags and
// reports.
//
// Each record is read, decoded and validated once, on every core, and
// encoded there for every format at once (exporters.Plan); the encoded
// parts wait in a spool file in the output folder, so memory holds an
// entry per record, not the records. Once every record is in, the entries
// are sorted by id and each format writes its files from the spool, the
// formats side by side. The output is the same, byte for byte, whatever
// the number of workers and the order records come in.
package export

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/docset/docset/exporters"
	"github.com/docset/docset/internal/outputguard"
	"github.com/docset/docset/internal/report"
	"github.com/docset/docset/schema"
	"github.com/docset/docset/validate"
)

// Options are the inputs of an export.
type Options struct {
	// Paths are record files (*.json), JSON Lines files (*.ndjson,
	// *.jsonl), directories of them, or "-" for Stdin.
	Paths []string
	Stdin io.Reader
	// OutDir is the output folder, created when missing.
	OutDir string
	// Formats are the names of the formats to write (exporters.Formats).
	Formats []string
	// Writer holds the settings the formats read (CSV dialect, base IRI).
	Writer exporters.Options
	// Force replaces output files changed since docset wrote them.
	Force bool
	// Jobs is how many records are validated and encoded at once; 0 means
	// one per core.
	Jobs int
	// Progress, when set, is told how far each step is.
	Progress Progress
}

// Progress is told how far an export is: a step starts with its total
// (-1 when unknown), then its units come in, from any goroutine.
type Progress interface {
	Start(step string, total int64, unit string)
	Add(n int64)
	Done()
}

// Result is what an export found and did.
type Result struct {
	// Validation is the validation report of every input file.
	Validation *validate.Report
	// Duplicates says, for each id several records share, where they are;
	// none of them is exported.
	Duplicates []string
	// Exported is the number of records exported; 0 means nothing was
	// written.
	Exported int
	// Formats are the formats attempted, in Formats() order.
	Formats []FormatResult
	// Tables are the rows of each table exported.
	Tables []report.Table
	// Records are the outcome of every valid record: exported or
	// duplicate (invalid ones are in Validation).
	Records []Record
	// Steps are how long reading and writing each format took.
	Steps []report.Step
}

// Record is the outcome of one valid record.
type Record struct {
	// File is the record's file in Validation.Files (-1: added already
	// validated) and Line its line in a JSON Lines file.
	File, Line int
	report.Document
}

// FormatResult is the outcome of one format.
type FormatResult struct {
	Format exporters.Format
	// Outputs names what was written, relative to the output folder, for
	// people: csv/, datapackage.json, dataset.xlsx.
	Outputs []string
	// Files are the files written, with their sizes and SHA-256.
	Files []report.File
	// Err is set when the format could not be written; the other formats
	// are still written.
	Err error
}

// Run validates the inputs and writes the valid records. The error is set
// only when the export could not run at all (ctx cancelled, the output
// folder unusable, outputs changed by a person); everything about the
// records is in the Result, which is returned with such an error too once
// the inputs were validated, so their findings can still be shown.
func Run(ctx context.Context, opts Options) (*Result, error) {
	j, err := Start(opts)
	if err != nil {
		return nil, err
	}
	defer j.Close()
	stdin := opts.Stdin
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	rep, err := j.AddFiles(ctx, opts.Paths, stdin)
	if rep == nil {
		return nil, err
	}
	if err != nil {
		return &Result{Validation: rep}, err
	}
	return j.Finish(ctx)
}

// Job is an export under way: records come in from files, validated as
// they are read (AddFiles), or already validated (AddRecord), in any
// order and from any goroutine; Finish writes the formats.
type Job struct {
	opts    Options
	layout  *schema.Layout
	formats []exporters.Format
	plans   []exporters.Plan
	errs    []error // a format that cannot be planned
	guard   *outputguard.Guard
	lock    *outputguard.Lock
	// staging is where the formats write; Finish commits what they
	// wrote into the output folder.
	staging string
	v       *validate.Validator
	sp      *spool
	bufs    sync.Pool
	reports []*validate.Report
	read    time.Duration
}

// Start checks the output folder and prepares the formats. Outputs a
// person changed are found now, before any record is read, so that a
// refused export costs nothing.
func Start(opts Options) (*Job, error) {
	v, err := validate.New()
	if err != nil {
		return nil, err
	}
	v.Workers = opts.Jobs
	layout, err := schema.DefaultLayout()
	if err != nil {
		return nil, err
	}
	staging := filepath.Join(opts.OutDir, outputguard.StagingName)
	// The spool, made with the first record, creates the staging folder.
	j := &Job{opts: opts, layout: layout, v: v, sp: newSpool(staging), staging: staging}
	for _, ft := range exporters.Formats() {
		if slices.Contains(opts.Formats, ft.Name) {
			j.formats = append(j.formats, ft)
		}
	}
	if fi, err := os.Stat(opts.OutDir); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("output folder: %s is not a directory; -o must name a folder (it is created when missing)", filepath.ToSlash(opts.OutDir))
	}
	// One run at a time writes a folder: two would mix their outputs.
	if j.lock, err = outputguard.Acquire(opts.OutDir); err != nil {
		return nil, err
	}
	if err := j.checkFolder(); err != nil {
		j.lock.Release()
		return nil, err
	}
	ds := &exporters.Dataset{Layout: layout, Schema: schema.JSON()}
	j.plans = make([]exporters.Plan, len(j.formats))
	j.errs = make([]error, len(j.formats))
	for i, ft := range j.formats {
		j.plans[i], j.errs[i] = ft.New(opts.Writer).Plan(ds)
	}
	j.bufs.New = func() any { return new([][]byte) }
	return j, nil
}

// checkFolder refuses to write through a link in the output folder,
// removes what a stopped run left behind, and finds the outputs a person
// changed.
func (j *Job) checkFolder() error {
	files := j.outputFiles()
	if err := outputguard.NoLinks(j.opts.OutDir, append(files, outputguard.ManifestName, outputguard.StagingName)...); err != nil {
		return err
	}
	if _, err := outputguard.RemoveLeftovers(j.opts.OutDir, append(files, outputguard.ManifestName)); err != nil {
		return err
	}
	var err error
	if j.guard, err = outputguard.Open(j.opts.OutDir); err != nil {
		return err
	}
	if !j.opts.Force {
		return j.guard.Check(files)
	}
	return nil
}

// outputFiles lists every file the formats write, and the report.
func (j *Job) outputFiles() []string {
	var files []string
	for _, ft := range j.formats {
		files = append(files, ft.OutputFiles(j.layout)...)
	}
	return append(files, report.FileName)
}

// AddFiles validates the record files in paths and adds the valid records.
// Findings are in the report, which is nil only when ctx was cancelled
// before anything was read.
func (j *Job) AddFiles(ctx context.Context, paths []string, stdin io.Reader) (*validate.Report, error) {
	start := time.Now()
	defer func() { j.read += time.Since(start) }()
	if p := j.opts.Progress; p != nil {
		p.Start("reading records", inputBytes(paths), "bytes")
		defer p.Done()
	}
	base := len(j.reports)
	rep, err := j.v.ValidateFunc(ctx, paths, stdin, func(d validate.Document) error {
		if p := j.opts.Progress; p != nil {
			p.Add(int64(d.Size))
		}
		rec, _ := d.Value.(map[string]any)
		return j.add(entry{file: base, index: d.File, source: d.Path, line: d.Line}, rec)
	})
	if rep != nil {
		j.reports = append(j.reports, rep)
	}
	return rep, err
}

// AddRecord adds a record that was validated already (one just
// extracted), read from source. It is safe for concurrent use.
func (j *Job) AddRecord(source string, rec map[string]any) error {
	return j.add(entry{file: -1, source: source}, rec)
}

// add encodes rec for every format and spools it.
func (j *Job) add(e entry, rec map[string]any) error {
	id, _ := rec["id"].(string)
	// The decoder's strings share the document's text: a clone keeps the
	// id without it.
	e.id = strings.Clone(id)
	e.size = make([]uint32, len(j.plans))
	e.err = make([]error, len(j.plans))
	// What the record was when exported: an import of corrections to
	// these outputs tells by it that the record has not changed since.
	var err error
	if e.sum, err = outputguard.RecordSumOf(rec); err != nil {
		return err
	}
	e.rows = make([]uint32, len(j.layout.Tables))
	for i, t := range j.layout.Tables {
		e.rows[i] = uint32(t.Count(rec))
	}
	parts := *j.bufs.Get().(*[][]byte)
	parts = slices.Grow(parts[:0], len(j.plans))[:len(j.plans)]
	for i, p := range j.plans {
		parts[i] = parts[i][:0]
		if p == nil {
			continue
		}
		if parts[i], e.err[i] = p.EncodeRecord(parts[i], rec); e.err[i] != nil {
			parts[i] = parts[i][:0]
		}
		e.size[i] = uint32(len(parts[i]))
	}
	err = j.sp.add(e, parts)
	j.bufs.Put(&parts)
	return err
}

// Finish sorts the records by id, leaves out those of unreadable files
// and those sharing an id, and writes every format.
func (j *Job) Finish(ctx context.Context) (*Result, error) {
	res := &Result{Validation: &validate.Report{}}
	for _, rep := range j.reports {
		res.Validation.Files = append(res.Validation.Files, rep.Files...)
	}
	res.Steps = append(res.Steps, report.Step{Name: "read", Seconds: j.read.Seconds()})
	// A file that could not be read to its end is left out whole.
	j.sp.entries = slices.DeleteFunc(j.sp.entries, func(e entry) bool {
		return e.file >= 0 && j.reports[e.file].Files[e.index].Err != nil
	})
	j.sp.sort()
	res.Duplicates, res.Records = j.dropDuplicates()
	if len(j.sp.entries) == 0 {
		return res, nil
	}
	res.Exported = len(j.sp.entries)
	for i, t := range j.layout.Tables {
		n := 0
		for _, e := range j.sp.entries {
			n += int(e.rows[i])
		}
		res.Tables = append(res.Tables, report.Table{Name: t.Name, Rows: n})
	}

	if p := j.opts.Progress; p != nil {
		// A plan that reads the parts more than once (the workbook:
		// measure, then write) says so.
		reads := 0
		for _, p := range j.plans {
			if m, ok := p.(interface{ Passes() int }); ok {
				reads += m.Passes()
			} else if p != nil {
				reads++
			}
		}
		var names []string
		for _, ft := range j.formats {
			names = append(names, ft.Name)
		}
		// Each record is read once per pass of each format: the count is
		// of those reads, so it is not labelled records.
		p.Start("writing "+strings.Join(names, ", "), int64(len(j.sp.entries)*reads), "parts")
		defer p.Done()
	}
	res.Formats = make([]FormatResult, len(j.formats))
	steps := make([]time.Duration, len(j.formats))
	var wg sync.WaitGroup
	for i, p := range j.plans {
		res.Formats[i] = FormatResult{Format: j.formats[i], Err: j.errs[i]}
		if p == nil {
			continue
		}
		wg.Go(func() {
			start := time.Now()
			res.Formats[i].Err = p.WriteParts(ctx, j.sp.parts(i, j.opts.Progress), j.staging)
			steps[i] = time.Since(start)
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return res, err
	}
	var written []string
	for i := range res.Formats {
		fr := &res.Formats[i]
		res.Steps = append(res.Steps, report.Step{Name: "write " + fr.Format.Name, Seconds: steps[i].Seconds()})
		if fr.Err == nil {
			written = append(written, fr.Format.OutputFiles(j.layout)...)
		}
	}
	// What the formats wrote goes in place, with the sums of the records
	// it was made from.
	sums := make(map[string]string, len(j.sp.entries))
	for _, e := range j.sp.entries {
		sums[e.id] = e.sum
	}
	if err := j.guard.Commit(j.staging, written, sums); err != nil {
		return res, err
	}
	for i := range res.Formats {
		fr := &res.Formats[i]
		if fr.Err != nil {
			continue
		}
		ft := fr.Format
		fr.Outputs = append(fr.Outputs, ft.Output)
		if ft.Name == "csv" {
			fr.Outputs = append(fr.Outputs, exporters.DataPackageFile)
		}
		// The commit hashed each file it moved in place.
		for _, f := range ft.OutputFiles(j.layout) {
			fi, err := os.Stat(filepath.Join(j.opts.OutDir, filepath.FromSlash(f)))
			sum, ok := j.guard.Sum(f)
			if err != nil || !ok {
				return res, fmt.Errorf("describe %s: %v", f, cmp.Or(err, errors.New("not recorded")))
			}
			fr.Files = append(fr.Files, report.File{Path: f, Bytes: fi.Size(), SHA256: sum})
		}
	}
	return res, nil
}

// SaveReport writes report.json into the output folder dir and adds it
// to the folder's manifest of outputs, so that the next run replaces it.
func SaveReport(dir string, r *report.Report) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("output folder: %w; -o must name a folder (it is created when missing)", err)
	}
	if err := outputguard.NoLinks(dir, report.FileName); err != nil {
		return err
	}
	if err := r.Write(dir); err != nil {
		return err
	}
	guard, err := outputguard.Open(dir)
	if err != nil {
		return err
	}
	return guard.Record([]string{report.FileName})
}

// Fill adds what the export did to r: every record and input file with
// its status, in input order, the tables, the formats and the steps.
func (r *Result) Fill(rep *report.Report) {
	type doc struct {
		file, line int
		report.Document
	}
	var docs []doc
	for _, rec := range r.Records {
		docs = append(docs, doc{rec.File, rec.Line, rec.Document})
	}
	for i, fr := range r.Validation.Files {
		if fr.Err != nil {
			docs = append(docs, doc{i, 0, report.Document{Source: fr.Path, Status: report.Failed, Error: fr.Err.Error()}})
			continue
		}
		for k := 0; k < len(fr.Findings); {
			f := fr.Findings[k]
			n := 1
			for k+n < len(fr.Findings) && fr.Findings[k+n].Line == f.Line && validate.IsNDJSON(fr.Path) {
				n++
			}
			if !validate.IsNDJSON(fr.Path) {
				n = len(fr.Findings)
			}
			source := fr.Path
			if validate.IsNDJSON(fr.Path) {
				source = fmt.Sprintf("%s:%d", fr.Path, f.Line)
			}
			msg := fmt.Sprintf("%d:%d: %s", f.Line, f.Column, f.Message)
			if f.Pointer != "" {
				msg = fmt.Sprintf("%d:%d: %s: %s", f.Line, f.Column, f.Pointer, f.Message)
			}
			if n > 1 {
				msg += fmt.Sprintf(" (and %d more)", n-1)
			}
			docs = append(docs, doc{i, f.Line, report.Document{Source: source, Status: report.Invalid, Error: msg}})
			k += n
		}
	}
	slices.SortStableFunc(docs, func(a, b doc) int {
		if a.file != b.file {
			return a.file - b.file
		}
		return a.line - b.line
	})
	for _, d := range docs {
		rep.Add(d.Document)
	}
	rep.Summary.Exported += r.Exported
	rep.Tables = append(rep.Tables, r.Tables...)
	for _, fr := range r.Formats {
		f := report.Format{Name: fr.Format.Name, OK: fr.Err == nil, Files: fr.Files}
		if fr.Err != nil {
			f.Error = fr.Err.Error()
		}
		if f.Files == nil {
			f.Files = []report.File{}
		}
		rep.Formats = append(rep.Formats, f)
	}
	rep.Timings.Steps = append(rep.Timings.Steps, r.Steps...)
}

// Close removes the spool and the staging folder, and unlocks the output
// folder.
func (j *Job) Close() {
	j.sp.close()
	os.RemoveAll(j.staging)
	j.lock.Release()
}

// dropDuplicates removes every entry whose id another entry shares (the
// entries are sorted by id), says where each was, and returns the status
// of every entry.
func (j *Job) dropDuplicates() (dups []string, records []Record) {
	where := func(e entry) string {
		if e.line > 0 {
			return fmt.Sprintf("%s:%d", e.source, e.line)
		}
		return e.source
	}
	entries := j.sp.entries
	out := entries[:0]
	for i := 0; i < len(entries); {
		k := i + 1
		for k < len(entries) && entries[k].id == entries[i].id {
			k++
		}
		if k-i == 1 {
			records = append(records, j.record(entries[i], report.Document{ID: entries[i].id, Source: where(entries[i]), Status: report.Exported}))
			out = append(out, entries[i])
		} else {
			var places []string
			for _, e := range entries[i:k] {
				places = append(places, where(e))
			}
			msg := fmt.Sprintf("duplicate record id %q in %s: none of them exported; give each record its own id", entries[i].id, strings.Join(places, " and "))
			dups = append(dups, msg)
			for _, e := range entries[i:k] {
				records = append(records, j.record(e, report.Document{ID: e.id, Source: where(e), Status: report.Duplicate, Error: msg}))
			}
		}
		i = k
	}
	j.sp.entries = out
	return dups, records
}

// record places an entry's outcome among the files of all reports.
func (j *Job) record(e entry, d report.Document) Record {
	if e.file < 0 {
		return Record{File: -1, Document: d}
	}
	file := e.index
	for _, rep := range j.reports[:e.file] {
		file += len(rep.Files)
	}
	return Record{File: file, Line: e.line, Document: d}
}

// inputBytes is the size of the record files under paths, for progress;
// -1 when unknown (standard input).
func inputBytes(paths []string) int64 {
	var total int64
	for _, p := range paths {
		if p == "-" {
			return -1
		}
		filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() && path != p && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() && (strings.EqualFold(filepath.Ext(path), ".json") || validate.IsNDJSON(path)) {
				if fi, err := d.Info(); err == nil {
					total += fi.Size()
				}
			}
			return nil
		})
	}
	return total
}
