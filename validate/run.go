package validate

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// StdinName is the file name findings carry for standard input.
const StdinName = "<stdin>"

// RuleLineTooLong is an NDJSON line longer than Validator.MaxLineBytes.
const RuleLineTooLong = "line-too-long"

type inputKind int

const (
	kindJSON inputKind = iota
	kindNDJSON
	kindStdin
)

type input struct {
	path   string // as shown in findings
	fsPath string // as opened
	kind   inputKind
	err    error
	// stdin, once its format is sniffed: the whole document (loaded), or
	// the NDJSON stream (rest).
	data   []byte
	loaded bool
	rest   io.Reader
}

// IsNDJSON reports whether a file name marks one JSON document per line.
func IsNDJSON(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".ndjson" || ext == ".jsonl"
}

func isJSONName(name string) bool {
	return strings.EqualFold(filepath.Ext(name), ".json") || IsNDJSON(name)
}

// ErrNoJSON marks a directory argument holding no file to validate.
var ErrNoJSON = errors.New("no *.json, *.ndjson or *.jsonl files found")

// expand turns arguments into the files to validate: a file as given, a
// directory as its *.json, *.ndjson and *.jsonl files in lexical order,
// skipping hidden directories below it.
// Problems become inputs with err set, so the other files still run.
func expand(args []string) []input {
	var out []input
	for _, arg := range args {
		if arg == "-" {
			out = append(out, input{path: StdinName, kind: kindStdin})
			continue
		}
		shown := filepath.ToSlash(arg)
		fi, err := os.Stat(arg)
		if err != nil {
			out = append(out, input{path: shown, err: fmt.Errorf("%s", unwrapPathError(err))})
			continue
		}
		if !fi.IsDir() {
			out = append(out, input{path: shown, fsPath: arg, kind: kindOf(arg)})
			continue
		}
		n := len(out)
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				out = append(out, input{path: filepath.ToSlash(p), err: fmt.Errorf("%s", unwrapPathError(err))})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() && p != arg && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir // .git, .cache and the like hold no records
			}
			if !d.IsDir() && isJSONName(p) {
				out = append(out, input{path: filepath.ToSlash(p), fsPath: p, kind: kindOf(p)})
			}
			return nil
		})
		if err != nil {
			out = append(out, input{path: shown, err: err})
		}
		if len(out) == n {
			out = append(out, input{path: shown, err: fmt.Errorf("%w in this directory or below", ErrNoJSON)})
		}
	}
	return out
}

func kindOf(p string) inputKind {
	if IsNDJSON(p) {
		return kindNDJSON
	}
	return kindJSON
}

// job is one unit of work: a whole JSON document (read by the worker unless
// data is set), a batch of NDJSON lines, or a file-level error to pass on
// in order.
type job struct {
	seq, file int
	path      string
	shown     string // the path as findings name it
	whole     bool
	data      []byte // the document when already in memory
	loaded    bool
	lines     []ndLine
	empty     bool // NDJSON file without records
	err       error
}

type ndLine struct {
	data    []byte
	no      int
	off     int64
	tooLong bool
}

type result struct {
	seq, file        int
	records, invalid int
	findings         []Finding
	err              error
	// visitErr is what a ValidateFunc visit returned; it stops the run.
	visitErr error
}

// Document is a document without findings, as ValidateFunc hands it on.
type Document struct {
	// File is the index of the document's file in Report.Files, and Path
	// that file's path as findings name it.
	File int
	Path string
	// Line is the document's line in an NDJSON file, 0 for a whole file.
	Line int
	// Size is the document's length in bytes.
	Size int
	// Value is the decoded document: map[string]any, []any, string,
	// json.Number, bool or nil. It shares nothing with the validator, so
	// the visit may keep it.
	Value any
}

// Validate validates every path (files, directories, "-" for stdin) and
// returns the report in input order. Documents are checked in parallel and
// NDJSON is streamed in bounded batches, so memory does not grow with file
// size. The error is only set when ctx is cancelled; everything about the
// inputs is in the report.
func (v *Validator) Validate(ctx context.Context, paths []string, stdin io.Reader) (*Report, error) {
	return v.ValidateFunc(ctx, paths, stdin, nil)
}

// ValidateFunc is Validate that also calls visit with every document that
// has no finding, decoded, so that a caller reads and decodes each document
// once. visit runs on the goroutine that checked the document, so calls
// are concurrent and in no particular order. A file that fails to read
// part-way (its FileReport.Err) may have had documents visited. An error
// from visit stops the run and is returned.
func (v *Validator) ValidateFunc(ctx context.Context, paths []string, stdin io.Reader, visit func(Document) error) (*Report, error) {
	inputs := expand(paths)
	rep := &Report{Files: make([]FileReport, len(inputs))}
	for i, in := range inputs {
		rep.Files[i] = FileReport{Path: in.path}
	}
	workers := v.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// inflight bounds the jobs between the reader and the in-order
	// collector, and with them the memory held in NDJSON batches.
	inflight := make(chan struct{}, 2*workers+2)
	jobs := make(chan job)
	results := make(chan result, cap(inflight))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	go v.produce(ctx, inputs, stdin, jobs, inflight)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dec := newDecoder()
			for j := range jobs {
				results <- v.work(dec, j, visit)
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	pending := make(map[int]result)
	next := 0
	var visitErr error
	for r := range results {
		if r.visitErr != nil && visitErr == nil {
			visitErr = r.visitErr
			cancel()
		}
		pending[r.seq] = r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			fr := &rep.Files[r.file]
			fr.Records += r.records
			fr.Invalid += r.invalid
			for _, f := range r.findings {
				f.File = fr.Path
				fr.Findings = append(fr.Findings, f)
			}
			if r.err != nil && fr.Err == nil {
				fr.Err = r.err
			}
			<-inflight
		}
	}
	if visitErr != nil {
		return rep, visitErr
	}
	return rep, ctx.Err()
}

func (v *Validator) produce(ctx context.Context, inputs []input, stdin io.Reader, jobs chan<- job, inflight chan struct{}) {
	defer close(jobs)
	seq := 0
	send := func(j job) bool {
		select {
		case inflight <- struct{}{}:
		case <-ctx.Done():
			return false
		}
		j.seq = seq
		seq++
		jobs <- j
		return true
	}
	for i, in := range inputs {
		if in.kind == kindStdin && in.err == nil {
			in = v.sniffStdin(in, stdin)
		}
		switch {
		case in.err != nil:
			if !send(job{file: i, err: in.err}) {
				return
			}
		case in.kind == kindJSON || in.kind == kindStdin:
			if !send(job{file: i, path: in.fsPath, shown: in.path, whole: true, data: in.data, loaded: in.loaded}) {
				return
			}
		default:
			if !v.produceNDJSON(i, in, send) {
				return
			}
		}
	}
}

// batchLines and batchBytes size NDJSON batches: big enough to amortize
// channel hand-offs, small enough that in-flight batches stay a few MB.
const (
	batchLines = 128
	batchBytes = 1 << 20
)

func (v *Validator) produceNDJSON(file int, in input, send func(job) bool) bool {
	r := in.rest
	if r == nil {
		f, err := os.Open(in.fsPath)
		if err != nil {
			return send(job{file: file, err: fmt.Errorf("%s", unwrapPathError(err))})
		}
		defer f.Close()
		r = f
	}
	lr := newLineReader(r, v.MaxLineBytes)
	var (
		buf     []byte
		lines   []ndLine
		spans   [][2]int
		records int
	)
	flush := func() bool {
		if len(lines) == 0 {
			return true
		}
		for k := range lines {
			lines[k].data = buf[spans[k][0]:spans[k][1]:spans[k][1]]
		}
		ok := send(job{file: file, shown: in.path, lines: lines})
		buf, lines, spans = nil, nil, nil
		return ok
	}
	for {
		raw, no, off, tooLong, err := lr.next()
		if len(raw) > 0 || tooLong {
			line := bytes.TrimRight(raw, "\r\n")
			if no == 1 {
				if b := stripBOM(line); len(b) != len(line) {
					off += int64(len(line) - len(b))
					line = b
				}
			}
			if tooLong || len(bytes.TrimSpace(line)) > 0 {
				records++
				start := len(buf)
				buf = append(buf, line...)
				lines = append(lines, ndLine{no: no, off: off, tooLong: tooLong})
				spans = append(spans, [2]int{start, len(buf)})
				if len(lines) >= batchLines || len(buf) >= batchBytes {
					if !flush() {
						return false
					}
				}
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			if !flush() {
				return false
			}
			return send(job{file: file, err: fmt.Errorf("read: %s", unwrapPathError(err))})
		}
	}
	if !flush() {
		return false
	}
	if records == 0 {
		return send(job{file: file, empty: true})
	}
	return true
}

// sniffStdin decides whether stdin is NDJSON or one document: NDJSON when
// its first non-blank line is a complete JSON value by itself.
func (v *Validator) sniffStdin(in input, stdin io.Reader) input {
	if stdin == nil {
		in.err = errors.New("no standard input")
		return in
	}
	br := bufio.NewReaderSize(stdin, 64<<10)
	var consumed []byte
	for {
		line, err := readLine(br, v.MaxLineBytes)
		consumed = append(consumed, line...)
		if t := bytes.TrimSpace(stripBOM(line)); len(t) > 0 {
			if _, _, derr := newDecoder().decode(t); derr == nil {
				in.kind = kindNDJSON
				in.rest = io.MultiReader(bytes.NewReader(consumed), br)
				return in
			}
			break
		}
		if err != nil {
			break
		}
	}
	rest, err := io.ReadAll(br)
	if err != nil {
		in.err = fmt.Errorf("read standard input: %w", err)
		return in
	}
	in.data, in.loaded = append(consumed, rest...), true
	return in
}

// readLine reads one line including its newline, or about limit bytes of it.
func readLine(br *bufio.Reader, limit int) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		line = append(line, chunk...)
		if err != bufio.ErrBufferFull || len(line) > limit {
			return line, err
		}
	}
}

// lineReader yields NDJSON lines with their number and byte offset. A line
// longer than max is skipped, not buffered, and reported as too long.
type lineReader struct {
	br   *bufio.Reader
	max  int
	no   int
	off  int64
	line []byte
}

func newLineReader(r io.Reader, max int) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, 256<<10), max: max}
}

// next returns the next line (with its newline, valid until the next
// call), its 1-based number and its offset in the file.
func (lr *lineReader) next() (raw []byte, no int, off int64, tooLong bool, err error) {
	lr.no++
	no, off = lr.no, lr.off
	lr.line = lr.line[:0]
	for {
		chunk, rerr := lr.br.ReadSlice('\n')
		lr.off += int64(len(chunk))
		if !tooLong {
			if len(lr.line)+len(chunk) > lr.max {
				tooLong = true
				lr.line = lr.line[:0]
			} else {
				lr.line = append(lr.line, chunk...)
			}
		}
		if rerr == bufio.ErrBufferFull {
			continue
		}
		if rerr == io.EOF && len(lr.line) == 0 && !tooLong {
			return nil, no, off, false, io.EOF
		}
		return lr.line, no, off, tooLong, rerr
	}
}

func (v *Validator) work(dec *decoder, j job, visit func(Document) error) result {
	r := result{seq: j.seq, file: j.file, err: j.err}
	switch {
	case j.err != nil:
	case j.empty:
		r.findings = []Finding{{Line: 1, Column: 1, Rule: RuleEmpty, Message: "no records: the file has no non-blank lines; write one JSON document per line"}}
	case j.whole:
		data := j.data
		if !j.loaded {
			var err error
			if data, err = dec.readFile(j.path); err != nil {
				r.err = fmt.Errorf("%s", unwrapPathError(err))
				return r
			}
		}
		r.records = 1
		data = stripBOM(data)
		var doc any
		doc, r.findings, r.err = v.checkDoc(dec, data)
		if len(r.findings) == 0 && r.err == nil && visit != nil {
			r.visitErr = visit(Document{File: j.file, Path: j.shown, Size: len(data), Value: doc})
		}
	default:
		for _, l := range j.lines {
			r.records++
			var fs []Finding
			if l.tooLong {
				fs = []Finding{{Line: 1, Column: 1, Rule: RuleLineTooLong,
					Message: fmt.Sprintf("line longer than %d bytes was skipped; split the record or raise the limit", v.MaxLineBytes)}}
			} else {
				var doc any
				var err error
				doc, fs, err = v.checkDoc(dec, l.data)
				if err != nil && r.err == nil {
					r.err = fmt.Errorf("line %d: %w", l.no, err)
				}
				if len(fs) == 0 && err == nil && visit != nil && r.visitErr == nil {
					r.visitErr = visit(Document{File: j.file, Path: j.shown, Line: l.no, Size: len(l.data), Value: doc})
				}
			}
			for k := range fs {
				fs[k].Line = l.no
				fs[k].Offset += l.off
			}
			r.findings = append(r.findings, fs...)
			if len(fs) > 0 {
				r.invalid++
			}
		}
		return r
	}
	if len(r.findings) > 0 && r.records > 0 {
		r.invalid = 1
	}
	return r
}

// maxKeptFile is the largest file buffer a worker keeps for the next file.
const maxKeptFile = 4 << 20

// readFile reads the file at path into the decoder's reused buffer, which
// stays valid until the next call: what a check keeps of a document (values,
// findings) is copied out of it.
func (d *decoder) readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := d.file[:0]
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			d.file = b
			if cap(b) > maxKeptFile {
				d.file = nil
			}
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
