//go:build unix

package exporters

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/docset/docset/internal/cputime"
	"github.com/docset/docset/schema"
)

// The speed target: 200,000 rows x 12 columns to XLSX within 1.3x of a
// bare excelize StreamWriter loop writing the same cells, peak memory
// under 150 MB. Compare BenchmarkXLSXExport with BenchmarkXLSXBareStreamWriter.
const xlsxBenchRows = 200_000

// xlsxBenchSchema is one table of 12 columns covering every cell type.
const xlsxBenchSchema = `{"$id": "https://docset.invalid/test/bench.json", "title": "bench", "type": "object", "x-table": "rows",
  "properties": {
    "document_id": {"type": "string", "description": "Document."},
    "id": {"type": "string", "description": "Row id."},
    "start": {"type": "integer"},
    "end": {"type": "integer"},
    "text": {"type": "string", "description": "Some words."},
    "kind": {"type": "string", "enum": ["heading", "paragraph"]},
    "value": {"type": "number"},
    "partial": {"type": "boolean"},
    "published": {"type": "string", "format": "date"},
    "at": {"type": "string", "format": "date-time"},
    "unit": {"type": ["string", "null"]},
    "code": {"type": "string"}
  }}`

var xlsxBenchWords = []string{
	"Russian Defense Minister Sergei Shoigu said Monday",
	"the two nations deployed over 10 warships",
	"seeking to bolster their military cooperation and arms trade",
	"North Korea",
}

// xlsxBenchRow returns the value of column c of row i as a record holds it
// (json.Number for numbers, strings for dates), or as the bare loop
// writes it when typed is true.
func xlsxBenchRow(i int, typed bool) []any {
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%700)
	at := day.Add(time.Duration(i%86400) * time.Second)
	var unit any
	if i%2 == 0 {
		unit = "points"
	}
	doc, id := "doc"+strconv.Itoa(i/50), "p"+strconv.Itoa(i%50)
	kind := [2]string{"heading", "paragraph"}[i%2]
	text := xlsxBenchWords[i%len(xlsxBenchWords)]
	code := "00" + strconv.Itoa(i%1000)
	if typed {
		return []any{doc, id, int64(i % 5000), int64(i%5000 + 40), text, kind, float64(i) / 8, i%3 == 0, day, at, unit, code}
	}
	return []any{doc, id, json.Number(strconv.Itoa(i % 5000)), json.Number(strconv.Itoa(i%5000 + 40)), text, kind,
		json.Number(strconv.FormatFloat(float64(i)/8, 'g', -1, 64)), i%3 == 0, day.Format(time.DateOnly), at.Format(time.RFC3339), unit, code}
}

// xlsxBenchPool is how many distinct rows the benchmarks cycle through:
// enough for realistic compression, few enough that making the rows costs
// next to nothing, so both benchmarks time writing, not generating.
const xlsxBenchPool = 4096

// xlsxBenchDataset yields xlsxBenchRows records from a small pool, one map
// reused per record (Records allows it), so the dataset holds almost no
// memory, like records streamed from disk.
func xlsxBenchDataset(b testing.TB) *Dataset {
	layout, err := schema.ParseLayout([]byte(xlsxBenchSchema))
	if err != nil {
		b.Fatal(err)
	}
	cols := layout.Tables[0].Columns
	pool := make([][]any, xlsxBenchPool)
	for i := range pool {
		pool[i] = xlsxBenchRow(i, false)
	}
	return &Dataset{Layout: layout, Count: xlsxBenchRows, Records: func(fn func(map[string]any) error) error {
		rec := make(map[string]any, len(cols))
		for i := range xlsxBenchRows {
			for j, v := range pool[i%xlsxBenchPool] {
				rec[cols[j].Name] = v
			}
			if err := fn(rec); err != nil {
				return err
			}
		}
		return nil
	}}
}

// xlsxPeakMemory samples the heap in use while it runs and reports the
// peak, and the CPU time used per operation: on a shared machine CPU time
// compares the two benchmarks more steadily than wall time (cpuTime is
// in csv_bench_test.go).
type xlsxPeakMemory struct {
	stop chan struct{}
	done sync.WaitGroup
	peak uint64
	cpu  time.Duration
}

func startXLSXPeakMemory() *xlsxPeakMemory {
	runtime.GC()
	p := &xlsxPeakMemory{stop: make(chan struct{}), cpu: cputime.Used()}
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		var ms runtime.MemStats
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			p.peak = max(p.peak, ms.HeapInuse+ms.StackInuse)
			select {
			case <-p.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return p
}

func (p *xlsxPeakMemory) report(b *testing.B) {
	cpu := cputime.Used() - p.cpu
	close(p.stop)
	p.done.Wait()
	b.ReportMetric(float64(p.peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

func BenchmarkXLSXExport(b *testing.B) {
	ds := xlsxBenchDataset(b)
	x := &xlsxExporter{limits: excelLimits}
	dir := b.TempDir()
	b.ResetTimer()
	mem := startXLSXPeakMemory()
	for b.Loop() {
		if err := x.Export(context.Background(), ds, dir); err != nil {
			b.Fatal(err)
		}
	}
	mem.report(b)
	reportXLSXSize(b, filepath.Join(dir, xlsxOutput))
}

// BenchmarkXLSXBareStreamWriter is the yardstick: the same cells through
// excelize's StreamWriter with nothing else (no measuring pass, notes,
// table, lists or About sheet).
func BenchmarkXLSXBareStreamWriter(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "bare.xlsx")
	b.ResetTimer()
	mem := startXLSXPeakMemory()
	for b.Loop() {
		if err := bareXLSXStreamWriter(path); err != nil {
			b.Fatal(err)
		}
	}
	mem.report(b)
	reportXLSXSize(b, path)
}

func bareXLSXStreamWriter(path string) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	// Dates need a date format to be dates; without a column style
	// excelize registers one per cell.
	dateFmt := "yyyy-mm-dd"
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	if err := sw.SetColStyle(9, 10, style); err != nil {
		return err
	}
	header := []any{"document_id", "id", "start", "end", "text", "kind", "value", "partial", "published", "at", "unit", "code"}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	pool := make([][]any, xlsxBenchPool)
	for i := range pool {
		pool[i] = xlsxBenchRow(i, true)
	}
	for i := range xlsxBenchRows {
		if err := sw.SetRow("A"+strconv.Itoa(i+2), pool[i%xlsxBenchPool]); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := f.Write(out); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func reportXLSXSize(b *testing.B, path string) {
	if fi, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(fi.Size())/(1<<20), "file-MB")
	}
}
