package eval_test

import (
	"fmt"

	"github.com/docset/docset/eval"
	"github.com/docset/docset/schema"
)

// Score records made in memory, as a package test does with its own
// output (corpus.Dev(t) and corpus.GUM(t) load real documents and gold).
func ExampleScore() {
	gold, _ := eval.ParseGold("story", []byte(`{"mentions": [
		{"start": 0, "end": 8, "text": "Jane Doe", "type": "person"},
		{"start": 17, "end": 22, "text": "Paris", "type": "place"}]}`))
	rec := &schema.Record{ID: "story", Text: "Jane Doe visited Paris.", Entities: []schema.Entity{
		{ID: "e1", Name: "Jane Doe", Type: "person", Mentions: []schema.Mention{{Start: 0, End: 8, Text: "Jane Doe"}}},
		{ID: "e2", Name: "Paris", Type: "organization", Mentions: []schema.Mention{{Start: 17, End: 22, Text: "Paris"}}},
	}}
	rep := eval.Score(map[string]*eval.Gold{"story": gold}, []*schema.Record{rec})
	m := rep.Entities.Micro
	fmt.Printf("micro P %.2f R %.2f F1 %.2f; any type F1 %.2f\n", m.Precision(), m.Recall(), m.F1(), rep.Entities.AnyType.F1())
	// Output: micro P 0.50 R 0.50 F1 0.50; any type F1 1.00
}
