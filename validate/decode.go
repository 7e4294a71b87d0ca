package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth bounds nesting so hostile input cannot exhaust the stack.
const maxDepth = 1000

// Decode rules: the names findings carry for input that is not well-formed
// JSON, or well-formed JSON that docset refuses to guess about.
const (
	RuleSyntax       = "json-syntax"
	RuleEmpty        = "empty"
	RuleInvalidUTF8  = "invalid-utf8"
	RuleDuplicateKey = "duplicate-key"
	RuleNumberRange  = "number-range"
)

// decodeError stops decoding: the input is not JSON.
type decodeError struct {
	Offset  int    // byte offset in the decoded input
	Pointer string // of the value being read when decoding stopped
	Rule    string
	Msg     string
}

func (e *decodeError) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

// issue is a defect found in JSON that still decodes (duplicate keys,
// numbers out of range); decoding goes on so the rest is checked too.
type issue struct {
	Offset  int
	Pointer string
	Rule    string
	Msg     string
}

// pathElem is one step of the pointer to the value being decoded; kept as a
// stack so a pointer is only built when an issue needs one.
type pathElem struct {
	key string
	idx int
}

// decoder parses one JSON text into the values jsonschema validates
// (map[string]any, []any, string, json.Number, bool, nil) in a single pass,
// rejecting what encoding/json silently accepts: duplicate keys, invalid
// UTF-8 and numbers that overflow float64. A decoder is reused across
// documents by one goroutine.
type decoder struct {
	data []byte
	// text is data as one string: string values without escapes and
	// numbers are slices of it, one allocation per document instead of
	// one per value.
	text   string
	pos    int
	depth  int
	path   []pathElem
	issues []issue
	buf    []byte
	// items holds the elements of the arrays being decoded, so that each
	// array is allocated once at its final length.
	items []any
	// file is the buffer whole files are read into.
	file []byte
	// scratch is reused by the record checks, kept here because a decoder
	// already belongs to one goroutine.
	scratch checkScratch
}

func newDecoder() *decoder {
	return &decoder{}
}

// utf8BOM is tolerated at the start of a document and stripped: editors on
// Windows write it, and it carries no meaning in JSON.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decode parses data as exactly one JSON value. The returned issues are
// valid until the next call.
func (d *decoder) decode(data []byte) (any, []issue, error) {
	d.data, d.pos, d.depth = data, 0, 0
	d.text = string(data)
	d.path = d.path[:0]
	d.issues = d.issues[:0]
	clear(d.items) // left over when the last document failed
	d.items = d.items[:0]
	defer func() { d.text = "" }() // let the document go
	d.skipSpace()
	if d.pos == len(d.data) {
		return nil, nil, &decodeError{Offset: 0, Rule: RuleEmpty, Msg: "no JSON value: the input is empty or only whitespace; write a JSON document"}
	}
	v, err := d.value()
	if err != nil {
		return nil, nil, err
	}
	d.skipSpace()
	if d.pos < len(d.data) {
		return nil, nil, d.syntaxError("unexpected %s after the JSON value; one document holds one value (use .ndjson for one value per line)", d.describe())
	}
	return v, d.issues, nil
}

func (d *decoder) skipSpace() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

func (d *decoder) syntaxError(format string, args ...any) error {
	return &decodeError{Offset: d.pos, Pointer: d.pointer(), Rule: RuleSyntax, Msg: fmt.Sprintf(format, args...)}
}

// describe names the byte at the current position for error messages.
func (d *decoder) describe() string {
	if d.pos >= len(d.data) {
		return "end of input"
	}
	c := d.data[d.pos]
	if c < utf8.RuneSelf {
		return strconv.QuoteRune(rune(c))
	}
	r, _ := utf8.DecodeRune(d.data[d.pos:])
	switch r {
	case utf8.RuneError:
		return fmt.Sprintf("byte 0x%02x", c)
	case '\uFEFF':
		return "byte order mark U+FEFF (it may only open a file: remove it)"
	}
	return strconv.QuoteRune(r)
}

func (d *decoder) value() (any, error) {
	if d.pos >= len(d.data) {
		return nil, d.syntaxError("unexpected end of input: a value is missing or the document is cut short")
	}
	switch c := d.data[d.pos]; {
	case c == '{':
		return d.object()
	case c == '[':
		return d.array()
	case c == '"':
		s, err := d.str()
		return s, err
	case c == '-' || (c >= '0' && c <= '9'):
		return d.number()
	case c == 't':
		return true, d.literal("true")
	case c == 'f':
		return false, d.literal("false")
	case c == 'n':
		return nil, d.literal("null")
	case c >= utf8.RuneSelf && !validRuneAt(d.data, d.pos):
		return nil, d.utf8Error(d.pos)
	default:
		return nil, d.syntaxError("unexpected %s where a value should start", d.describe())
	}
}

func validRuneAt(b []byte, i int) bool {
	r, size := utf8.DecodeRune(b[i:])
	return !(r == utf8.RuneError && size <= 1)
}

func (d *decoder) utf8Error(off int) error {
	return &decodeError{Offset: off, Pointer: d.pointer(), Rule: RuleInvalidUTF8, Msg: fmt.Sprintf("invalid UTF-8 (byte 0x%02x at offset %d); save the file as UTF-8", d.data[off], off)}
}

func (d *decoder) literal(word string) error {
	if !bytes.HasPrefix(d.data[d.pos:], []byte(word)) {
		return d.syntaxError("unexpected %s; did you mean %s?", d.describe(), word)
	}
	d.pos += len(word)
	return nil
}

func (d *decoder) enter() error {
	d.depth++
	if d.depth > maxDepth {
		return d.syntaxError("nesting deeper than %d levels", maxDepth)
	}
	return nil
}

func (d *decoder) object() (any, error) {
	if err := d.enter(); err != nil {
		return nil, err
	}
	d.pos++ // '{'
	m := make(map[string]any, 8)
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		d.depth--
		return m, nil
	}
	for {
		d.skipSpace()
		if d.pos >= len(d.data) || d.data[d.pos] != '"' {
			return nil, d.syntaxError("unexpected %s where an object key (a double-quoted string) should be", d.describe())
		}
		keyOff := d.pos
		key, err := d.str()
		if err != nil {
			return nil, err
		}
		d.skipSpace()
		if d.pos >= len(d.data) || d.data[d.pos] != ':' {
			return nil, d.syntaxError("unexpected %s after object key %q; expected ':'", d.describe(), key)
		}
		d.pos++
		d.skipSpace()
		d.path = append(d.path, pathElem{key: key, idx: -1})
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		if _, dup := m[key]; dup {
			d.issues = append(d.issues, issue{
				Offset:  keyOff,
				Pointer: d.pointer(),
				Rule:    RuleDuplicateKey,
				Msg:     fmt.Sprintf("duplicate key %q: readers disagree on which value wins; keep one", key),
			})
		}
		d.path = d.path[:len(d.path)-1]
		m[key] = v
		d.skipSpace()
		if d.pos >= len(d.data) {
			return nil, d.syntaxError("unexpected end of input inside an object; expected ',' or '}'")
		}
		switch d.data[d.pos] {
		case ',':
			d.pos++
		case '}':
			d.pos++
			d.depth--
			return m, nil
		default:
			return nil, d.syntaxError("unexpected %s inside an object; expected ',' or '}'", d.describe())
		}
	}
}

func (d *decoder) array() (any, error) {
	if err := d.enter(); err != nil {
		return nil, err
	}
	d.pos++ // '['
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		d.pos++
		d.depth--
		return []any{}, nil
	}
	base := len(d.items)
	for {
		d.skipSpace()
		d.path = append(d.path, pathElem{idx: len(d.items) - base})
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		d.path = d.path[:len(d.path)-1]
		d.items = append(d.items, v)
		d.skipSpace()
		if d.pos >= len(d.data) {
			return nil, d.syntaxError("unexpected end of input inside an array; expected ',' or ']'")
		}
		switch d.data[d.pos] {
		case ',':
			d.pos++
		case ']':
			d.pos++
			d.depth--
			a := make([]any, len(d.items)-base)
			copy(a, d.items[base:])
			clear(d.items[base:]) // the scratch must not keep values alive
			d.items = d.items[:base]
			return a, nil
		default:
			return nil, d.syntaxError("unexpected %s inside an array; expected ',' or ']'", d.describe())
		}
	}
}

// str decodes a string value or object key: a slice of the document's
// text unless it has escapes.
func (d *decoder) str() (string, error) {
	raw, escaped, err := d.scanString()
	if err != nil {
		return "", err
	}
	if escaped {
		return d.unescape(raw)
	}
	return d.text[d.pos-len(raw)-1 : d.pos-1], nil
}

// scanString moves past a string and returns its raw contents (without
// quotes), checking UTF-8 and control characters on the way.
func (d *decoder) scanString() (raw []byte, escaped bool, err error) {
	start := d.pos + 1
	i := start
	for i < len(d.data) {
		c := d.data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return d.data[start:i], escaped, nil
		case c == '\\':
			escaped = true
			i += 2
		case c < 0x20:
			d.pos = i
			return nil, false, d.syntaxError("control character %s inside a string; escape it (e.g. \\n) or close the string", d.describe())
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(d.data[i:])
			if r == utf8.RuneError && size <= 1 {
				return nil, false, d.utf8Error(i)
			}
			i += size
		}
	}
	d.pos = len(d.data)
	return nil, false, d.syntaxError("unexpected end of input inside a string; close it with '\"'")
}

func (d *decoder) unescape(raw []byte) (string, error) {
	base := d.pos - len(raw) - 1 // offset of raw[0]
	b := d.buf[:0]
	for i := 0; i < len(raw); {
		c := raw[i]
		if c != '\\' {
			b = append(b, c)
			i++
			continue
		}
		if i+1 >= len(raw) {
			d.pos = base + i
			return "", d.syntaxError("unfinished escape at the end of a string")
		}
		switch e := raw[i+1]; e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := hex4(raw[i+2:])
			if !ok {
				d.pos = base + i
				return "", d.syntaxError("invalid \\u escape: it needs four hex digits")
			}
			i += 6
			if utf16.IsSurrogate(r) {
				if r2, ok := hex4(raw[min(i+2, len(raw)):]); ok && i+1 < len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						b = utf8.AppendRune(b, dec)
						i += 6
						continue
					}
				}
				r = utf8.RuneError // a lone surrogate, as encoding/json decodes it
			}
			b = utf8.AppendRune(b, r)
			continue
		default:
			d.pos = base + i
			return "", d.syntaxError("invalid escape '\\%c' in a string", e)
		}
		i += 2
	}
	d.buf = b
	return string(b), nil
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

func (d *decoder) number() (any, error) {
	start := d.pos
	i := d.pos
	digits := func() int {
		n := 0
		for i < len(d.data) && d.data[i] >= '0' && d.data[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if d.data[i] == '-' {
		i++
	}
	intStart := i
	if n := digits(); n == 0 {
		d.pos = i
		return nil, d.syntaxError("unexpected %s in a number; a digit must follow '-'", d.describe())
	} else if n > 1 && d.data[intStart] == '0' {
		d.pos = intStart
		return nil, d.syntaxError("number with a leading zero; JSON numbers are written without one")
	}
	exp := false
	if i < len(d.data) && d.data[i] == '.' {
		i++
		if digits() == 0 {
			d.pos = i
			return nil, d.syntaxError("unexpected %s in a number; a digit must follow '.'", d.describe())
		}
	}
	if i < len(d.data) && (d.data[i] == 'e' || d.data[i] == 'E') {
		exp = true
		i++
		if i < len(d.data) && (d.data[i] == '+' || d.data[i] == '-') {
			i++
		}
		if digits() == 0 {
			d.pos = i
			return nil, d.syntaxError("unexpected %s in a number's exponent; a digit must follow", d.describe())
		}
	}
	d.pos = i
	text := d.text[start:i]
	// Only an exponent or more than 308 digits can overflow float64.
	if exp || i-start > 308 {
		if _, err := strconv.ParseFloat(text, 64); errors.Is(err, strconv.ErrRange) {
			d.issues = append(d.issues, issue{
				Offset:  start,
				Pointer: d.pointer(),
				Rule:    RuleNumberRange,
				Msg:     fmt.Sprintf("number %s is too large for a 64-bit float (beyond ±1.8e308); most JSON readers turn it into infinity or fail: write it as a string or scale it", abbreviate(text, 40)),
			})
		}
	}
	return json.Number(text), nil
}

// pointer renders the current decoding path as a JSON Pointer.
func (d *decoder) pointer() string {
	var sb strings.Builder
	for _, e := range d.path {
		sb.WriteByte('/')
		if e.idx >= 0 {
			sb.WriteString(strconv.Itoa(e.idx))
		} else {
			sb.WriteString(escapeToken(e.key))
		}
	}
	return sb.String()
}

var tokenEscaper = strings.NewReplacer("~", "~0", "/", "~1")

func escapeToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return tokenEscaper.Replace(s)
}

func abbreviate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n/2] + "…" + s[len(s)-n/2:]
}
