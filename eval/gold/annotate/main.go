// Command annotate builds gold files from hand-written annotation specs:
//
//	go run ./eval/gold/annotate [-review] SPEC...
//
// Each SPEC (see gold.ParseSpec) names a bulk-corpus article; its gold file
// is written to ../gold/<id>.json beside the spec's folder. With -review it
// also prints every annotation with its offset and the capitalised and
// date-like words left outside them, for the second reading.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/docset/docset/eval/gold"
	"github.com/docset/docset/internal/atomicfile"
	"github.com/docset/docset/internal/corpus"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "annotate:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("annotate", flag.ContinueOnError)
	review := fs.Bool("review", false, "print every annotation and the words left outside them")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("usage: annotate [-review] SPEC...")
	}
	root, err := corpus.Root()
	if err != nil {
		return err
	}
	bulk, err := corpus.LoadBulk(root)
	if err != nil {
		return err
	}
	for _, path := range fs.Args() {
		f, text, err := buildOne(path, bulk)
		if err != nil {
			return err
		}
		data, err := f.JSON()
		if err != nil {
			return err
		}
		dir := filepath.Join(filepath.Dir(filepath.Dir(path)), "gold")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		dst := filepath.Join(dir, f.Doc+".json")
		if err := atomicfile.WriteFile(dst, data, atomicfile.Options{}); err != nil {
			return err
		}
		fmt.Fprintf(out, "%s: %d mentions, %d quotes (%d other quote pairs), %d dates\n",
			f.Doc, len(f.Mentions), len(f.Quotes), len(f.NotQuotes), len(f.Dates))
		if *review {
			if err := gold.WriteReview(out, f, text); err != nil {
				return err
			}
		}
	}
	return nil
}

func buildOne(path string, bulk map[string]corpus.Doc) (*gold.File, string, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, "", err
	}
	defer fh.Close()
	spec, err := gold.ParseSpec(fh)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	d, ok := bulk[spec.Doc]
	if !ok {
		return nil, "", fmt.Errorf("%s: no bulk article with id %s", path, spec.Doc)
	}
	f, err := gold.Build(spec, d.Text, gold.SourceOf(d.Meta))
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	return f, d.Text, nil
}
