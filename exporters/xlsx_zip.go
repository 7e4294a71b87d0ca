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
//
// orderedZip also adds the hyperlinks of stream-written sheets as their
// parts pass through (see linkedSheet): excelize's SetCellHyperLink scans
// every link and relationship of the sheet on each call, which takes
// minutes for the 65,530 links a sheet may hold.
type orderedZip struct {
	dst   io.Writer
	dir   string
	spool *os.File
	zw    *zip.Writer
	// links are the hyperlinks to add, by sheet part name.
	links map[string][]sheetLink
	// open is the part being written when it needs finishing touches.
	open interface{ finish() error }
	// relsSeen records the linked sheets whose relationships part passed.
	relsSeen map[string]bool
}

// sheetLink is a hyperlink from a cell to an external address.
type sheetLink struct {
	ref, target string
}

func newOrderedZip(dst io.Writer, dir string, links map[string][]sheetLink) *orderedZip {
	return &orderedZip{dst: dst, dir: dir, links: links, relsSeen: map[string]bool{}}
}

func (z *orderedZip) Create(name string) (io.Writer, error) {
	if err := z.finishOpen(); err != nil {
		return nil, err
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
	if links := z.links[name]; len(links) > 0 {
		ls := &linkedSheet{w: w, links: links}
		z.open = ls
		return ls, nil
	}
	if sheet, ok := relsSheet(name); ok && len(z.links[sheet]) > 0 {
		z.relsSeen[sheet] = true
		lr := &linkedRels{w: w, links: z.links[sheet]}
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

// linkedSheet passes a sheet part through, holding back what follows the
// rows (a few small elements) to add the <hyperlinks> element in its
// place among them.
type linkedSheet struct {
	w     io.Writer
	links []sheetLink
	carry []byte // the last bytes, which may begin </sheetData>
	tail  []byte // everything after </sheetData>
	found bool
}

func (s *linkedSheet) Write(p []byte) (int, error) {
	if s.found {
		s.tail = append(s.tail, p...)
		return len(p), nil
	}
	data := p
	if len(s.carry) > 0 {
		data = append(s.carry, p...)
	}
	if i := bytes.Index(data, sheetDataEnd); i >= 0 {
		end := i + len(sheetDataEnd)
		s.found, s.tail, s.carry = true, append([]byte(nil), data[end:]...), nil
		if _, err := s.w.Write(data[:end]); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	keep := min(len(data), len(sheetDataEnd)-1)
	if _, err := s.w.Write(data[:len(data)-keep]); err != nil {
		return 0, err
	}
	s.carry = append(s.carry[:0:0], data[len(data)-keep:]...)
	return len(p), nil
}

func (s *linkedSheet) finish() error {
	if !s.found {
		return fmt.Errorf("add links: the sheet part has no %s", sheetDataEnd)
	}
	at := len(s.tail)
	for _, el := range afterHyperlinks {
		if i := bytes.Index(s.tail, []byte(el)); i >= 0 && i < at {
			at = i
		}
	}
	var b bytes.Buffer
	b.Write(s.tail[:at])
	b.WriteString("<hyperlinks>")
	for i, l := range s.links {
		fmt.Fprintf(&b, `<hyperlink ref="%s" r:id="%s"/>`, l.ref, linkID(i))
	}
	b.WriteString("</hyperlinks>")
	b.Write(s.tail[at:])
	_, err := s.w.Write(b.Bytes())
	return err
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

// Close writes the ordered archive to dst and removes the spool.
func (z *orderedZip) Close() error {
	if err := z.finishOpen(); err != nil {
		return err
	}
	if z.zw == nil {
		return fmt.Errorf("orderedZip: no parts were written")
	}
	// A linked sheet without relationships of its own gets a part for its
	// links.
	for _, sheet := range slices.Sorted(maps.Keys(z.links)) {
		if z.relsSeen[sheet] || len(z.links[sheet]) == 0 {
			continue
		}
		dir, base := path.Split(sheet)
		w, err := z.zw.CreateHeader(&zip.FileHeader{Name: dir + "_rels/" + base + ".rels", Method: zip.Deflate})
		if err != nil {
			return err
		}
		var b bytes.Buffer
		b.WriteString(xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
		writeLinkRels(&b, z.links[sheet])
		b.WriteString(`</Relationships>`)
		if _, err := w.Write(b.Bytes()); err != nil {
			return err
		}
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
