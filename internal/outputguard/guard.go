// Package outputguard keeps an export from overwriting output files that a
// person changed after docset wrote them: a reviewer may have corrected
// dataset.xlsx or a CSV by hand. It records the SHA-256 of every file an
// export writes in a manifest beside them; before the next export, a file
// whose content no longer matches (or that docset never wrote) is reported
// instead of replaced, unless the caller forces it.
package outputguard

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/docset/docset/internal/atomicfile"
)

// ManifestName is the manifest's file name inside the output folder.
const ManifestName = ".docset-outputs.json"

// Guard holds the manifest of one output folder.
type Guard struct {
	dir  string
	sums map[string]string // slash path relative to dir -> hex sha256
}

type manifest struct {
	Note  string            `json:"note"`
	Files map[string]string `json:"files"`
}

// Open reads the manifest of dir; a missing manifest is an empty one.
func Open(dir string) (*Guard, error) {
	g := &Guard{dir: dir, sums: map[string]string{}}
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return g, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read output manifest: %w", err)
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w; delete it to start over (then existing outputs need --force once)", filepath.Join(dir, ManifestName), err)
	}
	for k, v := range m.Files {
		g.sums[k] = v
	}
	return g, nil
}

// ChangedError lists existing outputs that docset did not write as they are.
type ChangedError struct {
	Dir   string
	Files []string // slash paths relative to Dir
}

func (e *ChangedError) Error() string {
	return fmt.Sprintf("%s: %s changed since docset wrote %s, or %s not written by docset; move %s away, export to another folder (-o), or use --force to replace %s",
		filepath.ToSlash(e.Dir), strings.Join(e.Files, ", "), them(e.Files, "it", "them"), them(e.Files, "was", "were"), them(e.Files, "it", "them"), them(e.Files, "it", "them"))
}

func them(files []string, one, many string) string {
	if len(files) == 1 {
		return one
	}
	return many
}

// Check returns a *ChangedError when any of the files (slash paths
// relative to the folder) exists with content the manifest does not know.
func (g *Guard) Check(files []string) error {
	var changed []string
	for _, f := range files {
		sum, err := hashFile(filepath.Join(g.dir, filepath.FromSlash(f)))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if g.sums[f] != sum {
			changed = append(changed, f)
		}
	}
	if len(changed) > 0 {
		sort.Strings(changed)
		return &ChangedError{Dir: g.dir, Files: changed}
	}
	return nil
}

// Record hashes the files as they are now and saves the manifest.
func (g *Guard) Record(files []string) error {
	for _, f := range files {
		sum, err := hashFile(filepath.Join(g.dir, filepath.FromSlash(f)))
		if errors.Is(err, fs.ErrNotExist) {
			delete(g.sums, f)
			continue
		}
		if err != nil {
			return err
		}
		g.sums[f] = sum
	}
	data, err := json.MarshalIndent(manifest{
		Note:  "files docset wrote here, with their SHA-256; a file that no longer matches is not replaced without --force",
		Files: g.sums,
	}, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(g.dir, ManifestName), append(data, '\n'), atomicfile.Options{})
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
