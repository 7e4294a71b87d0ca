package validate

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dlclark/regexp2/v2"
)

// JSON Schema's pattern, patternProperties and format "regex" are ECMA-262
// regular expressions. Most patterns in real schemas mean the same in Go's
// RE2 syntax, sometimes after spelling out what ECMA-262 means by ".", "\s"
// or "\uXXXX"; those run on Go's regexp, in linear time. The rest
// (lookaround, backreferences, Annex B leniencies, ...) run on regexp2 in
// ECMAScript mode, a backtracking engine: every such match is bounded in
// time and stack, and a match that hits the bound is a finding.

// DefaultMatchTimeout bounds one match of an ECMA-262 pattern that Go's
// regexp cannot run.
const DefaultMatchTimeout = time.Second

// maxBacktrack bounds the backtracking stack of one match, in slots of 8
// bytes: far above what a sane pattern needs on a long string, far below
// what would hurt the machine.
const maxBacktrack = 1 << 20

// matcher is a compiled ECMA-262 pattern. An error means the match gave up
// (time or stack bound); it never means "no match".
type matcher interface {
	MatchString(s string) (bool, error)
}

type goMatcher struct{ re *regexp.Regexp }

func (m goMatcher) MatchString(s string) (bool, error) { return m.re.MatchString(s), nil }

type ecmaMatcher struct{ re *regexp2.Regexp }

func (m ecmaMatcher) MatchString(s string) (bool, error) { return m.re.MatchString(s) }

// PatternError is a pattern that is not an ECMA-262 regular expression.
type PatternError struct {
	Pattern string
	Err     error
}

func (e *PatternError) Error() string {
	return fmt.Sprintf("%s is not an ECMA-262 regular expression: %v", quote(e.Pattern), e.Err)
}

// regexCache compiles each distinct pattern of a schema once. It is filled
// while the schema compiles and only read afterwards, by any goroutine.
type regexCache struct {
	timeout time.Duration
	byText  map[string]compiled
}

type compiled struct {
	m matcher
	// native: Go's regexp reads the pattern as written with the same
	// meaning, so the schema library may run it itself.
	native bool
}

func newRegexCache(timeout time.Duration) *regexCache {
	if timeout <= 0 {
		timeout = DefaultMatchTimeout
	}
	return &regexCache{timeout: timeout, byText: map[string]compiled{}}
}

// compile returns the matcher for pattern p, compiling it on first use.
func (c *regexCache) compile(p string) (compiled, error) {
	if m, ok := c.byText[p]; ok {
		return m, nil
	}
	m, err := compileECMA(p, c.timeout)
	if err != nil {
		return compiled{}, err
	}
	c.byText[p] = m
	return m, nil
}

// isRegex is format "regex": an ECMA-262 regular expression.
func isRegex(v any) bool {
	s, ok := v.(string)
	if !ok {
		return true
	}
	_, err := compileECMA(s, DefaultMatchTimeout)
	return err == nil
}

// compileECMA compiles an ECMA-262 pattern: on Go's regexp when a
// translation means the same, else on regexp2 in ECMAScript mode, with the
// Unicode flag (as JSON Schema validators use) and, failing that, with the
// Annex B grammar browsers accept without it.
func compileECMA(p string, timeout time.Duration) (compiled, error) {
	if gp, ok := goEquivalent(p); ok {
		if re, err := regexp.Compile(gp); err == nil {
			return compiled{m: goMatcher{re}, native: gp == p}, nil
		}
	}
	if err := ecmaGroups(p); err != nil {
		return compiled{}, &PatternError{Pattern: p, Err: err}
	}
	re, err := regexp2.Compile(p, regexp2.ECMAScript|regexp2.Unicode, regexp2.OptionMaxBacktrackingStackSize(maxBacktrack))
	if err != nil {
		var err2 error
		re, err2 = regexp2.Compile(p, regexp2.ECMAScript, regexp2.OptionMaxBacktrackingStackSize(maxBacktrack))
		if err2 != nil {
			return compiled{}, &PatternError{Pattern: p, Err: errors.New(strings.TrimPrefix(err2.Error(), "error parsing regexp: "))}
		}
	}
	re.MatchTimeout = timeout
	return compiled{m: ecmaMatcher{re}}, nil
}

// ecmaGroups rejects the group syntax regexp2 accepts in ECMAScript mode
// but ECMA-262 does not: inline flags such as (?i), (?P<name>), (?#...),
// atomic groups. ECMA-262 allows (?: (?= (?! (?<= (?<! (?<name> and the
// modifier groups (?i:...) (?-m:...).
func ecmaGroups(p string) error {
	inClass := false
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '\\':
			i++
		case inClass:
			inClass = c != ']'
		case c == '[':
			inClass = true
		case c == '(' && i+1 < len(p) && p[i+1] == '?':
			rest := p[i+2:]
			if rest == "" {
				return errors.New("(? ends the pattern")
			}
			switch rest[0] {
			case ':', '=', '!':
				continue
			case '<':
				if len(rest) > 1 && rest[1] != 'P' {
					continue
				}
			}
			j := 0
			for j < len(rest) && strings.IndexByte("ims-", rest[j]) >= 0 {
				j++
			}
			if j > 0 && j < len(rest) && rest[j] == ':' {
				continue
			}
			end := min(len(rest), j+1)
			return fmt.Errorf("(?%s is not ECMA-262 group syntax; flags such as (?i) do not exist there: spell out the cases, e.g. [Aa]", rest[:end])
		}
	}
	return nil
}

// ECMA-262 meanings spelled out for Go: "." is any code point but a line
// terminator, "\s" is WhiteSpace and LineTerminator (Unicode Zs included).
const (
	ecmaDot    = `[^\n\r\x{2028}\x{2029}]`
	ecmaSpaces = `\t\n\v\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}`
)

// goEquivalent translates an ECMA-262 pattern into Go regexp syntax that
// matches exactly the same strings, or reports false when the pattern uses
// anything Go cannot express or that this translation does not know to
// mean the same in both (lookaround, backreferences, \p, \c, Annex B
// braces, an empty class, ...). It only reads; Go's parser still has the
// last word on whether the translation compiles.
func goEquivalent(p string) (string, bool) {
	var b strings.Builder
	b.Grow(len(p) + 8)
	quantifiable := false
	depth := 0
	for i := 0; i < len(p); {
		c := p[i]
		switch c {
		case '\\':
			esc, n, kind := escape(p[i+1:], false)
			if kind == escBad {
				return "", false
			}
			b.WriteString(esc)
			i += 1 + n
			quantifiable = kind != escAssertion
		case '.':
			b.WriteString(ecmaDot)
			i++
			quantifiable = true
		case '[':
			cls, n, ok := goClass(p[i:])
			if !ok {
				return "", false
			}
			b.WriteString(cls)
			i += n
			quantifiable = true
		case '(':
			rest := p[i:]
			switch {
			case strings.HasPrefix(rest, "(?:"):
				b.WriteString("(?:")
				i += 3
			case strings.HasPrefix(rest, "(?<") && len(rest) > 3 && rest[3] != '=' && rest[3] != '!':
				end := strings.IndexByte(rest, '>')
				if end < 0 || !goGroupName(rest[3:end]) {
					return "", false
				}
				b.WriteString("(?P<" + rest[3:end] + ">")
				i += end + 1
			case strings.HasPrefix(rest, "(?"):
				return "", false // lookaround, or a syntax ECMA-262 lacks
			default:
				b.WriteByte('(')
				i++
			}
			depth++
			quantifiable = false
		case ')':
			if depth == 0 {
				return "", false
			}
			depth--
			b.WriteByte(')')
			i++
			quantifiable = true
		case '*', '+', '?', '{':
			n := 1
			if c == '{' {
				var ok bool
				if n, ok = goRepeat(p[i:]); !ok {
					return "", false // a literal brace under Annex B, or a count beyond Go's limit
				}
			}
			if !quantifiable {
				return "", false
			}
			b.WriteString(p[i : i+n])
			i += n
			if i < len(p) && p[i] == '?' {
				b.WriteByte('?')
				i++
			}
			quantifiable = false
		case '}', ']':
			// A lone closing bracket is a literal under Annex B.
			b.WriteByte('\\')
			b.WriteByte(c)
			i++
			quantifiable = true
		case '^', '$', '|':
			b.WriteByte(c)
			i++
			quantifiable = false
		default:
			r, size := utf8.DecodeRuneInString(p[i:])
			if r == utf8.RuneError && size <= 1 {
				return "", false
			}
			b.WriteString(p[i : i+size])
			i += size
			quantifiable = true
		}
	}
	if depth != 0 {
		return "", false
	}
	return b.String(), true
}

type escKind int

const (
	escBad       escKind = iota // not known to mean the same in Go
	escAtom                     // matches one character
	escAssertion                // \b, \B: matches no character
	escClass                    // \d, \s, ...: a class
)

// escape translates the escape after a backslash at the start of s; inClass
// says it stands inside [...]. It returns the Go text, the bytes of s used
// and what the escape is.
func escape(s string, inClass bool) (string, int, escKind) {
	if s == "" {
		return "", 0, escBad
	}
	c := s[0]
	switch c {
	case 'd', 'D', 'w', 'W':
		return `\` + string(c), 1, escClass
	case 's':
		if inClass {
			return ecmaSpaces, 1, escClass
		}
		return "[" + ecmaSpaces + "]", 1, escClass
	case 'S':
		if inClass {
			return "", 0, escBad
		}
		return "[^" + ecmaSpaces + "]", 1, escClass
	case 'b':
		if inClass {
			return `\x08`, 1, escAtom // backspace inside a class
		}
		return `\b`, 1, escAssertion
	case 'B':
		if inClass {
			return "", 0, escBad
		}
		return `\B`, 1, escAssertion
	case 't', 'n', 'r', 'f', 'v':
		return `\` + string(c), 1, escAtom
	case '0':
		if len(s) > 1 && s[1] >= '0' && s[1] <= '9' {
			return "", 0, escBad // a legacy octal escape
		}
		return `\x00`, 1, escAtom
	case 'x':
		if len(s) >= 3 && isHex(s[1]) && isHex(s[2]) {
			return `\x{` + s[1:3] + `}`, 3, escAtom
		}
		return "", 0, escBad
	case 'u':
		if len(s) >= 5 && isHex(s[1]) && isHex(s[2]) && isHex(s[3]) && isHex(s[4]) {
			n, _ := strconv.ParseUint(s[1:5], 16, 32)
			if n >= 0xD800 && n <= 0xDFFF {
				return "", 0, escBad // half of a surrogate pair
			}
			return `\x{` + s[1:5] + `}`, 5, escAtom
		}
		return "", 0, escBad
	}
	if c < utf8.RuneSelf && !isAlnum(c) && c > ' ' && c != 0x7f {
		// An escaped punctuation character is itself in both.
		return `\` + string(c), 1, escAtom
	}
	return "", 0, escBad
}

// goClass translates the class at the start of s ("[...]") and returns the
// bytes it spans.
func goClass(s string) (string, int, bool) {
	var b strings.Builder
	b.WriteByte('[')
	i := 1
	if i < len(s) && s[i] == '^' {
		b.WriteByte('^')
		i++
	}
	if i < len(s) && s[i] == ']' {
		return "", 0, false // [] and [^] match nothing and anything in ECMA-262; Go reads ] as a member
	}
	for i < len(s) {
		c := s[i]
		switch c {
		case ']':
			b.WriteByte(']')
			return b.String(), i + 1, true
		case '\\':
			esc, n, kind := escape(s[i+1:], true)
			if kind == escBad {
				return "", 0, false
			}
			b.WriteString(esc)
			i += 1 + n
		case '[':
			if i+1 < len(s) && (s[i+1] == ':' || s[i+1] == '=' || s[i+1] == '.') {
				return "", 0, false // Go reads [:alpha:]; ECMA-262 does not
			}
			b.WriteString(`\[`)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size <= 1 {
				return "", 0, false
			}
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return "", 0, false // unterminated
}

// goRepeat returns the length of a {n}, {n,} or {n,m} quantifier at the
// start of s that Go accepts (counts up to 1000).
func goRepeat(s string) (int, bool) {
	end := strings.IndexByte(s, '}')
	if end < 0 {
		return 0, false
	}
	lo, hi, comma := strings.Cut(s[1:end], ",")
	for _, part := range []string{lo, hi} {
		for j := 0; j < len(part); j++ {
			if part[j] < '0' || part[j] > '9' {
				return 0, false
			}
		}
	}
	if lo == "" || len(lo) > 4 || len(hi) > 4 {
		return 0, false
	}
	if n, _ := strconv.Atoi(lo); n > 1000 {
		return 0, false
	}
	if comma && hi != "" {
		if n, _ := strconv.Atoi(hi); n > 1000 {
			return 0, false
		}
	}
	return end + 1, true
}

func goGroupName(name string) bool {
	if name == "" || name[0] >= '0' && name[0] <= '9' {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !isAlnum(name[i]) && name[i] != '_' {
			return false
		}
	}
	return true
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// quote renders a string as the schema library does in its messages:
// single-quoted, with Go escapes.
func quote(s string) string {
	q := strconv.Quote(s)
	q = strings.ReplaceAll(q[1:len(q)-1], `\"`, `"`)
	return "'" + strings.ReplaceAll(q, `'`, `\'`) + "'"
}
