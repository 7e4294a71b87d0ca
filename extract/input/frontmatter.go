package input

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/docset/docset/schema"
)

// splitFrontMatter separates a leading YAML front matter block (a first
// line "---", closed by a line "---" or "...") from the body. data has no
// BOM. It returns the YAML text, the line the YAML starts on (1-based), the
// body and whether there was a block. An opened but unclosed block is an
// error at line 1.
func splitFrontMatter(data []byte) (yamlText []byte, yamlLine int, body []byte, ok bool, err error) {
	first, _, found := bytes.Cut(data, []byte{'\n'})
	if !found || !isDelimiter(first, "---") {
		return nil, 0, data, false, nil
	}
	start := len(first) + 1
	for off := start; off < len(data); {
		line, next := data[off:], len(data)
		if nl := bytes.IndexByte(line, '\n'); nl >= 0 {
			line, next = line[:nl], off+nl+1
		}
		if isDelimiter(line, "---") || isDelimiter(line, "...") {
			return data[start:off], 2, data[next:], true, nil
		}
		off = next
	}
	return nil, 0, nil, false, &offsetLineError{line: 1, col: 1,
		err: errors.New("front matter opened by --- is not closed; end it with a line ---")}
}

func isDelimiter(line []byte, delim string) bool {
	return string(bytes.TrimRight(line, " \t\r")) == delim
}

// offsetLineError is an error at a line:col relative to the document.
type offsetLineError struct {
	line, col int
	err       error
}

func (e *offsetLineError) Error() string { return e.err.Error() }
func (e *offsetLineError) Unwrap() error { return e.err }

// yamlLine finds the line yaml.v3 names in its syntax errors, which carry
// the position only in their text.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// parseFrontMatter reads the metadata keys of a front matter block into m.
// Keys that are not metadata (tags, author, ...) are left alone, since front
// matter is often shared with site generators; a metadata key must have a
// plain value.
func parseFrontMatter(m *schema.Metadata, text []byte, firstLine int) error {
	var root yaml.Node
	if err := yaml.Unmarshal(text, &root); err != nil {
		line, msg := 0, err.Error()
		if sub := yamlLine.FindStringSubmatch(msg); sub != nil {
			line, _ = strconv.Atoi(sub[1])
			msg = msg[len(sub[0]):]
		}
		return &offsetLineError{line: firstLine + max(line, 1) - 1, err: fmt.Errorf("front matter: invalid YAML: %s; fix the block between the --- lines (quote a value that holds : [ { or #)", msg)}
	}
	if len(root.Content) == 0 {
		return nil
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return &offsetLineError{line: firstLine + doc.Line - 1, col: doc.Column,
			err: errors.New("front matter: want key: value lines")}
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		if !isMetaKey(k.Value) {
			continue
		}
		at := func(err error) error {
			return &offsetLineError{line: firstLine + v.Line - 1, col: v.Column, err: fmt.Errorf("front matter: %w", err)}
		}
		if v.Kind != yaml.ScalarNode {
			return at(fmt.Errorf("%s: want a plain value, not a list or map", k.Value))
		}
		if v.Tag == "!!null" {
			continue
		}
		if _, err := setMeta(m, k.Value, v.Value); err != nil {
			return at(err)
		}
	}
	return nil
}
