package validate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestValidateFunc: every document without findings is visited once,
// decoded, with its file and line; the report is Validate's.
func TestValidateFunc(t *testing.T) {
	valid, err := os.ReadFile("../testdata/records/valid/000_5b4285e19d35a4a5.json")
	if err != nil {
		t.Fatal(err)
	}
	var rec map[string]any
	if err := json.Unmarshal(valid, &rec); err != nil {
		t.Fatal(err)
	}
	line, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.json"), string(valid))
	writeFile(t, filepath.Join(dir, "b.json"), "{}")
	writeFile(t, filepath.Join(dir, "c.ndjson"), string(line)+"\n\n{\"id\": 1}\n"+string(line)+"\n")
	for _, workers := range []int{1, 4} {
		v := recordValidator(t)
		v.Workers = workers
		var mu sync.Mutex
		var got []string
		rep, err := v.ValidateFunc(context.Background(), []string{dir}, nil, func(d Document) error {
			m, _ := d.Value.(map[string]any)
			mu.Lock()
			defer mu.Unlock()
			got = append(got, fmt.Sprintf("%s %d %d %s", filepath.Base(d.Path), d.File, d.Line, m["id"]))
			if n, ok := m["text"].(string); !ok || n == "" {
				t.Errorf("%s:%d: text not decoded", d.Path, d.Line)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(got)
		want := []string{"a.json 0 0 000_5b4285e19d35a4a5", "c.ndjson 2 1 000_5b4285e19d35a4a5", "c.ndjson 2 4 000_5b4285e19d35a4a5"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("workers %d: visited (-want +got):\n%s", workers, diff)
		}
		plain, err := recordValidator(t).Validate(context.Background(), []string{dir}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(render(t, plain, "json"), render(t, rep, "json")); diff != "" {
			t.Errorf("workers %d: report differs from Validate's (-want +got):\n%s", workers, diff)
		}
	}
}

// TestValidateFuncStops: an error from the visit ends the run and is
// returned.
func TestValidateFuncStops(t *testing.T) {
	stop := errors.New("stop")
	v := recordValidator(t)
	_, err := v.ValidateFunc(context.Background(), []string{"../testdata/records/valid"}, nil, func(Document) error { return stop })
	if !errors.Is(err, stop) {
		t.Errorf("got %v, want the visit's error", err)
	}
}

func TestDecode(t *testing.T) {
	v, err := Decode([]byte(`{"id": "a", "n": 1.50, "l": [true, null]}`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"id": "a", "n": json.Number("1.50"), "l": []any{true, nil}}
	if diff := cmp.Diff(want, v); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := Decode([]byte(`{"id": `)); err == nil {
		t.Error("no error for a cut document")
	}
}
