package validate

import (
	"bytes"
	"encoding/json"
	"slices"
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
	return locateAll(data, []string{ptr})[0]
}

// ptrNode is one step of the pointers locateAll looks for.
type ptrNode struct {
	kids   map[string]*ptrNode
	parent *ptrNode
	off    int
	found  bool
}

// locateAll is locate for many pointers in one pass over data: a document
// with thousands of findings costs one scan, not one per finding. Members
// on no pointer's path are skipped, not decoded.
func locateAll(data []byte, ptrs []string) []int {
	root := &ptrNode{}
	nodes := make([]*ptrNode, len(ptrs))
	for i, p := range ptrs {
		n := root
		if p != "" {
			for _, tok := range strings.Split(p[1:], "/") {
				tok = unescapeToken(tok)
				child := n.kids[tok]
				if child == nil {
					if n.kids == nil {
						n.kids = map[string]*ptrNode{}
					}
					child = &ptrNode{parent: n}
					n.kids[tok] = child
				}
				n = child
			}
		}
		nodes[i] = n
	}
	s := scanner{data: data}
	s.space()
	s.walk(root)
	offs := make([]int, len(ptrs))
	for i, n := range nodes {
		for !n.found && n.parent != nil {
			n = n.parent // the deepest value on the way that exists
		}
		offs[i] = n.off
	}
	return offs
}

// walk records the offset of the value at pos for n and moves past the
// value, descending into the members n has children for.
func (s *scanner) walk(n *ptrNode) {
	if n.found {
		n.forget() // a repeated key: the later value is the one checked
	}
	n.off, n.found = s.pos, true
	if len(n.kids) == 0 {
		s.skipValue()
		return
	}
	switch s.peek() {
	case '{':
		s.pos++
		for {
			s.space()
			if s.peek() != '"' {
				break
			}
			keyStart := s.pos
			s.skipString()
			key := s.data[keyStart:s.pos]
			s.space()
			s.pos++ // ':'
			s.space()
			if child := n.kids[keyText(key)]; child != nil {
				s.walk(child)
			} else {
				s.skipValue()
			}
			s.space()
			if s.peek() != ',' {
				break
			}
			s.pos++
		}
		s.pos++ // '}'
	case '[':
		s.pos++
		for i := 0; ; i++ {
			s.space()
			if s.peek() == ']' {
				break
			}
			if child := n.kids[strconv.Itoa(i)]; child != nil {
				s.walk(child)
			} else {
				s.skipValue()
			}
			s.space()
			if s.peek() != ',' {
				break
			}
			s.pos++
		}
		s.pos++ // ']'
	default:
		s.skipValue()
	}
}

// forget clears what was found below n.
func (n *ptrNode) forget() {
	for _, k := range n.kids {
		if k.found {
			k.found = false
			k.forget()
		}
	}
}

// keyText decodes a quoted key as written.
func keyText(quoted []byte) string {
	raw := quoted[1 : len(quoted)-1]
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw)
	}
	var k string
	if json.Unmarshal(quoted, &k) != nil {
		return string(raw)
	}
	return k
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
			if depth == 0 {
				return // the end of the enclosing value, not of this one
			}
			depth--
			if depth == 0 {
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
	lines, cols := positions(data, []int{off})
	return lines[0], cols[0]
}

// positions is position for many offsets in one pass over data.
func positions(data []byte, offs []int) (lines, cols []int) {
	order := make([]int, len(offs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return offs[a] - offs[b] })
	lines, cols = make([]int, len(offs)), make([]int, len(offs))
	line, lineStart, at, col := 1, 0, 0, 1
	for _, i := range order {
		off := min(max(offs[i], 0), len(data))
		for {
			nl := bytes.IndexByte(data[at:off], '\n')
			if nl < 0 {
				break
			}
			line++
			at += nl + 1
			lineStart, col = at, 1
		}
		if at < lineStart {
			at = lineStart
		}
		col += utf8.RuneCount(data[at:off])
		at = off
		lines[i], cols[i] = line, col
	}
	return lines, cols
}

// excerpt returns the line around off, cut to a window of about width code
// points, and the caret's code-point column within the returned text. The
// indentation is left out. It reads only the window (and the indentation
// before it), so a document on one long line costs no more.
func excerpt(data []byte, off, width int) (string, int) {
	off = min(max(off, 0), len(data))
	half := width / 2
	start := off
	for n := 0; start > 0 && data[start-1] != '\n' && n < half; n++ {
		_, size := utf8.DecodeLastRune(data[:start])
		start -= size
	}
	lineStart := start
	for lineStart > 0 && (data[lineStart-1] == ' ' || data[lineStart-1] == '\t') {
		lineStart--
	}
	cut := lineStart > 0 && data[lineStart-1] != '\n'
	if !cut {
		for start < off && (data[start] == ' ' || data[start] == '\t') {
			start++
		}
	}
	end := off
	for n := 0; end < len(data) && data[end] != '\n' && n < half; n++ {
		_, size := utf8.DecodeRune(data[end:])
		end += size
	}
	prefix, suffix := "", ""
	if cut {
		prefix = "…"
	}
	if end < len(data) && data[end] != '\n' && !(data[end] == '\r' && (end+1 == len(data) || data[end+1] == '\n')) {
		suffix = "…"
	}
	before := strings.ToValidUTF8(string(data[start:off]), "\uFFFD")
	after := strings.ToValidUTF8(strings.TrimRight(string(data[off:end]), "\r"), "\uFFFD")
	text := prefix + before + after + suffix
	caret := utf8.RuneCountInString(prefix) + utf8.RuneCountInString(before)
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
