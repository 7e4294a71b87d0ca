package validate

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/docset/docset/internal/buildinfo"
)

// sarifRenderer writes one SARIF 2.1.0 log (OASIS Static Analysis Results
// Interchange Format), as GitHub code scanning and other SARIF viewers read
// it: one run, docset as the tool with every rule it reports, one result
// per finding, and the files that could not be read (or a schema that
// could not be used) as tool execution notifications.
//
// Locations are the paths as given, relative to the working directory
// (uriBaseId SRCROOT), so the log holds no machine paths; columns count
// Unicode code points (columnKind unicodeCodePoints). Each result carries
// its JSON Pointer in properties.pointer and a partial fingerprint,
// docset/v1, that hashes the file, rule and pointer: it stays the same when
// lines move or the file is reformatted.
type sarifRenderer struct {
	// getwd resolves absolute paths against the working directory; nil
	// means os.Getwd.
	getwd func() (string, error)
}

// SARIF constants: the OASIS schema of the 2.1.0 standard (with errata 01),
// the base every location is relative to, and the project's home.
const (
	sarifSchema    = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifVersion   = "2.1.0"
	sarifRoot      = "SRCROOT"
	informationURI = "https://github.com/docset/docset"
	// fingerprintKey names docset's partial fingerprint; the /v1 suffix
	// changes if its recipe ever does.
	fingerprintKey = "docset/v1"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                         `json:"tool"`
	Invocations        []sarifInvocation                 `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactBaseEntry `json:"originalUriBaseIds"`
	ColumnKind         string                            `json:"columnKind"`
	Results            []sarifResult                     `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string            `json:"name"`
	Version         string            `json:"version"`
	SemanticVersion string            `json:"semanticVersion,omitempty"`
	InformationURI  string            `json:"informationUri"`
	Rules           []sarifDescriptor `json:"rules"`
}

type sarifDescriptor struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name"`
	ShortDescription     sarifMessage        `json:"shortDescription"`
	FullDescription      sarifMessage        `json:"fullDescription"`
	Help                 sarifMessage        `json:"help"`
	DefaultConfiguration *sarifConfiguration `json:"defaultConfiguration,omitempty"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifArtifactBaseEntry struct {
	Description sarifMessage `json:"description"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	ExitCode            int                 `json:"exitCode"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level      string             `json:"level"`
	Message    sarifMessage       `json:"message"`
	Descriptor *sarifReference    `json:"descriptor,omitempty"`
	Locations  []sarifLocationRef `json:"locations,omitempty"`
}

type sarifReference struct {
	ID string `json:"id"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifMessage       `json:"message"`
	Locations           []sarifLocationRef `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Properties          sarifProperties    `json:"properties"`
}

type sarifProperties struct {
	Pointer string `json:"pointer"`
}

type sarifLocationRef struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI         string        `json:"uri,omitempty"`
	URIBaseID   string        `json:"uriBaseId,omitempty"`
	Description *sarifMessage `json:"description,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

// Notification descriptors: what kind of problem stopped docset from
// checking a file, or anything at all.
const (
	notifyFile   = "file-error"
	notifySchema = "schema-error"
)

func (s sarifRenderer) Render(w io.Writer, r *Report) error {
	rules := Rules()
	index := make(map[string]int, len(rules))
	for i, rule := range rules {
		index[rule.ID] = i
	}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:            "docset",
			Version:         buildinfo.Version(),
			SemanticVersion: buildinfo.SemanticVersion(),
			InformationURI:  informationURI,
		}},
		OriginalURIBaseIDs: map[string]sarifArtifactBaseEntry{
			sarifRoot: {Description: sarifMessage{Text: "The working directory docset validate ran in; every path is relative to it."}},
		},
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
	}
	inv := sarifInvocation{ExitCode: r.Summary().ExitCode()}
	if r.Schema != nil {
		inv.Notifications = append(inv.Notifications, s.notification(notifySchema, r.Schema.Path, r.Schema.Error()))
	}
	seen := map[string]int{} // fingerprint base -> occurrences so far
	for _, f := range r.Files {
		if f.Err != nil {
			inv.Notifications = append(inv.Notifications, s.notification(notifyFile, f.Path, f.Path+": "+f.Err.Error()))
		}
		for _, fd := range f.Findings {
			i, ok := index[fd.Rule]
			if !ok {
				i = len(rules)
				index[fd.Rule] = i
				rules = append(rules, RuleFor(fd.Rule))
			}
			loc := s.location(fd.File, region(fd))
			base := fingerprint(loc.PhysicalLocation.ArtifactLocation.URI, fd)
			seen[base]++
			run.Results = append(run.Results, sarifResult{
				RuleID:              fd.Rule,
				RuleIndex:           i,
				Level:               "error",
				Message:             sarifMessage{Text: pointerText(fd.Pointer) + ": " + fd.Message},
				Locations:           []sarifLocationRef{loc},
				PartialFingerprints: map[string]string{fingerprintKey: base + ":" + strconv.Itoa(seen[base])},
				Properties:          sarifProperties{Pointer: fd.Pointer},
			})
		}
	}
	inv.ExecutionSuccessful = len(inv.Notifications) == 0
	run.Invocations = []sarifInvocation{inv}
	for _, rule := range rules {
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifDescriptor{
			ID:                   rule.ID,
			Name:                 rule.Name,
			ShortDescription:     sarifMessage{Text: rule.Short},
			FullDescription:      sarifMessage{Text: rule.Full},
			Help:                 sarifMessage{Text: rule.Help},
			DefaultConfiguration: &sarifConfiguration{Level: "error"},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

func (s sarifRenderer) notification(kind, path, msg string) sarifNotification {
	return sarifNotification{
		Level:      "error",
		Message:    sarifMessage{Text: msg},
		Descriptor: &sarifReference{ID: kind},
		Locations:  []sarifLocationRef{s.location(path, nil)},
	}
}

// region is the finding's place: one line, from its column to the end of
// the value's first token.
func region(fd Finding) *sarifRegion {
	line, col := max(fd.Line, 1), max(fd.Column, 1)
	return &sarifRegion{StartLine: line, StartColumn: col, EndLine: line, EndColumn: max(fd.EndColumn, col)}
}

// location names a file as a URI relative to the working directory; an
// absolute path outside it stays an absolute file URI.
func (s sarifRenderer) location(path string, reg *sarifRegion) sarifLocationRef {
	loc := sarifLocationRef{PhysicalLocation: sarifPhysicalLocation{Region: reg}}
	al := &loc.PhysicalLocation.ArtifactLocation
	if path == StdinName {
		// Not a file, but code scanning wants a URI: the name the other
		// formats use, which no repository path can be mistaken for.
		al.URI = url.PathEscape(StdinName)
		al.Description = &sarifMessage{Text: "standard input"}
		return loc
	}
	p := filepath.FromSlash(path)
	if filepath.IsAbs(p) {
		getwd := s.getwd
		if getwd == nil {
			getwd = os.Getwd
		}
		if wd, err := getwd(); err == nil {
			if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
				p = rel
			}
		}
	}
	if filepath.IsAbs(p) {
		al.URI = (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String()
		return loc
	}
	al.URI = (&url.URL{Path: filepath.ToSlash(filepath.Clean(p))}).String()
	al.URIBaseID = sarifRoot
	return loc
}

// fingerprint identifies a finding by what it is about, not where the text
// happens to put it: the file's URI (so ./a.json and a.json agree), rule
// and JSON Pointer. Render adds the occurrence, since NDJSON records repeat
// pointers.
func fingerprint(uri string, fd Finding) string {
	sum := sha256.Sum256([]byte(uri + "\x00" + fd.Rule + "\x00" + fd.Pointer))
	return hex.EncodeToString(sum[:8])
}
