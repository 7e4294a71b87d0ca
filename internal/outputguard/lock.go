package outputguard

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// LockName is the file an output folder is locked with.
const LockName = ".docset.lock"

// Lock is an output folder held by this process: two docset runs writing
// one folder would mix their outputs.
type Lock struct {
	f    *os.File
	path string
	// dir is the folder, when Acquire created it: Release removes it
	// again if nothing else was put there.
	dir string
}

// HeldError is an output folder another process holds.
type HeldError struct {
	Dir string
	PID int // 0 when unknown
}

func (e *HeldError) Error() string {
	who := "another docset process"
	if e.PID > 0 {
		who = fmt.Sprintf("another docset process (pid %d)", e.PID)
	}
	return fmt.Sprintf("%s: %s is writing to this folder; wait for it to finish, or write to another folder with -o", filepath.ToSlash(e.Dir), who)
}

// Acquire locks dir (created when missing) for this process, or returns
// a *HeldError naming the process that holds it. The lock goes with the
// process: a process that is killed leaves the folder unlocked.
func Acquire(dir string) (*Lock, error) {
	_, err := os.Stat(dir)
	created := errors.Is(err, fs.ErrNotExist)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w; -o must name a folder (it is created when missing)", err)
	}
	if err := NoLinks(dir, LockName); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, LockName)
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("lock %s: %w", filepath.ToSlash(dir), err)
		}
		if err := lockFile(f); err != nil {
			f.Close()
			if errors.Is(err, errHeld) {
				data, _ := os.ReadFile(path)
				pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
				return nil, &HeldError{Dir: dir, PID: pid}
			}
			return nil, fmt.Errorf("lock %s: %w", filepath.ToSlash(dir), err)
		}
		// The holder removes the file before it lets go: a lock taken on
		// a file no longer there is no lock, and is taken again.
		held, err1 := f.Stat()
		there, err2 := os.Stat(path)
		if err1 != nil || err2 != nil || !os.SameFile(held, there) {
			unlockFile(f)
			f.Close()
			continue
		}
		// Who holds it, for the message another process gives.
		if err := f.Truncate(0); err == nil {
			f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
		}
		l := &Lock{f: f, path: path}
		if created {
			l.dir = dir
		}
		return l, nil
	}
}

// Release removes the lock file and unlocks the folder.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	os.Remove(l.path)
	err := unlockFile(l.f)
	l.f.Close()
	l.f = nil
	if l.dir != "" {
		// A folder made for a run that wrote nothing goes again.
		os.Remove(l.dir)
	}
	return err
}
