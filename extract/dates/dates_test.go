package dates

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// Thursday.
var published = time.Date(2019, 9, 12, 0, 0, 0, 0, time.UTC)

// render lists the dates found as "text=value" for compact comparison.
func render(text string, pub *time.Time) []string {
	var out []string
	for _, d := range Find([]rune(text), pub) {
		v := "null"
		if d.Value != nil {
			v = *d.Value
		}
		out = append(out, d.Text+"="+v)
	}
	return out
}

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"dateline", "Friday, January 4, 2019\n\nA storm", []string{"Friday, January 4, 2019=2019-01-04"}},
		{"month day year", "signed on January 4, 2019 in Paris", []string{"January 4, 2019=2019-01-04"}},
		{"day month year", "signed on 4 January 2019.", []string{"4 January 2019=2019-01-04"}},
		{"abbreviated month", "on Jan. 4 and Sept. 14th", []string{"Jan. 4=2019-01-04", "Sept. 14th=2019-09-14"}},
		{"iso", "released 2019-01-04.", []string{"2019-01-04=2019-01-04"}},
		{"deictic and day month", "called at 8.10am today, 10 September, to", []string{"today=2019-09-12", "10 September=2019-09-10"}},
		{"month last year", "since February last year", []string{"February last year=2018-02"}},
		{"month of last year", "arrested in January of last year", []string{"January of last year=2018-01"}},
		{"month year", "since July 2019 and August, 2018", []string{"July 2019=2019-07", "August, 2018=2018-08"}},
		{"month alone", "In July, the two nations", []string{"July=2019-07"}},
		{"edge month", "In late August and mid-July", []string{"late August=2019-08", "mid-July=2019-07"}},
		{"weak month needs context", "They may march in May.", []string{"May=2019-05"}},
		{"month as name", "August Wilson wrote", nil},
		{"year in name", "won the 2019 Chicago Marathon", []string{"2019=2019"}},
		{"year in parentheses", "Shang-Chi (2021).", []string{"2021=2021"}},
		{"counts are not years", "2,019 votes and 1500 people and 2000 soldiers", nil},
		{"joined years", "his 2008 and 2010 runs", []string{"2008=2008", "2010=2010"}},
		{"year after a name", "The Beyond Fest 2019 continues", []string{"2019=2019"}},
		{"old year needs preposition", "built in 1492 by 1500 workers", []string{"1492=1492"}},
		{"decade", "in the 1960s", []string{"1960s=null"}},
		{"weekday", "said Monday that", []string{"Monday=2019-09-09"}},
		{"weekday part of day", "resigned Monday night, and", []string{"Monday night=2019-09-09"}},
		{"weekday possessive", "Sunday's signings", []string{"Sunday=2019-09-08"}},
		{"weekday in name", "reported USA Today", nil},
		{"adverb outside", "Late on Sunday, the", []string{"Sunday=2019-09-08"}},
		{"yesterday afternoon", "A fire yesterday afternoon killed", []string{"yesterday afternoon=2019-09-11"}},
		{"tomorrow", "declared tomorrow a day of mourning", []string{"tomorrow=2019-09-13"}},
		{"part of day before the day", "closes at noon today and opened at midday Friday", []string{"noon today=2019-09-12", "midday Friday=2019-09-06"}},
		{"determiners", "last night, this morning, next week, last month, this year",
			[]string{"last night=2019-09-11", "this morning=2019-09-12", "next week=null", "last month=2019-08", "this year=2019"}},
		{"next weekday", "will vote next Tuesday", []string{"next Tuesday=2019-09-17"}},
		{"weekend", "Over the weekend, fans; this weekend", []string{"the weekend=null", "this weekend=null"}},
		{"anaphoric", "resigned Monday night and left the next morning.", []string{"Monday night=2019-09-09", "the next morning=2019-09-10"}},
		{"previous day", "won yesterday. Just the previous day, he", []string{"yesterday=2019-09-11", "the previous day=2019-09-10"}},
		{"years earlier", "died on Friday after a diagnosis four years earlier.", []string{"Friday=2019-09-06", "four years earlier=2015"}},
		{"days earlier", "On Sunday it repeated what it announced seven days earlier on October 6.",
			[]string{"Sunday=2019-09-08", "seven days earlier=2019-09-01", "October 6=2019-10-06"}},
		{"years ago", "eight years ago, it was", []string{"eight years ago=2011"}},
		{"the month", "sanctioned on Monday, and earlier in the month", []string{"Monday=2019-09-09", "the month=2019-09"}},
		{"the year before", "a decrease from the year before, when", []string{"the year before=2018"}},
		{"range", "Running from August 22 to 25, the event", []string{"August 22=2019-08-22", "25=2019-08-25"}},
		{"range day first", "from 22–25 August", []string{"22=2019-08-22", "25 August=2019-08-25"}},
		{"range with year", "from November 20 to December 11, 2015", []string{"November 20=2019-11-20", "December 11, 2015=2015-12-11"}},
		{"times are not dates", "at 8:10 am and 22:30 GMT", nil},
		{"durations are not dates", "over the last four years and in 25 years, seven days a week", nil},
		{"vague", "now, recently, to date, at the time", nil},
		{"nowadays", "the person I am today and today's combat positions", nil},
		{"scores and codes", "COVID-19 and K2-18b won 3-1", nil},
		{"quoted speech time", `He resigned Tuesday. "I informed him last night," he said.`,
			[]string{"Tuesday=2019-09-10", "last night=2019-09-09"}},
		{"invalid day", "on February 30, 2019", []string{"February 30, 2019=null"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, render(tt.text, &published)); diff != "" {
				t.Errorf("Find(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestFindWithoutPublished(t *testing.T) {
	got := render("On Monday, January 4, 2019 and July 2018, not July or yesterday or four years earlier.", nil)
	want := []string{"Monday, January 4, 2019=2019-01-04", "July 2018=2018-07", "July=null", "yesterday=null", "four years earlier=2014"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestFindIDsAndSpans(t *testing.T) {
	text := []rune("Yesterday, on Monday, in 2011.")
	got := Find(text, &published)
	for k, d := range got {
		if want := "d" + string(rune('1'+k)); d.ID != want {
			t.Errorf("id %q, want %q", d.ID, want)
		}
		if string(text[d.Start:d.End]) != d.Text {
			t.Errorf("span %d-%d slices to %q, text %q", d.Start, d.End, string(text[d.Start:d.End]), d.Text)
		}
	}
	if len(got) != 3 {
		t.Fatalf("got %d dates, want 3", len(got))
	}
}

func TestDateline(t *testing.T) {
	tests := []struct {
		text string
		want string
	}{
		{"Headline here\n\nSaturday, January 5, 2019\n\nA fire", "2019-01-05"},
		{"Monday, May 18, 2015 On Friday, fishermen", ""},
		{"A fire on January 5, 2019 killed", ""},
		{"No date at all", ""},
	}
	for _, tt := range tests {
		got, ok := Dateline([]rune(tt.text))
		s := ""
		if ok {
			s = got.Format("2006-01-02")
		}
		if s != tt.want {
			t.Errorf("Dateline(%q) = %q, want %q", tt.text, s, tt.want)
		}
	}
}

func TestLexiconData(t *testing.T) {
	for _, name := range []string{"january", "sept", "monday", "thurs", "yesterday", "weekend"} {
		if words[name] == (word{}) {
			t.Errorf("%q missing from the lexicon", name)
		}
	}
	if err := (lexicon{}).add([]byte("foo\tnonsense\t1\n")); err == nil || !strings.Contains(err.Error(), "unknown class") {
		t.Errorf("bad class: err = %v", err)
	}
}

// A month or day written without a year that would lie far after the
// publication is last year's; one announced half a year ahead stays.
func TestYearOfMonthWithoutYear(t *testing.T) {
	pub := time.Date(2020, 1, 8, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text, want string
	}{
		{"The November agreement was signed", "2019-11"},
		{"signed on November 27 in Ankara", "2019-11-27"},
		{"the vote in March", "2020-03"},
		{"a summit to be held from August 20", "2020-08-20"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := Find([]rune(tt.text), &pub)
			if len(got) != 1 || got[0].Value == nil || *got[0].Value != tt.want {
				t.Fatalf("got %+v, want one date with value %s", got, tt.want)
			}
		})
	}
}

// A weekday alone is the most recent such day on or before publication in a
// past-tense clause, the publication day included, and the first on or after
// it in a future-tense one; the tense marker nearest to it decides, one in
// its own clause first.
func TestWeekdayTense(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"past before publication", "The council voted on Monday.", []string{"Monday=2019-09-09"}},
		{"past on the publication day", "The mayor resigned Thursday.", []string{"Thursday=2019-09-12"}},
		{"future after publication", "The council will vote on Monday.", []string{"Monday=2019-09-16"}},
		{"future on the publication day", "The council will vote Thursday evening.", []string{"Thursday evening=2019-09-12"}},
		{"contraction", "We'll meet again on Saturday, she said.", []string{"Saturday=2019-09-14"}},
		{"negative contraction", "The ferry won't sail on Sunday.", []string{"Sunday=2019-09-15"}},
		{"planned state, present", "The final is scheduled for Sunday.", []string{"Sunday=2019-09-15"}},
		{"planned state, past", "The final was scheduled for Sunday but rain fell.", []string{"Sunday=2019-09-08"}},
		{"passive future", "The vote will be held on Tuesday.", []string{"Tuesday=2019-09-17"}},
		{"each weekday its own clause", "Lind said on Monday that the board will meet on Friday.",
			[]string{"Monday=2019-09-09", "Friday=2019-09-13"}},
		{"opening phrase takes the main verb", "On Friday, the board will meet again.", []string{"Friday=2019-09-13"}},
		{"own clause first", "On Friday, the board said the strike will go on.", []string{"Friday=2019-09-06"}},
		{"no verb is past", "Results: Monday, rain.", []string{"Monday=2019-09-09"}},
		{"this weekday follows the tense", "The team will play this Saturday, and it lost this Tuesday.",
			[]string{"this Saturday=2019-09-14", "this Tuesday=2019-09-10"}},
		{"last and next are never today", "It closed last Thursday and reopens next Thursday.",
			[]string{"last Thursday=2019-09-05", "next Thursday=2019-09-19"}},
		{"this coming and this past", "Buses run until this coming Thursday; they stopped this past Monday.",
			[]string{"this coming Thursday=2019-09-19", "this past Monday=2019-09-09"}},
		{"weeks and months of the determiners", "Sales fell last week and will rise next month.",
			[]string{"last week=null", "next month=2019-10"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, render(tt.text, &published)); diff != "" {
				t.Errorf("Find(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// "That day", "that year" resolve to the date they refer back to in the
// same paragraph or the previous one, else to nothing.
func TestThatDay(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"same sentence", "The dam broke on March 3, 2015, and the town was evacuated that day.",
			[]string{"March 3, 2015=2015-03-03", "that day=2015-03-03"}},
		{"part of the day", "Lind landed on June 2, 2018. She spoke that evening.",
			[]string{"June 2, 2018=2018-06-02", "that evening=2018-06-02"}},
		{"that same day", "Talks began on Monday. That same day the strike ended.",
			[]string{"Monday=2019-09-09", "That same day=2019-09-09"}},
		{"year of a day", "The club was founded on May 1, 1990.\n\nLater that year it won the cup.",
			[]string{"May 1, 1990=1990-05-01", "that year=1990"}},
		{"a year is no day", "The club was founded in 1990. It won the cup that day.",
			[]string{"1990=1990", "that day=null"}},
		{"too far back", "The dam broke on March 3, 2015.\n\nRepairs took months.\n\nThe mayor spoke that day.",
			[]string{"March 3, 2015=2015-03-03", "that day=null"}},
		{"week has no value", "The strike began on Monday. That week no trains ran.",
			[]string{"Monday=2019-09-09", "That week=null"}},
		{"that as a pronoun", "He said that day-to-day costs rose.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, render(tt.text, &published)); diff != "" {
				t.Errorf("Find(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}
