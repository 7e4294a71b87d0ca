//go:build !linux

package atomicfile

import (
	"errors"
	"os"
)

// canSyncFS: no file system is synced whole here; each file is synced on
// its own.
func canSyncFS(*os.File) bool { return false }

func syncFS(*os.File) error { return errors.ErrUnsupported }
