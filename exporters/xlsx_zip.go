package exporters

import (
	"archive/zip"
	"cmp"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
)

// orderedZip is the zip writer excelize saves through. excelize writes the
// parts of stream-written sheets first, ranging over a map (File.streams in
// File.writeToZip), so with several streamed sheets their order changes
// from run to run and identical datasets give different bytes. orderedZip
// spools the parts, compressed, to a temporary zip and, on Close, copies
// them still compressed into dst in a fixed order: [Content_Types].xml
// first (as Office writes it), then by name with numbers compared as
// numbers (sheet2 before sheet10).
//
// The spool keeps memory flat however large the sheets are; copying
// compressed entries costs little next to compressing them.
type orderedZip struct {
	dst   io.Writer
	dir   string
	spool *os.File
	zw    *zip.Writer
}

func newOrderedZip(dst io.Writer, dir string) *orderedZip {
	return &orderedZip{dst: dst, dir: dir}
}

func (z *orderedZip) Create(name string) (io.Writer, error) {
	if z.zw == nil {
		f, err := os.CreateTemp(z.dir, ".xlsx-parts-*")
		if err != nil {
			return nil, fmt.Errorf("spool workbook parts: %w", err)
		}
		z.spool, z.zw = f, zip.NewWriter(f)
	}
	// No modification time: the zero time keeps the bytes identical.
	return z.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
}

// AddFS is part of excelize's ZipWriter interface; excelize does not call
// it when saving.
func (z *orderedZip) AddFS(fsys fs.FS) error {
	return fmt.Errorf("orderedZip: AddFS is not supported")
}

// Close writes the ordered archive to dst and removes the spool.
func (z *orderedZip) Close() error {
	if z.zw == nil {
		return fmt.Errorf("orderedZip: no parts were written")
	}
	defer func() {
		z.spool.Close()
		os.Remove(z.spool.Name())
	}()
	if err := z.zw.Close(); err != nil {
		return err
	}
	size, err := z.spool.Seek(0, io.SeekEnd)
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(z.spool, size)
	if err != nil {
		return fmt.Errorf("reread workbook parts: %w", err)
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int { return comparePartNames(a.Name, b.Name) })
	out := zip.NewWriter(z.dst)
	for _, f := range files {
		r, err := f.OpenRaw()
		if err != nil {
			return err
		}
		w, err := out.CreateRaw(&f.FileHeader)
		if err != nil {
			return err
		}
		if _, err := io.Copy(w, r); err != nil {
			return err
		}
	}
	return out.Close()
}

// comparePartNames orders package parts: [Content_Types].xml first, then
// by name, runs of digits compared by value.
func comparePartNames(a, b string) int {
	const first = "[Content_Types].xml"
	switch {
	case a == b:
		return 0
	case a == first:
		return -1
	case b == first:
		return 1
	}
	for a != "" && b != "" {
		da, db := digitPrefix(a), digitPrefix(b)
		if da > 0 && db > 0 {
			na, _ := strconv.Atoi(a[:da])
			nb, _ := strconv.Atoi(b[:db])
			if c := cmp.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func digitPrefix(s string) int {
	return len(s) - len(strings.TrimLeft(s, "0123456789"))
}
