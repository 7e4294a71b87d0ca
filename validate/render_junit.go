package validate

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// junitRenderer writes JUnit XML (the Ant/Surefire schema CI report
// viewers read): one testsuite, one testcase per file, a failure element
// listing the file's findings, an error element when it could not be read.
// A schema that cannot be used is one testcase, named for the schema, with
// an error element.
type junitRenderer struct{}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

func (junitRenderer) Render(w io.Writer, r *Report) error {
	suite := junitSuite{Name: "docset validate"}
	if se := r.Schema; se != nil {
		suite.Cases = append(suite.Cases, junitCase{Name: se.Path, Classname: "docset.validate",
			Error: &junitProblem{Message: se.Msg, Type: "schema-error", Body: se.Error()}})
		suite.Errors++
	}
	for _, f := range r.Files {
		c := junitCase{Name: f.Path, Classname: "docset.validate"}
		if f.Err != nil {
			c.Error = &junitProblem{Message: f.Err.Error(), Type: "error", Body: f.Path + ": " + f.Err.Error()}
			suite.Errors++
		}
		if len(f.Findings) > 0 {
			var body strings.Builder
			for _, fd := range f.Findings {
				body.WriteString(findingLine(fd))
				body.WriteByte('\n')
			}
			c.Failure = &junitProblem{
				Message: fmt.Sprintf("%s in %d of %s", plural(len(f.Findings), "finding"), f.Invalid, plural(f.Records, "record")),
				Type:    f.Findings[0].Rule,
				Body:    body.String(),
			}
			suite.Failures++
		}
		suite.Cases = append(suite.Cases, c)
	}
	suite.Tests = len(suite.Cases)
	out := junitSuites{Name: suite.Name, Tests: suite.Tests, Failures: suite.Failures, Errors: suite.Errors, Suites: []junitSuite{suite}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
