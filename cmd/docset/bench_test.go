//go:build unix

package main

// Benchmarks of the whole docset command as a user runs it: a built
// binary, so start-up, reading, writing and syncing count. Each one runs
// its peer (peers_test.go), a bare program doing the same job with the
// plain library, in the same iteration, so that both see the same load on
// a shared machine; they report wall seconds, CPU seconds and peak memory
// of both processes and docset's ratio to the peer.
//
// The corpus is ../shared/corpus's bulk Wikinews articles, repeated with
// unique ids and a changed text per copy (×20: 5,880 records, ×50:
// 14,700); the benchmarks skip without it.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/docset/docset/internal/corpus"
)

// benchDir holds what the benchmarks of one process build once: the
// binary, the corpora and their records.
var benchDir = sync.OnceValues(func() (string, error) {
	return os.MkdirTemp("", "docset-bench-")
})

// benchBinary builds the command once per process.
var benchBinary = sync.OnceValues(func() (string, error) {
	dir, err := benchDir()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "docset")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// procStats is what one process cost.
type procStats struct {
	wall, cpu time.Duration
	maxRSS    int64 // bytes
}

// runProc runs a command to its end and measures it; it fails the
// benchmark when the command fails.
func runProc(b *testing.B, env []string, name string, args ...string) procStats {
	b.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	// The peak memory is the child's own high-water mark, read while it
	// runs: the rusage of a child also counts the memory of the process
	// that started it, which it shared until exec.
	var peak atomic.Int64
	done := make(chan struct{})
	go func() {
		status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
		for {
			if kb := vmHWM(status); kb > peak.Load() {
				peak.Store(kb)
			}
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	err := cmd.Wait()
	close(done)
	if err != nil {
		b.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, stderr.String())
	}
	return procStats{
		wall:   time.Since(start),
		cpu:    cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(),
		maxRSS: peak.Load() * 1024,
	}
}

// runDocset runs the built docset with args.
func runDocset(b *testing.B, args ...string) procStats {
	b.Helper()
	bin, err := benchBinary()
	if err != nil {
		b.Fatal(err)
	}
	return runProc(b, []string{"CI=true"}, bin, args...)
}

// runPeer runs one of the peers of peers_test.go in a process of its own.
func runPeer(b *testing.B, peer string, args ...string) procStats {
	b.Helper()
	return runProc(b, []string{peerEnv + "=" + peer}, os.Args[0], args...)
}

// report adds a process's figures under a prefix.
func (s procStats) report(b *testing.B, prefix string) {
	b.ReportMetric(s.wall.Seconds(), prefix+"-s")
	b.ReportMetric(s.cpu.Seconds(), prefix+"-cpu-s")
	b.ReportMetric(float64(s.maxRSS)/(1<<20), prefix+"-MB")
}

// reportPair reports docset and its peer and docset's ratios to it.
func reportPair(b *testing.B, docset, peer procStats) {
	docset.report(b, "docset")
	peer.report(b, "peer")
	b.ReportMetric(docset.wall.Seconds()/peer.wall.Seconds(), "x-peer-wall")
	b.ReportMetric(docset.cpu.Seconds()/peer.cpu.Seconds(), "x-peer-cpu")
}

var corpora sync.Map // copies -> func() (string, error)

// bulkCorpus returns the bulk articles repeated copies times as one JSON
// Lines file: copy k > 0 of an article gets the id <id>-c<k> and a last
// paragraph of its own, so that every record is distinct.
func bulkCorpus(b *testing.B, copies int) string {
	b.Helper()
	src := corpus.Path(b, corpus.BulkFile)
	f, _ := corpora.LoadOrStore(copies, sync.OnceValues(func() (string, error) {
		dir, err := benchDir()
		if err != nil {
			return "", err
		}
		data, err := os.ReadFile(src)
		if err != nil {
			return "", err
		}
		path := filepath.Join(dir, fmt.Sprintf("bulk-x%d.ndjson", copies))
		out, err := os.Create(path)
		if err != nil {
			return "", err
		}
		defer out.Close()
		w := bufio.NewWriter(out)
		for k := range copies {
			sc := bufio.NewScanner(strings.NewReader(string(data)))
			sc.Buffer(nil, 64<<20)
			for sc.Scan() {
				var doc map[string]any
				if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
					return "", err
				}
				if k > 0 {
					doc["id"] = fmt.Sprintf("%s-c%d", doc["id"], k)
					doc["text"] = fmt.Sprintf("%s\n\nCopy %d of this article.", doc["text"], k)
				}
				line, err := json.Marshal(doc)
				if err != nil {
					return "", err
				}
				w.Write(append(line, '\n'))
			}
		}
		if err := w.Flush(); err != nil {
			return "", err
		}
		return path, out.Close()
	}))
	path, err := f.(func() (string, error))()
	if err != nil {
		b.Fatal(err)
	}
	return path
}

var recordSets sync.Map // copies -> func() (string, error)

// bulkRecords returns a folder of the records of bulkCorpus(copies),
// extracted once per process.
func bulkRecords(b *testing.B, copies int) string {
	b.Helper()
	in := bulkCorpus(b, copies)
	bin, err := benchBinary()
	if err != nil {
		b.Fatal(err)
	}
	f, _ := recordSets.LoadOrStore(copies, sync.OnceValues(func() (string, error) {
		dir := strings.TrimSuffix(in, ".ndjson") + "-records"
		out, err := exec.Command(bin, "extract", in, "-o", dir).CombinedOutput()
		if err != nil {
			return "", fmt.Errorf("extract %s: %v\n%s", in, err, out)
		}
		return dir, nil
	}))
	dir, err := f.(func() (string, error))()
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkExportCSV: all seven tables of 5,880 records, beside a bare
// encoding/csv program that decodes the same record files and writes the
// same rows. Target: docset within 2x of the peer.
func BenchmarkExportCSV(b *testing.B) {
	recs := bulkRecords(b, 20)
	var docset, peer procStats
	for b.Loop() {
		docset = runDocset(b, "export", "--format", "csv", "--force", "-o", b.TempDir(), recs)
		b.StopTimer()
		peer = runPeer(b, "csv", recs, b.TempDir())
		b.StartTimer()
	}
	reportPair(b, docset, peer)
}

// BenchmarkExportXLSX: the workbook of 5,880 records, beside a bare
// excelize StreamWriter program writing the same rows one sheet per
// table. Targets: docset within 1.5x of the peer, peak memory under
// 300 MB, and no higher at 14,700 records.
func BenchmarkExportXLSX(b *testing.B) {
	for _, copies := range []int{20, 50} {
		b.Run(fmt.Sprintf("records=%d", copies*294), func(b *testing.B) {
			recs := bulkRecords(b, copies)
			var docset, peer procStats
			for b.Loop() {
				docset = runDocset(b, "export", "--format", "xlsx", "--force", "-o", b.TempDir(), recs)
				b.StopTimer()
				peer = runPeer(b, "xlsx", recs, b.TempDir())
				b.StartTimer()
			}
			reportPair(b, docset, peer)
		})
	}
}

// BenchmarkExportJSONLD: the JSON-LD document of 5,880 records.
func BenchmarkExportJSONLD(b *testing.B) {
	recs := bulkRecords(b, 20)
	var docset procStats
	for b.Loop() {
		docset = runDocset(b, "export", "--format", "jsonld", "--force", "-o", b.TempDir(), recs)
	}
	docset.report(b, "docset")
}

// BenchmarkRun: extract, validate and export every format, from the
// JSON Lines corpus, at 294, 2,940 and 14,700 documents. Targets: 14,700
// documents in under 40 s on 2 cores with peak memory under 300 MB, and
// the cost per document the same at every size.
func BenchmarkRun(b *testing.B) {
	for _, copies := range []int{1, 10, 50} {
		b.Run(fmt.Sprintf("docs=%d", copies*294), func(b *testing.B) {
			in := bulkCorpus(b, copies)
			var docset procStats
			for b.Loop() {
				docset = runDocset(b, "run", in, "-o", b.TempDir())
			}
			docset.report(b, "docset")
			b.ReportMetric(docset.cpu.Seconds()*1000/float64(copies*294), "cpu-ms/doc")
		})
	}
}

// BenchmarkExtractFiles: `docset extract` over the 294 bulk articles as
// separate text files, the whole process. Target: at least 5 MB of text
// per CPU second.
func BenchmarkExtractFiles(b *testing.B) {
	dir, size := bulkTextFiles(b)
	var docset procStats
	for b.Loop() {
		docset = runDocset(b, "extract", dir, "-o", b.TempDir())
	}
	docset.report(b, "docset")
	b.ReportMetric(float64(size)/(1<<20)/docset.cpu.Seconds(), "MB/cpu-s")
}

// bulkTextFiles writes each bulk article's text to a file of its own.
func bulkTextFiles(b *testing.B) (string, int64) {
	b.Helper()
	data, err := os.ReadFile(corpus.Path(b, corpus.BulkFile))
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	var size int64
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var doc struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal([]byte(line), &doc); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%03d.txt", i)), []byte(doc.Text), 0o644); err != nil {
			b.Fatal(err)
		}
		size += int64(len(doc.Text))
	}
	return dir, size
}
