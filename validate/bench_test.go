package validate

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/docset/docset/internal/cputime"
	"github.com/docset/docset/internal/synthrecords"
	"github.com/docset/docset/schema"
)

// templatePath is a realistic ~3 KB record: the lead of the seed document
// with its entities, quotation, dates and sentences.
const templatePath = "../" + synthrecords.TemplateFile

// newMaker makes the deterministic corpus of the benchmarks.
func newMaker(tb testing.TB) *synthrecords.Maker {
	tb.Helper()
	m, err := synthrecords.New("..")
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// corpusRecord returns record i of the corpus.
func corpusRecord(tb testing.TB, m *synthrecords.Maker, i int) []byte {
	tb.Helper()
	rec, err := m.Record(i)
	if err != nil {
		tb.Fatal(err)
	}
	return rec
}

// writeFiles writes n records as n files under dir/files.
func writeFiles(tb testing.TB, dir string, n int) string {
	tb.Helper()
	m := newMaker(tb)
	out := filepath.Join(dir, "files")
	for i := range n {
		sub := filepath.Join(out, fmt.Sprintf("%03d", i/1000))
		if i%1000 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				tb.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("doc-%06d.json", i)), corpusRecord(tb, m, i), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return out
}

// writeNDJSON writes records to dir/name until n records or size bytes,
// whichever comes first, and returns the path and record count.
func writeNDJSON(tb testing.TB, dir, name string, n int, size int64) (string, int) {
	tb.Helper()
	m := newMaker(tb)
	p := filepath.Join(dir, name)
	f, err := os.Create(p)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var written int64
	count := 0
	for ; count < n && written < size; count++ {
		rec := corpusRecord(tb, m, count)
		w.Write(rec)
		w.WriteByte('\n')
		written += int64(len(rec)) + 1
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return p, count
}

// peakHeap samples the heap every few milliseconds while fn runs, through
// runtime/metrics so that sampling does not stop the world.
func peakHeap(fn func()) uint64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	return peak.Load()
}

const benchRecords = 10_000

func benchValidate(b *testing.B, path string, records int) {
	defer TuneGC()() // as docset validate runs
	v, err := New()
	if err != nil {
		b.Fatal(err)
	}
	benchRun(b, v, path, records)
}

// benchRun validates path with v b.N times and reports records/s, CPU time
// per record and the peak heap.
func benchRun(b *testing.B, v *Validator, path string, records int) {
	b.ResetTimer()
	var peak uint64
	cpu0 := cputime.Used()
	for b.Loop() {
		p := peakHeap(func() {
			rep, err := v.Validate(context.Background(), []string{path}, nil)
			if err != nil {
				b.Fatal(err)
			}
			if s := rep.Summary(); s.Records != records || !rep.Valid() {
				b.Fatalf("got %+v, want %d valid records", s, records)
			}
		})
		peak = max(peak, p)
	}
	b.ReportMetric(float64(records)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
	// CPU time per record is what the machine's other load cannot inflate;
	// records/s on an idle machine is about cores / cpu-µs/record.
	b.ReportMetric(float64((cputime.Used()-cpu0).Microseconds())/float64(records*b.N), "cpu-µs/record")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// BenchmarkValidateFiles validates 10,000 ~3 KB records, one file each.
func BenchmarkValidateFiles(b *testing.B) {
	dir := writeFiles(b, b.TempDir(), benchRecords)
	benchValidate(b, dir, benchRecords)
}

// BenchmarkValidateNDJSON validates the same 10,000 records as one stream.
func BenchmarkValidateNDJSON(b *testing.B) {
	p, n := writeNDJSON(b, b.TempDir(), "records.ndjson", benchRecords, 1<<40)
	benchValidate(b, p, n)
}

// BenchmarkValidateNDJSON200MB streams a 200 MB NDJSON file: throughput and
// the heap it needs, which must not grow with the file.
func BenchmarkValidateNDJSON200MB(b *testing.B) {
	p, n := writeNDJSON(b, b.TempDir(), "big.ndjson", 1<<30, 200<<20)
	benchValidate(b, p, n)
}

// BenchmarkCheck times one record through decode, schema and record checks
// on one goroutine, the unit the pipeline parallelizes.
func BenchmarkCheck(b *testing.B) {
	v, err := New()
	if err != nil {
		b.Fatal(err)
	}
	rec := corpusRecord(b, newMaker(b), 1)
	dec := newDecoder()
	defer TuneGC()()
	b.SetBytes(int64(len(rec)))
	cpu0 := cputime.Used()
	for b.Loop() {
		if fs, err := v.check(dec, rec); len(fs) > 0 || err != nil {
			b.Fatal(fs, err)
		}
	}
	b.ReportMetric(float64((cputime.Used()-cpu0).Microseconds())/float64(b.N), "cpu-µs/record")
}

// BenchmarkDecode times decoding one record into the values the schema
// library validates, docset's own share of a check.
func BenchmarkDecode(b *testing.B) {
	rec := corpusRecord(b, newMaker(b), 1)
	dec := newDecoder()
	b.SetBytes(int64(len(rec)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := dec.decode(rec); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkManyFindings validates one 48 MB record with 8,000 quotes whose
// text differs from their span: the cost of findings must grow with the
// document, not with the document times the findings.
func BenchmarkManyFindings(b *testing.B) {
	rec, n := manyFindingsRecord(b, 48<<20, 8000)
	v, err := New()
	if err != nil {
		b.Fatal(err)
	}
	defer TuneGC()()
	b.SetBytes(int64(len(rec)))
	b.ResetTimer()
	cpu0 := cputime.Used()
	for b.Loop() {
		fr := v.ValidateDocument("big.json", rec)
		if len(fr.Findings) != n {
			b.Fatalf("%d findings, want %d", len(fr.Findings), n)
		}
	}
	b.ReportMetric(float64((cputime.Used()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// manyFindingsRecord builds a record of about size bytes of text with n
// quotes, each one word off its span, and returns it with n.
func manyFindingsRecord(tb testing.TB, size, n int) ([]byte, int) {
	tb.Helper()
	rec := newMaker(tb).Template()
	sentence := "The ministers met again on Tuesday, and the talks went on late into the night. "
	text := strings.Repeat(sentence, size/len(sentence))
	rec["text"] = text
	for _, k := range []string{"paragraphs", "sentences", "entities", "dates", "quantities"} {
		rec[k] = []any{}
	}
	quotes := make([]any, n)
	step := len(text) / n
	for i := range quotes {
		start := i * step
		quotes[i] = map[string]any{"id": fmt.Sprintf("q%d", i+1), "start": start + 4, "end": start + 13,
			"text": text[start+3 : start+12], "speaker": nil, "cue": nil, "partial": true}
	}
	rec["quotes"] = quotes
	data, err := json.Marshal(rec)
	if err != nil {
		tb.Fatal(err)
	}
	return data, n
}

// benchSchemaValidate is benchValidate for --schema: the record schema
// given as a file, as a user validating records with their own copy would.
func benchSchemaValidate(b *testing.B, path string, records int) {
	defer TuneGC()()
	p := filepath.Join(b.TempDir(), "record.schema.json")
	if err := os.WriteFile(p, schema.JSON(), 0o644); err != nil {
		b.Fatal(err)
	}
	v, err := NewForSchema(p, SchemaOptions{})
	if err != nil {
		b.Fatal(err)
	}
	benchRun(b, v, path, records)
}

// BenchmarkSchemaFiles validates 10,000 ~3 KB files against a --schema.
func BenchmarkSchemaFiles(b *testing.B) {
	dir := writeFiles(b, b.TempDir(), benchRecords)
	benchSchemaValidate(b, dir, benchRecords)
}

// BenchmarkSchemaNDJSON validates the same records as one JSON Lines file.
func BenchmarkSchemaNDJSON(b *testing.B) {
	p, n := writeNDJSON(b, b.TempDir(), "records.ndjson", benchRecords, 1<<40)
	benchSchemaValidate(b, p, n)
}
