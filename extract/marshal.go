package extract

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"unicode/utf8"

	"github.com/docset/docset/schema"
)

// Marshal encodes a record as docset writes it: 2-space indented JSON in
// schema field order, characters as they are (no HTML escaping), one
// trailing newline. The same record always gives the same bytes.
//
// The bytes are those of an encoding/json Encoder with SetEscapeHTML(false)
// laid out by json.Indent, written field by field without reflection:
// records are large, since every span repeats its text, and encoding was a
// good part of the cost of an extraction. marshal_test.go holds the two
// encodings equal, for every field of the schema types.
func Marshal(r *schema.Record) ([]byte, error) {
	return appendRecord(make([]byte, 0, encodedSizeHint(r)), r)
}

// appendRecord appends Marshal's bytes for r to buf.
func appendRecord(buf []byte, r *schema.Record) ([]byte, error) {
	w := recordWriter{b: buf}
	w.record(r)
	if w.err != nil {
		return nil, fmt.Errorf("encode record %s: %w", r.ID, w.err)
	}
	return append(w.b, '\n'), nil
}

// encodedSizeHint is a close upper estimate of the encoded size, so that
// the buffer is allocated once: the texts plus the layout of each item
// (indentation, names, numbers).
func encodedSizeHint(r *schema.Record) int {
	n := 1024 + 2*len(r.Text)
	for _, p := range r.Paragraphs {
		n += 160 + len(p.Text)
	}
	for _, s := range r.Sentences {
		n += 96 + len(s.Text)
	}
	for _, e := range r.Entities {
		n += 192 + 2*len(e.Name) + len(e.Subtype)
		for _, role := range e.Roles {
			n += 16 + len(role)
		}
		for _, m := range e.Mentions {
			n += 128 + len(m.Text)
		}
	}
	for _, q := range r.Quotes {
		n += 224 + len(q.Text)
	}
	for _, d := range r.Dates {
		n += 160 + len(d.Text)
	}
	for _, q := range r.Quantities {
		n += 192 + len(q.Text)
	}
	return n
}

// recordWriter appends the indented JSON of a record to b.
type recordWriter struct {
	b []byte
	// items counts the members written in each open object or array; its
	// length is the indentation depth.
	items []int
	err   error
}

func (w *recordWriter) open(c byte) {
	w.b = append(w.b, c)
	w.items = append(w.items, 0)
}

func (w *recordWriter) close(c byte) {
	n := w.items[len(w.items)-1]
	w.items = w.items[:len(w.items)-1]
	if n > 0 {
		w.newline()
	}
	w.b = append(w.b, c)
}

func (w *recordWriter) newline() {
	w.b = append(w.b, '\n')
	for n := 2 * len(w.items); n > 0; n -= len(spaces) {
		w.b = append(w.b, spaces[:min(n, len(spaces))]...)
	}
}

// spaces is indentation to copy from, enough for any record in one go.
const spaces = "                                "

// elem starts the next member of the innermost object or array.
func (w *recordWriter) elem() {
	k := len(w.items) - 1
	if w.items[k] > 0 {
		w.b = append(w.b, ',')
	}
	w.items[k]++
	w.newline()
}

// key starts an object member; names are plain ASCII and need no escaping.
func (w *recordWriter) key(name string) {
	w.elem()
	w.b = append(w.b, '"')
	w.b = append(w.b, name...)
	w.b = append(w.b, '"', ':', ' ')
}

func (w *recordWriter) str(name, s string) {
	w.key(name)
	w.b = appendString(w.b, s)
}

// strOmit writes an `omitempty` string member.
func (w *recordWriter) strOmit(name, s string) {
	if s != "" {
		w.str(name, s)
	}
}

func (w *recordWriter) strPtr(name string, s *string) {
	if s == nil {
		w.key(name)
		w.b = append(w.b, "null"...)
		return
	}
	w.str(name, *s)
}

func (w *recordWriter) int(name string, v int64) {
	w.key(name)
	w.b = strconv.AppendInt(w.b, v, 10)
}

// float writes v as encoding/json does: like ES6 number-to-string, with
// exponents unpadded.
func (w *recordWriter) float(name string, v float64) {
	w.key(name)
	if math.IsInf(v, 0) || math.IsNaN(v) {
		if w.err == nil {
			w.err = &json.UnsupportedValueError{Value: reflect.ValueOf(v), Str: strconv.FormatFloat(v, 'g', -1, 64)}
		}
		return
	}
	format := byte('f')
	if abs := math.Abs(v); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	w.b = strconv.AppendFloat(w.b, v, format, -1, 64)
	if format == 'e' {
		// e-09 becomes e-9
		n := len(w.b)
		if n >= 4 && w.b[n-4] == 'e' && w.b[n-3] == '-' && w.b[n-2] == '0' {
			w.b[n-2] = w.b[n-1]
			w.b = w.b[:n-1]
		}
	}
}

func (w *recordWriter) bool(name string, v bool) {
	w.key(name)
	w.b = strconv.AppendBool(w.b, v)
}

// list writes a slice member: null when nil, as encoding/json does.
func list[T any](w *recordWriter, name string, items []T, item func(*T)) {
	w.key(name)
	if items == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.open('[')
	for i := range items {
		w.elem()
		item(&items[i])
	}
	w.close(']')
}

func (w *recordWriter) record(r *schema.Record) {
	w.open('{')
	w.str("schema_version", r.SchemaVersion)
	w.str("id", r.ID)
	w.key("source")
	w.open('{')
	w.str("path", r.Source.Path)
	if r.Source.Line != 0 {
		w.int("line", int64(r.Source.Line))
	}
	w.str("sha256", r.Source.SHA256)
	w.int("bytes", r.Source.Bytes)
	w.close('}')
	if m := r.Metadata; m != nil {
		w.key("metadata")
		w.open('{')
		w.strOmit("title", m.Title)
		w.strOmit("url", m.URL)
		w.strOmit("published", m.Published)
		w.strOmit("language", m.Language)
		w.strOmit("source", m.Source)
		w.strOmit("license", m.License)
		w.close('}')
	}
	w.str("text", r.Text)
	list(w, "paragraphs", r.Paragraphs, func(p *schema.Paragraph) {
		w.open('{')
		w.item(p.ID, p.Start, p.End, p.Text)
		w.str("kind", p.Kind)
		w.close('}')
	})
	if len(r.Sentences) > 0 {
		list(w, "sentences", r.Sentences, w.span)
	}
	list(w, "entities", r.Entities, func(e *schema.Entity) {
		w.open('{')
		w.str("id", e.ID)
		w.str("name", e.Name)
		w.str("type", e.Type)
		w.strOmit("subtype", e.Subtype)
		if len(e.Roles) > 0 {
			list(w, "roles", e.Roles, func(s *string) { w.b = appendString(w.b, *s) })
		}
		list(w, "mentions", e.Mentions, w.span)
		w.close('}')
	})
	list(w, "quotes", r.Quotes, func(q *schema.Quote) {
		w.open('{')
		w.item(q.ID, q.Start, q.End, q.Text)
		w.strPtr("speaker", q.Speaker)
		w.strPtr("cue", q.Cue)
		w.bool("partial", q.Partial)
		w.close('}')
	})
	list(w, "dates", r.Dates, func(d *schema.Date) {
		w.open('{')
		w.item(d.ID, d.Start, d.End, d.Text)
		w.strPtr("value", d.Value)
		w.close('}')
	})
	list(w, "quantities", r.Quantities, func(q *schema.Quantity) {
		w.open('{')
		w.item(q.ID, q.Start, q.End, q.Text)
		w.float("value", q.Value)
		w.strPtr("unit", q.Unit)
		w.close('}')
	})
	w.key("review")
	w.open('{')
	w.str("status", r.Review.Status)
	w.strOmit("by", r.Review.By)
	w.strOmit("at", r.Review.At)
	w.strOmit("notes", r.Review.Notes)
	w.close('}')
	w.close('}')
}

// item writes the members every identified span starts with.
func (w *recordWriter) item(id string, start, end int, text string) {
	w.str("id", id)
	w.int("start", int64(start))
	w.int("end", int64(end))
	w.str("text", text)
}

func (w *recordWriter) span(s *schema.Span) {
	w.open('{')
	w.int("start", int64(s.Start))
	w.int("end", int64(s.End))
	w.str("text", s.Text)
	w.close('}')
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string the way encoding/json does with
// HTML escaping off: quote, backslash and control characters escaped,
// invalid UTF-8 replaced by \ufffd, U+2028 and U+2029 escaped. Runs of
// eight plain ASCII bytes, most of a news text, are passed over at once.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) && plainASCII8(s[i:i+8]) {
			i += 8
			continue
		}
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = appendEscape(dst, c)
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// plainASCII8 reports whether the eight bytes of b are all ASCII needing
// no escape: none is a control character, a quote, a backslash or above
// 0x7F. The tests on all eight at once are exact about whether any byte
// matches.
func plainASCII8(b string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	x := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
	quote, backslash := x^(ones*'"'), x^(ones*'\\')
	control := (x - ones*0x20) & ^x
	hasQuote := (quote - ones) & ^quote
	hasBackslash := (backslash - ones) & ^backslash
	return (x|control|hasQuote|hasBackslash)&highs == 0
}

// appendEscape appends the escape of an ASCII control character, quote or
// backslash.
func appendEscape(dst []byte, c byte) []byte {
	switch c {
	case '\\', '"':
		return append(dst, '\\', c)
	case '\b':
		return append(dst, '\\', 'b')
	case '\f':
		return append(dst, '\\', 'f')
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	return append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
}
