// Command gen writes the lexindex index of each knowledge file it is given
// beside it: data/words.txt gets data/words.idx.
//
// Usage (from a package's folder, through its go:generate line):
//
//	go run ../internal/lexindex/gen data/words.txt data/places.tsv
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/docset/docset/extract/internal/lexindex"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: gen FILE...")
		os.Exit(2)
	}
	for _, path := range os.Args[1:] {
		if err := write(path); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
	}
}

// write builds the index of the file at path and writes it as indexPath
// names it.
func write(path string) error {
	text, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	idx, err := lexindex.Build(string(text))
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return os.WriteFile(indexPath(path), idx, 0o644)
}

// indexPath is where the index of the file at path goes: the same name
// with the extension .idx.
func indexPath(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + ".idx"
}
