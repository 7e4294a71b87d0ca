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
	"sync"

	"github.com/docset/docset/internal/atomicfile"
)

// ManifestName is the manifest's file name inside the output folder.
const ManifestName = ".docset-outputs.json"

// Guard holds the manifest of one output folder.
type Guard struct {
	dir  string
	sums map[string]string // slash path relative to dir -> hex sha256
	// pending are the sums of files being put in place by Commit: a run
	// stopped halfway leaves each file as it was or as it was to be,
	// and both are docset's.
	pending map[string]string
	// records are the sums of the records the last export wrote, by id
	// (see RecordSum).
	records map[string]string
}

type manifest struct {
	Note    string            `json:"note"`
	Files   map[string]string `json:"files"`
	Pending map[string]string `json:"pending,omitempty"`
	Records map[string]string `json:"records,omitempty"`
}

// Open reads the manifest of dir; a missing manifest is an empty one.
func Open(dir string) (*Guard, error) {
	g := &Guard{dir: dir, sums: map[string]string{}, pending: map[string]string{}, records: map[string]string{}}
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
	for k, v := range m.Pending {
		g.pending[k] = v
	}
	for k, v := range m.Records {
		g.records[k] = v
	}
	return g, nil
}

// ChangedError lists existing outputs that docset did not write as they are.
type ChangedError struct {
	Dir   string
	Files []string // slash paths relative to Dir
	// Import, when set, is the command that brings a reviewer's
	// corrections in the changed files into the records.
	Import string
}

func (e *ChangedError) Error() string {
	it := them(e.Files, "it", "them")
	msg := fmt.Sprintf("%s: %s changed since docset wrote %s, or %s not written by docset", filepath.ToSlash(e.Dir), strings.Join(e.Files, ", "), it, them(e.Files, "was", "were"))
	if e.Import != "" {
		return msg + fmt.Sprintf(". If %s a reviewer's corrections, bring them into the records first: %s; then run again. Otherwise move %s away, export to another folder (-o), or use --force to replace %s", them(e.Files, "it holds", "they hold"), e.Import, it, it)
	}
	return msg + fmt.Sprintf("; move %s away, export to another folder (-o), or use --force to replace %s", it, it)
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
		if g.sums[f] != sum && g.pending[f] != sum {
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
		delete(g.pending, f)
	}
	return g.save()
}

func (g *Guard) save() error {
	if err := NoLinks(g.dir, ManifestName); err != nil {
		return err
	}
	data, err := json.MarshalIndent(manifest{
		Note:    "files docset wrote here, with their SHA-256; a file that no longer matches is not replaced without --force. records: the SHA-256 of each record the last export read, by id",
		Files:   g.sums,
		Pending: g.pending,
		Records: g.records,
	}, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(g.dir, ManifestName), append(data, '\n'), atomicfile.Options{})
}

// Commit moves the files (slash paths) written into staging, a folder
// inside the output folder, to their places in it, and records them and
// records, the sums of the records they were made from (RecordSum).
// Files missing from staging (a format that failed) are left as they
// were. Their sums are saved before the first one moves, so a run stopped
// at any point leaves outputs that the next one replaces without --force.
// Nothing is moved through a symbolic link.
func (g *Guard) Commit(staging string, files []string, records map[string]string) error {
	// What a stopped commit left pending is settled first: a file that
	// was moved in place is docset's as it is.
	for f, sum := range g.pending {
		if have, err := hashFile(filepath.Join(g.dir, filepath.FromSlash(f))); err == nil && have == sum {
			g.sums[f] = sum
		}
		delete(g.pending, f)
	}
	var moved []string
	for _, f := range files {
		sum, err := hashFile(filepath.Join(staging, filepath.FromSlash(f)))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if err := NoLinks(g.dir, f); err != nil {
			return err
		}
		g.pending[f] = sum
		moved = append(moved, f)
	}
	if records != nil {
		g.records = records
	}
	if err := g.save(); err != nil {
		return err
	}
	for _, f := range moved {
		to := filepath.Join(g.dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return fmt.Errorf("write %s: %w", filepath.ToSlash(to), err)
		}
		if err := os.Rename(filepath.Join(staging, filepath.FromSlash(f)), to); err != nil {
			return fmt.Errorf("write %s: %w", filepath.ToSlash(to), err)
		}
		g.sums[f] = g.pending[f]
		delete(g.pending, f)
	}
	return g.save()
}

// Sum returns the SHA-256, in hex, recorded for an output file (a slash
// path relative to the folder), as Record or Commit found it.
func (g *Guard) Sum(file string) (string, bool) {
	sum, ok := g.sums[file]
	return sum, ok
}

// RecordSum returns the SHA-256 that the last export recorded for the
// record with this id (see RecordSumOf): when the record's JSON still has
// it, the record has not changed since that export, and the export's
// files show it as it is.
func (g *Guard) RecordSum(id string) (string, bool) {
	sum, ok := g.records[id]
	return sum, ok
}

// SetRecordSum records that the record with this id now has sum, as
// after an import brought an export's corrections into it; saved by the
// next Record or Commit.
func (g *Guard) SetRecordSum(id, sum string) { g.records[id] = sum }

// RecordSumOf is the SHA-256 of a record decoded from JSON (with
// UseNumber): of its compact encoding, keys sorted, so that the layout of
// the file does not count.
func RecordSumOf(rec map[string]any) (string, error) {
	buf := canonicalBufs.Get().(*[]byte)
	defer canonicalBufs.Put(buf)
	data, ok := appendCanonical((*buf)[:0], rec)
	*buf = data
	if !ok {
		var err error
		if data, err = json.Marshal(rec); err != nil {
			return "", err
		}
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

// canonicalBufs recycles RecordSumOf's encodings.
var canonicalBufs = sync.Pool{New: func() any { return new([]byte) }}

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
