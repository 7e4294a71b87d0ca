package input

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/docset/docset/schema"
)

// jsonField is one member of a flat JSON object.
type jsonField struct {
	key string
	raw json.RawMessage
	off int // byte offset of the key in the object's text
}

// decodeObject reads one JSON object and nothing after it, keeping each
// member's raw value and where it is, so that a bad value can be reported
// at its place.
func decodeObject(data []byte) ([]jsonField, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, jsonErr(data, dec, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, &offsetError{off: 0, err: errors.New("want a JSON object {...}")}
	}
	var fields []jsonField
	for dec.More() {
		off := int(dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			return nil, jsonErr(data, dec, err)
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, jsonErr(data, dec, err)
		}
		fields = append(fields, jsonField{key: key, raw: raw, off: skipSpace(data, off)})
	}
	if _, err := dec.Token(); err != nil {
		return nil, jsonErr(data, dec, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &offsetError{off: int(dec.InputOffset()), err: errors.New("unexpected data after the JSON object")}
	}
	return fields, nil
}

// stringValue decodes a member that must be a string; null counts as absent.
func (f jsonField) stringValue() (string, error) {
	var s *string
	if err := json.Unmarshal(f.raw, &s); err != nil {
		return "", &offsetError{off: f.off, err: fmt.Errorf("%q: want a string, got %s", f.key, clipRaw(f.raw))}
	}
	if s == nil {
		return "", nil
	}
	return *s, nil
}

// offsetError is an error at a byte offset of the JSON text.
type offsetError struct {
	off int
	err error
}

func (e *offsetError) Error() string { return e.err.Error() }
func (e *offsetError) Unwrap() error { return e.err }

func jsonErr(data []byte, dec *json.Decoder, err error) error {
	off := int(dec.InputOffset())
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		off = int(syn.Offset)
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		err = errors.New("unexpected end of JSON")
		off = len(data)
	}
	return &offsetError{off: off, err: fmt.Errorf("invalid JSON: %w; correct the JSON at this place", err)}
}

func skipSpace(data []byte, off int) int {
	for off < len(data) && (data[off] == ' ' || data[off] == '\t' || data[off] == '\r' || data[off] == '\n' || data[off] == ',') {
		off++
	}
	return off
}

func clipRaw(raw []byte) string {
	if len(raw) > 40 {
		return string(raw[:37]) + "..."
	}
	return string(raw)
}

// metaFromJSON reads the metadata members of a JSON object into doc.Meta
// and passes every other member to other, which may reject it.
func metaFromJSON(doc *Document, fields []jsonField, other func(f jsonField) error) error {
	for _, f := range fields {
		if !isMetaKey(f.key) {
			if err := other(f); err != nil {
				return err
			}
			continue
		}
		v, err := f.stringValue()
		if err != nil {
			return err
		}
		if _, err := setMeta(&doc.Meta, f.key, v); err != nil {
			return &offsetError{off: f.off, err: err}
		}
	}
	return nil
}

func isMetaKey(key string) bool {
	known, _ := setMeta(&schema.Metadata{}, key, "")
	return known
}
