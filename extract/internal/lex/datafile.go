package lex

import (
	"bufio"
	"strings"
)

// DataLines returns the lines of an embedded word-list file that carry
// data: blank lines and lines starting with # (comments) are skipped, and a
// CR left by an editor on Windows is dropped.
func DataLines(data string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(data))
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return out
}
