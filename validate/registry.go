package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Mapping serves the $refs under the URL Prefix from the files at the same
// relative path under Dir (--map PREFIX=DIR).
type Mapping struct {
	Prefix string
	Dir    string
}

// ParseMapping reads a --map value, URL_PREFIX=DIR. The prefix must be an
// absolute URL; it is taken as a folder, so https://host/a matches
// https://host/a/x.json and not https://host/ab.json.
func ParseMapping(s string) (Mapping, error) {
	prefix, dir, ok := strings.Cut(s, "=")
	if !ok || prefix == "" || dir == "" {
		return Mapping{}, fmt.Errorf("--map %q: want URL_PREFIX=DIR, e.g. https://json.schemastore.org/=schemas/json", s)
	}
	prefix, err := urlPrefix(prefix)
	if err != nil {
		return Mapping{}, fmt.Errorf("--map %q: %w", s, err)
	}
	return Mapping{Prefix: prefix, Dir: dir}, nil
}

// urlPrefix checks a --map URL prefix and ends a hierarchical one in "/".
func urlPrefix(prefix string) (string, error) {
	u, err := url.Parse(prefix)
	if err != nil || u.Scheme == "" || u.Host == "" && u.Opaque == "" {
		return "", fmt.Errorf("%q is not an absolute URL; give the part of the $ref URLs to serve, e.g. https://example.com/schemas/", prefix)
	}
	if strings.Contains(prefix, "#") {
		return "", errors.New("the URL prefix has a fragment (#...); give the folder part of the URL only")
	}
	if u.Host != "" && !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	return prefix, nil
}

// RegistryError is a --ref or --map that cannot serve schemas, or two
// schema files claiming one $id.
type RegistryError struct{ Msg string }

func (e *RegistryError) Error() string { return e.Msg }

// registry resolves the $refs a schema makes to files on this machine,
// never to the network: by $id among the --ref files, by URL prefix under
// the --map folders, and by $id among the schemas beside the --schema file
// and below its folder. A file is read only from inside the folder it was
// found in: a symlink leading outside is not followed.
type registry struct {
	defaultDraft string
	// ids holds the $id of every --ref file and of the --schema file.
	ids map[string][]string
	// shown is how a file is named in messages (as the person typed it).
	shown map[string]string
	maps  []mapping
	// root is the --schema file's folder: file URLs resolve inside it, and
	// its schemas are indexed by $id on the first $ref no other rule serves.
	root    folder
	rootIdx map[string][]string
	// siblings map the folder of a served file's $id to the folder the file
	// is in, so that a $ref relative to that $id finds a file beside it
	// that has no $id of its own.
	siblings []sibling
	// rel shows file URLs as the paths a person typed.
	rel *strings.Replacer
	// fetched remembers every answer, so that a URL is read once whether
	// the compiler or the check for unresolvable $refs asks first.
	fetched map[string]fetched
	// unresolved lists the URLs $refs name that nothing serves, in the
	// order met, with where they are named.
	unresolved []unresolvedURL
}

type unresolvedURL struct {
	url, why string
	sites    []string
}

// unresolvedRef notes that a $ref at site names url, which nothing serves.
func (r *registry) unresolvedRef(url, why, site string) {
	for i := range r.unresolved {
		if r.unresolved[i].url == url {
			r.unresolved[i].sites = append(r.unresolved[i].sites, site)
			return
		}
	}
	r.unresolved = append(r.unresolved, unresolvedURL{url: url, why: why, sites: []string{site}})
}

// warnings says which $refs nothing serves.
func (r *registry) warnings() []string {
	var out []string
	for _, u := range r.unresolved {
		where := u.sites[0]
		if n := len(u.sites) - 1; n > 0 {
			where += fmt.Sprintf(" and %d more place%s", n, map[bool]string{true: "s", false: ""}[n > 1])
		}
		out = append(out, fmt.Sprintf("$ref %s at %s: %s; a document that reaches it cannot be validated", u.url, where, u.why))
	}
	return out
}

type fetched struct {
	data []byte
	name string // the file, as shown to people
	err  error
}

// folder is a directory files are served from, with its real path for the
// symlink rule.
type folder struct {
	abs, real, shown string
}

type mapping struct {
	Mapping
	dir folder
	idx map[string][]string // $ids under dir, built on first need
}

type sibling struct {
	prefix string
	dir    folder
	file   string // the file whose $id made the pair, for messages
}

func newFolder(dir string) (folder, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return folder{}, err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return folder{}, err
	}
	return folder{abs: abs, real: real, shown: filepath.ToSlash(dir)}, nil
}

// newRegistry indexes the --ref files and folders and checks the --map
// folders. schemaPath is the --schema file, whose folder is root.
func newRegistry(schemaPath string, opts SchemaOptions, rel *strings.Replacer) (*registry, error) {
	r := &registry{defaultDraft: opts.Draft, ids: map[string][]string{}, shown: map[string]string{}, rel: rel, fetched: map[string]fetched{}}
	root, err := newFolder(filepath.Dir(schemaPath))
	if err != nil {
		return nil, &RegistryError{Msg: fmt.Sprintf("schema folder %s: %s", filepath.ToSlash(filepath.Dir(schemaPath)), unwrapPathError(err))}
	}
	r.root = root
	for _, ref := range opts.Refs {
		if err := r.addRef(ref); err != nil {
			return nil, err
		}
	}
	for _, m := range opts.Maps {
		prefix, err := urlPrefix(m.Prefix)
		if err != nil {
			return nil, &RegistryError{Msg: fmt.Sprintf("--map %s=%s: %s", m.Prefix, m.Dir, err)}
		}
		m.Prefix = prefix
		fi, err := os.Stat(m.Dir)
		if err == nil && !fi.IsDir() {
			err = errors.New("not a directory; give the folder holding the schemas")
		}
		var dir folder
		if err == nil {
			dir, err = newFolder(m.Dir)
		}
		if err != nil {
			return nil, &RegistryError{Msg: fmt.Sprintf("--map %s=%s: %s", m.Prefix, m.Dir, unwrapPathError(err))}
		}
		r.maps = append(r.maps, mapping{Mapping: m, dir: dir})
	}
	// The longest prefix wins, as with nested mounts.
	slices.SortStableFunc(r.maps, func(a, b mapping) int { return len(b.Prefix) - len(a.Prefix) })
	return r, nil
}

// addRef indexes one --ref: a schema file, which must have an $id, or a
// folder, whose schemas with an $id are indexed recursively.
func (r *registry) addRef(ref string) error {
	fi, err := os.Stat(ref)
	if err != nil {
		return &RegistryError{Msg: fmt.Sprintf("--ref %s: %s", filepath.ToSlash(ref), unwrapPathError(err))}
	}
	if !fi.IsDir() {
		abs, err := filepath.Abs(ref)
		if err == nil {
			abs, err = filepath.EvalSymlinks(abs)
		}
		if err != nil {
			return &RegistryError{Msg: fmt.Sprintf("--ref %s: %s", filepath.ToSlash(ref), err)}
		}
		data, err := os.ReadFile(abs)
		if err != nil {
			return &RegistryError{Msg: fmt.Sprintf("--ref %s: cannot read it: %s", filepath.ToSlash(ref), unwrapPathError(err))}
		}
		id, err := schemaID(data, r.defaultDraft)
		if err != nil {
			return &RegistryError{Msg: fmt.Sprintf("--ref %s: %s", filepath.ToSlash(ref), err)}
		}
		if id == "" {
			return &RegistryError{Msg: fmt.Sprintf("--ref %s: the schema has no absolute $id (id in draft 4), so no $ref can name it; add one, or $ref the file by its relative path", filepath.ToSlash(ref))}
		}
		r.addID(id, abs, filepath.ToSlash(ref))
		return nil
	}
	dir, err := newFolder(ref)
	if err != nil {
		return &RegistryError{Msg: fmt.Sprintf("--ref %s: %s", filepath.ToSlash(ref), unwrapPathError(err))}
	}
	idx, shown, err := indexFolder(dir, r.defaultDraft)
	if err != nil {
		return &RegistryError{Msg: fmt.Sprintf("--ref %s: %s", filepath.ToSlash(ref), err)}
	}
	for id, files := range idx {
		for _, f := range files {
			r.addID(id, f, shown[f])
		}
	}
	return nil
}

func (r *registry) addID(id, file, shown string) {
	if !slices.Contains(r.ids[id], file) {
		r.ids[id] = append(r.ids[id], file)
	}
	r.shown[file] = shown
}

// indexFolder reads every *.json file under dir (skipping hidden folders and
// node_modules, and symlinks leading outside dir) and maps each absolute
// $id to the files claiming it, by real path. Files that are not JSON
// objects are not schemas and are skipped.
func indexFolder(dir folder, defaultDraft string) (map[string][]string, map[string]string, error) {
	idx := map[string][]string{}
	shown := map[string]string{}
	err := filepath.WalkDir(dir.abs, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if d != nil && d.IsDir() && p != dir.abs {
				return fs.SkipDir // an unreadable folder holds nothing we can serve
			}
			if p == dir.abs {
				return err
			}
			return nil
		}
		if d.IsDir() {
			if p != dir.abs && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.EqualFold(filepath.Ext(p), ".json") {
			return nil
		}
		real, err := filepath.EvalSymlinks(p)
		if err != nil || !within(dir.real, real) {
			return nil
		}
		if fi, err := os.Stat(real); err != nil || !fi.Mode().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(real)
		if err != nil {
			return nil
		}
		id, err := schemaID(data, defaultDraft)
		if err != nil || id == "" {
			return nil
		}
		if !slices.Contains(idx[id], real) {
			idx[id] = append(idx[id], real)
		}
		rel, _ := filepath.Rel(dir.abs, p)
		shown[real] = path.Join(dir.shown, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return nil, nil, errors.New(unwrapPathError(err))
	}
	return idx, shown, nil
}

// schemaID returns the absolute $id (id in draft 4) of the schema in data,
// without its fragment; "" when it has none. An error means data is not a
// JSON object.
func schemaID(data []byte, defaultDraft string) (string, error) {
	var top struct {
		Schema json.RawMessage `json:"$schema"`
		ID     json.RawMessage `json:"$id"`
		OldID  json.RawMessage `json:"id"`
	}
	data = bytes.TrimSpace(stripBOM(data))
	if len(data) == 0 || data[0] != '{' {
		return "", errors.New("not a JSON Schema object")
	}
	if err := json.Unmarshal(data, &top); err != nil {
		return "", fmt.Errorf("not valid JSON: %v", err)
	}
	var schema, id, oldID string
	_ = json.Unmarshal(top.Schema, &schema)
	_ = json.Unmarshal(top.ID, &id)
	_ = json.Unmarshal(top.OldID, &oldID)
	draft4 := strings.Contains(schema, "draft-04") || schema == "" && defaultDraft == "4"
	known := schema == "" || strings.Contains(schema, "json-schema.org/")
	switch {
	case draft4:
		id = oldID
	case id == "" && !known:
		// A custom metaschema: the dialect is not known here, so take
		// whichever id the schema carries.
		id = oldID
	}
	id, _, _ = strings.Cut(id, "#")
	if u, err := url.Parse(id); err != nil || !u.IsAbs() {
		return "", nil
	}
	return id, nil
}

// within reports whether path p lies in dir or below (both cleaned, real).
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// openIn opens file p when it lies in dir once symlinks are resolved.
func openIn(dir folder, p string) (*os.File, error) {
	if !within(dir.abs, p) {
		return nil, errOutside
	}
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return nil, err
	}
	if !within(dir.real, real) {
		return nil, errSymlinkOutside
	}
	return os.Open(real)
}

var (
	errOutside        = errors.New("outside the folder")
	errSymlinkOutside = errors.New("a symlink leading outside the folder")
)

// fetch returns the schema document at an absolute URL (no fragment).
func (r *registry) fetch(s string) fetched {
	if f, ok := r.fetched[s]; ok {
		return f
	}
	f := fetched{name: r.rel.Replace(s)}
	rc, err := r.load(s)
	if err == nil {
		f.data, err = io.ReadAll(rc)
		if file, ok := rc.(*os.File); ok && !strings.HasPrefix(s, "file:") {
			f.name = r.name(file.Name())
		}
		rc.Close()
		if err != nil {
			err = &RefError{Ref: f.name, Msg: "cannot read it: " + err.Error()}
		}
	}
	f.err = err
	r.fetched[s] = f
	return f
}

// serves reports whether the registry has a document for URL s. Two files
// claiming s count as served: the compiler then stops on that error.
func (r *registry) serves(s string) bool {
	err := r.fetch(s).err
	var reg *RegistryError
	return err == nil || errors.As(err, &reg)
}

// load opens the schema at an absolute URL (no fragment).
func (r *registry) load(s string) (io.ReadCloser, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, &RefError{Ref: s, Msg: err.Error()}
	}
	if u.Scheme == "file" {
		return r.loadFile(s, u)
	}
	if files := r.ids[s]; len(files) > 0 {
		return r.open(s, files)
	}
	for i := range r.maps {
		m := &r.maps[i]
		rest, ok := strings.CutPrefix(s, m.Prefix)
		if !ok {
			continue
		}
		p, err := mappedPath(m.dir.abs, rest)
		if err != nil {
			return nil, &RefError{Ref: s, Msg: fmt.Sprintf("cannot be served by --map %s=%s: %s", m.Prefix, m.Dir, err)}
		}
		f, err := openIn(m.dir, p)
		if err == nil {
			r.served(s, f.Name(), m.dir)
			return f, nil
		}
		if errors.Is(err, errSymlinkOutside) {
			return nil, &RefError{Ref: s, Msg: fmt.Sprintf("%s is a symlink leading outside %s; docset does not follow it: copy the schema into the folder", path.Join(m.dir.shown, rest), m.dir.shown)}
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, &RefError{Ref: s, Msg: fmt.Sprintf("cannot read %s: %s", path.Join(m.dir.shown, rest), unwrapPathError(err))}
		}
		// Not at its path: the folder may still hold it under that $id.
		if m.idx == nil {
			idx, shown, err := indexFolder(m.dir, r.defaultDraft)
			if err != nil {
				return nil, &RefError{Ref: s, Msg: fmt.Sprintf("cannot index --map folder %s: %s", m.Dir, err)}
			}
			m.idx = idx
			maps.Copy(r.shown, shown)
		}
		if files := m.idx[s]; len(files) > 0 {
			return r.open(s, files)
		}
		return r.fromRoot(s, fmt.Sprintf("no file %s (--map %s=%s) and no schema there or beside the schema has this $id", path.Join(m.dir.shown, rest), m.Prefix, m.Dir))
	}
	return r.fromRoot(s, "")
}

// fromRoot serves s from the schemas beside the --schema file: by $id, or
// at its path relative to a served file's $id. why explains a refusal
// already known.
func (r *registry) fromRoot(s, why string) (io.ReadCloser, error) {
	if r.rootIdx == nil {
		idx, shown, err := indexFolder(r.root, r.defaultDraft)
		if err != nil {
			idx = map[string][]string{}
		}
		r.rootIdx = idx
		for f, sh := range shown {
			if _, ok := r.shown[f]; !ok {
				r.shown[f] = sh
			}
		}
	}
	if files := r.rootIdx[s]; len(files) > 0 {
		return r.open(s, files)
	}
	for _, sb := range r.siblings {
		rest, ok := strings.CutPrefix(s, sb.prefix)
		if !ok {
			continue
		}
		p, err := mappedPath(sb.dir.abs, rest)
		if err != nil {
			continue
		}
		if f, err := openIn(sb.dir, p); err == nil {
			// Only a file without an $id of its own stands in for this
			// URL: one with another $id is another schema.
			if data, err := io.ReadAll(f); err == nil {
				f.Close()
				if id, err := schemaID(data, r.defaultDraft); err == nil && (id == "" || id == s) {
					return io.NopCloser(bytes.NewReader(data)), nil
				}
			} else {
				f.Close()
			}
		}
	}
	if why == "" {
		why = "remote schemas are not fetched (docset works offline) and no schema beside the schema has this $id; serve a local copy with --ref FILE (by its $id) or --map URL_PREFIX=DIR"
	} else {
		why += "; docset never fetches schemas over the network"
	}
	return nil, &RefError{Ref: s, Msg: why}
}

// open serves one of the files claiming $id s; two distinct files
// claiming it are an error naming both.
func (r *registry) open(s string, files []string) (io.ReadCloser, error) {
	if len(files) > 1 {
		names := make([]string, len(files))
		for i, f := range files {
			names[i] = r.name(f)
		}
		slices.Sort(names)
		return nil, &RegistryError{Msg: fmt.Sprintf("$ref %s: %s and %s both have this $id; give each schema its own $id, or leave one out of --ref", s, names[0], names[1])}
	}
	f, err := os.Open(files[0])
	if err != nil {
		return nil, &RefError{Ref: s, Msg: fmt.Sprintf("cannot read %s: %s", r.name(files[0]), unwrapPathError(err))}
	}
	r.served(s, files[0], folder{abs: filepath.Dir(files[0]), real: filepath.Dir(files[0])})
	return f, nil
}

// served notes that URL s came from file p in dir: a $ref relative to s
// may name a file beside p.
func (r *registry) served(s, p string, dir folder) {
	base := s[:strings.LastIndexByte(s, '/')+1]
	fileDir := filepath.Dir(p)
	if base == "" || !within(dir.real, fileDir) && !within(dir.abs, fileDir) {
		return
	}
	for _, sb := range r.siblings {
		if sb.prefix == base {
			return
		}
	}
	real, err := filepath.EvalSymlinks(fileDir)
	if err != nil {
		return
	}
	r.siblings = append(r.siblings, sibling{prefix: base, dir: folder{abs: fileDir, real: real}, file: p})
}

// display shows a URL in messages: a file URL as a path.
func (r *registry) display(u string) string {
	if p, ok := strings.CutPrefix(u, "file://"); ok {
		if rel, err := filepath.Rel(r.root.abs, filepath.FromSlash(p)); err == nil {
			return path.Join(r.root.shown, filepath.ToSlash(rel))
		}
	}
	return r.rel.Replace(u)
}

func (r *registry) name(f string) string {
	if s, ok := r.shown[f]; ok {
		return s
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, f); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(f)
}

// mappedPath turns the URL path below a prefix into a file path under dir,
// refusing anything that would climb out of it.
func mappedPath(dir, rest string) (string, error) {
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		rest = rest[:i]
	}
	p, err := url.PathUnescape(rest)
	if err != nil {
		return "", err
	}
	if p == "" || strings.Contains(p, "\\") || strings.ContainsRune(p, 0) {
		return "", fmt.Errorf("%q is not a file path", rest)
	}
	clean := path.Clean("/" + p)
	if clean != "/"+p && clean+"/" != "/"+p {
		return "", fmt.Errorf("%q climbs out of the folder", rest)
	}
	return filepath.Join(dir, filepath.FromSlash(clean[1:])), nil
}

// loadFile serves a file URL: only from the --schema file's folder and
// below, and never through a symlink leading out of it.
func (r *registry) loadFile(s string, u *url.URL) (io.ReadCloser, error) {
	p := filepath.FromSlash(u.Path)
	f, err := openIn(r.root, p)
	switch {
	case err == nil:
		return f, nil
	case errors.Is(err, errOutside):
		shown, _ := filepath.Rel(r.root.abs, p)
		return nil, &RefError{Ref: filepath.ToSlash(shown), Msg: "is outside the schema's folder; docset only reads referenced schemas from that folder and below: copy it there, or serve it with --ref or --map"}
	case errors.Is(err, errSymlinkOutside):
		return nil, &RefError{Ref: r.rel.Replace(s), Msg: "is a symlink leading outside the schema's folder; docset does not follow it: copy the schema into the folder"}
	}
	return nil, &RefError{Ref: r.rel.Replace(s), Msg: "cannot read it: " + unwrapPathError(err)}
}
