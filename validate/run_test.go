package validate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func recordValidator(t *testing.T) *Validator {
	t.Helper()
	v, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func writeFile(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func render(t *testing.T, r *Report, format string) string {
	t.Helper()
	rd, err := NewRenderer(format)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rd.Render(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestOrderIndependentOfWorkers: the report is the same, byte for byte,
// with one worker and with many.
func TestOrderIndependentOfWorkers(t *testing.T) {
	var outs []string
	for _, workers := range []int{1, 3, 16} {
		v := recordValidator(t)
		v.Workers = workers
		rep, err := v.Validate(context.Background(), []string{"../testdata/records/invalid", "../testdata/records/valid", "../testdata/records/invalid/enum.json"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, render(t, rep, "json"))
	}
	for i := 1; i < len(outs); i++ {
		if outs[i] != outs[0] {
			t.Fatalf("report differs with other worker counts:\n%s", cmp.Diff(outs[0], outs[i]))
		}
	}
}

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"b/2.json", "a.json", "b/1.ndjson", "b/c/0.JSONL", "notes.txt", "b/x.json.bak", ".git/config.json", "b/.cache/x.json"} {
		writeFile(t, filepath.Join(dir, p), "{}")
	}
	empty := filepath.Join(dir, "empty")
	writeFile(t, filepath.Join(empty, "readme.md"), "")
	var got []string
	for _, in := range expand([]string{dir, filepath.Join(dir, "notes.txt"), empty, filepath.Join(dir, "missing.json"), "-"}) {
		rel := strings.TrimPrefix(in.path, filepath.ToSlash(dir)+"/")
		if in.err != nil {
			rel += " ! " + in.err.Error()
		}
		got = append(got, rel)
	}
	want := []string{
		"a.json", "b/1.ndjson", "b/2.json", "b/c/0.JSONL",
		"notes.txt", // named explicitly: read as one JSON document
		"empty ! no *.json, *.ndjson or *.jsonl files found in this directory or below",
		"missing.json ! no such file or directory; check the path",
		StdinName,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("inputs (-want +got):\n%s", diff)
	}
}

func TestNDJSON(t *testing.T) {
	dir := t.TempDir()
	lead, err := os.ReadFile(templatePath)
	if err != nil {
		t.Fatal(err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, lead); err != nil {
		t.Fatal(err)
	}
	rec := compact.String()
	final := strings.Replace(rec, `"review":{"status":"draft"}`, `"review":{"status":"final"}`, 1)
	p := writeFile(t, filepath.Join(dir, "r.ndjson"),
		"\xef\xbb\xbf"+rec+"\r\n"+ // BOM and CRLF: accepted
			"\n   \n"+ // blank lines: skipped but counted
			strings.Replace(rec, `"kind":"heading"`, `"kind":"title"`, 1)+"\n"+
			strings.Replace(rec, `"status":"draft"`, `"status":"reviewed"`, 1)+"\n"+
			`{"id": "x", `+"\n"+
			final) // no final newline
	rep, err := recordValidator(t).Validate(context.Background(), []string{p}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := rep.Files[0]
	if f.Records != 5 || f.Invalid != 2 {
		t.Errorf("records %d invalid %d, want 5 and 2", f.Records, f.Invalid)
	}
	type pos struct {
		Line, Column int
		Rule         string
	}
	var got []pos
	for _, fd := range f.Findings {
		got = append(got, pos{fd.Line, fd.Column, fd.Rule})
	}
	want := []pos{{6, 13, RuleSyntax}, {7, utf8.RuneCountInString(final[:strings.Index(final, `"final"`)]) + 1, "enum"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s\n%v", diff, f.Findings)
	}
	// Offsets are in the file, so a tool can seek to them.
	data, _ := os.ReadFile(p)
	if off := f.Findings[1].Offset; !bytes.HasPrefix(data[off:], []byte(`"final"`)) {
		t.Errorf("offset %d points at %.20q", off, data[off:])
	}
}

func TestNDJSONLimits(t *testing.T) {
	dir := t.TempDir()
	long := `{"pad": "` + strings.Repeat("x", 300) + `"}`
	p := writeFile(t, filepath.Join(dir, "r.jsonl"), "{}\n"+long+"\n[]\n")
	empty := writeFile(t, filepath.Join(dir, "empty.ndjson"), "\n\n")
	v, err := NewForSchema(writeFile(t, filepath.Join(dir, "s.json"), `{"type": "object"}`), SchemaOptions{})
	if err != nil {
		t.Fatal(err)
	}
	v.MaxLineBytes = 100
	rep, err := v.Validate(context.Background(), []string{p, empty}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Files {
		for _, fd := range f.Findings {
			got = append(got, strings.TrimPrefix(findingLine(fd), filepath.ToSlash(dir)+"/"))
		}
	}
	want := []string{
		"r.jsonl:2:1: line-too-long: (root): line longer than 100 bytes was skipped; split the record or raise the limit",
		"r.jsonl:3:1: type: (root): expected object, but got array",
		"empty.ndjson:1:1: empty: (root): no records: the file has no non-blank lines; write one JSON document per line",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestStdin(t *testing.T) {
	pretty, err := os.ReadFile(templatePath)
	if err != nil {
		t.Fatal(err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, pretty); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		in       string
		records  int
		findings []string
	}{
		{"one pretty document", string(pretty), 1, nil},
		{"pretty with BOM", "\xef\xbb\xbf" + string(pretty), 1, nil},
		{"ndjson", "\n" + compact.String() + "\n" + compact.String() + "\n", 2, nil},
		{"ndjson with a bad line", compact.String() + "\n[1,\n", 2, []string{"<stdin>:2:4: json-syntax"}},
		{"broken pretty document", "{\n  \"id\": \n}", 1, []string{"<stdin>:3:1: json-syntax"}},
		{"empty", "", 1, []string{"<stdin>:1:1: empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := recordValidator(t).Validate(context.Background(), []string{"-"}, strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			f := rep.Files[0]
			var got []string
			for _, fd := range f.Findings {
				got = append(got, strings.Join(strings.SplitN(findingLine(fd), ":", 5)[:4], ":"))
			}
			if f.Records != tt.records || !cmp.Equal(tt.findings, got) || f.Err != nil {
				t.Errorf("got %d records, findings %v, err %v; want %d, %v", f.Records, got, f.Err, tt.records, tt.findings)
			}
		})
	}
}

func TestFileErrors(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, filepath.Join(dir, "ok", "a.json"), "{}")
	broken := filepath.Join(dir, "links", "broken.json")
	if err := os.MkdirAll(filepath.Dir(broken), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "nowhere.json"), broken); err != nil {
		t.Skip("symlinks not available:", err)
	}
	v, err := NewForSchema(writeFile(t, filepath.Join(dir, "s.json"), `{}`), SchemaOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := v.Validate(context.Background(), []string{filepath.Join(dir, "missing"), filepath.Dir(broken), good}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Files {
		msg := "ok"
		if f.Err != nil {
			msg = f.Err.Error()
		}
		got = append(got, strings.TrimPrefix(f.Path, filepath.ToSlash(dir)+"/")+": "+msg)
	}
	want := []string{"missing: no such file or directory; check the path", "links/broken.json: no such file or directory; check the path", "ok/a.json: ok"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if s := rep.Summary(); s.Errors != 2 || s.Records != 1 {
		t.Errorf("summary %+v", s)
	}
}

func TestUnreadableFile(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("permissions do not stop this user from reading")
	}
	p := writeFile(t, filepath.Join(t.TempDir(), "secret.json"), "{}")
	if err := os.Chmod(p, 0); err != nil {
		t.Fatal(err)
	}
	rep, err := recordValidator(t).Validate(context.Background(), []string{p}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f := rep.Files[0]; f.Err == nil || !strings.Contains(f.Err.Error(), "permission denied") {
		t.Errorf("got %v, want permission denied", f.Err)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := recordValidator(t).Validate(ctx, []string{"../testdata/records"}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

// TestLargeNDJSONBoundedMemory streams an NDJSON file much larger than the
// heap it may use. The full 200 MB case is BenchmarkValidateNDJSON200MB;
// this keeps the same property fast enough for every test run.
func TestLargeNDJSONBoundedMemory(t *testing.T) {
	size := int64(64 << 20)
	if testing.Short() || raceEnabled {
		size = 8 << 20
	}
	p, n := writeNDJSON(t, t.TempDir(), "big.ndjson", 1<<30, size)
	v := recordValidator(t)
	var rep *Report
	peak := peakHeap(func() {
		var err error
		if rep, err = v.Validate(context.Background(), []string{p}, nil); err != nil {
			t.Fatal(err)
		}
	})
	if s := rep.Summary(); s.Records != n || !rep.Valid() {
		t.Fatalf("summary %+v, want %d valid records", s, n)
	}
	const limit = 48 << 20
	if peak > limit {
		t.Errorf("peak heap %d MB for a %d MB file, want under %d MB", peak>>20, size>>20, limit>>20)
	}
	t.Logf("%d records, %d MB file, peak heap %d MB", n, size>>20, peak>>20)
}
