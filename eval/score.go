package eval

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/docset/docset/schema"
)

// scoredTypes are the entity types scored, in report order.
var scoredTypes = []string{schema.TypePerson, schema.TypeOrganization, schema.TypePlace, schema.TypeEvent, schema.TypeOther}

// headlineTypes are the types the micro-average is taken over; event and
// other mentions count only in the any-type line, as in the gum-news scoring.
var headlineTypes = map[string]bool{schema.TypePerson: true, schema.TypeOrganization: true, schema.TypePlace: true}

// MinSpeakerWords is the length from which a quotation's speaker is scored:
// one- and two-word fragments are often attributed only loosely.
const MinSpeakerWords = 3

// Counts are true positives against predicted and gold totals.
type Counts struct {
	TP   int `json:"tp"`
	Pred int `json:"pred"`
	Gold int `json:"gold"`
}

// Precision is TP/Pred, 0 when nothing was predicted.
func (c Counts) Precision() float64 { return ratio(c.TP, c.Pred) }

// Recall is TP/Gold, 0 when there is no gold.
func (c Counts) Recall() float64 { return ratio(c.TP, c.Gold) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (c *Counts) add(o Counts) { c.TP += o.TP; c.Pred += o.Pred; c.Gold += o.Gold }

// Ratio is a count of right answers out of a total.
type Ratio struct {
	Right int `json:"right"`
	Total int `json:"total"`
}

// Value is Right/Total, 0 when Total is 0.
func (r Ratio) Value() float64 { return ratio(r.Right, r.Total) }

func (r *Ratio) add(o Ratio) { r.Right += o.Right; r.Total += o.Total }

func (r *Ratio) count(ok bool) {
	r.Total++
	if ok {
		r.Right++
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// EntityScore scores entity mentions.
type EntityScore struct {
	// ByType is exact span+type per type, in the order of Types.
	ByType map[string]Counts `json:"by_type"`
	// Micro is exact span+type micro-averaged over person, organization
	// and place: the headline number.
	Micro Counts `json:"micro"`
	// Overlap is Micro with a same-type overlap counting as a match (each
	// gold and predicted mention matched at most once).
	Overlap Counts `json:"overlap"`
	// AnyType is exact span regardless of type, over all gold mentions.
	AnyType Counts `json:"any_type"`
}

// QuoteScore scores quotations.
type QuoteScore struct {
	Exact   Counts `json:"exact"`
	Overlap Counts `json:"overlap"`
	// Speaker is over exact-matched gold quotations of MinSpeakerWords
	// words or more whose gold gives attribution.
	Speaker Ratio `json:"speaker"`
	// SpeakerAll is over every such gold quotation, found or not (matched by
	// overlap): the end-to-end share of quotations with the right speaker.
	SpeakerAll Ratio `json:"speaker_all"`
	// Cue and Partial are over exact-matched quotations with attribution.
	Cue     Ratio `json:"cue"`
	Partial Ratio `json:"partial"`
}

// DateScore scores date expressions.
type DateScore struct {
	Exact   Counts `json:"exact"`
	Overlap Counts `json:"overlap"`
	// Value is the share of gold dates with a value that have a predicted
	// date of the same span and the same value.
	Value Ratio `json:"value"`
	// ValueAll is the same over all gold dates, a null gold value needing a
	// null predicted value.
	ValueAll Ratio `json:"value_all"`
}

// DocReport is the score of one document and what went wrong in it.
type DocReport struct {
	Doc      string      `json:"doc"`
	Entities EntityScore `json:"entities"`
	Quotes   QuoteScore  `json:"quotes"`
	Dates    DateScore   `json:"dates"`
	// Errors lists each miss, one line each, for reading errors.
	Errors []string `json:"errors,omitempty"`
	// Unannotated lists the layers the document's gold does not annotate.
	Unannotated []string `json:"unannotated,omitempty"`
}

// Report is the score of a set of records against gold.
type Report struct {
	Documents int         `json:"documents"`
	Entities  EntityScore `json:"entities"`
	Quotes    QuoteScore  `json:"quotes"`
	Dates     DateScore   `json:"dates"`
	// Missed lists gold documents no record was given for; their gold
	// counts as not found.
	Missed []string `json:"missed,omitempty"`
	// Unmatched counts records without gold; they are not scored.
	Unmatched int `json:"unmatched"`
	// Warnings are problems that make scores doubtful (text differing from
	// the annotated text, two records for one document).
	Warnings []string `json:"warnings,omitempty"`
	// Unannotated lists the layers (eval.Layers) that no gold document
	// annotates: their scores are empty, not zero.
	Unannotated []string    `json:"unannotated,omitempty"`
	Docs        []DocReport `json:"docs"`
}

// GoldKey is the gold document a record belongs to: its id when gold has
// it, else its source file name without extension.
func GoldKey(golds map[string]*Gold, r *schema.Record) (string, bool) {
	if _, ok := golds[r.ID]; ok {
		return r.ID, true
	}
	base := path.Base(strings.ReplaceAll(r.Source.Path, "\\", "/"))
	base = strings.TrimSuffix(base, path.Ext(base))
	_, ok := golds[base]
	return base, ok
}

// Score scores records against gold. Records without gold are counted in
// Unmatched; gold without a record is listed in Missed and its annotations
// count as not found.
func Score(golds map[string]*Gold, records []*schema.Record) *Report {
	rep := &Report{}
	byDoc := map[string]*schema.Record{}
	for _, r := range records {
		key, ok := GoldKey(golds, r)
		if !ok {
			rep.Unmatched++
			continue
		}
		if _, dup := byDoc[key]; dup {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s: more than one record; scoring the first", key))
			continue
		}
		byDoc[key] = r
	}
	docs := make([]string, 0, len(golds))
	for d := range golds {
		docs = append(docs, d)
	}
	sort.Strings(docs)
	empty := &schema.Record{}
	annotated := map[string]bool{}
	for _, d := range docs {
		g := golds[d]
		r, ok := byDoc[d]
		if !ok {
			rep.Missed = append(rep.Missed, d)
			r = empty
		} else {
			rep.Documents++
			if g.TextSHA256 != "" {
				sum := sha256.Sum256([]byte(r.Text))
				if hex.EncodeToString(sum[:]) != g.TextSHA256 {
					rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s: record text differs from the annotated text; offsets may not line up", d))
				}
			}
		}
		dr := ScoreDoc(g, r)
		for _, l := range Layers {
			if g.Annotates(l) {
				annotated[l] = true
			}
		}
		rep.Docs = append(rep.Docs, dr)
		rep.Entities.add(dr.Entities)
		rep.Quotes.add(dr.Quotes)
		rep.Dates.add(dr.Dates)
	}
	for _, l := range Layers {
		if !annotated[l] {
			rep.Unannotated = append(rep.Unannotated, l)
		}
	}
	return rep
}

func (s *EntityScore) add(o EntityScore) {
	if s.ByType == nil {
		s.ByType = map[string]Counts{}
	}
	for t, c := range o.ByType {
		sc := s.ByType[t]
		sc.add(c)
		s.ByType[t] = sc
	}
	s.Micro.add(o.Micro)
	s.Overlap.add(o.Overlap)
	s.AnyType.add(o.AnyType)
}

func (s *QuoteScore) add(o QuoteScore) {
	s.Exact.add(o.Exact)
	s.Overlap.add(o.Overlap)
	s.Speaker.add(o.Speaker)
	s.SpeakerAll.add(o.SpeakerAll)
	s.Cue.add(o.Cue)
	s.Partial.add(o.Partial)
}

func (s *DateScore) add(o DateScore) {
	s.Exact.add(o.Exact)
	s.Overlap.add(o.Overlap)
	s.Value.add(o.Value)
	s.ValueAll.add(o.ValueAll)
}

// span is a typed stretch of text; typ is empty where type does not matter.
type span struct {
	start, end int
	typ        string
}

func (a span) overlaps(b span) bool { return a.start < b.end && b.start < a.end }

// ScoreDoc scores one record against its gold, in the layers the gold
// annotates.
func ScoreDoc(g *Gold, r *schema.Record) DocReport {
	dr := DocReport{Doc: g.Doc, Entities: EntityScore{ByType: map[string]Counts{}}}
	for _, l := range Layers {
		if !g.Annotates(l) {
			dr.Unannotated = append(dr.Unannotated, l)
		}
	}
	if g.Annotates(LayerMentions) {
		dr.Entities = scoreEntities(g, r, &dr.Errors)
	}
	if g.Annotates(LayerQuotes) {
		dr.Quotes = scoreQuotes(g, r, &dr.Errors)
	}
	if g.Annotates(LayerDates) {
		dr.Dates = scoreDates(g, r, &dr.Errors)
	}
	return dr
}

func scoreEntities(g *Gold, r *schema.Record, errs *[]string) EntityScore {
	s := EntityScore{ByType: map[string]Counts{}}
	pred := map[span]string{}
	var predList []span
	for _, e := range r.Entities {
		for _, m := range e.Mentions {
			k := span{m.Start, m.End, e.Type}
			if _, dup := pred[k]; !dup {
				pred[k] = m.Text
				predList = append(predList, k)
			}
		}
	}
	sortSpans(predList)
	gold := map[span]string{}
	var goldList []span
	for _, m := range g.Mentions {
		k := span{m.Start, m.End, m.Type}
		if _, dup := gold[k]; !dup {
			gold[k] = m.Text
			goldList = append(goldList, k)
		}
	}
	sortSpans(goldList)

	for _, k := range goldList {
		c := s.ByType[k.typ]
		c.Gold++
		_, hit := pred[k]
		if hit {
			c.TP++
		}
		s.ByType[k.typ] = c
		if !hit {
			*errs = append(*errs, fmt.Sprintf("mention missed   %-12s [%d,%d) %q%s", k.typ, k.start, k.end, gold[k], predictedAt(k, predList, pred)))
		}
	}
	for _, k := range predList {
		c := s.ByType[k.typ]
		c.Pred++
		s.ByType[k.typ] = c
		if _, hit := gold[k]; !hit {
			*errs = append(*errs, fmt.Sprintf("mention spurious %-12s [%d,%d) %q", k.typ, k.start, k.end, pred[k]))
		}
	}
	for t, c := range s.ByType {
		if headlineTypes[t] {
			s.Micro.add(c)
		}
	}

	gh, ph := headline(goldList), headline(predList)
	s.Overlap = Counts{TP: len(matchOverlap(gh, ph, true)), Pred: len(ph), Gold: len(gh)}

	goldSpans, predSpans := untyped(goldList), untyped(predList)
	s.AnyType = Counts{Pred: len(predSpans), Gold: len(goldSpans)}
	for k := range goldSpans {
		if predSpans[k] {
			s.AnyType.TP++
		}
	}
	return s
}

func headline(spans []span) []span {
	var out []span
	for _, k := range spans {
		if headlineTypes[k.typ] {
			out = append(out, k)
		}
	}
	return out
}

// predictedAt says what was predicted on a missed gold span, if anything
// overlaps it, to tell boundary from type errors when reading misses.
func predictedAt(g span, predList []span, pred map[span]string) string {
	var parts []string
	for _, p := range predList {
		if p.overlaps(g) {
			parts = append(parts, fmt.Sprintf("%s [%d,%d) %q", p.typ, p.start, p.end, pred[p]))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "; predicted " + strings.Join(parts, ", ")
}

func untyped(spans []span) map[span]bool {
	m := make(map[span]bool, len(spans))
	for _, s := range spans {
		m[span{start: s.start, end: s.end}] = true
	}
	return m
}

func sortSpans(s []span) {
	sort.Slice(s, func(i, j int) bool {
		if s[i].start != s[j].start {
			return s[i].start < s[j].start
		}
		if s[i].end != s[j].end {
			return s[i].end < s[j].end
		}
		return s[i].typ < s[j].typ
	})
}

// matchOverlap pairs each gold span with the first unused predicted span
// that overlaps it (of the same type when sameType), preferring an exact
// match; it returns gold index -> predicted index.
func matchOverlap(gold, pred []span, sameType bool) map[int]int {
	used := make([]bool, len(pred))
	m := map[int]int{}
	for gi, g := range gold {
		best := -1
		for pi, p := range pred {
			if used[pi] || !p.overlaps(g) || (sameType && p.typ != g.typ) {
				continue
			}
			if p.start == g.start && p.end == g.end {
				best = pi
				break
			}
			if best < 0 {
				best = pi
			}
		}
		if best >= 0 {
			used[best] = true
			m[gi] = best
		}
	}
	return m
}

func scoreQuotes(g *Gold, r *schema.Record, errs *[]string) QuoteScore {
	var s QuoteScore
	gold := make([]span, len(g.Quotes))
	for i, q := range g.Quotes {
		gold[i] = span{start: q.Start, end: q.End}
	}
	pred := make([]span, len(r.Quotes))
	for i, q := range r.Quotes {
		pred[i] = span{start: q.Start, end: q.End}
	}
	exact := map[span]int{}
	for i, p := range pred {
		if _, dup := exact[p]; !dup {
			exact[p] = i
		}
	}
	overlap := matchOverlap(gold, pred, false)
	s.Exact = Counts{Pred: len(pred), Gold: len(gold)}
	s.Overlap = Counts{TP: len(overlap), Pred: len(pred), Gold: len(gold)}
	ents := make(map[string]*schema.Entity, len(r.Entities))
	for i := range r.Entities {
		ents[r.Entities[i].ID] = &r.Entities[i]
	}
	for gi, gq := range g.Quotes {
		pi, hit := exact[gold[gi]]
		if hit {
			s.Exact.TP++
		} else {
			where := ""
			if oi, ok := overlap[gi]; ok {
				where = fmt.Sprintf("; predicted [%d,%d)", pred[oi].start, pred[oi].end)
			}
			*errs = append(*errs, fmt.Sprintf("quote missed [%d,%d) %q%s", gq.Start, gq.End, clip(gq.Text), where))
		}
		if !gq.Attributed {
			continue
		}
		long := len(strings.Fields(gq.Text)) >= MinSpeakerWords
		if oi, ok := overlap[gi]; long && ok {
			s.SpeakerAll.count(speakerMatches(gq.Speaker, r.Quotes[oi].Speaker, ents))
		} else if long {
			s.SpeakerAll.count(false)
		}
		if !hit {
			continue
		}
		pq := r.Quotes[pi]
		if long {
			ok := speakerMatches(gq.Speaker, pq.Speaker, ents)
			s.Speaker.count(ok)
			if !ok {
				*errs = append(*errs, fmt.Sprintf("quote speaker [%d,%d) gold %s, predicted %s", gq.Start, gq.End, strOrNull(gq.Speaker), speakerName(pq.Speaker, ents)))
			}
		}
		cueOK := (gq.Cue == nil) == (pq.Cue == nil) && (gq.Cue == nil || strings.EqualFold(strings.TrimSpace(*gq.Cue), strings.TrimSpace(*pq.Cue)))
		s.Cue.count(cueOK)
		if !cueOK {
			*errs = append(*errs, fmt.Sprintf("quote cue     [%d,%d) gold %s, predicted %s", gq.Start, gq.End, strOrNull(gq.Cue), strOrNull(pq.Cue)))
		}
		s.Partial.count(gq.Partial == pq.Partial)
		if gq.Partial != pq.Partial {
			*errs = append(*errs, fmt.Sprintf("quote partial [%d,%d) gold %t, predicted %t", gq.Start, gq.End, gq.Partial, pq.Partial))
		}
	}
	goldSet := untyped(gold)
	for i, p := range pred {
		if !goldSet[p] {
			q := r.Quotes[i]
			*errs = append(*errs, fmt.Sprintf("quote spurious [%d,%d) %q", q.Start, q.End, clip(q.Text)))
		}
	}
	return s
}

// speakerMatches reports whether the predicted speaker entity names the gold
// speaker. The entity's canonical name and each of its mention texts are
// tried; one matches when, after folding case, whitespace and apostrophes,
// it equals the gold name or is a whole-word suffix of it (a last name:
// "Bolton" names "John R. Bolton"). A null gold speaker needs a null
// prediction.
func speakerMatches(gold, pred *string, ents map[string]*schema.Entity) bool {
	if gold == nil || pred == nil {
		return gold == nil && pred == nil
	}
	e, ok := ents[*pred]
	if !ok {
		return false
	}
	want := foldName(*gold)
	names := []string{e.Name}
	for _, m := range e.Mentions {
		names = append(names, m.Text)
	}
	for _, n := range names {
		n = foldName(n)
		if n != "" && (n == want || strings.HasSuffix(want, " "+n)) {
			return true
		}
	}
	return false
}

func foldName(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'").Replace(s)
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

func speakerName(id *string, ents map[string]*schema.Entity) string {
	if id == nil {
		return "null"
	}
	if e, ok := ents[*id]; ok {
		return fmt.Sprintf("%s (%s)", e.Name, e.ID)
	}
	return fmt.Sprintf("unknown entity %s", *id)
}

func strOrNull(s *string) string {
	if s == nil {
		return "null"
	}
	return fmt.Sprintf("%q", *s)
}

func clip(s string) string {
	r := []rune(s)
	if len(r) <= 60 {
		return s
	}
	return string(r[:57]) + "..."
}

func scoreDates(g *Gold, r *schema.Record, errs *[]string) DateScore {
	var s DateScore
	gold := make([]span, len(g.Dates))
	for i, d := range g.Dates {
		gold[i] = span{start: d.Start, end: d.End}
	}
	pred := make([]span, len(r.Dates))
	byspan := map[span]*schema.Date{}
	for i := range r.Dates {
		d := &r.Dates[i]
		pred[i] = span{start: d.Start, end: d.End}
		if _, dup := byspan[pred[i]]; !dup {
			byspan[pred[i]] = d
		}
	}
	s.Exact = Counts{Pred: len(pred), Gold: len(gold)}
	s.Overlap = Counts{TP: len(matchOverlap(gold, pred, false)), Pred: len(pred), Gold: len(gold)}
	for i, gd := range g.Dates {
		pd, hit := byspan[gold[i]]
		if hit {
			s.Exact.TP++
		} else {
			*errs = append(*errs, fmt.Sprintf("date missed [%d,%d) %q value %s", gd.Start, gd.End, gd.Text, strOrNull(gd.Value)))
		}
		right := hit && (gd.Value == nil) == (pd.Value == nil) && (gd.Value == nil || *gd.Value == *pd.Value)
		if gd.Value != nil {
			s.Value.count(right)
		}
		s.ValueAll.count(right)
		if hit && !right {
			*errs = append(*errs, fmt.Sprintf("date value  [%d,%d) %q gold %s, predicted %s", gd.Start, gd.End, gd.Text, strOrNull(gd.Value), strOrNull(pd.Value)))
		}
	}
	goldSet := untyped(gold)
	for _, d := range r.Dates {
		if !goldSet[span{start: d.Start, end: d.End}] {
			*errs = append(*errs, fmt.Sprintf("date spurious [%d,%d) %q", d.Start, d.End, d.Text))
		}
	}
	return s
}
