package outputguard

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// LinkError is a path inside an output folder that is a symbolic link:
// writing there would write wherever the link points.
type LinkError struct {
	Path, Target string
}

func (e *LinkError) Error() string {
	return fmt.Sprintf("%s is a symbolic link (to %s); docset does not write through links inside its output folder: remove the link, or choose another folder with -o", filepath.ToSlash(e.Path), e.Target)
}

// NoLinks returns a *LinkError when rel (a slash path relative to dir) or
// any folder on the way to it inside dir is a symbolic link. dir itself
// may be one: it is the folder a person chose.
func NoLinks(dir string, rel ...string) error {
	for _, r := range rel {
		p := dir
		for _, part := range strings.Split(r, "/") {
			if part == "" || part == "." {
				continue
			}
			p = filepath.Join(p, part)
			fi, err := os.Lstat(p)
			if errors.Is(err, fs.ErrNotExist) {
				break
			}
			if err != nil {
				return err
			}
			if fi.Mode()&fs.ModeSymlink != 0 {
				target, _ := os.Readlink(p)
				return &LinkError{Path: p, Target: target}
			}
		}
	}
	return nil
}

// NoLinksIn returns a *LinkError for the first entry of dir whose name
// matches pattern (as *.json) and that is a symbolic link.
func NoLinksIn(dir, pattern string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	for _, e := range entries {
		if ok, _ := filepath.Match(pattern, e.Name()); ok && e.Type()&fs.ModeSymlink != 0 {
			return NoLinks(dir, e.Name())
		}
	}
	return nil
}
