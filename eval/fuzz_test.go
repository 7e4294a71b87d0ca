package eval

import (
	"testing"

	"github.com/docset/docset/schema"
)

// Gold files come from outside: any bytes must parse or fail cleanly, and
// scoring whatever parses must not panic.
func FuzzParseGold(f *testing.F) {
	f.Add([]byte(`{"doc":"d","mentions":[{"start":0,"end":3,"text":"Ann","type":"person"}],"quotes":[{"start":5,"end":7,"text":"hi","speaker":"Ann","cue":"said","partial":false}],"dates":[{"start":1,"end":2,"text":"x","value":"2020"}]}`))
	f.Add([]byte(`{"quote_spans":[{"start":0,"end":4,"text":"\"hi\""}],"dates":[{"start":0,"end":1,"text":"x","kind":"date","when":"2019-01-01"}]}`))
	f.Add([]byte(`{"mentions":[{"start":-1,"end":-5}]}`))
	f.Add([]byte(`[]`))
	rec := &schema.Record{
		ID:   "d",
		Text: "Ann said hi.",
		Entities: []schema.Entity{{ID: "e1", Name: "Ann", Type: schema.TypePerson,
			Mentions: []schema.Mention{{Start: 0, End: 3, Text: "Ann"}}}},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ParseGold("d", data)
		if err != nil {
			return
		}
		ScoreDoc(g, rec)
	})
}
