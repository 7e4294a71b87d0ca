package exporters

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// orderedZip is the zip writer excelize saves through. excelize writes the
// parts of stream-written sheets first, ranging over a map (File.streams in
// File.writeToZip), so with several streamed sheets their order changes
// from run to run and identical datasets give different bytes. orderedZip
// spools the parts, compressed, to temporary zips and, on Close, copies
// them still compressed into dst in a fixed order: [Content_Types].xml
// first (as Office writes it), then by name with numbers compared as
// numbers (sheet2 before sheet10).
//
// It also completes the stream-written sheets as their parts pass
// through (see sheetData): their rows, which the workbook writer keeps
// out of excelize, and their hyperlinks (excelize's SetCellHyperLink scans
// every link and relationship of the sheet on each call, which takes
// minutes for the 65,530 links a sheet may hold). Each such sheet, most of
// the workbook's bytes, is compressed on a goroutine of its own, so the
// sheets are compressed side by side; the bytes are those of one
// compression after another.
//
// The spools keep memory flat however large the sheets are; copying
// compressed entries costs little next to compressing them.
type orderedZip struct {
	dst io.Writer
	dir string
	// spool and zw hold the small parts, compressed as they come.
	spool *os.File
	zw    *zip.Writer
	// sheets are what to add to stream-written sheet parts, by part name.
	sheets map[string]*sheetData
	// open is the part being written when it needs finishing touches.
	open interface{ finish() error }
	// relsSeen records the linked sheets whose relationships part passed.
	relsSeen map[string]bool
	// sheetZips are the sheet parts, each compressed into a zip of its
	// own by a goroutine; slots bounds how many compress at once.
	wg        sync.WaitGroup
	slots     chan struct{}
	mu        sync.Mutex
	sheetZips []*os.File
	sheetErr  error
}

// sheetData is what a stream-written sheet part lacks as excelize writes
// it: the rows below its header, as SpreadsheetML, inserted before
// </sheetData>, and its hyperlinks.
type sheetData struct {
	rows  *os.File
	links []sheetLink
}

// sheetLink is a hyperlink from a cell to an external address.
type sheetLink struct {
	ref, target string
}

func newOrderedZip(dst io.Writer, dir string, sheets map[string]*sheetData) *orderedZip {
	return &orderedZip{dst: dst, dir: dir, sheets: sheets, relsSeen: map[string]bool{},
		slots: make(chan struct{}, runtime.GOMAXPROCS(0))}
}

func (z *orderedZip) Create(name string) (io.Writer, error) {
	if err := z.finishOpen(); err != nil {
		return nil, err
	}
	if sd := z.sheets[name]; sd != nil {
		sp := &sheetPart{z: z, name: name, data: sd}
		z.open = sp
		return sp, nil
	}
	if z.zw == nil {
		f, err := os.CreateTemp(z.dir, ".xlsx-parts-*")
		if err != nil {
			return nil, fmt.Errorf("spool workbook parts: %w", err)
		}
		z.spool, z.zw = f, zip.NewWriter(f)
	}
	// No modification time: the zero time keeps the bytes identical.
	w, err := z.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
	if err != nil {
		return nil, err
	}
	if sheet, ok := relsSheet(name); ok && z.sheets[sheet] != nil && len(z.sheets[sheet].links) > 0 {
		z.relsSeen[sheet] = true
		lr := &linkedRels{w: w, links: z.sheets[sheet].links}
		z.open = lr
		return lr, nil
	}
	return w, nil
}

func (z *orderedZip) finishOpen() error {
	if z.open == nil {
		return nil
	}
	err := z.open.finish()
	z.open = nil
	return err
}

// relsSheet returns the sheet part whose relationships part name is.
func relsSheet(name string) (string, bool) {
	dir, base := path.Split(name)
	if !strings.HasSuffix(dir, "/_rels/") || !strings.HasSuffix(base, ".rels") {
		return "", false
	}
	return strings.TrimSuffix(dir, "_rels/") + strings.TrimSuffix(base, ".rels"), true
}

// linkID is the relationship id of a sheet's i-th link; the prefix keeps
// it apart from the rId<n> ids excelize gives.
func linkID(i int) string { return "rIdLink" + strconv.Itoa(i+1) }

// sheetDataEnd ends the rows of a sheet part; cell text cannot hold it, as
// "<" is escaped.
var sheetDataEnd = []byte("</sheetData>")

// afterHyperlinks are the worksheet children that follow <hyperlinks>, in
// the schema's order (CT_Worksheet), and the end of the worksheet.
var afterHyperlinks = []string{"<printOptions", "<pageMargins", "<pageSetup", "<headerFooter", "<rowBreaks",
	"<colBreaks", "<customProperties", "<cellWatches", "<ignoredErrors", "<smartTags", "<drawing",
	"<legacyDrawing", "<legacyDrawingHF", "<drawingHF", "<picture", "<oleObjects", "<controls",
	"<webPublishItems", "<tableParts", "<extLst", "</worksheet>"}

// sheetPart takes a stream-written sheet part as excelize writes it (its
// header row, then what follows the rows: a few KB) and, when done, has
// it compressed whole, rows and links added, on a goroutine of its own.
type sheetPart struct {
	z    *orderedZip
	name string
	data *sheetData
	buf  bytes.Buffer
}

func (p *sheetPart) Write(b []byte) (int, error) { return p.buf.Write(b) }

func (p *sheetPart) finish() error {
	part := p.buf.Bytes()
	end := bytes.LastIndex(part, sheetDataEnd)
	if end < 0 {
		return fmt.Errorf("add rows: the sheet part %s has no %s", p.name, sheetDataEnd)
	}
	head, tail := part[:end], addLinks(part[end:], p.data.links)
	z := p.z
	z.wg.Add(1)
	go func() {
		defer z.wg.Done()
		z.slots <- struct{}{}
		defer func() { <-z.slots }()
		f, err := z.compressSheet(p.name, head, p.data.rows, tail)
		z.mu.Lock()
		defer z.mu.Unlock()
		if f != nil {
			z.sheetZips = append(z.sheetZips, f)
		}
		if err != nil && z.sheetErr == nil {
			z.sheetErr = err
		}
	}()
	return nil
}

// compressSheet writes the part name, made of head, the rows and tail,
// as the one entry of a temporary zip.
func (z *orderedZip) compressSheet(name string, head []byte, rows *os.File, tail []byte) (*os.File, error) {
	f, err := os.CreateTemp(z.dir, ".xlsx-sheet-*")
	if err != nil {
		return nil, fmt.Errorf("spool workbook parts: %w", err)
	}
	zw := zip.NewWriter(f)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
	if err != nil {
		return f, err
	}
	if _, err := w.Write(head); err != nil {
		return f, err
	}
	if rows != nil {
		size, err := rows.Seek(0, io.SeekEnd)
		if err != nil {
			return f, err
		}
		if _, err := io.Copy(w, io.NewSectionReader(rows, 0, size)); err != nil {
			return f, fmt.Errorf("read back the rows of %s: %w", name, err)
		}
	}
	if _, err := w.Write(tail); err != nil {
		return f, err
	}
	return f, zw.Close()
}

// addLinks puts a sheet's <hyperlinks> into the part's end (from
// </sheetData> on), in its place among the worksheet's children.
func addLinks(tail []byte, links []sheetLink) []byte {
	if len(links) == 0 {
		return tail
	}
	at := len(tail)
	for _, el := range afterHyperlinks {
		if i := bytes.Index(tail, []byte(el)); i >= 0 && i < at {
			at = i
		}
	}
	var b bytes.Buffer
	b.Write(tail[:at])
	b.WriteString("<hyperlinks>")
	for i, l := range links {
		fmt.Fprintf(&b, `<hyperlink ref="%s" r:id="%s"/>`, l.ref, linkID(i))
	}
	b.WriteString("</hyperlinks>")
	b.Write(tail[at:])
	return b.Bytes()
}

// linkedRels adds a sheet's link relationships to its relationships part.
type linkedRels struct {
	w     io.Writer
	links []sheetLink
	buf   bytes.Buffer
}

func (r *linkedRels) Write(p []byte) (int, error) { return r.buf.Write(p) }

func (r *linkedRels) finish() error {
	data := r.buf.Bytes()
	end := bytes.LastIndex(data, []byte("</Relationships>"))
	if end < 0 {
		return fmt.Errorf("add links: the relationships part has no </Relationships>")
	}
	var b bytes.Buffer
	b.Write(data[:end])
	writeLinkRels(&b, r.links)
	b.Write(data[end:])
	_, err := r.w.Write(b.Bytes())
	return err
}

func writeLinkRels(b *bytes.Buffer, links []sheetLink) {
	for i, l := range links {
		fmt.Fprintf(b, `<Relationship Id="%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="`, linkID(i))
		xml.EscapeText(b, []byte(l.target))
		b.WriteString(`" TargetMode="External"/>`)
	}
}

// AddFS is part of excelize's ZipWriter interface; excelize does not call
// it when saving.
func (z *orderedZip) AddFS(fsys fs.FS) error {
	return fmt.Errorf("orderedZip: AddFS is not supported")
}

// Close writes the ordered archive to dst and removes the spools.
func (z *orderedZip) Close() (err error) {
	err = z.finishOpen()
	z.wg.Wait()
	defer func() {
		for _, f := range append(z.sheetZips, z.spool) {
			if f != nil {
				f.Close()
				os.Remove(f.Name())
			}
		}
	}()
	if err != nil {
		return err
	}
	if z.sheetErr != nil {
		return z.sheetErr
	}
	if z.zw == nil {
		return fmt.Errorf("orderedZip: no parts were written")
	}
	// A linked sheet without relationships of its own gets a part for its
	// links.
	for _, sheet := range slices.Sorted(maps.Keys(z.sheets)) {
		if z.relsSeen[sheet] || len(z.sheets[sheet].links) == 0 {
			continue
		}
		dir, base := path.Split(sheet)
		w, err := z.zw.CreateHeader(&zip.FileHeader{Name: dir + "_rels/" + base + ".rels", Method: zip.Deflate})
		if err != nil {
			return err
		}
		var b bytes.Buffer
		b.WriteString(xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
		writeLinkRels(&b, z.sheets[sheet].links)
		b.WriteString(`</Relationships>`)
		if _, err := w.Write(b.Bytes()); err != nil {
			return err
		}
	}
	if err := z.zw.Close(); err != nil {
		return err
	}
	var files []*zip.File
	for _, f := range append([]*os.File{z.spool}, z.sheetZips...) {
		size, err := f.Seek(0, io.SeekEnd)
		if err != nil {
			return err
		}
		zr, err := zip.NewReader(f, size)
		if err != nil {
			return fmt.Errorf("reread workbook parts: %w", err)
		}
		files = append(files, zr.File...)
	}
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
