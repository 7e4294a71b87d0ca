// Package export runs an export: it validates record files, keeps the
// valid records with an id of their own, and writes them in id order in
// every requested format under an output folder, without replacing output
// files a person changed since docset wrote them. It backs `docset export`
// and the export half of `docset run`; the CLI only parses flags and
// reports.
package export

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"slices"

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
	// Standard input cannot be read twice, so it is kept in memory: once
	// for the validator, once more for the export.
	var stdin []byte
	if slices.Contains(opts.Paths, "-") {
		if opts.Stdin == nil {
			return nil, fmt.Errorf("read standard input: none given")
		}
		if stdin, err = io.ReadAll(opts.Stdin); err != nil {
			return nil, fmt.Errorf("read standard input: %w", err)
		}
	}
	rep, err := v.Validate(ctx, opts.Paths, bytes.NewReader(stdin))
	if err != nil {
		return nil, err
	}
	res := &Result{Validation: rep}
	set, err := indexRecords(rep, stdin)
	if err != nil {
		return res, err
	}
	res.Duplicates = set.duplicates
	if len(set.records) == 0 {
		return res, nil
	}
	layout, err := schema.DefaultLayout()
	if err != nil {
		return res, err
	}
	ds := &exporters.Dataset{Layout: layout, Schema: schema.JSON(), Count: len(set.records), Records: set.each}

	var formats []exporters.Format
	for _, ft := range exporters.Formats() {
		if slices.Contains(opts.Formats, ft.Name) {
			formats = append(formats, ft)
		}
	}
	if err := os.MkdirAll(opts.OutDir, 0o755); err != nil {
		return res, fmt.Errorf("output folder: %w; -o must name a folder (it is created when missing)", err)
	}
	guard, err := outputguard.Open(opts.OutDir)
	if err != nil {
		return res, err
	}
	if !opts.Force {
		var files []string
		for _, ft := range formats {
			files = append(files, ft.OutputFiles(layout)...)
		}
		if err := guard.Check(files); err != nil {
			return res, err
		}
	}
	res.Records = len(set.records)
	var written []string
	for _, ft := range formats {
		fr := FormatResult{Format: ft}
		if err := ft.New(opts.Writer).Export(ctx, ds, opts.OutDir); err != nil {
			if ctx.Err() != nil {
				return res, ctx.Err()
			}
			// One format failing does not stop the others.
			fr.Err = err
		} else {
			fr.Outputs = append(fr.Outputs, ft.Output)
			if ft.Name == "csv" {
				fr.Outputs = append(fr.Outputs, exporters.DataPackageFile)
			}
			written = append(written, ft.OutputFiles(layout)...)
		}
		res.Formats = append(res.Formats, fr)
	}
	if err := guard.Record(written); err != nil {
		return res, err
	}
	return res, nil
}
