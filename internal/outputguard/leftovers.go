package outputguard

import (
	"os"
	"path"
	"path/filepath"
)

// StagingName is the folder inside an output folder where an export
// writes its files before Commit moves them in place.
const StagingName = ".docset-staging"

// RemoveLeftovers removes from dir what earlier runs that were stopped
// left behind, and returns their names: the staging folder, spools, and
// the temporary file of an atomic write (.NAME.tmp-*) of each output
// (slash paths relative to dir; the name may be a pattern, as *.json).
// Call it holding dir's Lock: then no other process is writing them.
func RemoveLeftovers(dir string, outputs []string) ([]string, error) {
	patterns := []string{StagingName, ".docset-spool-*", ".xlsx-parts-*"}
	for _, o := range outputs {
		patterns = append(patterns, path.Join(path.Dir(o), "."+path.Base(o)+".tmp-*"))
	}
	var removed []string
	for _, p := range patterns {
		matches, err := filepath.Glob(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			return removed, err
		}
		for _, m := range matches {
			if err := os.RemoveAll(m); err != nil {
				return removed, err
			}
			rel, _ := filepath.Rel(dir, m)
			removed = append(removed, filepath.ToSlash(rel))
		}
	}
	return removed, nil
}
