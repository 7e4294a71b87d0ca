package review

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/docset/docset/exporters"
	"github.com/docset/docset/internal/outputguard"
	"github.com/docset/docset/schema"
)

// sourceKind checks the source and tells what it is: "xlsx" or "csv", as
// from says or its name suggests.
func sourceKind(path, from string) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("source %s: no such file or directory; give the exported dataset.xlsx or the export folder", filepath.ToSlash(path))
		}
		return "", fmt.Errorf("source: %w", err)
	}
	if from == "" {
		switch {
		case st.IsDir():
			from = "csv"
		case strings.EqualFold(filepath.Ext(path), ".xlsx"):
			from = "xlsx"
		default:
			return "", fmt.Errorf("source %s: not a workbook (*.xlsx) or a folder of CSV files; say which with --from", filepath.ToSlash(path))
		}
	}
	switch {
	case from == "csv" && !st.IsDir():
		return "", fmt.Errorf("source %s: --from csv needs the export folder (holding csv/) or its csv folder", filepath.ToSlash(path))
	case from == "xlsx" && st.IsDir():
		return "", fmt.Errorf("source %s: --from xlsx needs the workbook file (dataset.xlsx), not a folder", filepath.ToSlash(path))
	}
	return from, nil
}

// readSource reads the source, of the kind sourceKind told, passing each
// row to emit.
func readSource(path, from string, l *schema.Layout, emit exporters.RowFunc) (*exporters.Tables, error) {
	if from == "csv" {
		return exporters.ReadCSV(path, l, emit)
	}
	return exporters.ReadXLSX(path, l, emit)
}

// exportDir is the export folder a source of the kind from lies in.
func exportDir(source, from string) string {
	if from == "xlsx" {
		return filepath.Dir(source)
	}
	if st, err := os.Stat(filepath.Join(source, "csv")); err == nil && st.IsDir() {
		return source
	}
	return filepath.Dir(source)
}

// lockFolders locks the records folder and, when it is an export folder
// (it has a manifest), the export folder; unlock lets go of both.
func lockFolders(records, export string) (unlock func(), err error) {
	var locks []*outputguard.Lock
	unlock = func() {
		for _, l := range locks {
			l.Release()
		}
	}
	dirs := []string{records}
	if _, err := os.Stat(filepath.Join(export, outputguard.ManifestName)); err == nil {
		if a, b := filepath.Clean(export), filepath.Clean(records); a != b {
			dirs = append(dirs, export)
		}
	}
	for _, d := range dirs {
		l, err := outputguard.Acquire(d)
		if err != nil {
			unlock()
			return nil, err
		}
		locks = append(locks, l)
	}
	return unlock, nil
}
