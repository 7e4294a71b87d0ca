package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// newGenDocsCmd writes the Markdown command reference. It is hidden: it
// serves `make docs`, and docs_test.go fails when docs/cli is stale.
func newGenDocsCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:    "gen-docs DIR",
		Short:  "Write the Markdown command reference into DIR",
		Hidden: true,
		Args:   usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := os.MkdirAll(args[0], 0o755); err != nil {
				return err
			}
			if err := genDocs(cmd.Root(), args[0]); err != nil {
				return err
			}
			_, err := fmt.Fprintf(f.IO.ErrOut, "wrote the command reference to %s\n", args[0])
			return err
		},
	}
}

func genDocs(root *cobra.Command, dir string) error {
	root.DisableAutoGenTag = true
	if err := doc.GenMarkdownTree(root, dir); err != nil {
		return fmt.Errorf("generate docs: %w", err)
	}
	return nil
}
