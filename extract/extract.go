// Package extract turns a news document into a docset record: normalized
// text, source, metadata, paragraphs and sentences, entities, quotations,
// dates and quantities, every value traced to the span it came from. The
// record is checked against the embedded record schema, and its spans, ids
// and speakers against its text and entities, before it is returned.
//
// Text normalization is deliberately small: a byte order mark is dropped
// and CRLF and lone CR line ends become LF. Nothing else changes (no Unicode
// normalization, no whitespace trimming), so the record's text equals the
// source apart from line ends and every span can be checked against the
// file a person has open.
//
// Ids: a document keeps the id its input gives it (the `id` of a JSON
// Lines record); otherwise its id is the first 16 hex digits of the SHA-256
// of its normalized text, stable across runs, machines and file names.
package extract

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/docset/docset/extract/dates"
	"github.com/docset/docset/extract/entities"
	"github.com/docset/docset/extract/input"
	"github.com/docset/docset/extract/internal/freelist"
	"github.com/docset/docset/extract/internal/lex"
	"github.com/docset/docset/extract/quantities"
	"github.com/docset/docset/extract/quotes"
	"github.com/docset/docset/extract/segment"
	"github.com/docset/docset/schema"
)

// Extractor extracts records. Build it once with New: it loads the
// gazetteers and compiles the schema; it is safe for concurrent use.
type Extractor struct {
	recognizer *entities.Recognizer
	checker    recordChecker
	// scratch recycles the per-document working slices.
	scratch *freelist.List[scratch]
}

// scratch is what one extraction works on besides the record: the text as
// code points shared by every extractor, and the tokens dates and
// quantities share. None of it ends up in the record, so it is reused.
type scratch struct {
	runes []rune
	text  lex.Text
	toks  []lex.Token
	json  []byte
	spans spanCheck
}

// New loads the extraction knowledge and the record schema.
func New() (*Extractor, error) {
	rec, err := entities.New()
	if err != nil {
		return nil, fmt.Errorf("extractor: %w", err)
	}
	c, err := newRecordChecker()
	if err != nil {
		return nil, fmt.Errorf("extractor: %w", err)
	}
	return &Extractor{recognizer: rec, checker: c, scratch: freelist.New[scratch]()}, nil
}

// InvalidError is a record that failed the schema or span checks: a bug in
// an extraction rule, reported with the problems rather than written.
type InvalidError struct {
	ID       string
	Problems []string
}

func (e *InvalidError) Error() string {
	shown := e.Problems[:min(len(e.Problems), 5)]
	msg := fmt.Sprintf("record %s is invalid (an extraction bug; please report it): %s", e.ID, strings.Join(shown, "; "))
	if more := len(e.Problems) - len(shown); more > 0 {
		msg += fmt.Sprintf("; and %d more", more)
	}
	return msg
}

// Extract builds the record of one document. The error is an
// *InvalidError when the result fails validation, or reports a rule that
// failed on this input; either way the document is not lost silently.
func (x *Extractor) Extract(doc *input.Document) (*schema.Record, error) {
	rec, _, err := x.extract(doc)
	return rec, err
}

// extract is Extract that also returns the record as Marshal encodes it:
// the bytes that were validated are the bytes written.
func (x *Extractor) extract(doc *input.Document) (rec *schema.Record, data []byte, err error) {
	defer func() {
		// A rule that breaks on one odd document must not take the other
		// documents of the run down with it.
		if p := recover(); p != nil {
			rec, data, err = nil, nil, fmt.Errorf("internal error extracting (please report it): %v\n%s", p, debug.Stack())
		}
	}()
	text := input.Normalize(doc.Body)
	sc := x.scratch.Get()
	defer x.release(sc)
	sc.runes = slices.Grow(sc.runes[:0], len(text))
	for _, r := range text {
		sc.runes = append(sc.runes, r) // as []rune(text) converts
	}
	rs := sc.runes
	sum := sha256.Sum256(doc.Raw)
	rec = &schema.Record{
		SchemaVersion: schema.Version,
		ID:            doc.ID,
		Source:        schema.Source{Path: doc.Path, Line: doc.Line, SHA256: hex.EncodeToString(sum[:]), Bytes: int64(len(doc.Raw))},
		Text:          text,
		Review:        schema.Review{Status: schema.StatusDraft},
	}
	if rec.ID == "" {
		rec.ID = TextID(text)
	}
	if doc.Meta != (schema.Metadata{}) {
		meta := doc.Meta
		rec.Metadata = &meta
	}
	// One string of the text serves every span's text as a substring;
	// text itself is that string unless it holds invalid UTF-8, which the
	// rune conversion replaced.
	str := text
	if !utf8.ValidString(text) {
		str = ""
	}
	sc.text.Reset(rs, str)
	shared := &sc.text
	rec.Paragraphs = segment.ParagraphsOf(shared)
	rec.Sentences = segment.SentencesOf(shared, rec.Paragraphs)
	rec.Entities = x.recognizer.FindIn(shared, rec.Sentences)
	rec.Quotes = quotes.FindIn(shared, rec.Paragraphs, rec.Sentences, rec.Entities)
	sc.toks = lex.Tokens(rs, sc.toks[:0])
	rec.Dates = dates.FindIn(shared, sc.toks, referenceDate(doc.Meta, rs, sc.toks))
	rec.Quantities = quantities.FindIn(shared, sc.toks, rec.Dates)
	fillEmpty(rec)
	// Encoded into the reused buffer and copied out at its exact size:
	// cheaper than a fresh buffer, which the allocator would clear first.
	sc.json, err = appendRecord(sc.json[:0], rec)
	if err != nil {
		return nil, nil, err
	}
	data = bytes.Clone(sc.json)
	problems := x.checker.check(rec, data)
	problems = append(problems, sc.spans.check(rec, shared)...)
	if len(problems) > 0 {
		return nil, nil, &InvalidError{ID: rec.ID, Problems: problems}
	}
	return rec, data, nil
}

// release returns the scratch of an extraction, without the reference to
// its text.
func (x *Extractor) release(sc *scratch) {
	sc.text.Reset(nil, "")
	if cap(sc.runes) <= maxKeptRunes && cap(sc.json) <= maxKeptJSON {
		x.scratch.Put(sc)
	}
}

// maxKeptRunes and maxKeptJSON bound the scratch kept for reuse (news
// articles need a small part of it): an outsize document's slices go back
// to the garbage collector.
const (
	maxKeptRunes = 1 << 20
	maxKeptJSON  = 1 << 24
)

// referenceDate is the date relative expressions are resolved against: the
// published date of the metadata, else the dateline the text opens with
// (which Wikinews-style articles carry). The dateline is used only for
// resolving; it is not written into the metadata, which holds only what
// the input states.
func referenceDate(meta schema.Metadata, text []rune, toks []lex.Token) *time.Time {
	if meta.Published != "" {
		if t, err := time.Parse(time.DateOnly, meta.Published); err == nil {
			return &t
		}
	}
	if t, ok := dates.DatelineOf(text, toks); ok {
		return &t
	}
	return nil
}

// fillEmpty turns nil lists into empty ones: the schema requires the
// arrays, and a record says "none found" with [] rather than null.
func fillEmpty(r *schema.Record) {
	if r.Paragraphs == nil {
		r.Paragraphs = []schema.Paragraph{}
	}
	if r.Entities == nil {
		r.Entities = []schema.Entity{}
	}
	if r.Quotes == nil {
		r.Quotes = []schema.Quote{}
	}
	if r.Dates == nil {
		r.Dates = []schema.Date{}
	}
	if r.Quantities == nil {
		r.Quantities = []schema.Quantity{}
	}
}

// TextID is the id of a document that brings none: the first 16 hex digits
// of the SHA-256 of its normalized text.
func TextID(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:8])
}

// ErrReviewed is wrapped by the error for a reviewed record that a run
// would overwrite without --force.
var ErrReviewed = errors.New("reviewed record not overwritten")
