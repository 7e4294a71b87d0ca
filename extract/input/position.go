package input

import (
	"bytes"
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
