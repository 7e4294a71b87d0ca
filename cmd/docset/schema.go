package main

import (
	"github.com/spf13/cobra"

	"github.com/docset/docset/schema"
)

func newSchemaCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the record JSON Schema (Draft 2020-12)",
		Long: `Print the JSON Schema every docset record follows. It is the single source of
truth: the Go types, the CSV/XLSX columns and the JSON-LD mapping all follow it.
Save it to validate records with other tools: docset schema > record.schema.json`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := f.IO.Out.Write(schema.JSON())
			return err
		},
	}
}
