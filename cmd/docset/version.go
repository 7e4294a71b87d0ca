package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/docset/docset/internal/buildinfo"
	"github.com/docset/docset/schema"
)

// versionLine is what `docset version` and `docset --version` print: the
// module version stamped by `go install` (or "devel") and the record schema
// this build writes.
func versionLine() string {
	return fmt.Sprintf("docset %s (record schema %s, %s)", buildinfo.Version(), schema.Version, schema.ID)
}

func newVersionCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the docset version and the record schema it writes",
		Long: `Print the docset version and the record schema it writes, the same line as
docset --version. The version is the module version the Go toolchain stamped
into the binary: v1.2.3 after 'go install github.com/docset/docset/cmd/docset@v1.2.3',
a pseudo-version after an install at a commit, "devel" for a build from a work
tree.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintln(f.IO.Out, versionLine())
			return err
		},
	}
}
