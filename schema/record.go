package schema

// The types below mirror record.schema.json field for field; record_test.go
// proves the two agree in both directions, so change them together.

// Version is the schema_version every record written by this build carries.
const Version = "1.0"

// Record is one extracted document.
type Record struct {
	SchemaVersion string      `json:"schema_version"`
	ID            string      `json:"id"`
	Source        Source      `json:"source"`
	Metadata      *Metadata   `json:"metadata,omitempty"`
	Text          string      `json:"text"`
	Paragraphs    []Paragraph `json:"paragraphs"`
	Sentences     []Sentence  `json:"sentences,omitempty"`
	Entities      []Entity    `json:"entities"`
	Quotes        []Quote     `json:"quotes"`
	Dates         []Date      `json:"dates"`
	Quantities    []Quantity  `json:"quantities"`
	Review        Review      `json:"review"`
}

// Source says where the document was read from.
type Source struct {
	Path   string `json:"path"`
	Line   int    `json:"line,omitempty"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
}

// Metadata holds what is known about the document; empty fields are unknown.
type Metadata struct {
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
	Language  string `json:"language,omitempty"`
	Source    string `json:"source,omitempty"`
	License   string `json:"license,omitempty"`
}

// Span is a stretch of Record.Text in code points, end exclusive.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Paragraph kinds.
const (
	KindHeading   = "heading"
	KindParagraph = "paragraph"
)

// Paragraph is a heading or body paragraph.
type Paragraph struct {
	ID    string `json:"id"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Kind  string `json:"kind"`
}

// Sentence is one sentence of the text.
type Sentence = Span

// Entity types.
const (
	TypePerson       = "person"
	TypeOrganization = "organization"
	TypePlace        = "place"
	TypeEvent        = "event"
	TypeOther        = "other"
)

// Entity is a named thing with all its mentions.
type Entity struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Type     string    `json:"type"`
	Subtype  string    `json:"subtype,omitempty"`
	Roles    []string  `json:"roles,omitempty"`
	Mentions []Mention `json:"mentions"`
}

// Mention is one place an entity is named; the span covers the name only.
type Mention = Span

// Quote is a direct quotation. Speaker and Cue are nil when unknown.
type Quote struct {
	ID      string  `json:"id"`
	Start   int     `json:"start"`
	End     int     `json:"end"`
	Text    string  `json:"text"`
	Speaker *string `json:"speaker"`
	Cue     *string `json:"cue"`
	Partial bool    `json:"partial"`
}

// Date is a date expression; Value is nil when it cannot be resolved.
type Date struct {
	ID    string  `json:"id"`
	Start int     `json:"start"`
	End   int     `json:"end"`
	Text  string  `json:"text"`
	Value *string `json:"value"`
}

// Quantity is a counted or measured amount; Unit is nil when none is named.
type Quantity struct {
	ID    string  `json:"id"`
	Start int     `json:"start"`
	End   int     `json:"end"`
	Text  string  `json:"text"`
	Value float64 `json:"value"`
	Unit  *string `json:"unit"`
}

// Review statuses.
const (
	StatusDraft    = "draft"
	StatusReviewed = "reviewed"
)

// Review records where the record stands in human review.
type Review struct {
	Status string `json:"status"`
	By     string `json:"by,omitempty"`
	At     string `json:"at,omitempty"`
	Notes  string `json:"notes,omitempty"`
}
