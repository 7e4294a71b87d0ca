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
// entry per record, not the records. Once every input is read, the
// entries are sorted by id and each format writes its files from the
// spool, the formats side by side. The output is the same, byte for byte,
// whatever the number of workers.
package export

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/docset/docset/exporters"
	"github.com/docset/docset/internal/outputguard"
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
}

// Result is what an export found and did.
type Result struct {
	// Validation is the validation report of every input.
	Validation *validate.Report
	// Duplicates says, for each id several records share, where they are;
	// none of them is exported.
	Duplicates []string
	// Records is the number of records exported; 0 means nothing was
	// written.
	Records int
	// Formats are the formats attempted, in Formats() order.
	Formats []FormatResult
}

// FormatResult is the outcome of one format.
type FormatResult struct {
	Format exporters.Format
	// Outputs names what was written, relative to the output folder, for
	// people: csv/, datapackage.json, dataset.xlsx.
	Outputs []string
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
	v, err := validate.New()
	if err != nil {
		return nil, err
	}
	v.Workers = opts.Jobs
	layout, err := schema.DefaultLayout()
	if err != nil {
		return nil, err
	}
	ds := &exporters.Dataset{Layout: layout, Schema: schema.JSON()}
	var formats []exporters.Format
	for _, ft := range exporters.Formats() {
		if slices.Contains(opts.Formats, ft.Name) {
			formats = append(formats, ft)
		}
	}
	if fi, err := os.Stat(opts.OutDir); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("output folder: %s is not a directory; -o must name a folder (it is created when missing)", filepath.ToSlash(opts.OutDir))
	}
	guard, err := outputguard.Open(opts.OutDir)
	if err != nil {
		return nil, err
	}
	// Outputs a person changed are found before any record is read, so
	// that a refused export costs nothing.
	if !opts.Force {
		var files []string
		for _, ft := range formats {
			files = append(files, ft.OutputFiles(layout)...)
		}
		if err := guard.Check(files); err != nil {
			return nil, err
		}
	}
	res := &Result{}
	plans := make([]exporters.Plan, len(formats))
	for i, ft := range formats {
		res.Formats = append(res.Formats, FormatResult{Format: ft})
		plans[i], res.Formats[i].Err = ft.New(opts.Writer).Plan(ds)
	}

	sp := newSpool(opts.OutDir)
	defer sp.close()
	bufs := sync.Pool{New: func() any { return new([][]byte) }}
	var stdin io.Reader = strings.NewReader("")
	if opts.Stdin != nil {
		stdin = opts.Stdin
	}
	res.Validation, err = v.ValidateFunc(ctx, opts.Paths, stdin, func(d validate.Document) error {
		rec, _ := d.Value.(map[string]any)
		id, _ := rec["id"].(string)
		// The decoder's strings share the document's text: a clone keeps
		// the id without it.
		e := entry{id: strings.Clone(id), file: d.File, line: d.Line, size: make([]uint32, len(plans)), err: make([]error, len(plans))}
		parts := *bufs.Get().(*[][]byte)
		parts = slices.Grow(parts[:0], len(plans))[:len(plans)]
		for i, p := range plans {
			if p == nil {
				parts[i] = parts[i][:0]
				continue
			}
			parts[i], e.err[i] = p.EncodeRecord(parts[i][:0], rec)
			if e.err[i] != nil {
				parts[i] = parts[i][:0]
			}
			e.size[i] = uint32(len(parts[i]))
		}
		err := sp.add(e, parts)
		bufs.Put(&parts)
		return err
	})
	if err != nil {
		if res.Validation == nil {
			return nil, err
		}
		return res, err
	}
	// A file that could not be read to its end is left out whole.
	sp.entries = slices.DeleteFunc(sp.entries, func(e entry) bool { return res.Validation.Files[e.file].Err != nil })
	sp.sort()
	res.Duplicates = dropDuplicates(sp, res.Validation)
	if len(sp.entries) == 0 {
		res.Formats = nil
		return res, nil
	}
	res.Records = len(sp.entries)

	var wg sync.WaitGroup
	for i, p := range plans {
		if p == nil {
			continue
		}
		wg.Go(func() {
			res.Formats[i].Err = p.WriteParts(ctx, sp.parts(i), opts.OutDir)
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return res, err
	}
	var written []string
	for i, fr := range res.Formats {
		if fr.Err != nil {
			continue
		}
		ft := formats[i]
		res.Formats[i].Outputs = append(res.Formats[i].Outputs, ft.Output)
		if ft.Name == "csv" {
			res.Formats[i].Outputs = append(res.Formats[i].Outputs, exporters.DataPackageFile)
		}
		written = append(written, ft.OutputFiles(layout)...)
	}
	if err := guard.Record(written); err != nil {
		return res, err
	}
	return res, nil
}

// dropDuplicates removes every entry whose id another entry shares (the
// entries are sorted by id) and says where each was.
func dropDuplicates(sp *spool, rep *validate.Report) []string {
	var dups []string
	where := func(e entry) string {
		name := rep.Files[e.file].Path
		if e.line > 0 {
			return fmt.Sprintf("%s:%d", name, e.line)
		}
		return name
	}
	out := sp.entries[:0]
	for i := 0; i < len(sp.entries); {
		j := i + 1
		for j < len(sp.entries) && sp.entries[j].id == sp.entries[i].id {
			j++
		}
		if j-i == 1 {
			out = append(out, sp.entries[i])
		} else {
			var places []string
			for _, e := range sp.entries[i:j] {
				places = append(places, where(e))
			}
			dups = append(dups, fmt.Sprintf("duplicate record id %q in %s: none of them exported; give each record its own id", sp.entries[i].id, strings.Join(places, " and ")))
		}
		i = j
	}
	sp.entries = out
	return dups
}
