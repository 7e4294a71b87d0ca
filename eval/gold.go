// Package eval scores extracted records against hand-annotated gold files:
// named-entity mentions (exact span and type), quotations with their speaker,
// cue and partial flag, and date expressions with their resolved values.
//
// Two gold formats are read, both with Unicode code-point offsets into the
// document text (end exclusive):
//   - wikinews-dev: mentions {start,end,text,type,entity}, quotes
//     {start,end,text,speaker,cue,partial}, dates {start,end,text,value};
//   - gum-news: mentions {start,end,text,type}, quote_spans {start,end,text}
//     (GUM <quote> elements, which include the quotation marks; they are
//     trimmed to the quoted words here so that they follow the record
//     convention. GUM often marks a multi-sentence quotation sentence by
//     sentence, so on gum-news the overlap score is the telling one), dates {start,end,text,kind,when|from/to|notBefore/notAfter}
//     (`when` is the value; ranges have none).
//
// A gold file of either format may name the layers it annotates
// ("layers": ["quotes"]); the others are then not scored for it.
package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// Mention is a gold named-entity mention.
type Mention struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`
	Type   string `json:"type"`
	Entity string `json:"entity,omitempty"`
}

// Quote is a gold quotation. Attributed is false for gold that marks
// quotation spans only (gum-news): then Speaker, Cue and Partial are not
// scored.
type Quote struct {
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Text       string  `json:"text"`
	Speaker    *string `json:"speaker"`
	Cue        *string `json:"cue"`
	Partial    bool    `json:"partial"`
	Attributed bool    `json:"-"`
}

// Date is a gold date expression; Value is nil when the gold gives none.
type Date struct {
	Start int     `json:"start"`
	End   int     `json:"end"`
	Text  string  `json:"text"`
	Value *string `json:"value"`
}

// Layers of annotation a gold file may hold. A file that names none holds
// all three; one that names some was annotated for those only (a set made to
// measure speakers need not mark every name), and the others are not scored.
const (
	LayerMentions = "mentions"
	LayerQuotes   = "quotes"
	LayerDates    = "dates"
)

// Layers are the layers of annotation, in report order.
var Layers = []string{LayerMentions, LayerQuotes, LayerDates}

// Gold is the annotation of one document.
type Gold struct {
	// Doc is the document name: the gold file name without ".json", which is
	// also the text file's stem and, for wikinews, the NDJSON id.
	Doc string
	// TextSHA256 is the hex SHA-256 of the annotated text, when given.
	TextSHA256 string
	// Published is the article's date (YYYY-MM-DD) from the gold source
	// block, when given.
	Published string
	// Layers lists the layers annotated; nil means all of them.
	Layers   []string
	Mentions []Mention
	Quotes   []Quote
	Dates    []Date
}

// Annotates reports whether the gold holds the layer: an empty Mentions
// of a gold that annotates mentions means the text names no one, of one
// that does not, that nobody looked.
func (g *Gold) Annotates(layer string) bool { return Annotates(g.Layers, layer) }

// Annotates reports whether a gold naming layers (nil: all) holds layer.
func Annotates(layers []string, layer string) bool {
	return layers == nil || slices.Contains(layers, layer)
}

// goldFile is the union of both on-disk formats.
type goldFile struct {
	Doc        string   `json:"doc"`
	TextSHA256 string   `json:"text_sha256"`
	Layers     []string `json:"layers"`
	Source     struct {
		Date        string `json:"date"`
		DateCreated string `json:"date_created"`
	} `json:"source"`
	Mentions   []Mention `json:"mentions"`
	Quotes     []Quote   `json:"quotes"`
	QuoteSpans []struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Text  string `json:"text"`
	} `json:"quote_spans"`
	Dates []struct {
		Start int     `json:"start"`
		End   int     `json:"end"`
		Text  string  `json:"text"`
		Value *string `json:"value"`
		When  *string `json:"when"`
	} `json:"dates"`
}

// LoadGold reads every *.json file of dir, keyed by document name.
func LoadGold(dir string) (map[string]*Gold, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("gold %s: %w", dir, err)
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("gold %s: no *.json files", dir)
	}
	sort.Strings(paths)
	golds := make(map[string]*Gold, len(paths))
	for _, p := range paths {
		g, err := LoadGoldFile(p)
		if err != nil {
			return nil, err
		}
		golds[g.Doc] = g
	}
	return golds, nil
}

// LoadGoldFile reads one gold file; the document name is the file name
// without ".json".
func LoadGoldFile(path string) (*Gold, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read gold: %w", err)
	}
	g, err := ParseGold(strings.TrimSuffix(filepath.Base(path), ".json"), data)
	if err != nil {
		return nil, fmt.Errorf("gold %s: %w", path, err)
	}
	return g, nil
}

// ParseGold decodes gold JSON in either format for the document doc.
func ParseGold(doc string, data []byte) (*Gold, error) {
	var f goldFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, err
	}
	g := &Gold{Doc: doc, TextSHA256: f.TextSHA256, Published: f.Source.Date, Layers: f.Layers, Mentions: f.Mentions}
	for _, l := range f.Layers {
		if !slices.Contains(Layers, l) {
			return nil, fmt.Errorf("layer %q: use %s", l, strings.Join(Layers, ", "))
		}
	}
	if len(f.Layers) == 0 && f.Layers != nil {
		return nil, fmt.Errorf("\"layers\" is empty: name the layers annotated, or leave it out for all")
	}
	for _, c := range []struct {
		layer string
		n     int
	}{{LayerMentions, len(f.Mentions)}, {LayerQuotes, len(f.Quotes) + len(f.QuoteSpans)}, {LayerDates, len(f.Dates)}} {
		if c.n > 0 && !g.Annotates(c.layer) {
			return nil, fmt.Errorf("%d %s given, but \"layers\" does not name %s", c.n, c.layer, c.layer)
		}
	}
	if g.Published == "" {
		g.Published = f.Source.DateCreated
	}
	for _, q := range f.Quotes {
		q.Attributed = true
		g.Quotes = append(g.Quotes, q)
	}
	for _, q := range f.QuoteSpans {
		g.Quotes = append(g.Quotes, trimQuoteMarks(Quote{Start: q.Start, End: q.End, Text: q.Text}))
	}
	for _, d := range f.Dates {
		v := d.Value
		if v == nil {
			v = d.When
		}
		g.Dates = append(g.Dates, Date{Start: d.Start, End: d.End, Text: d.Text, Value: v})
	}
	for i, m := range g.Mentions {
		if m.Start < 0 || m.End < m.Start {
			return nil, fmt.Errorf("mention %d: bad span [%d,%d)", i, m.Start, m.End)
		}
	}
	return g, nil
}

// trimQuoteMarks cuts a GUM quote span, which covers the quotation marks,
// to the quoted words, as record quotes and wikinews-dev gold have them:
// whitespace and marks go from both ends, and text after the closing mark
// of a span that opens with one (GUM's "((it))" language tags) is dropped.
func trimQuoteMarks(q Quote) Quote {
	r := []rune(q.Text)
	i, j := 0, len(r)
	isMark := func(c rune) bool { return strings.ContainsRune("\"“”„«»", c) }
	for i < j && (unicode.IsSpace(r[i]) || isMark(r[i])) {
		i++
	}
	if i > 0 && isMark(r[i-1]) {
		for k := j - 1; k > i; k-- {
			if isMark(r[k]) {
				j = k
				break
			}
		}
	}
	for j > i && (unicode.IsSpace(r[j-1]) || isMark(r[j-1])) {
		j--
	}
	q.Start += i
	q.End = q.Start + (j - i)
	q.Text = string(r[i:j])
	return q
}
