package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestEval(t *testing.T) {
	dir := t.TempDir()
	gold, recs := filepath.Join(dir, "gold"), filepath.Join(dir, "records")
	writeFiles(t, gold, map[string]string{
		"story.json": `{"doc": "story", "mentions": [
			{"start": 0, "end": 8, "text": "Jane Doe", "type": "person"},
			{"start": 18, "end": 23, "text": "Paris", "type": "place"}],
			"quotes": [], "dates": []}`,
		"other.json": `{"doc": "other", "mentions": []}`,
	})
	writeFiles(t, recs, map[string]string{
		"sub/0123456789abcdef.json": `{"schema_version": "1.0", "id": "0123456789abcdef",
			"source": {"path": "news/story.txt", "sha256": "", "bytes": 0}, "text": "Jane Doe visited Paris.",
			"paragraphs": [], "entities": [{"id": "e1", "name": "Jane Doe", "type": "person",
			"mentions": [{"start": 0, "end": 8, "text": "Jane Doe"}]}], "quotes": [], "dates": [], "quantities": [],
			"review": {"status": "draft"}}`,
		"unrelated.json": `{"id": "x", "source": {"path": "x.txt"}}`,
	})
	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     []string
	}{
		{name: "text table", args: []string{"eval", "--gold", gold, recs}, want: []string{
			"documents scored: 1 (1 records without gold ignored)",
			"  micro per/org/place               1.000  0.500  0.667      1      1      2",
			"error: other: no record for this gold document (missed document)",
		}},
		{name: "errors listed", args: []string{"eval", "--gold", gold, recs, "--errors"}, want: []string{
			`story: mention missed   place        [18,23) "Paris"`,
		}},
		{name: "per document", args: []string{"eval", "--gold", gold, recs, "--docs"}, want: []string{
			"story                                 0.667        -        -        -",
			"other                                 0.000",
		}},
		{name: "unknown format", args: []string{"eval", "--gold", gold, recs, "--format", "xml"}, wantCode: ExitError},
		{name: "no gold flag", args: []string{"eval", recs}, wantCode: ExitError},
		{name: "missing gold folder", args: []string{"eval", "--gold", filepath.Join(dir, "nope"), recs}, wantCode: ExitError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, "", tt.args...)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr %q", code, tt.wantCode, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}

	out, _, code := runCLI(t, "", "eval", "--gold", gold, recs, "--format", "json")
	var rep struct {
		Entities struct {
			Micro struct {
				F1 float64 `json:"f1"`
			} `json:"micro"`
		} `json:"entities"`
		Missed []string `json:"missed"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != ExitOK {
		t.Fatalf("json report (exit %d): %v\n%s", code, err, out)
	}
	if rep.Entities.Micro.F1 != 0.667 || len(rep.Missed) != 1 {
		t.Errorf("json report: micro F1 %v, missed %v", rep.Entities.Micro.F1, rep.Missed)
	}
}
