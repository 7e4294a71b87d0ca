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
// name beside the target; Commit makes every pending file durable at once
// and only then renames each over its target, and syncs the folders. A
// crash therefore never leaves a half-written file under a real name:
// before Commit's renames a target holds its previous content, after them
// the new content, which is on disk. What a crash can leave is temporary
// files (".NAME.tmp-*"), never read as records.
//
// Where the platform can sync a whole file system and report the write
// errors met since a folder was opened (Linux 5.8 and later, on local disk
// file systems), a commit is one such sync per folder: the kernel writes
// each dirty block once, where a sync per file writes the blocks files
// share (inode tables, bitmaps) once per file. Elsewhere every pending
// file is synced on its own, many at a time, which the file system groups
// into few journal commits.
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
	// folders are the folders written to since the last Commit, opened
	// before their first file was written, so that a sync of their file
	// system reports any error met writing the files.
	folders map[string]*folder
	// running is the commit under way in the background, if any; err is
	// the first error a background commit met.
	running chan struct{}
	err     error
}

type pending struct {
	// tmp is the open temporary file, to be synced on its own; nil when
	// its folder's file system is synced whole (the file is closed).
	tmp  *os.File
	name string // the temporary file
	path string
	dir  *folder
}

// folder is a folder files are written to.
type folder struct {
	f *os.File
	// wholeFS: a sync of the folder's file system makes its files
	// durable and reports their write errors (syncFS).
	wholeFS bool
}

// syncers is how many syncs a commit has in flight at once.
const syncers = 16

// WriteFile writes data to a temporary file beside path, to be renamed
// over path by the next Commit.
func (b *Batch) WriteFile(path string, data []byte, opts Options) error {
	dir, err := b.folder(filepath.Dir(path))
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp, err := writeTemp(path, opts, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	if err != nil {
		return err
	}
	p := pending{tmp: tmp, name: tmp.Name(), path: path, dir: dir}
	if dir.wholeFS {
		// Nothing more is done through the file: its data is made
		// durable by the sync of its file system.
		p.tmp = nil
		if err := tmp.Close(); err != nil {
			os.Remove(p.name)
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	b.pending = append(b.pending, p)
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

// folder returns the folder dir, opened at its first use.
func (b *Batch) folder(dir string) (*folder, error) {
	if d := b.folders[dir]; d != nil {
		return d, nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if b.folders == nil {
		b.folders = map[string]*folder{}
	}
	d := &folder{f: f, wholeFS: canSyncFS(f)}
	b.folders[dir] = d
	return d, nil
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
// commit, then makes every pending file durable, renames each over its
// target and syncs their folders. On an error the files not yet renamed
// are removed and their targets left as they were.
func (b *Batch) Commit() error {
	if err := b.wait(); err != nil {
		b.Abort()
		return err
	}
	files := b.pending
	b.pending, b.bytes = nil, 0
	err := commit(files)
	b.closeFolders()
	return err
}

// commit makes files durable, then renames each over its target and syncs
// the folders.
func commit(files []pending) error {
	if len(files) == 0 {
		return nil
	}
	if err := syncAll(files); err != nil {
		for _, f := range files {
			os.Remove(f.name)
		}
		return fmt.Errorf("write %s and %d more: %w", files[0].path, len(files)-1, err)
	}
	var dirs []*folder
	for i, f := range files {
		if err := os.Rename(f.name, f.path); err != nil {
			for _, g := range files[i:] {
				os.Remove(g.name)
			}
			return fmt.Errorf("write %s: %w", f.path, err)
		}
		if !containsFolder(dirs, f.dir) {
			dirs = append(dirs, f.dir)
		}
	}
	// The renames are on disk once their folders are synced.
	for _, d := range dirs {
		if err := syncDir(d.f); err != nil {
			return fmt.Errorf("write %s: %w", d.f.Name(), err)
		}
	}
	return nil
}

// syncAll makes the content of files durable and closes them: a sync of
// each file system synced whole, then a sync of every other file, many at
// once.
func syncAll(files []pending) error {
	var errs []error
	var whole []*folder
	var each []int
	for i, f := range files {
		switch {
		case f.tmp != nil:
			each = append(each, i)
		case !containsFolder(whole, f.dir):
			whole = append(whole, f.dir)
		}
	}
	for _, d := range whole {
		if err := syncFS(d.f); err != nil {
			errs = append(errs, fmt.Errorf("sync the file system of %s: %w", d.f.Name(), err))
		}
	}
	if len(each) == 0 {
		return errors.Join(errs...)
	}
	fileErrs := make([]error, len(each))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(syncers, len(each)) {
		wg.Go(func() {
			for i := range next {
				f := files[each[i]].tmp
				if err := f.Sync(); err != nil {
					fileErrs[i] = err
				}
				if err := f.Close(); err != nil && fileErrs[i] == nil {
					fileErrs[i] = err
				}
			}
		})
	}
	for i := range each {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(append(errs, fileErrs...)...)
}

func containsFolder(dirs []*folder, d *folder) bool {
	for _, e := range dirs {
		if e == d {
			return true
		}
	}
	return false
}

// Abort removes every pending file; their targets stay as they were. A
// commit under way in the background ends first.
func (b *Batch) Abort() {
	b.wait()
	for _, f := range b.pending {
		if f.tmp != nil {
			f.tmp.Close()
		}
		os.Remove(f.name)
	}
	b.pending, b.bytes = nil, 0
	b.closeFolders()
}

// closeFolders closes the folders of the files committed; the next write
// opens its folder again.
func (b *Batch) closeFolders() {
	for _, d := range b.folders {
		d.f.Close()
	}
	b.folders = nil
}

// syncDir syncs a folder, so that the names in it are on disk. Platforms
// that cannot sync a folder (Windows) make renames durable themselves.
func syncDir(d *os.File) error {
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, syscall.ENOTSUP) && runtime.GOOS != "windows" {
		return err
	}
	return nil
}
