package input

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func checkDocument(t *testing.T, doc *Document, err error) {
	t.Helper()
	if err != nil {
		var e *Error
		if !errors.As(err, &e) || e.Line < 0 || e.Col < 0 {
			t.Fatalf("error %v is not an *Error with a place", err)
		}
		return
	}
	if !utf8.ValidString(doc.Body) || strings.TrimSpace(doc.Body) == "" {
		t.Fatalf("body %q empty or not UTF-8", doc.Body)
	}
	if p := doc.Meta.Published; p != "" {
		if _, err := time.Parse(time.DateOnly, p); err != nil {
			t.Fatalf("published %q is not a date", p)
		}
	}
	if l := doc.Meta.Language; l != "" && !languageTag.MatchString(l) {
		t.Fatalf("language %q is not a tag", l)
	}
	if doc.ID != "" && !safeID.MatchString(doc.ID) {
		t.Fatalf("id %q is not safe", doc.ID)
	}
}

// FuzzTextDocument feeds arbitrary file contents, front matter included.
func FuzzTextDocument(f *testing.F) {
	for _, s := range []string{
		"plain text", "---\ntitle: T\npublished: 2019-01-02\n---\nBody", "\ufeff---\r\nurl: https://x.org\r\n...\r\nB",
		"---\n[a, b]\n---\nx", "---\ntitle: {a: b}\n---\n", "---\n", "--- \n: :\n---\nx", "\xff\xfe",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := textDocument("f.txt", "f.txt", data, nil)
		checkDocument(t, doc, err)
	})
}

// FuzzJSONLine feeds arbitrary JSON Lines lines and sidecar files.
func FuzzJSONLine(f *testing.F) {
	for _, s := range []string{
		`{"id": "a", "text": "x", "date": "2020-01-01", "url": "https://e.org/a"}`, `{"text": 1}`, `[]`, `{"text": "a"} {}`,
		`{"text": "a", "language": "en-GB", "x": [1, {"y": null}]}`, `{"title": null, "text": "\ud800"}`, `{`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		doc, err := jsonLineDocument(line)
		checkDocument(t, doc, atOffset("f.ndjson", line, 0, err))
		if quick, ok := quickJSONLine(line); ok {
			slow, err := memberJSONLine(line)
			if err != nil || !reflect.DeepEqual(quick, slow) {
				t.Fatalf("one-pass decoding %+v, member by member %+v (%v)", quick, slow, err)
			}
		}
		side, err := parseSidecar(line)
		if err == nil {
			side.Body = "x"
		}
		checkDocument(t, side, atOffset("f.meta.json", line, 0, err))
	})
}
