// Command docset turns plain-text news documents into a reviewed,
// schema-valid dataset and exports it as CSV, XLSX and JSON-LD.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/docset/docset/internal/iostreams"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := Main(ctx, os.Args[1:], iostreams.System())
	stop()
	os.Exit(code)
}
