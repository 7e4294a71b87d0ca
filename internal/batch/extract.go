// Package batch runs docset's jobs over a corpus: Extract turns documents
// into record files, Run does that and exports the records in the same
// pass. Both can take one shard of the corpus (Shard), report how far they
// are (Progress) and say what became of every document (report.Document).
// The CLI's extract and run verbs only parse flags and print.
package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/docset/docset/extract"
	"github.com/docset/docset/extract/input"
	"github.com/docset/docset/internal/atomicfile"
	"github.com/docset/docset/internal/export"
	"github.com/docset/docset/internal/outputguard"
	"github.com/docset/docset/internal/report"
)

// ExtractOptions are the inputs of an extraction.
type ExtractOptions struct {
	// Paths are text files, directories, JSON Lines files or "-" for
	// Stdin (input.Read).
	Paths []string
	Stdin io.Reader
	// OutDir is the folder the records are written to, as OUT/<id>.json.
	OutDir string
	// Force replaces reviewed records.
	Force bool
	// Jobs is how many documents are extracted at once; 0: one per core.
	Jobs int
	// KeepReviewed makes a reviewed record left in place a note, not an
	// error: in a run, keeping it is the point.
	KeepReviewed bool
	// Shard is the part of the documents to take; the zero Shard takes
	// all.
	Shard Shard
	// RecordPrefix is put before a record's file name in the report
	// ("records/" when the records folder is inside the output folder).
	RecordPrefix string
	// Progress, when set, is told how far the extraction is.
	Progress export.Progress
	// Log, when set, gets each message for people as it happens, in
	// input order: errors about documents, and notes.
	Log func(msg string)
	// Written, when set, is called with every record written (or found
	// already as written), with its file and bytes, in input order.
	Written func(path string, data []byte) error
}

// ExtractResult is what an extraction did.
type ExtractResult struct {
	// Documents are the documents of the shard, in input order.
	Documents []report.Document
	// Read counts the documents that got past reading.
	Read int
	// Extracted, Kept, Failed and OtherShards count the documents by
	// outcome.
	Extracted, Kept, Failed, OtherShards int
}

// Extract extracts every document of the shard into a record file. The
// error is set only when the extraction could not run (ctx cancelled, the
// output folder unusable); bad documents are in the result.
func Extract(ctx context.Context, opts ExtractOptions) (*ExtractResult, error) {
	x, err := extract.New()
	if err != nil {
		return nil, err
	}
	// One run at a time writes a folder of records; temporary files of a
	// run that was stopped go, and no record is written through a link.
	lock, err := outputguard.Acquire(opts.OutDir)
	if err != nil {
		return nil, err
	}
	defer lock.Release()
	if _, err := outputguard.RemoveLeftovers(opts.OutDir, []string{"*.json"}); err != nil {
		return nil, err
	}
	if err := outputguard.NoLinksIn(opts.OutDir, "*.json"); err != nil {
		return nil, err
	}
	jobs := opts.Jobs
	if jobs == 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	log := opts.Log
	if log == nil {
		log = func(string) {}
	}
	res := &ExtractResult{}
	// Records are synced in batches, not one by one: a sync per record
	// took about a third of an extraction's time on disk.
	files := &atomicfile.Batch{}
	w := &extract.Writer{Dir: opts.OutDir, Force: opts.Force, Batch: files}
	if p := opts.Progress; p != nil {
		p.Start("extracting", inputBytes(opts.Paths), "bytes")
		defer p.Done()
	}
	docs := input.Read(opts.Paths, opts.Stdin)
	if !opts.Shard.All() {
		docs = opts.Shard.filter(docs, &res.OtherShards)
	}
	err = x.Run(ctx, docs, jobs, func(r extract.Result) error {
		if p := opts.Progress; p != nil && r.Doc != nil {
			p.Add(int64(len(r.Doc.Raw)))
		}
		doc := report.Document{Source: source(r)}
		if r.Doc != nil {
			res.Read++
		}
		fail := func(err error) {
			log(fmt.Sprintf("docset: extract: %v", err))
			res.Failed++
			doc.Status, doc.Error = report.Failed, err.Error()
			res.Documents = append(res.Documents, doc)
		}
		if r.Err != nil {
			if r.Doc != nil {
				doc.ID = r.Doc.ID
			}
			fail(r.Err)
			return nil
		}
		doc.ID = r.Record.ID
		doc.Record = opts.RecordPrefix + filepath.ToSlash(r.Record.ID+".json")
		if _, err := w.Write(r.Record, r.JSON); err != nil {
			if opts.KeepReviewed && errors.Is(err, extract.ErrReviewed) {
				log(fmt.Sprintf("docset: kept reviewed record %s", filepath.ToSlash(w.Path(r.Record.ID))))
				res.Kept++
				doc.Status = report.KeptReviewed
				res.Documents = append(res.Documents, doc)
				return nil
			}
			doc.Record = ""
			fail(err)
			return nil
		}
		res.Extracted++
		doc.Status = report.Extracted
		res.Documents = append(res.Documents, doc)
		if opts.Written != nil {
			return opts.Written(w.Path(r.Record.ID), r.JSON)
		}
		return nil
	})
	// What was written is put in place even when the run stops early:
	// each pending record is whole.
	if cerr := files.Commit(); err == nil {
		err = cerr
	}
	return res, err
}

// Summary is the line an extraction ends with.
func (r *ExtractResult) Summary() string {
	s := fmt.Sprintf("extracted %d %s", r.Extracted, plural(r.Extracted, "document", "documents"))
	if r.Kept > 0 {
		s += fmt.Sprintf(", kept %d reviewed", r.Kept)
	}
	s += fmt.Sprintf(", %d %s", r.Failed, plural(r.Failed, "error", "errors"))
	if r.OtherShards > 0 {
		s += fmt.Sprintf(" (%d left to other shards)", r.OtherShards)
	}
	return s
}

// Fill adds the documents to rep.
func (r *ExtractResult) Fill(rep *report.Report) {
	for _, d := range r.Documents {
		rep.Add(d)
	}
	rep.Summary.OtherShards += r.OtherShards
}

// source names where a document came from: its file, with the line in a
// JSON Lines file.
func source(r extract.Result) string {
	path, line := "", 0
	var ie *input.Error
	switch {
	case r.Doc != nil:
		path, line = r.Doc.Path, r.Doc.Line
	case errors.As(r.Err, &ie):
		path, line = ie.Path, ie.Line
	}
	if line > 0 {
		return fmt.Sprintf("%s:%d", path, line)
	}
	return path
}

// filter passes on the documents of the shard and counts the others. A
// document's id is the one extraction will give it; an unreadable one
// goes by its place.
func (s Shard) filter(docs func(yield func(*input.Document, error) bool), others *int) func(yield func(*input.Document, error) bool) {
	return func(yield func(*input.Document, error) bool) {
		for doc, err := range docs {
			key := ""
			switch {
			case doc != nil && doc.ID != "":
				key = doc.ID
			case doc != nil:
				key = extract.TextID(input.Normalize(doc.Body))
			default:
				key = source(extract.Result{Err: err})
			}
			if !s.Has(key) {
				*others++
				continue
			}
			if !yield(doc, err) {
				return
			}
		}
	}
}

// inputBytes is the size of the documents under paths, for progress; -1
// when unknown (standard input).
func inputBytes(paths []string) int64 {
	var total int64
	for _, p := range paths {
		if p == input.Stdin {
			return -1
		}
		filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".txt", ".md", ".ndjson", ".jsonl":
			default:
				if path != p {
					return nil
				}
			}
			if fi, err := d.Info(); err == nil {
				total += fi.Size()
			}
			return nil
		})
	}
	return total
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
