package dates

import (
	"testing"
	"time"
	"unicode/utf8"
)

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Friday, January 4, 2019\n\nA fire yesterday afternoon",
		"from August 22 to 25, 2019 and 22–25 August",
		"the next morning, four years earlier, eight years ago",
		`"I informed him last night," he said Tuesday.`,
		"2019-01-04 Jan. Sept. 31st of February",
		"late", "the", "mid-", "Monday,", "May", "9999-99-99", "today's",
	} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, withDate bool) {
		if !utf8.ValidString(s) {
			t.Skip()
		}
		var pub *time.Time
		if withDate {
			pub = &published
		}
		text := []rune(s)
		end := 0
		for _, d := range Find(text, pub) {
			if d.Start < end || d.End <= d.Start || d.End > len(text) {
				t.Fatalf("bad span %d-%d after %d in %d runes", d.Start, d.End, end, len(text))
			}
			if string(text[d.Start:d.End]) != d.Text {
				t.Fatalf("span %d-%d slices to %q, text %q", d.Start, d.End, string(text[d.Start:d.End]), d.Text)
			}
			if d.Value != nil && !isoValue.MatchString(*d.Value) {
				t.Fatalf("value %q is not ISO 8601", *d.Value)
			}
			end = d.End
		}
	})
}
