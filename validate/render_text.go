package validate

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// textRenderer writes one line per finding, compiler style, followed by
// the source line with a caret, then a summary line.
type textRenderer struct{}

func (textRenderer) Render(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	for _, f := range r.Files {
		if f.Err != nil {
			fmt.Fprintf(bw, "%s: error: %v\n", f.Path, f.Err)
		}
		for _, fd := range f.Findings {
			fmt.Fprintln(bw, findingLine(fd))
			if fd.Excerpt != "" {
				fmt.Fprintf(bw, "    %s\n    %s^\n", fd.Excerpt, strings.Repeat(" ", fd.Caret))
			}
		}
	}
	fmt.Fprintln(bw, summaryLine(r.Summary()))
	return bw.Flush()
}
