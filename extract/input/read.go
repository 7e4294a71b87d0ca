package input

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/docset/docset/schema"
)

// MaxDocument is the largest document (file, or JSON Lines line) read, so
// that memory stays bounded whatever the input.
const MaxDocument = 64 << 20

// Stdin is the argument naming standard input.
const Stdin = "-"

var bom = []byte("\xef\xbb\xbf")

// safeID is the record schema's identifier pattern.
var safeID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)

// Read yields every document named by args, in order: a file, a directory
// (its *.txt and *.md files, recursively, in lexical order, hidden files
// and folders skipped), "-" for stdin (JSON Lines when its first non-blank
// line is a JSON object with a "text" member, else one document), or a
// *.ndjson / *.jsonl file (one document per non-blank line). Each bad document or
// unreadable argument is yielded as an *Error and reading goes on.
func Read(args []string, stdin io.Reader) iter.Seq2[*Document, error] {
	return func(yield func(*Document, error) bool) {
		for _, arg := range args {
			if !readArg(arg, stdin, yield) {
				return
			}
		}
	}
}

func readArg(arg string, stdin io.Reader, yield func(*Document, error) bool) bool {
	if arg == Stdin {
		return readStdin(stdin, yield)
	}
	fi, err := os.Stat(arg)
	if err != nil {
		return yield(nil, &Error{Path: arg, Err: notReadable(err)})
	}
	if !fi.IsDir() {
		return readFile(arg, filepath.Base(arg), yield)
	}
	cont, found := true, false
	err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			found = true // reported already
			cont = yield(nil, &Error{Path: p, Err: notReadable(err)})
			return walkOn(cont, d)
		}
		if p != arg && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !isText(d.Name()) {
			return nil
		}
		found = true
		rel, err := filepath.Rel(arg, p)
		if err != nil {
			rel = d.Name()
		}
		cont = readFile(p, filepath.ToSlash(rel), yield)
		return walkOn(cont, nil)
	})
	if err != nil && cont {
		return yield(nil, &Error{Path: arg, Err: err})
	}
	if !found && cont {
		// Silence here would look like success with nothing to do.
		return yield(nil, &Error{Path: arg, Err: ErrNoText})
	}
	return cont
}

// walkOn tells WalkDir to stop when the consumer stopped, and to skip an
// unreadable directory otherwise.
func walkOn(cont bool, d fs.DirEntry) error {
	if !cont {
		return fs.SkipAll
	}
	if d != nil && d.IsDir() {
		return filepath.SkipDir
	}
	return nil
}

func isText(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return (ext == ".txt" || ext == ".md") && !strings.HasSuffix(strings.ToLower(name), ".meta.json")
}

func isJSONLines(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".ndjson" || ext == ".jsonl"
}

func notReadable(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return errors.New("no such file or directory; check the path")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readFile reads one file argument or directory entry: osPath is where to
// open it (and what errors name), rel the path a record records.
func readFile(osPath, rel string, yield func(*Document, error) bool) bool {
	if isJSONLines(osPath) {
		return readJSONLines(osPath, rel, yield)
	}
	f, err := os.Open(osPath)
	if err != nil {
		return yield(nil, &Error{Path: osPath, Err: notReadable(err)})
	}
	var size int64
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		size = fi.Size()
	}
	data, err := readSized(f, size)
	f.Close()
	if err != nil {
		return yield(nil, &Error{Path: osPath, Err: err})
	}
	sidecar, err := readSidecar(osPath)
	if err != nil {
		return yield(nil, err)
	}
	return yield(textDocument(osPath, rel, data, sidecar))
}

func readLimited(r io.Reader) ([]byte, error) { return readSized(r, 0) }

// readSized reads r whole, up to MaxDocument bytes, into a buffer of the
// size r is expected to have (a file's size; 0 when unknown): a file is
// then read in one call and one buffer, where growing a buffer copies it
// again and again. The size is a hint; what is read is what counts.
func readSized(r io.Reader, size int64) ([]byte, error) {
	r = io.LimitReader(r, MaxDocument+1)
	data := make([]byte, 0, min(max(size, 0), MaxDocument)+512)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read: %w", err)
		}
	}
	if len(data) > MaxDocument {
		return nil, fmt.Errorf("document larger than %d MiB; split it", MaxDocument>>20)
	}
	return data, nil
}

// textDocument makes a document of a text file's bytes: checked to be
// UTF-8 text (not UTF-16, no NUL bytes), front matter read, then the
// sidecar's metadata over it.
func textDocument(osPath, rel string, data []byte, sidecar *Document) (*Document, error) {
	if err := checkText(osPath, data); err != nil {
		return nil, err
	}
	doc := &Document{Path: rel, Raw: data}
	// Only a text opening with "---" can hold front matter; any other is
	// its body as it is, with no further copy.
	doc.Body = Normalize(string(data))
	if strings.HasPrefix(doc.Body, "---") {
		yml, line, body, ok, err := splitFrontMatter([]byte(doc.Body))
		if err == nil && ok {
			err = parseFrontMatter(&doc.Meta, yml, line)
		}
		if err != nil {
			var le *offsetLineError
			if errors.As(err, &le) {
				return nil, &Error{Path: osPath, Line: le.line, Col: le.col, Err: le.err}
			}
			return nil, &Error{Path: osPath, Err: err}
		}
		doc.Body = string(body)
	}
	if sidecar != nil {
		overlay(&doc.Meta, sidecar)
	}
	if strings.TrimSpace(doc.Body) == "" {
		return nil, &Error{Path: osPath, Err: ErrEmpty}
	}
	return doc, nil
}

// Normalize drops a leading byte order mark and turns CRLF and CR line
// ends into LF. Nothing else is changed: no Unicode normalization, no
// trimming, so the text equals the source apart from line ends.
func Normalize(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	if !strings.ContainsRune(s, '\r') {
		return s
	}
	return strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
}

// overlay sets every field the sidecar knows over the front matter's.
func overlay(m *schema.Metadata, side *Document) {
	s := side.Meta
	for _, f := range []struct{ dst, src *string }{
		{&m.Title, &s.Title}, {&m.URL, &s.URL}, {&m.Published, &s.Published},
		{&m.Language, &s.Language}, {&m.Source, &s.Source}, {&m.License, &s.License},
	} {
		if *f.src != "" {
			*f.dst = *f.src
		}
	}
}

// SidecarPath is the metadata file read for a document file: NAME.meta.json
// beside NAME.txt or NAME.md.
func SidecarPath(docPath string) string {
	return strings.TrimSuffix(docPath, filepath.Ext(docPath)) + ".meta.json"
}

// readSidecar reads the document's sidecar metadata, nil when there is none.
// Unknown keys are errors: the file is docset's own, so a typo must show.
func readSidecar(docPath string) (*Document, error) {
	p := SidecarPath(docPath)
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &Error{Path: p, Err: notReadable(err)}
	}
	doc, err := parseSidecar(data)
	if err != nil {
		return nil, atOffset(p, data, 0, err)
	}
	return doc, nil
}

func parseSidecar(data []byte) (*Document, error) {
	if err := checkUTF8("", data, 0); err != nil {
		var e *Error
		errors.As(err, &e)
		return nil, &offsetLineError{line: e.Line, col: e.Col, err: e.Err}
	}
	fields, err := decodeObject(data)
	if err != nil {
		return nil, err
	}
	doc := &Document{}
	err = metaFromJSON(doc, fields, func(f jsonField) error {
		return &offsetError{off: f.off, err: fmt.Errorf("unknown key %q; the keys are title, url, published, language, source, license", f.key)}
	})
	return doc, err
}

// atOffset turns an offset or line error from parsing data into an *Error
// naming path; lineBase is added to lines (for a line of a bigger file).
func atOffset(path string, data []byte, lineBase int, err error) error {
	var oe *offsetError
	var le *offsetLineError
	switch {
	case errors.As(err, &oe):
		line, col := position(data, oe.off)
		return &Error{Path: path, Line: line + lineBase, Col: col, Err: oe.err}
	case errors.As(err, &le):
		return &Error{Path: path, Line: le.line + lineBase, Col: le.col, Err: le.err}
	}
	return errorAt(path, lineBase, 0, err)
}

// readJSONLines yields the documents of a JSON Lines file, one per
// non-blank line, streaming so that memory does not grow with the file.
func readJSONLines(osPath, rel string, yield func(*Document, error) bool) bool {
	f, err := os.Open(osPath)
	if err != nil {
		return yield(nil, &Error{Path: osPath, Err: notReadable(err)})
	}
	defer f.Close()
	return scanJSONLines(f, osPath, rel, yield)
}

// readStdin reads standard input as JSON Lines when its first non-blank
// line is a JSON object with a "text" member, and as one text document
// otherwise; a news text does not open with such a line.
func readStdin(stdin io.Reader, yield func(*Document, error) bool) bool {
	br := bufio.NewReader(stdin)
	head, err := firstLine(br)
	if err != nil {
		return yield(nil, &Error{Path: Stdin, Err: fmt.Errorf("read: %w", err)})
	}
	rest := io.MultiReader(bytes.NewReader(head), br)
	if isJSONLinesHead(head) {
		return scanJSONLines(rest, Stdin, Stdin, yield)
	}
	data, err := readLimited(rest)
	if err != nil {
		return yield(nil, &Error{Path: Stdin, Err: err})
	}
	return yield(textDocument(Stdin, Stdin, data, nil))
}

// firstLine reads up to the end of the first non-blank line (or of the
// input, or MaxDocument bytes).
func firstLine(br *bufio.Reader) ([]byte, error) {
	var head []byte
	lineStart := 0
	for len(head) <= MaxDocument {
		chunk, err := br.ReadSlice('\n')
		head = append(head, chunk...)
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF:
			return head, nil
		case err != nil:
			return nil, err
		}
		if len(bytes.TrimSpace(head[lineStart:])) > 0 {
			return head, nil
		}
		lineStart = len(head)
	}
	return head, nil
}

func isJSONLinesHead(head []byte) bool {
	lines := bytes.Split(bytes.TrimPrefix(head, bom), []byte{'\n'})
	for _, l := range lines {
		if l = bytes.TrimSpace(l); len(l) > 0 {
			var probe struct {
				Text *string `json:"text"`
			}
			return l[0] == '{' && json.Unmarshal(l, &probe) == nil && probe.Text != nil
		}
	}
	return false
}

// scanJSONLines yields the documents of JSON Lines read from r; path names
// the input in errors, rel in the documents. A line longer than
// MaxDocument is skipped, without being held, and reported at its line;
// the lines after it are read as usual.
func scanJSONLines(r io.Reader, osPath, rel string, yield func(*Document, error) bool) bool {
	lr := &lineReader{br: bufio.NewReaderSize(r, 64<<10), max: MaxDocument}
	n, docs := 0, 0
	for {
		line, long, err := lr.next()
		if err == io.EOF {
			break
		}
		n++
		if err != nil {
			return yield(nil, &Error{Path: osPath, Line: n, Err: fmt.Errorf("read: %w", err)})
		}
		if long > 0 {
			docs++
			err := fmt.Errorf("line of %d MiB, longer than the %d MiB a document may have; split the document (the lines after it are read)", long>>20, MaxDocument>>20)
			if !yield(nil, &Error{Path: osPath, Line: n, Err: err}) {
				return false
			}
			continue
		}
		if n == 1 {
			line = bytes.TrimPrefix(line, bom)
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		docs++
		doc, err := jsonLineDocument(line)
		if err != nil {
			err = atOffset(osPath, line, n-1, err)
		} else {
			doc.Path, doc.Line = rel, n
		}
		if !yield(doc, err) {
			return false
		}
	}
	if docs == 0 {
		return yield(nil, &Error{Path: osPath, Err: errors.New("no documents: the JSON Lines file is empty; write one JSON object with a \"text\" member per line")})
	}
	return true
}

// lineReader reads lines (without their LF or CRLF) of at most max bytes.
type lineReader struct {
	br   *bufio.Reader
	max  int
	line []byte
}

// next returns the next line; for a line longer than max, it reads past
// it and returns its length as long instead. io.EOF after the last line.
func (l *lineReader) next() (line []byte, long int, err error) {
	l.line = l.line[:0]
	size := 0
	for {
		chunk, err := l.br.ReadSlice('\n')
		size += len(chunk)
		if size <= l.max+2 { // room for CRLF
			l.line = append(l.line, chunk...)
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && size == 0:
			return nil, 0, io.EOF
		case err != nil && err != io.EOF:
			return nil, 0, err
		}
		line := bytes.TrimSuffix(bytes.TrimSuffix(l.line, []byte("\n")), []byte("\r"))
		if size > l.max+2 || len(line) > l.max {
			return nil, size, nil
		}
		return line, 0, nil
	}
}

// jsonLineDocument decodes one JSON Lines document: `text` (required) and
// optional `id` and metadata; other members are ignored.
func jsonLineDocument(line []byte) (*Document, error) {
	if err := checkUTF8("", line, 0); err != nil {
		var e *Error
		errors.As(err, &e)
		return nil, &offsetLineError{line: 1, col: e.Col, err: e.Err}
	}
	doc, ok := quickJSONLine(line)
	if !ok {
		var err error
		if doc, err = memberJSONLine(line); err != nil {
			return nil, err
		}
	}
	if strings.IndexByte(doc.Body, 0) >= 0 {
		// A \u0000 in the JSON: a record full of NULs helps no one.
		return nil, &offsetError{off: max(0, bytes.Index(line, []byte(`"text"`))), err: errors.New(`"text" holds a NUL character (\u0000), which no text holds; remove it`)}
	}
	return doc, nil
}

// memberJSONLine decodes a line member by member, so that any error names
// the place of the member at fault.
func memberJSONLine(line []byte) (*Document, error) {
	fields, err := decodeObject(line)
	if err != nil {
		return nil, err
	}
	for i := range fields {
		fields[i].key = lineKey(fields[i].key)
	}
	doc := &Document{}
	hasText := false
	err = metaFromJSON(doc, fields, func(f jsonField) error {
		switch f.key {
		case "text":
			s, err := f.stringValue()
			if err != nil {
				return err
			}
			doc.Body, hasText = s, true
		case "id":
			s, err := f.stringValue()
			if err != nil {
				return err
			}
			if s != "" && !safeID.MatchString(s) {
				return &offsetError{off: f.off, err: fmt.Errorf("id %q is not usable as a file name; use up to 128 letters, digits, '.', '_' or '-'", s)}
			}
			doc.ID = s
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !hasText {
		return nil, &offsetError{off: 0, err: errors.New(`no "text" member: each line needs the document's text`)}
	}
	if strings.TrimSpace(doc.Body) == "" {
		return nil, &offsetError{off: 0, err: ErrEmpty}
	}
	doc.Raw = []byte(doc.Body)
	return doc, nil
}

// lineKeys are the members a JSON Lines document may have.
var lineKeys = []string{"text", "id", "title", "url", "date", "published", "language", "license", "licence", "source"}

// lineKey returns the member name key stands for: names match without
// regard to case, as encoding/json matches them.
func lineKey(key string) string {
	for _, k := range lineKeys {
		if strings.EqualFold(key, k) {
			return k
		}
	}
	return key
}

// jsonLine is a well-formed JSON Lines document.
type jsonLine struct {
	Text      *string `json:"text"`
	ID        *string `json:"id"`
	Title     *string `json:"title"`
	URL       *string `json:"url"`
	Date      *string `json:"date"`
	Published *string `json:"published"`
	Language  *string `json:"language"`
	License   *string `json:"license"`
	Licence   *string `json:"licence"`
	Source    *string `json:"source"`
}

// quickJSONLine decodes a well-formed line in one pass. It gives up
// (ok=false) on anything that needs a located error or an order-dependent
// choice, which the member-by-member path then handles the same way.
func quickJSONLine(line []byte) (doc *Document, ok bool) {
	trimmed := bytes.TrimSpace(line)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, false
	}
	var l jsonLine
	if json.Unmarshal(trimmed, &l) != nil || l.Text == nil || strings.TrimSpace(*l.Text) == "" ||
		l.Date != nil && l.Published != nil || l.License != nil && l.Licence != nil {
		return nil, false
	}
	doc = &Document{Body: *l.Text}
	if l.ID != nil {
		if *l.ID != "" && !safeID.MatchString(*l.ID) {
			return nil, false
		}
		doc.ID = *l.ID
	}
	for _, m := range []struct {
		key string
		val *string
	}{
		{"title", l.Title}, {"url", l.URL}, {"date", l.Date}, {"published", l.Published},
		{"language", l.Language}, {"license", l.License}, {"licence", l.Licence}, {"source", l.Source},
	} {
		if m.val == nil {
			continue
		}
		if _, err := setMeta(&doc.Meta, m.key, *m.val); err != nil {
			return nil, false
		}
	}
	doc.Raw = []byte(doc.Body)
	return doc, true
}
