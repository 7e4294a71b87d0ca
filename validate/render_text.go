package validate

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// textRenderer writes one line per finding, compiler style, followed by
// the source line with a caret, then a summary line. A schema that cannot
// be used is left to the command's error message on stderr, which is the
// text form of it.
type textRenderer struct{}

func (textRenderer) Render(w io.Writer, r *Report) error {
	if r.Schema != nil {
		return nil
	}
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
