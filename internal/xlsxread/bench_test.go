package xlsxread

import (
	"strings"
	"testing"
)

// BenchmarkRows reads a sheet of 100,000 rows of five cells, as the
// mentions sheet of a large export looks.
func BenchmarkRows(b *testing.B) {
	row := `<row><c t="inlineStr"><is><t>000_5b4285e19d35a4a5</t></is></c><c t="inlineStr"><is><t>e12</t></is></c><c><v>2295</v></c><c><v>2306</v></c><c t="inlineStr"><is><t>Kim Jong Un</t></is></c></row>`
	path := workbook(b, strings.Repeat(row, 100_000))
	b.ResetTimer()
	for b.Loop() {
		w, err := Open(path, DefaultLimits())
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		if err := w.Rows("data", func(int, []Cell) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
		w.Close()
		if n != 100_000 {
			b.Fatalf("%d rows", n)
		}
	}
}
