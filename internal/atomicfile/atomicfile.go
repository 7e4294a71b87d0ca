// Package atomicfile writes files so that a reader never sees a partial
// file: content goes to a temporary file in the same directory, which is
// synced and renamed over the target only when complete.
package atomicfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Options tune a write.
type Options struct {
	// Perm is the mode of a newly created file (default 0o644).
	Perm os.FileMode
}

// WriteFile writes data to path atomically.
func WriteFile(path string, data []byte, opts Options) error {
	return WriteFunc(path, opts, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteFunc calls write with a temporary file next to path and renames it
// over path if write and the sync succeed; otherwise the temporary file is
// removed and path is left as it was.
func WriteFunc(path string, opts Options, write func(w io.Writer) error) (err error) {
	tmp, err := writeTemp(path, opts, write)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// writeTemp calls write with a new temporary file that is to replace path
// and gives the file its mode; on an error the file is removed.
func writeTemp(path string, opts Options, write func(w io.Writer) error) (_ *os.File, err error) {
	perm := opts.Perm
	if perm == 0 {
		perm = 0o644
	}
	tmp, err := createTemp(path)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Chmod(perm); err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return tmp, nil
}

// createTemp creates the temporary file that is to replace path: beside
// it, so that the rename stays within one file system, and hidden.
func createTemp(path string) (*os.File, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	return os.CreateTemp(dir, "."+base+".tmp-*")
}
