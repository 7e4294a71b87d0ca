package lex

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTokens(t *testing.T) {
	text := []rune("On Jan. 4, 2,019 K2-18b\n\n“3.5”")
	var got []string
	for _, tok := range Tokens(text, nil) {
		s := string(text[tok.Start:tok.End])
		if !tok.Space {
			s = "+" + s
		}
		if tok.Break {
			s = "¶" + s
		}
		got = append(got, s)
	}
	want := []string{"On", "Jan", "+.", "4", "+,", "2,019", "K2", "+-", "+18b", "¶“", "+3.5", "+”"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tokens (-want +got):\n%s", diff)
	}
}

func TestDecimal(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1,426", 1426, true},
		{"3.5", 3.5, true},
		{"1,000,000.25", 1000000.25, true},
		{"2,01", 0, false},
		{"1.2.3", 0, false},
		{"12,34,567", 0, false},
		{"0.6", 0.6, true},     // not 0.6000000000000001
		{"0.145", 0.145, true}, // not 0.14500000000000002
		{"3.28", 3.28, true},
	}
	for _, tt := range tests {
		text := []rune(tt.in)
		got, ok := Decimal(text, Token{Start: 0, End: len(text), Kind: Number})
		if got != tt.want || ok != tt.ok {
			t.Errorf("Decimal(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestTimes(t *testing.T) {
	tests := []struct {
		v, by, want float64
	}{
		{1.7, 1e9, 1700000000}, // not 1700000000.0000002
		{2.5, 1e6, 2500000},
		{0.15, 1e3, 150},
		{3, 100, 300},
		{1.5, 12, 18}, // a dozen: no power of ten
		{0, 1e6, 0},
	}
	for _, tt := range tests {
		if got := Times(tt.v, tt.by); got != tt.want {
			t.Errorf("Times(%v, %v) = %v, want %v", tt.v, tt.by, got, tt.want)
		}
	}
}

func TestCountWords(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		used int // tokens read
	}{
		{"five teen girls", 5, 1},
		{"twenty-one soldiers", 21, 3},
		{"twenty one", 21, 2},
		{"two hundred and five men", 205, 4},
		{"three thousand five hundred", 3500, 4},
		{"two dozen", 24, 2},
		{"one two", 1, 1},
		{"fourth round", 0, 0},
		{"million", 0, 0},
		{"five-year", 5, 1},
	}
	for _, tt := range tests {
		text := []rune(tt.in)
		toks := Tokens(text, nil)
		v, next, ok := CountWords(text, toks, 0, nil)
		if ok != (tt.used > 0) || ok && (v != tt.want || next != tt.used) {
			t.Errorf("CountWords(%q) = %v, %d, %v; want %v, %d", tt.in, v, next, ok, tt.want, tt.used)
		}
	}
}

func TestParseTable(t *testing.T) {
	row := func(f []string) (string, string, error) { return f[0], f[1], nil }
	if _, err := ParseTable([]byte("a\tb\tc\n"), 2, row); err == nil {
		t.Error("wrong field count accepted")
	}
	m, err := ParseTable([]byte("# comment\n\na\tb\r\n"), 2, row)
	if err != nil || m["a"] != "b" {
		t.Errorf("got %v, %v", m, err)
	}
}
