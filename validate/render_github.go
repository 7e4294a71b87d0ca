package validate

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// githubRenderer writes GitHub Actions workflow commands, so findings show
// as annotations on the lines of the pull request diff.
type githubRenderer struct{}

// Escaping follows the runner's rules for workflow commands: data escapes
// % CR LF; property values also escape : and , which delimit properties.
var (
	ghData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func (githubRenderer) Render(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	if r.Schema != nil {
		fmt.Fprintf(bw, "::error file=%s,title=%s::%s\n", ghProperty.Replace(r.Schema.Path),
			ghProperty.Replace("docset validate: schema cannot be used"), ghData.Replace(r.Schema.Msg))
		return bw.Flush()
	}
	for _, f := range r.Files {
		if f.Err != nil {
			fmt.Fprintf(bw, "::error file=%s,title=%s::%s\n", ghProperty.Replace(f.Path),
				ghProperty.Replace("docset validate: cannot read"), ghData.Replace(f.Err.Error()))
		}
		for _, fd := range f.Findings {
			fmt.Fprintf(bw, "::error file=%s,line=%d,col=%d,title=%s::%s\n",
				ghProperty.Replace(fd.File), fd.Line, fd.Column,
				ghProperty.Replace("docset validate: "+fd.Rule),
				ghData.Replace(pointerText(fd.Pointer)+": "+fd.Message))
		}
	}
	fmt.Fprintln(bw, summaryLine(r.Summary()))
	return bw.Flush()
}
