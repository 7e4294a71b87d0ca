package exporters

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// appendRow appends one sheet row as SpreadsheetML, the bytes excelize's
// StreamWriter.SetRow writes for the same row of a sheet whose column i
// has style colStyles[i]: <row r="N" [ht]>, then per non-nil value a <c>
// with its reference, style (the value's own when it is a *excelize.Cell
// with one, else its column's), type and value. The workbook writer
// writes its data rows this way rather than through SetRow, which
// allocates for every cell and holds each sheet in a 16 MB buffer until
// the workbook is saved; TestAppendRowMatchesStreamWriter holds the two
// together on every kind of value the writer gives.
//
// The values are those sheetWriter.writeRow makes: nil, string, int64,
// float64, bool, or a *excelize.Cell holding one of them.
func appendRow(dst []byte, row int, values []any, colNames []string, colStyles []int, height float64) []byte {
	dst = append(dst, `<row r="`...)
	dst = strconv.AppendInt(dst, int64(row), 10)
	dst = append(dst, '"')
	if height > 0 {
		dst = append(dst, ` ht="`...)
		dst = strconv.AppendFloat(dst, height, 'f', -1, 64)
		dst = append(dst, `" customHeight="1"`...)
	}
	dst = append(dst, '>')
	for i, v := range values {
		if v == nil {
			continue
		}
		style := colStyles[i]
		if c, ok := v.(*excelize.Cell); ok {
			if c.StyleID > 0 {
				style = c.StyleID
			}
			v = c.Value
		}
		dst = append(dst, `<c r="`...)
		dst = append(dst, colNames[i]...)
		dst = strconv.AppendInt(dst, int64(row), 10)
		dst = append(dst, '"')
		if style != 0 {
			dst = append(dst, ` s="`...)
			dst = strconv.AppendInt(dst, int64(style), 10)
			dst = append(dst, '"')
		}
		switch v := v.(type) {
		case int64:
			dst = append(dst, `><v>`...)
			dst = strconv.AppendInt(dst, v, 10)
			dst = append(dst, `</v></c>`...)
		case float64:
			if math.IsNaN(v) || math.IsInf(v, 0) {
				dst = appendInlineStr(dst, strconv.FormatFloat(v, 'g', -1, 64))
				break
			}
			dst = append(dst, `><v>`...)
			dst = append(dst, formatCellFloat(v)...)
			dst = append(dst, `</v></c>`...)
		case bool:
			if v {
				dst = append(dst, ` t="b"><v>1</v></c>`...)
			} else {
				dst = append(dst, ` t="b"><v>0</v></c>`...)
			}
		case string:
			dst = appendInlineStr(dst, v)
		default:
			dst = appendInlineStr(dst, numberText(v))
		}
	}
	return append(dst, `</row>`...)
}

// appendInlineStr appends the rest of a text cell: its type and the text,
// escaped as excelize escapes it (XML escapes, line feeds kept, a space
// at either end preserved, literal _xHHHH_ escaped), but for text that
// XML cannot hold, which goes as escapes (appendBstr) instead of U+FFFD.
func appendInlineStr(dst []byte, s string) []byte {
	dst = append(dst, ` t="inlineStr"><is><t`...)
	if s != "" && (spaceByte(s[0]) || spaceByte(s[len(s)-1])) {
		dst = append(dst, ` xml:space="preserve"`...)
	}
	dst = append(dst, '>')
	if needsBstr(s) {
		dst = appendBstr(dst, s)
	} else if strings.Contains(s, "_x") {
		dst = append(dst, escapeBstr(string(appendXMLText(nil, s)))...)
	} else {
		dst = appendXMLText(dst, s)
	}
	return append(dst, `</t></is></c>`...)
}

func spaceByte(b byte) bool { return b == '\t' || b == '\n' || b == '\r' || b == ' ' }

// appendXMLText appends s escaped as encoding/xml.EscapeText escapes it,
// but for line feeds, which excelize turns back into themselves: &, <, >,
// both quotes, tab and carriage return as references, and bytes or code
// points XML cannot hold as U+FFFD.
func appendXMLText(dst []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\r':
			esc = "&#xD;"
		case '\n':
		default:
			if !xmlChar(r) || (r == utf8.RuneError && width == 1) {
				esc = "\uFFFD"
			}
		}
		if esc != "" {
			dst = append(dst, s[last:i]...)
			dst = append(dst, esc...)
			last = i + width
		}
		i += width
	}
	return append(dst, s[last:]...)
}

// xmlChar reports whether r may appear in XML (its Char production).
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

var (
	bstrRef     = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrRefTail = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// escapeBstr escapes text that reads as an OOXML character reference
// (_xHHHH_) so that it stays literal, as excelize does (bstrMarshal).
func escapeBstr(s string) string {
	matches, l, cursor := bstrRef.FindAllStringSubmatchIndex(s, -1), len(s), 0
	var b strings.Builder
	for _, match := range matches {
		b.WriteString(s[cursor:match[0]])
		sub := s[match[0]:match[1]]
		if sub == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrRefTail.MatchString(s[match[1]:match[1]+6]) {
				if _, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`); err == nil {
					b.WriteString(sub + "x005F" + sub)
					continue
				}
			}
			b.WriteString(sub + "x005F_")
			continue
		}
		cursor = match[1]
		if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
			b.WriteString("_x005F" + sub)
		}
	}
	if cursor < l {
		b.WriteString(s[cursor:])
	}
	return b.String()
}

// formatCellFloat formats a number as excelize does: as many digits as needed,
// cut to Excel's 15 significant digits.
func formatCellFloat(v float64) string {
	str := strconv.FormatFloat(v, 'f', -1, 64)
	if math.Abs(v) == math.MaxFloat64 {
		return str
	}
	const maxPrec = 15
	decimal := strings.IndexByte(str, '.')
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			return strings.TrimSuffix(str[:idx], ".")
		}
		if decimal < 0 {
			decimal = len(str)
		}
		truncated := []byte(str[:decimal])
		for ; idx < len(truncated); idx++ {
			truncated[idx] = '0'
		}
		return string(truncated)
	}
	return str
}
