package exporters

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
)

// A record's part (Plan.EncodeRecord) is a run of sections, each a 4-byte
// little-endian length and that many bytes, so a writer takes out the
// piece it needs (one table's rows) without decoding the rest.

// beginSection reserves the length of a section about to be appended to
// dst and returns where it starts.
func beginSection(dst []byte) ([]byte, int) {
	return append(dst, 0, 0, 0, 0), len(dst)
}

// endSection fills in the length of the section that begins at start.
func endSection(dst []byte, start int) []byte {
	binary.LittleEndian.PutUint32(dst[start:], uint32(len(dst)-start-4))
	return dst
}

var errBadPart = errors.New("malformed record part")

// nextSection splits the first section off part.
func nextSection(part []byte) (sec, rest []byte, err error) {
	if len(part) < 4 {
		return nil, nil, errBadPart
	}
	n := binary.LittleEndian.Uint32(part)
	if uint64(n) > uint64(len(part)-4) {
		return nil, nil, errBadPart
	}
	return part[4 : 4+n], part[4+n:], nil
}

// Cell values as a part holds them: a tag, then for text and numbers a
// length and the bytes, for a float64 its 8 bytes.
const (
	cellNil byte = iota
	cellString
	cellNumber
	cellTrue
	cellFalse
	cellFloat
)

// appendCell appends one cell of schema.Table.Rows.
func appendCell(dst []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(dst, cellNil), nil
	case string:
		dst = binary.AppendUvarint(append(dst, cellString), uint64(len(v)))
		return append(dst, v...), nil
	case json.Number:
		dst = binary.AppendUvarint(append(dst, cellNumber), uint64(len(v)))
		return append(dst, v...), nil
	case bool:
		if v {
			return append(dst, cellTrue), nil
		}
		return append(dst, cellFalse), nil
	case float64:
		return binary.LittleEndian.AppendUint64(append(dst, cellFloat), math.Float64bits(v)), nil
	}
	return dst, fmt.Errorf("a %T is not a cell value", v)
}

// readCell reads back one cell appended by appendCell.
func readCell(b []byte) (any, []byte, error) {
	if len(b) == 0 {
		return nil, nil, errBadPart
	}
	tag, b := b[0], b[1:]
	switch tag {
	case cellNil:
		return nil, b, nil
	case cellTrue:
		return true, b, nil
	case cellFalse:
		return false, b, nil
	case cellFloat:
		if len(b) < 8 {
			return nil, nil, errBadPart
		}
		return math.Float64frombits(binary.LittleEndian.Uint64(b)), b[8:], nil
	case cellString, cellNumber:
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return nil, nil, errBadPart
		}
		s := string(b[k : k+int(n)])
		if tag == cellNumber {
			return json.Number(s), b[k+int(n):], nil
		}
		return s, b[k+int(n):], nil
	}
	return nil, nil, errBadPart
}

// appendString appends a length-prefixed string.
func appendString(dst []byte, s string) []byte {
	return append(binary.AppendUvarint(dst, uint64(len(s))), s...)
}

// readString reads back a string appended by appendString.
func readString(b []byte) (string, []byte, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return "", nil, errBadPart
	}
	return string(b[k : k+int(n)]), b[k+int(n):], nil
}

// readUvarint reads an unsigned varint.
func readUvarint(b []byte) (uint64, []byte, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 {
		return 0, nil, errBadPart
	}
	return n, b[k:], nil
}
