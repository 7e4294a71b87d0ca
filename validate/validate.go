package validate

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// Validator checks JSON documents against one compiled schema and, for
// docset records, the checks the schema cannot express. It is compiled once
// and safe for concurrent use.
type Validator struct {
	schema  *jsonschema.Schema
	records bool
	// rel turns absolute file URLs in messages into paths relative to the
	// working directory, so output carries no machine paths.
	rel *strings.Replacer
	// MaxLineBytes caps one NDJSON line (one record); longer lines are a
	// finding, not an unbounded allocation.
	MaxLineBytes int
	// Workers is how many documents are checked at once; 0 means GOMAXPROCS.
	Workers int
	// quick answers "valid" without the library's bookkeeping when it can.
	quick *quickChecker
	// warnings are the schema's $refs nothing serves; unresolved maps the
	// message a document reaching one fails with to its error.
	warnings   []string
	unresolved map[string]*UnresolvedRefError
}

// Warnings lists what is wrong with the schema without stopping it from
// being used: each $ref no local file serves. A document that reaches one
// gets an UnresolvedRefError instead of a result.
func (v *Validator) Warnings() []string { return v.warnings }

// DefaultMaxLineBytes is the NDJSON line cap: far above any real record,
// far below the memory of a CI runner.
const DefaultMaxLineBytes = 64 << 20

// New returns a Validator for docset records: the embedded record schema
// plus the span, id, speaker and mention checks.
func New() (*Validator, error) {
	s, err := recordSchema()
	if err != nil {
		return nil, err
	}
	return &Validator{schema: s, records: true, rel: strings.NewReplacer(), MaxLineBytes: DefaultMaxLineBytes,
		quick: newQuickChecker(true, nil)}, nil
}

// TuneGC sets the garbage collector for a process that mostly validates,
// and returns a function restoring the previous settings. Checking a
// record allocates ~85 KB of short-lived garbage (mostly inside the schema
// library) over a live heap of a few MB, so the default GOGC spends about a
// third of the CPU collecting; GOGC=400 under an 80 MiB soft limit keeps
// the peak well under 100 MB. GOGC and GOMEMLIMIT set in the environment
// win.
func TuneGC() (restore func()) {
	gc, limit := -2, int64(-2)
	if os.Getenv("GOGC") == "" {
		gc = debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		limit = debug.SetMemoryLimit(80 << 20)
	}
	return func() {
		if gc != -2 {
			debug.SetGCPercent(gc)
		}
		if limit != -2 {
			debug.SetMemoryLimit(limit)
		}
	}
}

// Drafts lists the --draft values, oldest first.
func Drafts() []string { return []string{"4", "6", "7", "2019-09", "2020-12"} }

var drafts = map[string]*jsonschema.Draft{
	"4": jsonschema.Draft4, "6": jsonschema.Draft6, "7": jsonschema.Draft7,
	"2019-09": jsonschema.Draft2019, "2020-12": jsonschema.Draft2020,
}

// SchemaOptions configure NewForSchema.
type SchemaOptions struct {
	// Draft is the dialect of a schema without $schema (one of Drafts());
	// empty means 2020-12.
	Draft string
	// FormatAnnotations makes format an annotation in every draft, as the
	// 2019-09 and later specifications define by default. docset asserts
	// formats unless this is set (--assert-formats=false).
	FormatAnnotations bool
	// Refs are schema files or folders of them (searched recursively):
	// each schema is served to $refs by its $id (id in draft 4).
	Refs []string
	// Maps serve the $refs under a URL prefix from a local folder.
	Maps []Mapping
	// MatchTimeout bounds one match of a pattern that needs the
	// backtracking ECMA-262 engine; 0 means DefaultMatchTimeout.
	MatchTimeout time.Duration
}

// SchemaError is a schema that cannot be used: unreadable, not JSON,
// failing its metaschema, or with a $ref that cannot be resolved.
type SchemaError struct {
	Path string
	Msg  string
	Err  error
}

func (e *SchemaError) Error() string { return fmt.Sprintf("schema %s: %s", e.Path, e.Msg) }
func (e *SchemaError) Unwrap() error { return e.Err }

// NewForSchema returns a Validator for any JSON against the schema in the
// file at path. $refs resolve against the schema's own URL; files are
// served only from the schema's folder and below.
func NewForSchema(path string, opts SchemaOptions) (*Validator, error) {
	draft := jsonschema.Draft2020
	if opts.Draft != "" {
		d, ok := drafts[opts.Draft]
		if !ok {
			return nil, fmt.Errorf("unknown draft %q: use one of %s", opts.Draft, strings.Join(Drafts(), ", "))
		}
		draft = d
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, &SchemaError{Path: path, Msg: err.Error(), Err: err}
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return nil, &SchemaError{Path: path, Msg: "cannot read it: " + unwrapPathError(err), Err: err}
	}
	rel := relativizer(filepath.Dir(abs), filepath.Dir(path))
	if _, _, err := newDecoder().decode(stripBOM(data)); err != nil {
		var de *decodeError
		errors.As(err, &de)
		line, col := position(stripBOM(data), de.Offset)
		return nil, &SchemaError{Path: path, Msg: fmt.Sprintf("%d:%d: not valid JSON: %s", line, col, de.Msg), Err: err}
	}
	reg, err := newRegistry(path, opts, rel)
	if err != nil {
		return nil, &SchemaError{Path: path, Msg: err.Error(), Err: err}
	}
	if id, err := schemaID(data, opts.Draft); err == nil && id != "" {
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			reg.addID(id, real, filepath.ToSlash(path))
			reg.served(id, real, reg.root)
		}
	}
	res := newRegexCache(opts.MatchTimeout)
	c := jsonschema.NewCompiler()
	c.Draft = draft
	c.AssertFormat = !opts.FormatAnnotations
	c.Formats["regex"] = isRegex
	if opts.FormatAnnotations {
		// The library asserts formats in drafts before 2019-09 whatever
		// AssertFormat says; a format that accepts everything is an
		// annotation in every draft.
		for name := range jsonschema.Formats {
			c.Formats[name] = func(any) bool { return true }
		}
	}
	keywords := docsetKeywords{res: res, unresolved: map[string]*UnresolvedRefError{}}
	c.RegisterExtension("docset", nil, keywords)
	c.LoadURL = func(s string) (io.ReadCloser, error) {
		f := reg.fetch(s)
		if f.err != nil {
			return nil, f.err
		}
		doc, err := prepareSchema(f.data, s, f.name, reg, res)
		if err != nil {
			return nil, err
		}
		return io.NopCloser(bytes.NewReader(doc)), nil
	}
	id := fileURL(abs)
	prepared, err := prepareSchema(data, id, filepath.ToSlash(path), reg, res)
	if err != nil {
		msg := err.Error()
		var doc *SchemaDocError
		if errors.As(err, &doc) {
			msg = doc.What + ":\n  " + strings.Join(doc.Issues, "\n  ")
		}
		return nil, &SchemaError{Path: path, Msg: msg, Err: err}
	}
	if err := c.AddResource(id, bytes.NewReader(stripBOM(prepared))); err != nil {
		return nil, &SchemaError{Path: path, Msg: rel.Replace(strings.TrimPrefix(err.Error(), "jsonschema: ")), Err: err}
	}
	s, err := c.Compile(id)
	if err != nil {
		return nil, &SchemaError{Path: path, Msg: compileMessage(err, rel), Err: err}
	}
	return &Validator{schema: s, rel: rel, MaxLineBytes: DefaultMaxLineBytes, warnings: reg.warnings(), unresolved: keywords.unresolved,
		quick: newQuickChecker(!opts.FormatAnnotations, c.Formats)}, nil
}

func unwrapPathError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return err.Error() + "; check the path"
	case errors.Is(err, syscall.EISDIR):
		return err.Error() + "; give a file"
	case errors.Is(err, fs.ErrPermission):
		return err.Error() + "; make it readable or run as a user who may read it"
	}
	return err.Error()
}

func fileURL(abs string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// relativizer rewrites file URLs in messages as the paths a person typed:
// under the schema's folder relative to the --schema path given, else
// relative to the working directory.
func relativizer(absDir, givenDir string) *strings.Replacer {
	shown := filepath.ToSlash(givenDir) + "/"
	if givenDir == "." {
		shown = ""
	}
	pairs := []string{fileURL(absDir) + "/", shown}
	if wd, err := os.Getwd(); err == nil {
		pairs = append(pairs, fileURL(wd)+"/", "")
	}
	return strings.NewReplacer(pairs...)
}

// RefError is a $ref docset will not or cannot load.
type RefError struct {
	Ref string
	Msg string
}

func (e *RefError) Error() string { return fmt.Sprintf("$ref %s: %s", e.Ref, e.Msg) }

// compileMessage renders a compile failure for people: a schema failing
// its metaschema lists each violation with its place in the schema.
func compileMessage(err error, rel *strings.Replacer) string {
	var ref *RefError
	if errors.As(err, &ref) {
		return ref.Error()
	}
	var reg *RegistryError
	if errors.As(err, &reg) {
		return reg.Error()
	}
	var doc *SchemaDocError
	if errors.As(err, &doc) {
		return doc.Error()
	}
	var se *jsonschema.SchemaError
	if errors.As(err, &se) {
		var ve *jsonschema.ValidationError
		if errors.As(se.Err, &ve) {
			where := rel.Replace(se.SchemaURL)
			var data []byte
			if u, err := url.Parse(se.SchemaURL); err == nil && u.Scheme == "file" {
				data, _ = os.ReadFile(filepath.FromSlash(u.Path))
				data = stripBOM(data)
			}
			type located struct {
				off  int
				text string
			}
			var found []located
			for _, f := range leafFindings(ve) {
				loc, off := f.Pointer, 0
				if data != nil {
					off = locate(data, f.Pointer)
					line, col := position(data, off)
					loc = fmt.Sprintf("%s:%d:%d (%s)", where, line, col, displayPointer(f.Pointer))
				}
				found = append(found, located{off, fmt.Sprintf("%s: %s: %s", loc, f.Rule, f.Msg)})
			}
			// The library reports properties in map order; sort by place.
			slices.SortFunc(found, func(a, b located) int {
				return cmp.Or(cmp.Compare(a.off, b.off), strings.Compare(a.text, b.text))
			})
			var lines []string
			for _, f := range found {
				lines = append(lines, f.text)
			}
			return "does not follow its metaschema:\n  " + strings.Join(lines, "\n  ")
		}
	}
	if se != nil && se.Err != nil {
		err = se.Err
	}
	msg := rel.Replace(strings.TrimPrefix(err.Error(), "jsonschema: "))
	// The library names a $ref target that resolves to nothing only as
	// "URL not found".
	if target, ok := strings.CutSuffix(msg, " not found"); ok && !strings.Contains(target, " ") {
		return "$ref " + target + ": nothing there; correct the $ref or add the schema it points to"
	}
	return msg
}

func displayPointer(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

// leafFindings flattens a validation error tree into one issue per leaf
// cause, the place a person has to change. anyOf/oneOf failures become one
// issue listing the alternatives, since satisfying any one fixes it.
func leafFindings(ve *jsonschema.ValidationError) []issue {
	var out []issue
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		kw := keyword(e.KeywordLocation)
		if (kw == "anyOf" || kw == "oneOf") && len(e.Causes) > 0 {
			var alts []string
			for _, c := range e.Causes {
				for _, l := range leavesOf(c) {
					alts = append(alts, l.Message)
				}
			}
			slices.Sort(alts) // a branch's leaves come in map order
			alts = slices.Compact(alts)
			msg := e.Message
			if kw == "anyOf" || strings.Contains(msg, "none") || strings.Contains(msg, "failed") {
				msg = "matches none of the allowed alternatives: " + strings.Join(alts, "; or ")
			}
			out = append(out, issue{Offset: -1, Pointer: e.InstanceLocation, Rule: kw, Msg: msg})
			return
		}
		if len(e.Causes) == 0 {
			if names, ok := additionalNames(kw, e.Message); ok {
				// One finding per property, at the property: the library
				// lists them in map order, and a person fixes them one by one.
				for _, n := range names {
					out = append(out, issue{Offset: -1, Pointer: e.InstanceLocation + "/" + escapeToken(n), Rule: kw,
						Msg: fmt.Sprintf("property %s is not allowed here; remove it or correct its name", strconv.Quote(n))})
				}
				return
			}
			out = append(out, issue{Offset: -1, Pointer: e.InstanceLocation, Rule: kw, Msg: e.Message})
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return out
}

var additionalRE = regexp.MustCompile(`'((?:[^'\\]|\\.)*)'`)

// additionalNames extracts the property names from jsonschema's
// "additionalProperties 'a', 'b' not allowed" message.
func additionalNames(kw, msg string) ([]string, bool) {
	if kw != "additionalProperties" || !strings.HasPrefix(msg, "additionalProperties ") {
		return nil, false
	}
	var names []string
	for _, m := range additionalRE.FindAllStringSubmatch(msg, -1) {
		// Undo the library's quoting: %q with \" unescaped and ' escaped.
		q := strings.ReplaceAll(strings.ReplaceAll(m[1], `\'`, `'`), `"`, `\"`)
		n, err := strconv.Unquote(`"` + q + `"`)
		if err != nil {
			return nil, false
		}
		names = append(names, n)
	}
	slices.Sort(names)
	return names, len(names) > 0
}

func leavesOf(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leavesOf(c)...)
	}
	return out
}

// keyword is the schema keyword a keyword location ends in (skipping the
// index or name below applicator keywords such as anyOf/0).
func keyword(loc string) string {
	parts := strings.Split(loc, "/")
	for i := len(parts) - 1; i >= 0; i-- {
		p := unescapeToken(parts[i])
		if p == "" {
			continue
		}
		if i > 0 && (isIndex(p) || parts[i-1] == "properties" || parts[i-1] == "patternProperties" || parts[i-1] == "$defs" || parts[i-1] == "definitions" || parts[i-1] == "dependentSchemas" || parts[i-1] == "dependentRequired" || parts[i-1] == "dependencies") {
			continue
		}
		return p
	}
	return "schema"
}

func isIndex(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

func stripBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == utf8BOM[0] && b[1] == utf8BOM[1] && b[2] == utf8BOM[2] {
		return b[3:]
	}
	return b
}
