package input

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"
)

// position converts a byte offset in data to a 1-based line and a 1-based
// column counted in characters, as editors show them.
func position(data []byte, off int) (line, col int) {
	if off > len(data) {
		off = len(data)
	}
	before := data[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	col = utf8.RuneCount(before[lineStart:]) + 1
	return line, col
}

// checkUTF8 returns an *Error at the first byte of data that is not UTF-8.
// lineBase is added to the line (for a document inside a bigger file).
func checkUTF8(path string, data []byte, lineBase int) error {
	if utf8.Valid(data) {
		return nil
	}
	off := 0
	for off < len(data) {
		r, n := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	line, col := position(data, off)
	return &Error{Path: path, Line: line + lineBase, Col: col,
		Err: fmt.Errorf("invalid UTF-8 (byte 0x%02x at byte offset %d); save the file as UTF-8", data[off], off)}
}

// checkText returns an *Error for the bytes of a text document that are
// not text: a UTF-16 file (with or without its byte order mark), NUL
// bytes, or bytes that are not UTF-8. A UTF-16 file of plain ASCII text
// is valid UTF-8 byte for byte, one NUL after each letter, and would
// give a record full of NULs.
func checkText(path string, data []byte) error {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return &Error{Path: path, Line: 1, Col: 1, Err: errors.New("the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8")}
	}
	nul := bytes.IndexByte(data, 0)
	if nul < 0 {
		return checkUTF8(path, data, 0)
	}
	if looksUTF16(data) {
		return &Error{Path: path, Line: 1, Col: 1, Err: errors.New("the file looks like UTF-16 without a byte order mark (a NUL byte beside most letters); save it as UTF-8")}
	}
	if len(bytes.Trim(data, "\x00")) == 0 {
		return &Error{Path: path, Err: fmt.Errorf("the file holds nothing but %d NUL bytes, no text; a download or copy that failed leaves such files: get the document again", len(data))}
	}
	if err := checkUTF8(path, data[:nul], 0); err != nil {
		return err
	}
	line, col := position(data, nul)
	return &Error{Path: path, Line: line, Col: col, Err: errors.New("a NUL byte, which no text holds; is this a binary file? Remove the NUL bytes or give the text itself")}
}

// looksUTF16 tells text in UTF-16 by its NUL bytes: in UTF-16 of a
// script written with Latin letters, one byte of most code units is NUL,
// always the even one (big-endian) or the odd one (little-endian).
func looksUTF16(data []byte) bool {
	sample := data[:min(len(data), 4096)]
	var nuls [2]int
	for i, b := range sample {
		if b == 0 {
			nuls[i%2]++
		}
	}
	half := len(sample) / 2
	return half > 0 && (nuls[0] > half/2 && nuls[1] < half/8 || nuls[1] > half/2 && nuls[0] < half/8)
}
