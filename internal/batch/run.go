package batch

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/docset/docset/internal/export"
	"github.com/docset/docset/internal/outputguard"
	"github.com/docset/docset/internal/report"
	"github.com/docset/docset/validate"
)

// RecordsDir is where a run keeps the records, under its output folder.
const RecordsDir = "records"

// RunOptions are the inputs of a run: the extraction's, into
// OutDir/records, and the export's, into OutDir.
type RunOptions struct {
	Extract ExtractOptions
	Export  export.Options
}

// RunResult is what a run did.
type RunResult struct {
	Extract *ExtractResult
	// Export is nil when the export did not run: no document could be
	// read.
	Export *export.Result
	// Steps are how long extraction took.
	Steps []report.Step
}

// Run extracts every document of the shard into OutDir/records and
// exports the records there in one pass: a record just extracted was
// checked by extraction and goes to the export as it is written, without
// being read back or validated again; records already in the folder
// (reviewed ones kept, earlier runs') are read and validated once. The
// export is the same, byte for byte, as `docset export` of the records
// folder after `docset extract`.
func Run(ctx context.Context, opts RunOptions) (*RunResult, error) {
	dir := filepath.Join(opts.Export.OutDir, RecordsDir)
	if err := outputguard.NoLinks(opts.Export.OutDir, RecordsDir); err != nil {
		return nil, err
	}
	job, err := export.Start(opts.Export)
	if err != nil {
		return nil, err
	}
	defer job.Close()

	// Records just written are decoded and encoded for every format on
	// workers of their own, beside the extraction's.
	type written struct {
		path string
		data []byte
	}
	jobs := opts.Export.Jobs
	if jobs == 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	queue := make(chan written, 2*jobs)
	fresh := map[string]bool{}
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		addErr  error
		failed  = make(chan struct{})
		failure sync.Once
	)
	for range jobs {
		wg.Go(func() {
			for w := range queue {
				v, err := validate.Decode(w.data)
				if err == nil {
					rec, _ := v.(map[string]any)
					err = job.AddRecord(filepath.ToSlash(w.path), rec)
				}
				if err != nil {
					mu.Lock()
					if addErr == nil {
						addErr = fmt.Errorf("%s: %w", filepath.ToSlash(w.path), err)
					}
					mu.Unlock()
					failure.Do(func() { close(failed) })
				}
			}
		})
	}
	xo := opts.Extract
	xo.OutDir = dir
	xo.RecordPrefix = RecordsDir + "/"
	xo.KeepReviewed = true
	xo.Written = func(path string, data []byte) error {
		fresh[filepath.ToSlash(path)] = true
		select {
		case queue <- written{path, data}:
			return nil
		case <-failed:
			return fmt.Errorf("export stopped")
		}
	}
	start := time.Now()
	xr, err := Extract(ctx, xo)
	close(queue)
	wg.Wait()
	res := &RunResult{Extract: xr, Steps: []report.Step{{Name: "extract", Seconds: time.Since(start).Seconds()}}}
	if addErr != nil {
		return res, addErr
	}
	if err != nil {
		return res, err
	}
	if xr.Failed > 0 && xr.Read == 0 {
		return res, nil // nothing could be read: nothing to export
	}

	// The rest of the records folder: reviewed records kept, and records
	// of earlier runs.
	var files []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() && (strings.EqualFold(filepath.Ext(p), ".json") || validate.IsNDJSON(p)) && !fresh[filepath.ToSlash(p)] {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("read %s: %w", filepath.ToSlash(dir), err)
	}
	if len(files) == 0 && len(fresh) == 0 {
		files = []string{dir} // validate says the folder holds no records
	}
	if len(files) > 0 {
		if _, err := job.AddFiles(ctx, files, nil); err != nil {
			return res, err
		}
	}
	res.Export, err = job.Finish(ctx)
	return res, err
}

// Fill adds what the run did to rep: every document of the shard, in
// input order, with its status after the export (a kept reviewed record
// that is invalid is invalid), then the records of the folder that no
// document of this run made, then the export's tables, formats and steps.
func (r *RunResult) Fill(rep *report.Report) {
	rep.Timings.Steps = append(rep.Timings.Steps, r.Steps...)
	if r.Export == nil {
		r.Extract.Fill(rep)
		return
	}
	exported := report.New("", "", "", "")
	r.Export.Fill(exported)
	bySource := map[string]report.Document{}
	for _, d := range exported.Documents {
		bySource[d.Source] = d
	}
	used := map[string]bool{}
	rec := func(d report.Document) string {
		return filepath.ToSlash(filepath.Join(rep.Output, d.Record))
	}
	for _, d := range r.Extract.Documents {
		if d.Record != "" {
			src := rec(d)
			used[src] = true
			if e, ok := bySource[src]; ok && d.Status == report.KeptReviewed && e.Status != report.Exported {
				d.Status, d.Error = e.Status, e.Error
			}
		}
		rep.Add(d)
	}
	for _, d := range exported.Documents {
		if !used[d.Source] {
			rep.Add(d)
		}
	}
	rep.Summary.OtherShards += r.Extract.OtherShards
	rep.Summary.Exported += exported.Summary.Exported
	rep.Tables = append(rep.Tables, exported.Tables...)
	rep.Formats = append(rep.Formats, exported.Formats...)
	rep.Timings.Steps = append(rep.Timings.Steps, exported.Timings.Steps...)
}
