package exporters

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestJSONLDRoundTrip reads the sample records back out of their JSON-LD:
// the article's metadata and text, every entity with its roles and
// mention spans, every quotation with its speaker and span, every date and
// quantity with its value and span. The spans come from the Web
// Annotations alone, so the provenance is complete.
func TestJSONLDRoundTrip(t *testing.T) {
	ds := testDataset(t)
	nodes := graphNodes(t, writeJSONLD(t, Options{}, ds))
	// spans[body IRI] lists "start-end:text" of the annotations on it.
	spans := map[string][]string{}
	for _, n := range nodes {
		if n["@type"] != "oa:Annotation" {
			continue
		}
		body := n["oa:hasBody"].(map[string]any)["@id"].(string)
		sel := n["oa:hasTarget"].(map[string]any)["oa:hasSelector"].([]any)
		pos, quote := sel[0].(map[string]any), sel[1].(map[string]any)
		spans[body] = append(spans[body], fmt.Sprintf("%v-%v:%s", pos["oa:start"], pos["oa:end"], quote["oa:exact"]))
	}
	err := ds.Records(func(rec map[string]any) error {
		id := recordID(rec)
		doc := DefaultBaseIRI + "doc/" + id + "#"
		t.Run(id, func(t *testing.T) {
			want, got := recordFacts(rec), map[string]any{}
			article := nodes[doc+"article"]
			got["id"] = article["identifier"]
			got["text"] = article["articleBody"]
			if md, ok := rec["metadata"].(map[string]any); ok {
				m := map[string]any{}
				for k, term := range map[string]string{"title": "headline", "language": "inLanguage"} {
					if v, ok := article[term]; ok {
						m[k] = v
					}
				}
				if v, ok := article["datePublished"].(map[string]any); ok {
					m["published"] = v["@value"]
				}
				if v, ok := article["url"].(map[string]any); ok {
					m["url"] = v["@id"]
				}
				if v, ok := article["license"].(map[string]any); ok {
					m["license"] = firstNonNil(v["@value"], v["@id"])
				}
				if v, ok := article["publisher"].(map[string]any); ok {
					m["source"] = nodes[v["@id"].(string)]["name"]
				}
				if len(md) > 0 || len(m) > 0 {
					got["metadata"] = m
				}
			}
			var ents, quotes, dates, qtys []string
			for iri, n := range nodes {
				if !strings.HasPrefix(iri, doc) {
					continue
				}
				frag := strings.TrimPrefix(iri, doc)
				local := frag[strings.Index(frag, "-")+1:]
				sp := sortedSpans(spans[iri])
				switch {
				case strings.HasPrefix(frag, "entity-"):
					ents = append(ents, fmt.Sprintf("%s %v %v %v", local, n["name"], list(n["jobTitle"]), sp))
				case strings.HasPrefix(frag, "quote-"):
					speaker := "-"
					if c, ok := n["creator"].(map[string]any); ok {
						speaker = strings.TrimPrefix(c["@id"].(string), doc+"entity-")
					}
					quotes = append(quotes, fmt.Sprintf("%s %v %s %v", local, n["text"], speaker, sp))
				case strings.HasPrefix(frag, "date-"):
					v := "-"
					if x, ok := n["value"].(map[string]any); ok {
						v = x["@value"].(string)
					}
					dates = append(dates, fmt.Sprintf("%s %s %v", local, v, sp))
				case strings.HasPrefix(frag, "quantity-"):
					unit := "-"
					if u, ok := n["unitText"].(string); ok {
						unit = u
					}
					qtys = append(qtys, fmt.Sprintf("%s %v %s %v", local, n["value"], unit, sp))
				}
			}
			for _, l := range [][]string{ents, quotes, dates, qtys} {
				sort.Strings(l)
			}
			got["entities"], got["quotes"], got["dates"], got["quantities"] = ents, quotes, dates, qtys
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("record read back from JSON-LD (-want +got):\n%s", diff)
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// recordFacts renders a record in the shape TestJSONLDRoundTrip reads
// back, from the record's own JSON.
func recordFacts(rec map[string]any) map[string]any {
	out := map[string]any{"id": rec["id"], "text": rec["text"]}
	if md, ok := rec["metadata"].(map[string]any); ok {
		m := map[string]any{}
		for _, k := range []string{"title", "language", "published", "url", "license", "source"} {
			if v, ok := md[k]; ok {
				m[k] = v
			}
		}
		if len(m) > 0 {
			out["metadata"] = m
		}
	}
	span := func(s map[string]any) string { return fmt.Sprintf("%v-%v:%s", s["start"], s["end"], s["text"]) }
	var ents, quotes, dates, qtys []string
	for _, e := range items(rec, []string{"entities"}) {
		var sp []string
		for _, m := range items(e, []string{"mentions"}) {
			sp = append(sp, span(m))
		}
		ents = append(ents, fmt.Sprintf("%s %v %v %v", e["id"], e["name"], list(e["roles"]), sortedSpans(sp)))
	}
	for _, q := range items(rec, []string{"quotes"}) {
		speaker := "-"
		if s, ok := q["speaker"].(string); ok {
			speaker = s
		}
		quotes = append(quotes, fmt.Sprintf("%s %v %s %v", q["id"], q["text"], speaker, []string{span(q)}))
	}
	for _, d := range items(rec, []string{"dates"}) {
		v := "-"
		if s, ok := d["value"].(string); ok {
			v = s
		}
		dates = append(dates, fmt.Sprintf("%s %s %v", d["id"], v, []string{span(d)}))
	}
	for _, n := range items(rec, []string{"quantities"}) {
		unit := "-"
		if u, ok := n["unit"].(string); ok {
			unit = u
		}
		// Compare numbers by value: JSON-LD readers see 2.50 as 2.5.
		f, _ := n["value"].(json.Number).Float64()
		qtys = append(qtys, fmt.Sprintf("%s %v %s %v", n["id"], f, unit, []string{span(n)}))
	}
	for _, l := range [][]string{ents, quotes, dates, qtys} {
		sort.Strings(l)
	}
	out["entities"], out["quotes"], out["dates"], out["quantities"] = ents, quotes, dates, qtys
	return out
}

// list normalizes a one-or-many JSON value to a list.
func list(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		return v
	}
	return []any{v}
}

func sortedSpans(s []string) []string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	return s
}

func firstNonNil(vs ...any) any {
	for _, v := range vs {
		if v != nil {
			return v
		}
	}
	return nil
}
