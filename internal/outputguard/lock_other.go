//go:build !unix

package outputguard

import (
	"errors"
	"os"
)

var errHeld = errors.New("held by another process")

// Without flock the lock file is taken by creating a second file that
// only one process can create; it stays behind when a process is killed,
// and the message names its pid.
func lockFile(f *os.File) error {
	g, err := os.OpenFile(f.Name()+".held", os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return errHeld
	}
	if err != nil {
		return err
	}
	return g.Close()
}

func unlockFile(f *os.File) error { return os.Remove(f.Name() + ".held") }
