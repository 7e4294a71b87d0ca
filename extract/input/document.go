// Package input reads the documents docset extracts: text files (*.txt,
// *.md) with optional YAML front matter or a NAME.meta.json sidecar,
// directories of them, standard input, and JSON Lines files (*.ndjson,
// *.jsonl) holding one document per line.
//
// Documents are produced one at a time, in a fixed order (arguments in the
// order given, directories walked in lexical order, JSON Lines in line
// order), so a caller holds no more than it is working on. A bad document is
// reported as an *Error naming the file and the line:col in it; reading goes
// on with the next document.
package input

import (
	"errors"
	"fmt"

	"github.com/docset/docset/schema"
)

// Document is one document as read, before extraction.
type Document struct {
	// Path is where it was read from, relative to the input root (the
	// directory argument, or the directory of a file argument), with
	// forward slashes; "-" for standard input.
	Path string
	// Line is the document's line in a JSON Lines file, 0 otherwise.
	Line int
	// ID is the id the input gives the document (JSON Lines `id`), or "".
	ID string
	// Raw is the document's bytes as read: the whole file, front matter
	// included, or a JSON Lines document's `text` in UTF-8. Source hash and
	// size are computed from it.
	Raw []byte
	// Body is the text to extract: Raw without front matter, valid UTF-8,
	// normalized (see Normalize) for text files; JSON Lines text is as given
	// and the extractor normalizes it.
	Body string
	// Meta is the metadata read from front matter, a sidecar file or the
	// JSON Lines record; empty fields are unknown.
	Meta schema.Metadata
}

// Error is a bad document or an unreadable input, with the place in the
// file when known (Line and Col 1-based, 0 when not applicable).
type Error struct {
	Path string
	Line int
	Col  int
	Err  error
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %v", e.Path, e.Line, e.Col, e.Err)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	default:
		return fmt.Sprintf("%s: %v", e.Path, e.Err)
	}
}

func (e *Error) Unwrap() error { return e.Err }

// ErrEmpty is wrapped by the error for a document with no text.
var ErrEmpty = errors.New("empty document: no text to extract; add the text or remove the document")

// ErrNoText is wrapped by the error for a directory holding no documents.
var ErrNoText = errors.New("no *.txt or *.md files in this directory or below; give the folder that holds the documents, or name *.ndjson and *.jsonl files one by one")

// errorAt builds an *Error at a line:col, or returns err as it is when it is
// already one.
func errorAt(path string, line, col int, err error) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return &Error{Path: path, Line: line, Col: col, Err: err}
}
