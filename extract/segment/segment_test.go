package segment

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/docset/docset/schema"
)

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		kinds []string // "kind:text" per paragraph
	}{
		{
			name:  "one line per paragraph with heading",
			text:  "The council met on Tuesday.\nHarbour Bridge Plans Stall Again\nWork stopped in June.",
			kinds: []string{"paragraph:The council met on Tuesday.", "heading:Harbour Bridge Plans Stall Again", "paragraph:Work stopped in June."},
		},
		{
			name:  "blank lines and dateline",
			text:  "Tuesday, March 3, 2020\n\nThe mayor spoke.  \n\n\n  Flooding Closes Roads\n\nCrews worked overnight.\n",
			kinds: []string{"paragraph:Tuesday, March 3, 2020", "paragraph:The mayor spoke.", "heading:Flooding Closes Roads", "paragraph:Crews worked overnight."},
		},
		{
			name:  "hard-wrapped paragraph joins lines continuing in lower case",
			text:  "The committee said the report\nwould be published next week.\n\nIt did not say why.",
			kinds: []string{"paragraph:The committee said the report\nwould be published next week.", "paragraph:It did not say why."},
		},
		{
			name:  "run of captions is not headings",
			text:  "The fair opened.\n\nVisitors at the gate\n\nA robot on display",
			kinds: []string{"paragraph:The fair opened.", "paragraph:Visitors at the gate", "paragraph:A robot on display"},
		},
		{
			name:  "last line is never a heading",
			text:  "It rained.\nSee Also",
			kinds: []string{"paragraph:It rained.", "paragraph:See Also"},
		},
		{
			name:  "line ending with colon is a paragraph",
			text:  "The list follows:\nApples are red.",
			kinds: []string{"paragraph:The list follows:", "paragraph:Apples are red."},
		},
		{
			name:  "pull quote with attribution is no heading",
			text:  "\"We lost. We move on\" - a fan\nThe club said nothing.",
			kinds: []string{"paragraph:\"We lost. We move on\" - a fan", "paragraph:The club said nothing."},
		},
		{
			name: "hard-wrapped prose with blank lines joins long lines",
			text: "# Port Report\n\nThe harbour authority said on Monday morning that the new container\nTerminal would open in March after two years of delay and\ncost overruns.\n\n- first item\n- second item",
			kinds: []string{"heading:# Port Report",
				"paragraph:The harbour authority said on Monday morning that the new container\nTerminal would open in March after two years of delay and\ncost overruns.",
				"paragraph:- first item", "paragraph:- second item"},
		},
		{
			name:  "without blank lines a long unpunctuated line stays apart",
			text:  "The harbour authority said on Monday that the new container is late\nTerminal Opening Delayed Again\nIt opens in May.",
			kinds: []string{"paragraph:The harbour authority said on Monday that the new container is late", "heading:Terminal Opening Delayed Again", "paragraph:It opens in May."},
		},
		{name: "empty", text: " \n\n \t", kinds: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := []rune(tt.text)
			var got []string
			for i, p := range Paragraphs(text) {
				checkSpan(t, text, p.Start, p.End, p.Text)
				if want := "p" + strconv.Itoa(i+1); p.ID != want {
					t.Errorf("id %q, want %q", p.ID, want)
				}
				got = append(got, p.Kind+":"+p.Text)
			}
			if diff := cmp.Diff(tt.kinds, got); diff != "" {
				t.Errorf("paragraphs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"titles and initials", "Mr. Lee met Dr. Ana Ruiz and Paul T. Grant on St. Mark's Square. They talked.",
			[]string{"Mr. Lee met Dr. Ana Ruiz and Paul T. Grant on St. Mark's Square.", "They talked."}},
		{"dotted acronym mid-sentence and at the end", "The U.S. Navy sailed. It left the U.S. The crew rested.",
			[]string{"The U.S. Navy sailed.", "It left the U.S.", "The crew rested."}},
		{"decimals and numbers", "Prices rose 3.5 percent. Item No. 7 sold out in Sept. 2019 already.",
			[]string{"Prices rose 3.5 percent.", "Item No. 7 sold out in Sept. 2019 already."}},
		{"quotation of two sentences keeps closing mark", `She said: "We won. We are happy." Then she left.`,
			[]string{`She said: "We won.`, `We are happy."`, "Then she left."}},
		{"question in quotes followed by lower case cue", "“Is it over?” he asked. “No.”",
			[]string{"“Is it over?” he asked.", "“No.”"}},
		{"opening quote glued to the period", "It was late.“Go home,” she said.",
			[]string{"It was late.", "“Go home,” she said."}},
		{"ellipsis inside a sentence and before a starter", "We waited... and waited... The bus came.",
			[]string{"We waited... and waited...", "The bus came."}},
		{"elision in brackets", `"Fine [...] I agree," he said.`, []string{`"Fine [...] I agree," he said.`}},
		{"editorial period in brackets ends the sentence", `"It is over[.]" He left.`, []string{`"It is over[.]"`, "He left."}},
		{"chained initials", "Mary J. K. Olsen spoke. Done.", []string{"Mary J. K. Olsen spoke.", "Done."}},
		{"company abbreviation ends sentence before a starter", "He joined Acme Inc. The firm grew. Acme Inc. Europe too.",
			[]string{"He joined Acme Inc.", "The firm grew.", "Acme Inc. Europe too."}},
		{"parenthesis after an abbreviation-like period", "The buyer, Acme Kft. (Acme Limited) paid. (The price was secret.) It closed.",
			[]string{"The buyer, Acme Kft. (Acme Limited) paid.", "(The price was secret.)", "It closed."}},
		{"no final punctuation", "A line without end", []string{"A line without end"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := []rune(tt.text)
			var got []string
			for _, s := range Sentences(text, Paragraphs(text)) {
				checkSpan(t, text, s.Start, s.End, s.Text)
				got = append(got, s.Text)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("sentences (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSentencesStayInsideParagraphs(t *testing.T) {
	text := []rune("First para ends without stop\nSecond para. Has two.\n\nThird")
	paras := Paragraphs(text)
	checkStructure(t, text, paras, Sentences(text, paras))
}

func checkSpan(t *testing.T, text []rune, start, end int, s string) {
	t.Helper()
	if start < 0 || end > len(text) || start >= end {
		t.Fatalf("bad span [%d,%d) in %d runes", start, end, len(text))
	}
	if got := string(text[start:end]); got != s {
		t.Fatalf("span [%d,%d) slices to %q, Text is %q", start, end, got, s)
	}
	if strings.TrimSpace(s) != s {
		t.Fatalf("span %q not trimmed", s)
	}
}

// checkStructure asserts the invariants every caller relies on.
func checkStructure(t *testing.T, text []rune, paras []schema.Paragraph, sents []schema.Sentence) {
	t.Helper()
	prev := 0
	for _, p := range paras {
		checkSpan(t, text, p.Start, p.End, p.Text)
		if p.Start < prev {
			t.Fatalf("paragraph %s overlaps or is out of order", p.ID)
		}
		if p.Kind != schema.KindHeading && p.Kind != schema.KindParagraph {
			t.Fatalf("paragraph %s kind %q", p.ID, p.Kind)
		}
		prev = p.End
	}
	prev = 0
	pi := 0
	for _, s := range sents {
		checkSpan(t, text, s.Start, s.End, s.Text)
		if s.Start < prev {
			t.Fatalf("sentence %q overlaps or is out of order", s.Text)
		}
		for pi < len(paras) && paras[pi].End <= s.Start {
			pi++
		}
		if pi == len(paras) || s.Start < paras[pi].Start || s.End > paras[pi].End {
			t.Fatalf("sentence %q crosses a paragraph", s.Text)
		}
		prev = s.End
	}
}
