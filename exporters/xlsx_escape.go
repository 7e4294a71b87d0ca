package exporters

import (
	"fmt"
	"unicode/utf8"
)

// needsBstr tells text that XML cannot hold as it is: a control character
// (a form feed from a text file, an escape character) or U+FFFE, U+FFFF.
func needsBstr(s string) bool {
	for _, r := range s {
		if !xmlChar(r) {
			return true
		}
	}
	return false
}

// appendBstr appends s as SpreadsheetML writes text XML cannot hold
// (ST_Xstring): each such character as an _xHHHH_ escape, and every
// underscore as _x005F_, so that no escape runs into the text beside it
// and a literal "_x000B_" stays literal. Excel, LibreOffice and excelize
// read the text back as it was; excelize itself would write U+FFFD.
func appendBstr(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '_':
			dst = append(dst, "_x005F_"...)
		case !xmlChar(r):
			dst = fmt.Appendf(dst, "_x%04X_", r)
		default:
			dst = appendXMLText(dst, s[i:i+width])
		}
		i += width
	}
	return dst
}
