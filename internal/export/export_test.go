package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/docset/docset/exporters"
	"github.com/docset/docset/internal/outputguard"
	"github.com/docset/docset/schema"
)

var sampleRecords = filepath.Join("..", "..", "exporters", "testdata", "records")

func TestRun(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join(sampleRecords, "000_5b4285e19d35a4a5.json"))
	if err != nil {
		t.Fatal(err)
	}
	wire, err := os.ReadFile(filepath.Join(sampleRecords, "wire.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		files      map[string]string
		stdin      string
		paths      []string // relative to the input folder; nil: the folder
		formats    []string
		wantIDs    []string
		wantValid  bool
		wantDups   int
		wantOutput []string
	}{
		{name: "all formats", files: map[string]string{"a.json": string(seed), "w.ndjson": string(wire)},
			formats: []string{"csv", "jsonld", "xlsx"}, wantIDs: []string{"000_5b4285e19d35a4a5", "wire-0001", "wire-0002"}, wantValid: true,
			wantOutput: []string{"csv/", "datapackage.json", "dataset.jsonld", "dataset.xlsx"}},
		{name: "duplicates and invalid left out", files: map[string]string{"a.json": string(seed), "b/a.json": string(seed), "w.ndjson": string(wire) + "{\"id\": 1}\n"},
			formats: []string{"csv"}, wantIDs: []string{"wire-0001", "wire-0002"}, wantDups: 1, wantOutput: []string{"csv/", "datapackage.json"}},
		{name: "standard input", stdin: string(wire), paths: []string{"-"},
			formats: []string{"csv"}, wantIDs: []string{"wire-0001", "wire-0002"}, wantValid: true, wantOutput: []string{"csv/", "datapackage.json"}},
		{name: "nothing valid", files: map[string]string{"x.json": "{}"}, formats: []string{"csv"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
			for name, data := range tt.files {
				p := filepath.Join(in, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			paths := []string{in}
			if tt.paths != nil {
				paths = tt.paths
			}
			res, err := Run(context.Background(), Options{
				Paths: paths, Stdin: strings.NewReader(tt.stdin), OutDir: out,
				Formats: tt.formats, Writer: exporters.Options{},
			})
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Validation.Valid(); got != tt.wantValid {
				t.Errorf("valid %v, want %v", got, tt.wantValid)
			}
			if len(res.Duplicates) != tt.wantDups {
				t.Errorf("duplicates %q, want %d", res.Duplicates, tt.wantDups)
			}
			if res.Exported != len(tt.wantIDs) {
				t.Errorf("records %d, want %d", res.Exported, len(tt.wantIDs))
			}
			var outputs []string
			for _, fr := range res.Formats {
				if fr.Err != nil {
					t.Errorf("%s: %v", fr.Format.Name, fr.Err)
				}
				outputs = append(outputs, fr.Outputs...)
			}
			if diff := cmp.Diff(tt.wantOutput, outputs); diff != "" {
				t.Errorf("outputs (-want +got):\n%s", diff)
			}
			if len(tt.wantIDs) == 0 {
				if _, err := os.Stat(out); err == nil {
					t.Error("the output folder was created with nothing to export")
				}
				return
			}
			f, err := os.Open(filepath.Join(out, "csv", "documents.csv"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, err := csv.NewReader(f).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, row := range rows[1:] {
				ids = append(ids, row[1]) // schema_version, id, ...
			}
			if diff := cmp.Diff(tt.wantIDs, ids); diff != "" {
				t.Errorf("ids in documents.csv (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRunSameBytesWhateverJobs: the files are the same, byte for byte,
// whatever the number of workers, and the same as each format's own
// Export writes from the records decoded and sorted by id.
func TestRunSameBytesWhateverJobs(t *testing.T) {
	in := []string{sampleRecords, filepath.Join("..", "..", "testdata", "records", "valid")}
	var first map[string][]byte
	for _, jobs := range []int{1, 3, 8} {
		out := t.TempDir()
		res, err := Run(context.Background(), Options{Paths: in, OutDir: out, Formats: []string{"csv", "jsonld", "xlsx"}, Jobs: jobs})
		if err != nil {
			t.Fatal(err)
		}
		for _, fr := range res.Formats {
			if fr.Err != nil {
				t.Fatalf("jobs %d: %s: %v", jobs, fr.Format.Name, fr.Err)
			}
		}
		files := readTree(t, out)
		if first == nil {
			first = files
			continue
		}
		if diff := cmp.Diff(first, files); diff != "" {
			t.Errorf("jobs %d: files differ from jobs 1 (-want +got):\n%s", jobs, diff)
		}
	}
	for name := range first {
		if strings.HasPrefix(filepath.Base(name), ".docset-spool") {
			t.Errorf("the spool %s was left behind", name)
		}
	}

	// The formats' own Export over the same records, decoded and sorted.
	var recs []map[string]any
	for _, name := range []string{"000_5b4285e19d35a4a5.json", "edge-cases.json", "wire.ndjson"} {
		data, err := os.ReadFile(filepath.Join(sampleRecords, name))
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		for dec.More() {
			var rec map[string]any
			if err := dec.Decode(&rec); err != nil {
				t.Fatal(err)
			}
			recs = append(recs, rec)
		}
	}
	slices.SortFunc(recs, func(a, b map[string]any) int { return strings.Compare(a["id"].(string), b["id"].(string)) })
	layout, err := schema.DefaultLayout()
	if err != nil {
		t.Fatal(err)
	}
	ds := &exporters.Dataset{Layout: layout, Schema: schema.JSON(), Count: len(recs), Records: func(fn func(map[string]any) error) error {
		for _, r := range recs {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}}
	own := t.TempDir()
	for _, ft := range exporters.Formats() {
		if err := ft.New(exporters.Options{}).Export(context.Background(), ds, own); err != nil {
			t.Fatal(err)
		}
	}
	piped := t.TempDir()
	if _, err := Run(context.Background(), Options{Paths: []string{sampleRecords}, OutDir: piped, Formats: []string{"csv", "jsonld", "xlsx"}}); err != nil {
		t.Fatal(err)
	}
	want, got := readTree(t, own), readTree(t, piped)
	delete(got, outputguard.ManifestName)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("files differ from the formats' own Export (-want +got):\n%s", diff)
	}
}

// readTree reads every file under dir, by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
