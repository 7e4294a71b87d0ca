package quantities

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/docset/docset/extract/dates"
	"github.com/google/go-cmp/cmp"
)

// render lists the quantities found as "text=value unit".
func render(text string) []string {
	r := []rune(text)
	pub := time.Date(2019, 9, 12, 0, 0, 0, 0, time.UTC)
	var out []string
	for _, q := range Find(r, dates.Find(r, &pub)) {
		u := "null"
		if q.Unit != nil {
			u = *q.Unit
		}
		out = append(out, fmt.Sprintf("%s=%v %s", q.Text, q.Value, u))
	}
	return out
}

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"counted nouns", "deployed over 10 warships and 30 warplanes", []string{"10 warships=10 warships", "30 warplanes=30 warplanes"}},
		{"scale word", "3.5 million people fled", []string{"3.5 million people=3.5e+06 people"}},
		{"currency sign", "a $2.5 billion deal", []string{"$2.5 billion=2.5e+09 USD"}},
		{"currency prefix", "released on US$ 20,000 bail", []string{"US$ 20,000=20000 USD"}},
		{"currency suffix", "fined 20 million euros", []string{"20 million euros=2e+07 EUR"}},
		{"currency code", "raised USD 5 million and 3 billion JPY", []string{"USD 5 million=5e+06 USD", "3 billion JPY=3e+09 JPY"}},
		{"glued scale", "a $30m stake, £1.2bn", []string{"$30m=3e+07 USD", "£1.2bn=1.2e+09 GBP"}},
		{"percent", "rose 15 percent, 15 per cent or 15%", []string{"15 percent=15 percent", "15 per cent=15 percent", "15%=15 percent"}},
		{"measure", "about 200 km away, 8 m/s, 200km", []string{"200 km=200 km", "8 m/s=8 m/s", "200km=200 km"}},
		{"measure of three words", "winds of 75 miles per hour", []string{"75 miles per hour=75 mph"}},
		{"number words", "five teen girls and twenty-one soldiers", []string{"five teen girls=5 girls", "twenty-one soldiers=21 soldiers"}},
		{"irregular plural", "1,426 pilgrims and 70 children", []string{"1,426 pilgrims=1426 pilgrims", "70 children=70 children"}},
		{"a scale", "a million people", []string{"a million people=1e+06 people"}},
		{"dozen", "two dozen protesters", []string{"two dozen protesters=24 protesters"}},
		{"vague", "dozens of people, hundreds of fighters, a third of voters", nil},
		{"ordinals", "the fourth round, 4th place, first time", nil},
		{"codes", "K2-18b, COVID-19, F-16 jets, call 555-1234", nil},
		{"times", "at 8:10 am and at 10 pm, 15:11 GMT", nil},
		{"dates", "On September 4, 2019, 2018 saw 11,187 accidents", []string{"11,187 accidents=11187 accidents"}},
		{"years inside dates", "the 2019 Chicago Marathon and 1500 people", []string{"1500 people=1500 people"}},
		{"pronoun one", "one of the boats, no one came", nil},
		{"unitless", "a score of 3 – 0, aged 15, at least 107 killed", nil},
		{"adjective compound", "a 10-year lull and a five-year-old", nil},
		{"names", "the Four Opens and 4.2 M☉", nil},
		{"numbers in names", "with CentOS 7 seems fine; The Lost 52 Project identifies wrecks", nil},
		{"sentence start", "About 200 people came. Over 900 asylum seekers", []string{"200 people=200 people", "900 asylum seekers=900 seekers"}},
		{"code word is not a currency", "ALL 50 states; all 50 states", []string{"50 states=50 states", "50 states=50 states"}},
		{"reference", "the two nations and these three men, but the 40 passengers", []string{"40 passengers=40 passengers"}},
		{"overflow", strings.Repeat("9", 400) + " people", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, render(tt.text)); diff != "" {
				t.Errorf("Find(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestFindIDs(t *testing.T) {
	text := []rune("3 ships, 4 planes and 5 tanks")
	for k, q := range Find(text, nil) {
		if want := fmt.Sprintf("n%d", k+1); q.ID != want {
			t.Errorf("id %q, want %q", q.ID, want)
		}
	}
}

func TestParseLexicon(t *testing.T) {
	codes := []byte("USD\tUS Dollar\n")
	tests := []struct {
		name, units, err string
	}{
		{"unknown code", "$\tsymbol\tXYZ\n", "not an ISO 4217 code"},
		{"unknown class", "km\tdistance\tkm\n", "unknown class"},
		{"duplicate", "km\tmeasure\tkm\nkm\tmeasure\tkm\n", "listed twice"},
		{"too many words", "a b c d\tmeasure\tx\n", "more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseLexicon(codes, []byte(tt.units))
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("err = %v, want it to mention %q", err, tt.err)
			}
		})
	}
	if len(words.currencies) < 150 {
		t.Errorf("%d ISO 4217 currencies loaded, want the full list", len(words.currencies))
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"over 10 warships and 30 warplanes", "$2.5 billion", "US$ 20,000", "3.5 million people",
		"£1.2bn", "twenty-one soldiers", "15 per cent", "COVID-19", "a million", "$", "1,2,3.4.5", "9999999999999 km",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := []rune(s)
		end := 0
		for _, q := range Find(text, dates.Find(text, nil)) {
			if q.Start < end || q.End <= q.Start || q.End > len(text) {
				t.Fatalf("bad span %d-%d after %d in %d runes", q.Start, q.End, end, len(text))
			}
			if string(text[q.Start:q.End]) != q.Text {
				t.Fatalf("span %d-%d slices to %q, text %q", q.Start, q.End, string(text[q.Start:q.End]), q.Text)
			}
			if math.IsInf(q.Value, 0) || math.IsNaN(q.Value) {
				t.Fatalf("%q: value %v", q.Text, q.Value)
			}
			if q.Unit == nil || *q.Unit == "" {
				t.Fatalf("%q: empty unit", q.Text)
			}
			end = q.End
		}
	})
}
