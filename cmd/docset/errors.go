package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"
)

// Exit codes, the same for every command; documented in --help and README.
const (
	ExitOK      = 0 // everything valid / done
	ExitInvalid = 1 // the input was read but something in it is invalid
	ExitError   = 2 // usage, I/O or schema error: the job could not be done
)

// FlagError is a usage error: wrong flags or arguments.
type FlagError struct {
	Err         error
	CommandPath string
}

func (e *FlagError) Error() string { return e.Err.Error() }
func (e *FlagError) Unwrap() error { return e.Err }

// SilentError carries an exit code after the command has already reported
// everything a person needs (e.g. validation findings); Main prints nothing.
type SilentError struct{ Code int }

func (e *SilentError) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

// ExitCode maps an error returned by a command to the process exit code.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var s *SilentError
	if errors.As(err, &s) {
		return s.Code
	}
	return ExitError
}

// outputFolderFlag refuses -o - : it reads as standard output, but the
// commands that take -o write a folder of files, and would otherwise make
// a folder named "-".
func outputFolderFlag(cmd *cobra.Command, dir string) error {
	if dir == "-" {
		return &FlagError{Err: errors.New("-o -: docset writes a folder of files here, not standard output; name a folder (./- if you mean one named -)"), CommandPath: cmd.CommandPath()}
	}
	return nil
}
