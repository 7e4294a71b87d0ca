//go:build unix

package exporters

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/docset/docset/internal/cputime"
	"github.com/docset/docset/schema"
)

// benchRows and benchCols are the size `make bench` times: 200,000 rows of
// 12 columns, the reference load.
const (
	benchRows = 200_000
	benchCols = 12
)

// benchSchema is a record schema whose root table has benchCols columns of
// every cell kind: ids, short and long text (some needing quotes, some
// formula-like), integers, decimals, booleans and nulls.
func benchSchema() []byte {
	return []byte(`{
  "$id": "https://docset.invalid/schema/bench.json",
  "title": "bench",
  "type": "object",
  "x-table": "rows",
  "x-row": "row",
  "required": ["id"],
  "properties": {
    "id": {"type": "string"},
    "name": {"type": "string"},
    "kind": {"type": "string", "enum": ["person", "organization", "place"]},
    "start": {"type": "integer"},
    "end": {"type": "integer"},
    "text": {"type": "string"},
    "value": {"type": "number"},
    "unit": {"type": ["string", "null"]},
    "partial": {"type": "boolean"},
    "cue": {"type": ["string", "null"]},
    "published": {"type": "string", "format": "date"},
    "note": {"type": "string"}
  }
}`)
}

// benchRecords builds the synthetic records, decoded the way a Dataset
// yields them (json.Number for numbers).
func benchRecords(n int) []map[string]any {
	kinds := []string{"person", "organization", "place"}
	texts := []string{
		"Russian Defense Minister Sergei Shoigu said Monday",
		`the "three-way naval drill", involving China`,
		"-3 degrees in Seoul",
		"서울 and Москва",
	}
	recs := make([]map[string]any, n)
	for i := range recs {
		var unit, cue any
		if i%3 != 0 {
			unit = "warships"
			cue = "said"
		}
		recs[i] = map[string]any{
			"id":        fmt.Sprintf("doc-%07d", i),
			"name":      fmt.Sprintf("Entity %d", i%977),
			"kind":      kinds[i%3],
			"start":     json.Number(strconv.Itoa(i % 5000)),
			"end":       json.Number(strconv.Itoa(i%5000 + 17)),
			"text":      texts[i%len(texts)],
			"value":     json.Number(strconv.FormatFloat(float64(i)*0.25-100, 'f', -1, 64)),
			"unit":      unit,
			"partial":   i%2 == 0,
			"cue":       cue,
			"published": "2023-09-05",
			"note":      "Checked, with a comma",
		}
	}
	return recs
}

func benchDataset(b *testing.B) *Dataset {
	b.Helper()
	doc := benchSchema()
	l, err := schema.ParseLayout(doc)
	if err != nil {
		b.Fatal(err)
	}
	if n := len(l.Tables[0].Columns); n != benchCols {
		b.Fatalf("bench layout has %d columns, want %d", n, benchCols)
	}
	recs := benchRecords(benchRows)
	return &Dataset{
		Layout: l,
		Schema: doc,
		Count:  len(recs),
		Records: func(fn func(map[string]any) error) error {
			for _, r := range recs {
				if err := fn(r); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

// BenchmarkCSVExport times the whole CSV export of 200,000 x 12 cells:
// rows walked from records, files written atomically, the descriptor.
func BenchmarkCSVExport(b *testing.B) {
	ds := benchDataset(b)
	dir := b.TempDir()
	exp := NewCSV(Options{})
	var size int64
	b.ResetTimer()
	cpu0 := cputime.Used()
	for b.Loop() {
		if err := exp.Export(b.Context(), ds, dir); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	fi, err := os.Stat(filepath.Join(dir, "csv", "rows.csv"))
	if err != nil {
		b.Fatal(err)
	}
	size = fi.Size()
	reportRate(b, size, cpu0)
}

// BenchmarkCSVWriter times the row writer alone over the same rows.
func BenchmarkCSVWriter(b *testing.B) {
	ds := benchDataset(b)
	t := ds.Layout.Tables[0]
	rows := benchCells(b, ds)
	var cw countWriter
	b.ResetTimer()
	cpu0 := cputime.Used()
	for b.Loop() {
		cw = 0
		tw := newTableWriter(&cw, t, Options{})
		tw.header()
		for _, r := range rows {
			if err := tw.row(r); err != nil {
				b.Fatal(err)
			}
		}
		if err := tw.flush(); err != nil {
			b.Fatal(err)
		}
	}
	reportRate(b, int64(cw), cpu0)
}

// BenchmarkCSVEncodingCSV is the baseline: encoding/csv writing the same
// cells, formatted to strings first as it requires.
func BenchmarkCSVEncodingCSV(b *testing.B) {
	ds := benchDataset(b)
	rows := benchCells(b, ds)
	var cw countWriter
	rec := make([]string, benchCols)
	b.ResetTimer()
	cpu0 := cputime.Used()
	for b.Loop() {
		cw = 0
		bw := bufio.NewWriterSize(&cw, 64<<10)
		w := csv.NewWriter(bw)
		for _, r := range rows {
			for i, v := range r {
				switch v := v.(type) {
				case nil:
					rec[i] = ""
				case string:
					rec[i] = v
				case json.Number:
					rec[i] = string(v)
				case bool:
					rec[i] = strconv.FormatBool(v)
				}
			}
			if err := w.Write(rec); err != nil {
				b.Fatal(err)
			}
		}
		w.Flush()
		if err := bw.Flush(); err != nil {
			b.Fatal(err)
		}
	}
	reportRate(b, int64(cw), cpu0)
}

// benchCells materializes the rows so the writer benchmarks time writing only.
func benchCells(b *testing.B, ds *Dataset) [][]any {
	b.Helper()
	t := ds.Layout.Tables[0]
	var rows [][]any
	err := ds.Records(func(rec map[string]any) error {
		return t.Rows(rec, func(row []any) error {
			rows = append(rows, append([]any(nil), row...))
			return nil
		})
	})
	if err != nil {
		b.Fatal(err)
	}
	return rows
}

// reportRate reports the output size per op, rows/s by wall time, and the
// process CPU time per op since cpu0, steadier than wall time on a shared
// machine.
func reportRate(b *testing.B, size int64, cpu0 time.Duration) {
	b.ReportMetric((cputime.Used()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	b.SetBytes(size)
	per := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(benchRows)/per, "rows/s")
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

var _ io.Writer = (*countWriter)(nil)

// benchJSONL is the benchmark rows as JSON lines, keys in column order.
func benchJSONL(tb testing.TB) []byte {
	tb.Helper()
	l, err := schema.ParseLayout(benchSchema())
	if err != nil {
		tb.Fatal(err)
	}
	cols := l.Tables[0].Columns
	var buf bytes.Buffer
	for _, rec := range benchRecords(benchRows) {
		buf.WriteByte('{')
		for i, c := range cols {
			if i > 0 {
				buf.WriteByte(',')
			}
			k, _ := json.Marshal(c.Name)
			v, _ := json.Marshal(rec[c.Name])
			buf.Write(k)
			buf.WriteByte(':')
			buf.Write(v)
		}
		buf.WriteString("}\n")
	}
	return buf.Bytes()
}

// BenchmarkCSVFromJSONL is the job Miller is compared with
// (mlr --ijsonl --ocsv cat): JSON lines decoded with UseNumber, laid out
// and written as CSV.
func BenchmarkCSVFromJSONL(b *testing.B) {
	data := benchJSONL(b)
	ds := benchDataset(b)
	t := ds.Layout.Tables[0]
	var cw countWriter
	b.ResetTimer()
	cpu0 := cputime.Used()
	for b.Loop() {
		cw = 0
		tw := newTableWriter(&cw, t, Options{})
		tw.header()
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
			dec.UseNumber()
			var rec map[string]any
			if err := dec.Decode(&rec); err != nil {
				b.Fatal(err)
			}
			if err := t.Rows(rec, tw.row); err != nil {
				b.Fatal(err)
			}
		}
		if err := tw.flush(); err != nil {
			b.Fatal(err)
		}
	}
	reportRate(b, int64(cw), cpu0)
}

// TestBenchJSONL writes the benchmark rows as JSON lines to the file named
// by DOCSET_BENCH_JSONL, to time other tools on the same input, e.g.
// Miller: mlr --ijsonl --ocsv cat rows.jsonl > rows.csv
func TestBenchJSONL(t *testing.T) {
	path := os.Getenv("DOCSET_BENCH_JSONL")
	if path == "" {
		t.Skip("set DOCSET_BENCH_JSONL=FILE to write the benchmark rows as JSON lines")
	}
	if err := os.WriteFile(path, benchJSONL(t), 0o644); err != nil {
		t.Fatal(err)
	}
}
