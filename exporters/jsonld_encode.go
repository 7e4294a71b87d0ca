package exporters

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// ldObject is a JSON object that keeps its keys in the order they were
// added: @id and @type first, then terms in schema order, which a reader of
// the file expects and a map would not give.
type ldObject []ldField

type ldField struct {
	key string
	val any
}

// add appends key unless val is absent (nil or an empty list): JSON-LD
// drops null values on expansion, so nothing absent is ever written.
func (o *ldObject) add(key string, val any) {
	if val == nil {
		return
	}
	if l, ok := val.([]any); ok && len(l) == 0 {
		return
	}
	*o = append(*o, ldField{key, val})
}

// ref is a node reference, always written {"@id": ...} so that its RDF does
// not depend on the context's type coercions.
func ref(iri string) ldObject { return ldObject{{"@id", iri}} }

// ldEncoder writes JSON values indented by two spaces, with keys in
// ldObject order and without HTML escaping (a headline with "&" stays
// readable).
type ldEncoder struct {
	buf bytes.Buffer
}

func newLDEncoder() *ldEncoder { return &ldEncoder{} }

// encode appends v to e.buf, its lines after the first indented by depth
// levels.
func (e *ldEncoder) encode(v any, depth int) error {
	switch v := v.(type) {
	case ldObject:
		return e.seq('{', '}', len(v), depth, func(i int) error {
			if err := e.string(v[i].key); err != nil {
				return err
			}
			e.buf.WriteString(": ")
			if err := e.encode(v[i].val, depth+1); err != nil {
				return fmt.Errorf("%s: %w", v[i].key, err)
			}
			return nil
		})
	case []any:
		return e.seq('[', ']', len(v), depth, func(i int) error { return e.encode(v[i], depth+1) })
	case string:
		return e.string(v)
	case json.Number:
		// Written as the record has it (2.50 stays 2.50), after checking
		// it is a JSON number at all.
		if _, err := strconv.ParseFloat(string(v), 64); err != nil || !json.Valid([]byte(v)) {
			return fmt.Errorf("invalid number %q", string(v))
		}
		e.buf.WriteString(string(v))
	case int:
		e.buf.WriteString(strconv.Itoa(v))
	case bool:
		e.buf.WriteString(strconv.FormatBool(v))
	default:
		return fmt.Errorf("cannot write %T as JSON-LD", v)
	}
	return nil
}

// string writes s as a JSON string the way encoding/json does with HTML
// escaping off: quotes, backslashes and control characters escaped, U+2028
// and U+2029 escaped for JavaScript, invalid UTF-8 replaced by U+FFFD. It
// is the writer's hot path, hence not json.Marshal.
func (e *ldEncoder) string(s string) error {
	const hex = "0123456789abcdef"
	b := &e.buf
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b.WriteString(s[start:i])
			switch c {
			case '"', '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			case '\b':
				b.WriteString(`\b`)
			case '\f':
				b.WriteString(`\f`)
			default:
				b.WriteString(`\u00`)
				b.WriteByte(hex[c>>4])
				b.WriteByte(hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString(s[start:i])
			b.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b.WriteString(s[start:i])
			b.WriteString(`\u202`)
			b.WriteByte(hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
	return nil
}

// seq writes n members or elements between open and close, one per line,
// by calling elem for each.
func (e *ldEncoder) seq(open, close byte, n, depth int, elem func(i int) error) error {
	e.buf.WriteByte(open)
	if n == 0 {
		e.buf.WriteByte(close)
		return nil
	}
	for i := range n {
		if i > 0 {
			e.buf.WriteByte(',')
		}
		e.newline(depth + 1)
		if err := elem(i); err != nil {
			return err
		}
	}
	e.newline(depth)
	e.buf.WriteByte(close)
	return nil
}

func (e *ldEncoder) newline(depth int) {
	e.buf.WriteByte('\n')
	for range depth {
		e.buf.WriteString("  ")
	}
}
