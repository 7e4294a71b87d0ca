package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/docset/docset/internal/buildinfo"
	"github.com/docset/docset/internal/iostreams"
)

// Factory carries what every command needs from the outside world, built in
// one place so tests can swap any of it.
type Factory struct {
	IO *iostreams.IOStreams
}

// Main runs docset with args and returns the process exit code. Only main
// calls os.Exit; everything below returns errors.
func Main(ctx context.Context, args []string, io *iostreams.IOStreams) int {
	f := &Factory{IO: io}
	cmd := NewRootCmd(f)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	var silent *SilentError
	if !errors.As(err, &silent) {
		fmt.Fprintf(io.ErrOut, "docset: %v\n", err)
		var flagErr *FlagError
		if errors.As(err, &flagErr) {
			fmt.Fprintf(io.ErrOut, "Run '%s --help' for usage.\n", flagErr.CommandPath)
		}
	}
	return ExitCode(err)
}

// NewRootCmd builds the docset command tree.
func NewRootCmd(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "docset",
		Short: "Turn news documents into a reviewed, schema-valid dataset",
		Long: `docset extracts plain-text news documents into JSON records (entities,
quotations, dates, quantities, paragraphs; every value with the character span
it came from), validates them against the record schema, and exports the
reviewed dataset as CSV, XLSX and JSON-LD.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Version:       buildinfo.Version(),
	}
	// The template is parsed; the line has no braces to escape.
	root.SetVersionTemplate(versionLine() + "\n")
	root.SetIn(f.IO.In)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &FlagError{Err: err, CommandPath: c.CommandPath()}
	})
	root.AddCommand(
		newVersionCmd(f),
		newSchemaCmd(f),
		newGenDocsCmd(f),
		newValidateCmd(f, nil),
		newExtractCmd(f, nil),
		newEvalCmd(f, nil),
		newExportCmd(f, nil),
		newRunCmd(f, nil),
		newImportCmd(f, nil),
	)
	// Cobra adds these lazily on Execute; adding them now makes the tree
	// the same for the generated reference as for a real run.
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	return root
}

// needPaths requires at least one PATH argument, saying what a PATH may be
// (cobra's own message only counts arguments).
func needPaths(_ *cobra.Command, args []string) error {
	if len(args) == 0 {
		return errors.New("no PATH given: name files or directories, or - for standard input")
	}
	return nil
}

// usageArgs wraps a cobra positional-argument validator so that its errors
// are usage errors (exit 2, with a hint to --help).
func usageArgs(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if err := v(c, args); err != nil {
			return &FlagError{Err: err, CommandPath: c.CommandPath()}
		}
		return nil
	}
}
