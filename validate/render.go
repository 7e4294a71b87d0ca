package validate

import (
	"fmt"
	"io"
	"strings"
)

// Renderer writes a whole report in one format. Output depends only on the
// report, so the same inputs give the same bytes whatever the parallelism.
type Renderer interface {
	Render(w io.Writer, r *Report) error
}

// Format is one output format: the --format value, a line for help and
// completion, and its renderer.
type Format struct {
	Name        string
	Description string
	Renderer    Renderer
}

// Formats lists the output formats; the first is the default.
func Formats() []Format {
	return []Format{
		{"text", "for people: file:line:col, rule, message and the source line", textRenderer{}},
		{"json", "machine-readable report (shape documented in package validate)", jsonRenderer{}},
		{"github", "GitHub Actions workflow commands: ::error annotations on the lines", githubRenderer{}},
		{"junit", "JUnit XML for CI test-report viewers: one testcase per file", junitRenderer{}},
		{"sarif", "SARIF 2.1.0 for GitHub code scanning and other SARIF viewers", sarifRenderer{}},
	}
}

// FormatNames lists the format names, default first.
func FormatNames() []string {
	var names []string
	for _, f := range Formats() {
		names = append(names, f.Name)
	}
	return names
}

// NewRenderer resolves a format name.
func NewRenderer(name string) (Renderer, error) {
	for _, f := range Formats() {
		if f.Name == name {
			return f.Renderer, nil
		}
	}
	return nil, fmt.Errorf("unknown format %q: use one of %s", name, strings.Join(FormatNames(), ", "))
}

// pointerText shows the whole-document pointer "" readably.
func pointerText(p string) string {
	if p == "" {
		return "(root)"
	}
	return p
}

// findingLine is the one-line form shared by the text and JUnit output.
func findingLine(f Finding) string {
	return fmt.Sprintf("%s:%d:%d: %s: %s: %s", f.File, f.Line, f.Column, f.Rule, pointerText(f.Pointer), f.Message)
}

func summaryLine(s Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %s", plural(s.Files, "file"), plural(s.Records, "record"))
	switch {
	case s.Findings == 0 && s.Errors == 0:
		b.WriteString(": all valid")
	default:
		fmt.Fprintf(&b, ": %d invalid, %s", s.InvalidRecords, plural(s.Findings, "finding"))
		if s.Errors > 0 {
			fmt.Fprintf(&b, ", %s", plural(s.Errors, "file error"))
		}
	}
	return b.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
