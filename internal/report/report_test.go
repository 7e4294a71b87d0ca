package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/docset/docset/schema"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	s, err := schema.CompiledReport()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// full is a report with every field set.
func full() *Report {
	r := New("run", "devel", schema.ID, "out")
	r.Shard = &Shard{Index: 1, Count: 4}
	r.Add(Document{ID: "a", Source: "in.ndjson:1", Record: "records/a.json", Status: Extracted})
	r.Add(Document{Source: "in.ndjson:2", Status: Failed, Error: "no text"})
	r.Summary.Exported = 1
	r.Summary.OtherShards = 3
	r.Tables = append(r.Tables, Table{Name: "documents", Rows: 1})
	r.Formats = append(r.Formats, Format{Name: "csv", OK: false, Error: "disk full", Files: []File{{Path: "csv/documents.csv", Bytes: 10, SHA256: strings.Repeat("ab", 32)}}})
	r.Step("extract", 1500*time.Millisecond)
	r.Timings.TotalSeconds = 2
	return r
}

func TestReportFollowsSchema(t *testing.T) {
	s := compileSchema(t)
	for name, r := range map[string]*Report{"full": full(), "empty": New("export", "v1.0.0", schema.ID, "o")} {
		var b bytes.Buffer
		if err := r.Encode(&b); err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(v); err != nil {
			t.Errorf("%s report does not follow the schema: %v\n%s", name, err, b.String())
		}
	}
}

// TestSchemaDescribesEveryField: every property the schema documents is
// written by a full report, so the Go types and the schema agree both
// ways (additionalProperties: false catches the other way).
func TestSchemaDescribesEveryField(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(schema.ReportJSON(), &doc); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := full().Encode(&b); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	var walk func(path string, sch map[string]any, v any)
	walk = func(path string, sch map[string]any, v any) {
		if items, ok := sch["items"].(map[string]any); ok {
			arr, _ := v.([]any)
			if len(arr) == 0 {
				t.Errorf("%s: a full report has no items", path)
				return
			}
			for _, it := range arr {
				walk(path+"[]", items, it)
			}
			return
		}
		props, _ := sch["properties"].(map[string]any)
		obj, _ := v.(map[string]any)
		var missing []string
		for name, p := range props {
			pv, ok := obj[name]
			if !ok {
				missing = append(missing, name)
				continue
			}
			walk(path+"."+name, p.(map[string]any), pv)
		}
		// A property may be absent from one item and present in another.
		if len(missing) > 0 && !strings.HasSuffix(path, "[]") {
			slices.Sort(missing)
			t.Errorf("%s: a full report lacks %v", path, missing)
		}
	}
	walk("", doc, got)
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	if err := full().Write(dir); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := full().Encode(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, b.Bytes()) {
		t.Errorf("%s holds\n%s\nwant\n%s", FileName, data, b.Bytes())
	}
}
