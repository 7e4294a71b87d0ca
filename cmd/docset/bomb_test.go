package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"os"
	"strings"
	"testing"
)

// bombPart is a workbook part made of a prefix, a chunk repeated count
// times and a suffix. It is compressed once per piece, so a part of
// gigabytes takes a few kilobytes and no time to make: this is how zip
// bombs are built.
type bombPart struct {
	name           string
	prefix, suffix string
	chunk          string
	count          int
	// declare, when set, is the uncompressed size the zip claims,
	// whatever the real one.
	declare uint64
}

func (p bombPart) size() uint64 {
	return uint64(len(p.prefix) + len(p.chunk)*p.count + len(p.suffix))
}

// deflated compresses s as a stream of non-final blocks that may be
// followed by others.
func deflated(t testing.TB, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// write adds the part to zw.
func (p bombPart) write(t testing.TB, zw *zip.Writer) {
	t.Helper()
	// The chunk is repeated in pieces of a MiB or so, which compress well
	// and cost little to repeat; the rest of the count goes last.
	per := max(1, (1<<20)/max(1, len(p.chunk)))
	piece := strings.Repeat(p.chunk, min(per, p.count))
	full, rest := 0, p.count
	if per <= p.count {
		full, rest = p.count/per, p.count%per
	}
	var data bytes.Buffer
	data.Write(deflated(t, p.prefix))
	dp := deflated(t, piece)
	for range full {
		data.Write(dp)
	}
	tail := strings.Repeat(p.chunk, rest) + p.suffix
	data.Write(deflated(t, tail))
	data.Write([]byte{0x03, 0x00}) // an empty final block
	crc := crc32.ChecksumIEEE([]byte(p.prefix))
	for range full {
		crc = crc32.Update(crc, crc32.IEEETable, []byte(piece))
	}
	crc = crc32.Update(crc, crc32.IEEETable, []byte(tail))
	size := p.size()
	if p.declare > 0 {
		size = p.declare
	}
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: p.name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(data.Len()), UncompressedSize64: size,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data.Bytes()); err != nil {
		t.Fatal(err)
	}
}

// withParts copies the workbook at src to dst with the named parts
// replaced (or added).
func withParts(t testing.TB, src, dst string, parts ...bombPart) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	zw := zip.NewWriter(out)
	replaced := map[string]bool{}
	for _, f := range zr.File {
		for _, p := range parts {
			if p.name == f.Name {
				p.write(t, zw)
				replaced[p.name] = true
			}
		}
		if replaced[f.Name] {
			continue
		}
		r, err := f.OpenRaw()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.CreateRaw(&f.FileHeader)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, r); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range parts {
		if !replaced[p.name] {
			p.write(t, zw)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}
