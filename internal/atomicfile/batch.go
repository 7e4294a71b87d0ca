package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
)

// Batch writes many files, each of them atomically, at a fraction of the
// cost of one sync per file: WriteFile puts the content under a temporary
// name beside the target; Commit syncs every pending file at once (the
// file system groups the syncs it is given together into few journal
// commits) and only then renames each over its target, and syncs the
// folders. A crash therefore never leaves a half-written file under a
// real name: before Commit's renames a target holds its previous content,
// after them the new content, which is on disk. What a crash can leave is
// temporary files (".NAME.tmp-*"), never read as records.
//
// A Batch commits by itself once it holds MaxFiles files or MaxBytes
// bytes, so memory and open files stay bounded: in the background, while
// the next files are written, one commit at a time. Commit ends with every
// file in place. It is not safe for concurrent use.
type Batch struct {
	// MaxFiles and MaxBytes bound what waits for a commit (0: 256 files,
	// 64 MiB).
	MaxFiles int
	MaxBytes int64
	pending  []pending
	bytes    int64
	// running is the commit under way in the background, if any; err is
	// the first error a background commit met.
	running chan struct{}
	err     error
}

type pending struct {
	tmp  *os.File
	path string
}

// syncers is how many syncs a commit has in flight at once.
const syncers = 16

// WriteFile writes data to a temporary file beside path, to be renamed
// over path by the next Commit.
func (b *Batch) WriteFile(path string, data []byte, opts Options) error {
	tmp, err := writeTemp(path, opts, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	if err != nil {
		return err
	}
	b.pending = append(b.pending, pending{tmp: tmp, path: path})
	b.bytes += int64(len(data))
	maxFiles, maxBytes := b.MaxFiles, b.MaxBytes
	if maxFiles <= 0 {
		maxFiles = 256
	}
	if maxBytes <= 0 {
		maxBytes = 64 << 20
	}
	if len(b.pending) >= maxFiles || b.bytes >= maxBytes {
		if err := b.wait(); err != nil {
			return err
		}
		files := b.pending
		b.pending, b.bytes = nil, 0
		done := make(chan struct{})
		b.running = done
		go func() {
			defer close(done)
			b.err = commit(files)
		}()
	}
	return nil
}

// wait waits for the background commit, if any, and returns its error.
func (b *Batch) wait() error {
	if b.running != nil {
		<-b.running
		b.running = nil
	}
	return b.err
}

// Commit puts every file written in place: it waits for the background
// commit, then syncs every pending file, renames each over its target and
// syncs their folders. On an error the files not yet renamed are removed
// and their targets left as they were.
func (b *Batch) Commit() error {
	if err := b.wait(); err != nil {
		b.Abort()
		return err
	}
	files := b.pending
	b.pending, b.bytes = nil, 0
	return commit(files)
}

// commit syncs files, then renames each over its target.
func commit(files []pending) error {
	if len(files) == 0 {
		return nil
	}
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(syncers, len(files)) {
		wg.Go(func() {
			for i := range next {
				if err := files[i].tmp.Sync(); err != nil {
					errs[i] = err
				}
				if err := files[i].tmp.Close(); err != nil && errs[i] == nil {
					errs[i] = err
				}
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		for _, f := range files {
			os.Remove(f.tmp.Name())
		}
		return fmt.Errorf("write %s and %d more: %w", files[0].path, len(files)-1, err)
	}
	dirs := map[string]bool{}
	for i, f := range files {
		if err := os.Rename(f.tmp.Name(), f.path); err != nil {
			for _, g := range files[i:] {
				os.Remove(g.tmp.Name())
			}
			return fmt.Errorf("write %s: %w", f.path, err)
		}
		dirs[filepath.Dir(f.path)] = true
	}
	// The renames are on disk once their folders are synced.
	for dir := range dirs {
		if err := syncDir(dir); err != nil {
			return fmt.Errorf("write %s: %w", dir, err)
		}
	}
	return nil
}

// Abort removes every pending file; their targets stay as they were. A
// commit under way in the background ends first.
func (b *Batch) Abort() {
	b.wait()
	for _, f := range b.pending {
		f.tmp.Close()
		os.Remove(f.tmp.Name())
	}
	b.pending, b.bytes = nil, 0
}

// syncDir syncs a folder, so that the names in it are on disk. Platforms
// that cannot sync a folder (Windows) make renames durable themselves.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, syscall.ENOTSUP) && runtime.GOOS != "windows" {
		return err
	}
	return nil
}
