// Package iostreams owns the standard streams and whether they are
// terminals, so commands never touch os.Stdout directly and tests can use
// buffers.
package iostreams

import (
	"bytes"
	"io"
	"os"
)

// IOStreams are the streams a command reads and writes.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	// StderrTTY is true when ErrOut is a terminal: progress goes there only
	// then, so CI logs stay clean.
	StderrTTY bool
	// StdinTTY is true when In is a terminal (nothing piped in).
	StdinTTY bool
	// Quiet silences everything but errors (--quiet): no progress, no
	// summaries.
	Quiet bool
}

// System returns the process's streams.
func System() *IOStreams {
	return &IOStreams{
		In:        os.Stdin,
		Out:       os.Stdout,
		ErrOut:    os.Stderr,
		StderrTTY: isTerminal(os.Stderr),
		StdinTTY:  isTerminal(os.Stdin),
	}
}

// Test returns streams backed by buffers: stdin, stdout, stderr.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut}, in, out, errOut
}

func isTerminal(f *os.File) bool {
	// CI services set CI (to true, 1 or their name) and often give a
	// pseudo-terminal whose log keeps every redraw of a progress bar.
	if ci := os.Getenv("CI"); ci != "" && ci != "false" && ci != "0" {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
