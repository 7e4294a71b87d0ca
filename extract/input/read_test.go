package input_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/docset/docset/extract/input"
	"github.com/docset/docset/schema"
)

// result is what a test compares for each yielded item.
type result struct {
	Path string
	Line int
	ID   string
	Body string
	Meta schema.Metadata
	Err  string
}

func collect(t *testing.T, args []string, stdin string) []result {
	t.Helper()
	var got []result
	for doc, err := range input.Read(args, strings.NewReader(stdin)) {
		if err != nil {
			var ie *input.Error
			if !errors.As(err, &ie) {
				t.Errorf("error %v is not an *input.Error", err)
			}
			got = append(got, result{Err: err.Error()})
			continue
		}
		got = append(got, result{Path: doc.Path, Line: doc.Line, ID: doc.ID, Body: doc.Body, Meta: doc.Meta})
	}
	return got
}

// writeTree writes files (name -> content) under a new temp dir.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRead(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		args  []string // relative to the tree; "-" is stdin
		stdin string
		want  []result
	}{
		{
			name:  "directory sorted recursively, only txt and md, hidden skipped",
			files: map[string]string{"b.txt": "B", "a/z.md": "Z", "c.json": "{}", ".hid/x.txt": "X", "a/.y.txt": "Y"},
			args:  []string{"."},
			want:  []result{{Path: "a/z.md", Body: "Z"}, {Path: "b.txt", Body: "B"}},
		},
		{
			name: "front matter and sidecar",
			files: map[string]string{
				"n.txt":       "---\ntitle: \"A: title\"\npublished: 2019-09-12\nlanguage: en\ntags: [x, y]\n---\nBody\n",
				"n.meta.json": `{"url": "https://example.org/n", "title": "Sidecar title"}`,
			},
			args: []string{"n.txt"},
			want: []result{{Path: "n.txt", Body: "Body\n", Meta: schema.Metadata{Title: "Sidecar title", Published: "2019-09-12", Language: "en", URL: "https://example.org/n"}}},
		},
		{
			name:  "BOM and CRLF front matter",
			files: map[string]string{"w.txt": "\ufeff---\r\nsource: Agency\r\n...\r\nText\r\n"},
			args:  []string{"w.txt"},
			want:  []result{{Path: "w.txt", Body: "Text\n", Meta: schema.Metadata{Source: "Agency"}}},
		},
		{
			name:  "CR line ends and front matter",
			files: map[string]string{"m.txt": "---\rtitle: Old Mac\r---\rA\rB"},
			args:  []string{"m.txt"},
			want:  []result{{Path: "m.txt", Body: "A\nB", Meta: schema.Metadata{Title: "Old Mac"}}},
		},
		{
			name: "json lines: ids, metadata, bad lines reported and the rest kept",
			files: map[string]string{"d.ndjson": `{"id": "a-1", "text": "One", "date": "2020-01-02", "title": "T", "extra": {"x": 1}}` + "\n\n" +
				`{"text": "Two", "published": "2020-01-03T23:00:00-05:00", "license": "CC BY 2.5"}` + "\n" +
				`{"text": 3}` + "\n" +
				`{"id": "../x", "text": "y"}` + "\n" +
				`{"text": "ok", "date": "yesterday"}` + "\n" +
				`{"text": "unterminated` + "\n" +
				`{"title": "no text"}` + "\n" +
				"{\"text\": \"bad \xff\"}\n" +
				`{"text": "  "}` + "\n" +
				`{"text": "Last"}`},
			args: []string{"d.ndjson"},
			want: []result{
				{Path: "d.ndjson", Line: 1, ID: "a-1", Body: "One", Meta: schema.Metadata{Published: "2020-01-02", Title: "T"}},
				{Path: "d.ndjson", Line: 3, Body: "Two", Meta: schema.Metadata{Published: "2020-01-03", License: "CC BY 2.5"}},
				{Err: `DIR/d.ndjson:4:2: "text": want a string, got 3`},
				{Err: `DIR/d.ndjson:5:2: id "../x" is not usable as a file name; use up to 128 letters, digits, '.', '_' or '-'`},
				{Err: `DIR/d.ndjson:6:16: date "yesterday" is not a date; write it like 2019-09-12`},
				{Err: `DIR/d.ndjson:7:23: invalid JSON: unexpected end of JSON; correct the JSON at this place`},
				{Err: `DIR/d.ndjson:8:1: no "text" member: each line needs the document's text`},
				{Err: `DIR/d.ndjson:9:15: invalid UTF-8 (byte 0xff at byte offset 14); save the file as UTF-8`},
				{Err: `DIR/d.ndjson:10:1: empty document: no text to extract; add the text or remove the document`},
				{Path: "d.ndjson", Line: 11, Body: "Last"},
			},
		},
		{
			name:  "bad documents are errors with line:col, the others are read",
			files: map[string]string{"1.txt": "ok", "2.txt": "line one\nbad \xc3(", "3.txt": " \n", "4.txt": "---\ntitle: [x\n---\nT", "5.txt": "---\ntitle: T\n", "6.txt": "fine"},
			args:  []string{"."},
			want: []result{
				{Path: "1.txt", Body: "ok"},
				{Err: "DIR/2.txt:2:5: invalid UTF-8 (byte 0xc3 at byte offset 13); save the file as UTF-8"},
				{Err: "DIR/3.txt: empty document: no text to extract; add the text or remove the document"},
				{Err: "DIR/4.txt:2: front matter: invalid YAML: did not find expected ',' or ']'; fix the block between the --- lines (quote a value that holds : [ { or #)"},
				{Err: "DIR/5.txt:1:1: front matter opened by --- is not closed; end it with a line ---"},
				{Path: "6.txt", Body: "fine"},
			},
		},
		{
			name:  "bad front matter values and sidecar keys",
			files: map[string]string{"a.txt": "---\ntitle: T\nurl: not a url\n---\nx", "b.txt": "x", "b.meta.json": "{\n  \"titel\": \"T\"\n}"},
			args:  []string{"a.txt", "b.txt"},
			want: []result{
				{Err: `DIR/a.txt:3:6: front matter: url "not a url" is not an absolute URL; write it like https://example.org/news/1`},
				{Err: `DIR/b.meta.json:2:3: unknown key "titel"; the keys are title, url, published, language, source, license`},
			},
		},
		{
			name:  "stdin holding JSON Lines",
			args:  []string{"-"},
			stdin: "\n" + `{"id": "s1", "text": "One"}` + "\n" + `{"text": 2}` + "\n",
			want:  []result{{Path: "-", Line: 2, ID: "s1", Body: "One"}, {Err: `-:3:2: "text": want a string, got 2`}},
		},
		{
			name:  "stdin JSON Lines with a long first line",
			args:  []string{"-"},
			stdin: `{"text": "` + strings.Repeat("word ", 5000) + `"}`,
			want:  []result{{Path: "-", Line: 1, Body: strings.Repeat("word ", 5000)}},
		},
		{
			name:  "stdin text opening with a JSON-like line",
			args:  []string{"-"},
			stdin: "{\"title\": \"x\"}\nBody",
			want:  []result{{Path: "-", Body: "{\"title\": \"x\"}\nBody"}},
		},
		{
			name:  "a directory with no documents is an error, the other arguments are read",
			files: map[string]string{"notes/a.json": "{}", "notes/.hidden/b.txt": "x", "c.txt": "C"},
			args:  []string{"notes", "c.txt"},
			want:  []result{{Err: "DIR/notes: no *.txt or *.md files in this directory or below; give the folder that holds the documents, or name *.ndjson and *.jsonl files one by one"}, {Path: "c.txt", Body: "C"}},
		},
		{
			name:  "an empty JSON Lines file",
			files: map[string]string{"e.ndjson": "\n \n"},
			args:  []string{"e.ndjson"},
			want:  []result{{Err: `DIR/e.ndjson: no documents: the JSON Lines file is empty; write one JSON object with a "text" member per line`}},
		},
		{
			name:  "stdin and a missing path",
			args:  []string{"-", "missing.txt"},
			stdin: "From stdin",
			want:  []result{{Path: "-", Body: "From stdin"}, {Err: "DIR/missing.txt: no such file or directory; check the path"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, tt.files)
			var args []string
			for _, a := range tt.args {
				if a != input.Stdin {
					a = filepath.Join(dir, a)
				}
				args = append(args, a)
			}
			got := collect(t, args, tt.stdin)
			for i := range got {
				got[i].Err = strings.ReplaceAll(got[i].Err, dir, "DIR")
				got[i].Err = strings.ReplaceAll(got[i].Err, "DIR/./", "DIR/")
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("documents (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"\ufeffa\r\nb\rc\n", "a\nb\nc\n"},
		{"a\r\r\nb", "a\n\nb"},
		{"cafe\u0301", "cafe\u0301"}, // no Unicode normalization
	}
	for _, tt := range tests {
		if got := input.Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestReadNotText gives files that are valid UTF-8 byte for byte but not
// text: UTF-16 without its byte order mark (ASCII letters with a NUL
// beside each), all NUL bytes, a stray NUL; and UTF-16 with its mark.
// Each is refused with what it is; the other documents are read.
func TestReadNotText(t *testing.T) {
	utf16 := func(s string, big bool) string {
		var b strings.Builder
		for _, c := range s {
			if big {
				b.WriteByte(0)
			}
			b.WriteByte(byte(c))
			if !big {
				b.WriteByte(0)
			}
		}
		return b.String()
	}
	story := "Ministers met in Paris on Monday.\nThey agreed on a plan.\n"
	dir := writeTree(t, map[string]string{
		"a-le.txt":    utf16(story, false),
		"b-be.txt":    utf16(story, true),
		"c-nul.txt":   strings.Repeat("\x00", 4096),
		"d-stray.txt": "One line.\nTwo\x00 lines.\n",
		"e-bom.txt":   "\xff\xfe" + utf16(story, false),
		"f-good.txt":  story,
		"g.ndjson":    `{"id":"x","text":"a\u0000b"}` + "\n",
	})
	got := collect(t, []string{dir}, "")
	want := []result{
		{Err: filepath.Join(dir, "a-le.txt") + ":1:1: the file looks like UTF-16 without a byte order mark (a NUL byte beside most letters); save it as UTF-8"},
		{Err: filepath.Join(dir, "b-be.txt") + ":1:1: the file looks like UTF-16 without a byte order mark (a NUL byte beside most letters); save it as UTF-8"},
		{Err: filepath.Join(dir, "c-nul.txt") + ": the file holds nothing but 4096 NUL bytes, no text; a download or copy that failed leaves such files: get the document again"},
		{Err: filepath.Join(dir, "d-stray.txt") + ":2:4: a NUL byte, which no text holds; is this a binary file? Remove the NUL bytes or give the text itself"},
		{Err: filepath.Join(dir, "e-bom.txt") + ":1:1: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8"},
		{Path: "f-good.txt", Body: story},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	got = collect(t, []string{filepath.Join(dir, "g.ndjson")}, "")
	if len(got) != 1 || !strings.Contains(got[0].Err, `g.ndjson:1:11: "text" holds a NUL character (\u0000), which no text holds; remove it`) {
		t.Errorf("got %+v", got)
	}
}

// TestReadLongJSONLine puts a line longer than a document may be between
// two good ones: it is reported at its line, without being held in
// memory, and the line after it is still read.
func TestReadLongJSONLine(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "corpus.ndjson")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"id":"first","text":"One."}` + "\n" + `{"id":"long","text":"`)
	chunk := strings.Repeat("x", 1<<20)
	for range input.MaxDocument>>20 + 1 {
		f.WriteString(chunk)
	}
	f.WriteString(`"}` + "\r\n" + `{"id":"last","text":"Three."}` + "\n")
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	got := collect(t, []string{path}, "")
	want := []result{
		{Path: "corpus.ndjson", Line: 1, ID: "first", Body: "One."},
		{Err: path + ":2: line of 65 MiB, longer than the 64 MiB a document may have; split the document (the lines after it are read)"},
		{Path: "corpus.ndjson", Line: 3, ID: "last", Body: "Three."},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
