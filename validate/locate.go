package validate

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
)

// locate returns the byte offset in data of the value the JSON Pointer ptr
// names or, when part of the path is missing, of the deepest value on the
// way that exists. data must be well-formed JSON (it decoded already), so
// locating is a plain skip over the text: only documents with findings pay
// for it.
func locate(data []byte, ptr string) int {
	s := scanner{data: data}
	s.space()
	if ptr == "" {
		return s.pos
	}
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = unescapeToken(tok)
		start := s.pos
		if !s.child(tok) {
			return start
		}
	}
	return s.pos
}

func unescapeToken(t string) string {
	if !strings.Contains(t, "~") {
		return t
	}
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(t)
}

type scanner struct {
	data []byte
	pos  int
}

func (s *scanner) space() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

func (s *scanner) peek() byte {
	if s.pos < len(s.data) {
		return s.data[s.pos]
	}
	return 0
}

// child moves from the value at pos to its member tok; false leaves pos
// anywhere.
func (s *scanner) child(tok string) bool {
	switch s.peek() {
	case '{':
		s.pos++
		for {
			s.space()
			if s.peek() != '"' {
				return false
			}
			keyStart := s.pos
			s.skipString()
			key := s.data[keyStart:s.pos]
			s.space()
			s.pos++ // ':'
			s.space()
			if keyEquals(key, tok) {
				return true
			}
			s.skipValue()
			s.space()
			if s.peek() != ',' {
				return false
			}
			s.pos++
		}
	case '[':
		n, err := strconv.Atoi(tok)
		if err != nil || n < 0 {
			return false
		}
		s.pos++
		for i := 0; ; i++ {
			s.space()
			if s.peek() == ']' {
				return false
			}
			if i == n {
				return true
			}
			s.skipValue()
			s.space()
			if s.peek() != ',' {
				return false
			}
			s.pos++
		}
	}
	return false
}

// keyEquals compares a quoted key as written with a decoded token.
func keyEquals(quoted []byte, tok string) bool {
	raw := quoted[1 : len(quoted)-1]
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw) == tok
	}
	var k string
	return json.Unmarshal(quoted, &k) == nil && k == tok
}

func (s *scanner) skipString() {
	for s.pos++; s.pos < len(s.data); s.pos++ {
		switch s.data[s.pos] {
		case '\\':
			s.pos++
		case '"':
			s.pos++
			return
		}
	}
}

func (s *scanner) skipValue() {
	depth := 0
	for s.pos < len(s.data) {
		switch c := s.data[s.pos]; c {
		case '"':
			s.skipString()
			if depth == 0 {
				return
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth <= 0 {
				s.pos++
				return
			}
		case ',', ' ', '\t', '\n', '\r':
			if depth == 0 {
				return
			}
		}
		s.pos++
	}
}

// position turns a byte offset into a 1-based line and column; the column
// counts Unicode code points, as editors do.
func position(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	before := data[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}

// excerpt returns the line around off, cut to a window of about width code
// points, and the caret's code-point column within the returned text.
func excerpt(data []byte, off, width int) (string, int) {
	off = min(max(off, 0), len(data))
	lineStart := bytes.LastIndexByte(data[:off], '\n') + 1
	lineEnd := bytes.IndexByte(data[off:], '\n')
	if lineEnd < 0 {
		lineEnd = len(data)
	} else {
		lineEnd += off
	}
	before := []rune(strings.ToValidUTF8(string(data[lineStart:off]), "\uFFFD"))
	after := []rune(strings.ToValidUTF8(strings.TrimRight(string(data[off:lineEnd]), "\r"), "\uFFFD"))
	for len(before) > 0 && (before[0] == ' ' || before[0] == '\t') {
		before = before[1:]
	}
	prefix, suffix := "", ""
	if len(before) > width/2 {
		before = before[len(before)-width/2:]
		prefix = "…"
	}
	if len(after) > width/2 {
		after = after[:width/2]
		suffix = "…"
	}
	text := prefix + string(before) + string(after) + suffix
	caret := utf8.RuneCountInString(prefix) + len(before)
	// Tabs would put the caret under the wrong character.
	return strings.ReplaceAll(text, "\t", " "), caret
}

// tokenWidth returns the width in code points of the JSON token at off: a
// whole string, number or literal, or the bracket that opens an object or
// array, cut at the end of the line. It reads only the token, so a finding
// costs no more than its token in a long line.
func tokenWidth(data []byte, off int) int {
	if off < 0 || off >= len(data) {
		return 0
	}
	end := off + 1
	switch data[off] {
	case '{', '[', '}', ']', ',', ':', '\n', '\r':
	case '"':
	str:
		for ; end < len(data); end++ {
			switch data[end] {
			case '\\':
				if end+1 < len(data) && data[end+1] != '\n' {
					end++
				}
			case '"':
				end++
				break str
			case '\n':
				break str
			}
		}
	default:
	lit:
		for ; end < len(data); end++ {
			switch data[end] {
			case ',', ']', '}', ':', '"', ' ', '\t', '\n', '\r':
				break lit
			}
		}
	}
	return utf8.RuneCount(data[off:end])
}
