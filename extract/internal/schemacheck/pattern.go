package schemacheck

import (
	"regexp"
	"regexp/syntax"
	"unicode/utf8"
)

// pattern is a compiled "pattern" keyword. The patterns of record schemas
// are mostly anchored runs of character classes ("^[a-z][0-9]+$"), checked
// on every id of every record; those match by a direct scan, the others by
// the regexp.
type pattern struct {
	re     *regexp.Regexp
	simple []classRun // nil: use re
}

func compilePattern(expr string) (*pattern, error) {
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	return &pattern{re: re, simple: simpleRuns(expr)}, nil
}

func (p *pattern) MatchString(s string) bool {
	if p.simple == nil {
		return p.re.MatchString(s)
	}
	i := 0
	for _, run := range p.simple {
		n := 0
		for (run.max < 0 || n < run.max) && i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !run.has(r) {
				break
			}
			i += size
			n++
		}
		if n < run.min {
			return false
		}
	}
	return i == len(s)
}

func (p *pattern) String() string { return p.re.String() }

// classRun is a character class repeated min to max times (max < 0: no
// limit).
type classRun struct {
	ranges   []rune // pairs lo, hi
	min, max int
}

func (c classRun) has(r rune) bool {
	for i := 0; i+1 < len(c.ranges); i += 2 {
		if c.ranges[i] <= r && r <= c.ranges[i+1] {
			return true
		}
	}
	return false
}

// simpleRuns returns the runs of an anchored pattern made only of character
// classes and literals with repeat counts, nil for any other pattern. It
// also returns nil unless every run of varying length shares no character
// with the runs after it: then taking as many characters as possible at
// each run, without backtracking, matches exactly when the regexp does.
func simpleRuns(expr string) []classRun {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil || re.Op != syntax.OpConcat || len(re.Sub) < 2 ||
		re.Sub[0].Op != syntax.OpBeginText || re.Sub[len(re.Sub)-1].Op != syntax.OpEndText {
		return nil
	}
	var runs []classRun
	for _, sub := range re.Sub[1 : len(re.Sub)-1] {
		min, max := 1, 1
		switch sub.Op {
		case syntax.OpStar:
			min, max, sub = 0, -1, sub.Sub[0]
		case syntax.OpPlus:
			min, max, sub = 1, -1, sub.Sub[0]
		case syntax.OpQuest:
			min, max, sub = 0, 1, sub.Sub[0]
		case syntax.OpRepeat:
			min, max, sub = sub.Min, sub.Max, sub.Sub[0]
		}
		if sub.Flags&syntax.FoldCase != 0 {
			return nil
		}
		switch sub.Op {
		case syntax.OpCharClass:
			runs = append(runs, classRun{ranges: sub.Rune, min: min, max: max})
		case syntax.OpLiteral:
			if len(sub.Rune) != 1 && (min != 1 || max != 1) {
				return nil
			}
			for _, r := range sub.Rune {
				runs = append(runs, classRun{ranges: []rune{r, r}, min: min, max: max})
			}
		default:
			return nil
		}
	}
	for i, run := range runs {
		if run.min == run.max {
			continue
		}
		for _, later := range runs[i+1:] {
			if overlap(run, later) {
				return nil
			}
		}
	}
	return runs
}

func overlap(a, b classRun) bool {
	for i := 0; i+1 < len(a.ranges); i += 2 {
		for j := 0; j+1 < len(b.ranges); j += 2 {
			if a.ranges[i] <= b.ranges[j+1] && b.ranges[j] <= a.ranges[i+1] {
				return true
			}
		}
	}
	return false
}
