package synthrecords

import (
	"bytes"
	"testing"

	"github.com/docset/docset/validate"
)

// TestRecordsAreValidAndDistinct: every record checks clean and differs
// from the others in id, path and hash.
func TestRecordsAreValidAndDistinct(t *testing.T) {
	m, err := New("../..")
	if err != nil {
		t.Fatal(err)
	}
	v, err := validate.New()
	if err != nil {
		t.Fatal(err)
	}
	var prev []byte
	for i := range 3 {
		rec, err := m.Record(i)
		if err != nil {
			t.Fatal(err)
		}
		if fr := v.ValidateDocument("rec.json", rec); len(fr.Findings) > 0 || fr.Err != nil {
			t.Errorf("record %d: %v %v", i, fr.Findings, fr.Err)
		}
		if bytes.Equal(rec, prev) {
			t.Errorf("record %d repeats record %d", i, i-1)
		}
		prev = rec
	}
	if _, err := New("nowhere"); err == nil {
		t.Error("New without a template: no error")
	}
}
