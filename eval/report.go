package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// WriteText prints the report as a fixed-format table: one line per score,
// numbers with three decimals and the counts behind them, then missed
// documents and warnings.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "documents scored: %d", r.Documents)
	if r.Unmatched > 0 {
		fmt.Fprintf(&b, " (%d records without gold ignored)", r.Unmatched)
	}
	b.WriteString("\n\n")
	if r.annotated(LayerMentions, &b, "entities (exact span+type)") {
		for _, t := range scoredTypes {
			countsLine(&b, "  "+t, r.Entities.ByType[t])
		}
		countsLine(&b, "  micro per/org/place", r.Entities.Micro)
		countsLine(&b, "  overlap same type per/org/place", r.Entities.Overlap)
		countsLine(&b, "  span only, any type", r.Entities.AnyType)
	}
	b.WriteString("\n")
	if r.annotated(LayerQuotes, &b, "quotations") {
		countsLine(&b, "  exact span", r.Quotes.Exact)
		countsLine(&b, "  overlap", r.Quotes.Overlap)
		ratioLine(&b, fmt.Sprintf("  speaker (exact, >=%d words)", MinSpeakerWords), r.Quotes.Speaker)
		ratioLine(&b, fmt.Sprintf("  speaker (all gold, >=%d words)", MinSpeakerWords), r.Quotes.SpeakerAll)
		ratioLine(&b, "  cue (exact)", r.Quotes.Cue)
		ratioLine(&b, "  partial (exact)", r.Quotes.Partial)
	}
	b.WriteString("\n")
	if r.annotated(LayerDates, &b, "dates") {
		countsLine(&b, "  exact span", r.Dates.Exact)
		countsLine(&b, "  overlap", r.Dates.Overlap)
		ratioLine(&b, "  value right (gold with value)", r.Dates.Value)
		ratioLine(&b, "  value right (all gold)", r.Dates.ValueAll)
	}
	if len(r.Missed) > 0 || len(r.Warnings) > 0 {
		b.WriteString("\n")
	}
	for _, d := range r.Missed {
		fmt.Fprintf(&b, "error: %s: no record for this gold document (missed document)\n", d)
	}
	for _, wn := range r.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", wn)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteDocs prints one line per document: the headline scores, to find
// the documents worth reading first.
func (r *Report) WriteDocs(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%-34s %8s %8s %8s %8s\n", "document", "micro F1", "quote R", "speaker", "date val")
	for _, d := range r.Docs {
		micro := fmt.Sprintf("%.3f", d.Entities.Micro.F1())
		if slices.Contains(d.Unannotated, LayerMentions) {
			micro = "-"
		}
		fmt.Fprintf(&b, "%-34s %8s %8s %8s %8s\n", d.Doc, micro,
			orDash(d.Quotes.Exact.Gold, d.Quotes.Exact.Recall()), orDash(d.Quotes.Speaker.Total, d.Quotes.Speaker.Value()),
			orDash(d.Dates.Value.Total, d.Dates.Value.Value()))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orDash(n int, v float64) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", v)
}

// WriteErrors prints every miss of every document, one per line, prefixed
// with the document name: the list to read when improving a rule.
func (r *Report) WriteErrors(w io.Writer) error {
	var b strings.Builder
	for _, d := range r.Docs {
		for _, e := range d.Errors {
			fmt.Fprintf(&b, "%s: %s\n", d.Doc, e)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON prints the report as indented JSON, derived scores included.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

func countsLine(b *strings.Builder, label string, c Counts) {
	fmt.Fprintf(b, "%-34s %6.3f %6.3f %6.3f %6d %6d %6d\n", label, c.Precision(), c.Recall(), c.F1(), c.TP, c.Pred, c.Gold)
}

func ratioLine(b *strings.Builder, label string, r Ratio) {
	if r.Total == 0 {
		fmt.Fprintf(b, "%-34s %6s %6s %6s %6s %6s %6s\n", label, "", "", "-", "", "", "-")
		return
	}
	fmt.Fprintf(b, "%-34s %6s %6s %6.3f %6d %6s %6d\n", label, "", "", r.Value(), r.Right, "", r.Total)
}

// MarshalJSON adds precision, recall and F1 to the raw counts.
func (c Counts) MarshalJSON() ([]byte, error) {
	type raw Counts
	return json.Marshal(struct {
		raw
		P  float64 `json:"precision"`
		R  float64 `json:"recall"`
		F1 float64 `json:"f1"`
	}{raw(c), round3(c.Precision()), round3(c.Recall()), round3(c.F1())})
}

// MarshalJSON adds the value of the ratio.
func (r Ratio) MarshalJSON() ([]byte, error) {
	type raw Ratio
	return json.Marshal(struct {
		raw
		V float64 `json:"value"`
	}{raw(r), round3(r.Value())})
}

func round3(f float64) float64 {
	return float64(int64(f*1000+0.5)) / 1000
}

// annotated writes the header of a layer's table and reports whether the
// gold annotates the layer; when it does not, the header says so and no
// table follows.
func (r *Report) annotated(layer string, b *strings.Builder, title string) bool {
	if slices.Contains(r.Unannotated, layer) {
		fmt.Fprintf(b, "%-34s not annotated in this gold\n", title)
		return false
	}
	header(b, title)
	return true
}

func header(b *strings.Builder, title string) {
	fmt.Fprintf(b, "%-34s %6s %6s %6s %6s %6s %6s\n", title, "P", "R", "F1", "tp", "pred", "gold")
}
