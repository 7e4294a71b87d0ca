package schemacheck

import (
	"regexp"
	"testing"
)

var testPatterns = []struct {
	expr   string
	simple bool
}{
	{`^[a-z][0-9]+$`, true},
	{`^[0-9a-f]{64}$`, true},
	{`^[a-z][a-z ]*$`, true},
	{`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`, true},
	{`^ab?c$`, true},
	{`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`, false},
	{`^[0-9]{4}(-(0[1-9]|1[0-2]))?$`, false},
	{`^[a-z]*[0-9]*[a-z]$`, false}, // greedy would be wrong
	{`[a-z]+`, false},
	{`^(?i)[a-z]+$`, false},
}

func TestPatternMatchesRegexp(t *testing.T) {
	inputs := []string{"", "e1", "e12", "E1", "e", "1", "e1a", "p0", "ab", "abc", "ac", "abbc", "a b", " ab", "ab ",
		"en", "en-GB", "doc-1.x_y", "-x", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeF", "2019", "2019-01", "abc1z", "z\xff", "é1", "e1\n"}
	for _, tt := range testPatterns {
		p, err := compilePattern(tt.expr)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.simple != nil; got != tt.simple {
			t.Errorf("%s: simple = %v, want %v", tt.expr, got, tt.simple)
		}
		re := regexp.MustCompile(tt.expr)
		for _, s := range inputs {
			if got, want := p.MatchString(s), re.MatchString(s); got != want {
				t.Errorf("%s on %q: %v, regexp says %v", tt.expr, s, got, want)
			}
		}
	}
}

func FuzzPattern(f *testing.F) {
	f.Add("e12")
	f.Add("en-GB")
	f.Fuzz(func(t *testing.T, s string) {
		for _, tt := range testPatterns {
			p, err := compilePattern(tt.expr)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := p.MatchString(s), regexp.MustCompile(tt.expr).MatchString(s); got != want {
				t.Fatalf("%s on %q: %v, regexp says %v", tt.expr, s, got, want)
			}
		}
	})
}
