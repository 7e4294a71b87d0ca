package exporters

import (
	"fmt"
	"io"
	"testing"
)

// BenchmarkJSONLD writes 1,000 copies of the seed article (16 entities, 6
// quotations, 83 annotations each) to io.Discard.
func BenchmarkJSONLD(b *testing.B) {
	rec := testRecords(b, "testdata/records/000_5b4285e19d35a4a5.json")[0]
	const n = 1000
	ds := &Dataset{Count: n, Records: func(fn func(map[string]any) error) error {
		for i := range n {
			rec["id"] = fmt.Sprintf("doc-%06d", i)
			if err := fn(rec); err != nil {
				return err
			}
		}
		return nil
	}}
	var size countingWriter
	if err := NewJSONLD(Options{}).Write(b.Context(), &size, ds); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		if err := NewJSONLD(Options{}).Write(b.Context(), io.Discard, ds); err != nil {
			b.Fatal(err)
		}
	}
}

type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
