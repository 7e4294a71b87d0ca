package main

import (
	"bufio"
	"compress/bzip2"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"
)

// pinyin reads the Mandarin readings of Unihan (kMandarin) and returns
// every syllable without its tone mark ("jin", "ping", "lu" for "lǜ") and
// each Han character's first reading so written.
func pinyin(o options) (syllables map[string]bool, reading map[rune]string, err error) {
	f, err := os.Open(o.unihan)
	if err != nil {
		return nil, nil, fmt.Errorf("open Unihan readings: %w", err)
	}
	defer f.Close()
	syllables, reading = map[string]bool{}, map[rune]string{}
	sc := bufio.NewScanner(bzip2.NewReader(f))
	for sc.Scan() {
		// U+4E00	kMandarin	yī
		code, rest, ok := strings.Cut(sc.Text(), "\tkMandarin\t")
		if !ok || !strings.HasPrefix(code, "U+") {
			continue
		}
		var r rune
		if _, err := fmt.Sscanf(code[2:], "%X", &r); err != nil {
			return nil, nil, fmt.Errorf("%s: bad code point %q", o.unihan, code)
		}
		for i, p := range strings.Fields(rest) {
			s := strings.ToLower(fold(p))
			if s == "" || strings.Trim(s, "abcdefghijklmnopqrstuvwxyz") != "" {
				continue
			}
			syllables[s] = true
			if i == 0 {
				reading[r] = s
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", o.unihan, err)
	}
	return syllables, reading, nil
}

// fakerList matches a Python list or tuple of quoted names assigned to a
// variable in a Faker provider's source.
func fakerList(src []byte, name string) []string {
	re := regexp.MustCompile(`(?s)\b` + regexp.QuoteMeta(name) + `\s*=\s*[\[(](.*?)[\])]`)
	m := re.FindSubmatch(src)
	if m == nil {
		return nil
	}
	var out []string
	for _, q := range regexp.MustCompile(`["']([^"']+)["']`).FindAllSubmatch(m[1], -1) {
		out = append(out, string(q[1]))
	}
	return out
}

// chineseSurnames lists the Chinese surnames of Faker's zh_CN provider
// (the Hundred Family Surnames in characters and the commonest ones
// romanized) written in pinyin without tones ("Zhang", "Xi", "Ouyang"):
// before a given name of pinyin syllables they make a person's name.
func chineseSurnames(o options, reading map[rune]string) ([]string, error) {
	path := filepath.Join(o.faker, "zh_CN", "__init__.py")
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read Faker zh_CN names: %w", err)
	}
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	hanzi := fakerList(src, "last_names")
	if len(hanzi) == 0 {
		return nil, fmt.Errorf("%s: no last_names list", path)
	}
	for _, h := range hanzi {
		var b strings.Builder
		for _, r := range h {
			s := reading[r]
			if s == "" {
				b.Reset()
				break
			}
			b.WriteString(s)
		}
		if s := b.String(); s != "" {
			r, n := utf8.DecodeRuneInString(s)
			add(strings.ToUpper(string(r)) + s[n:])
		}
	}
	for _, n := range fakerList(src, "last_romanized_names") {
		add(n)
	}
	return out, nil
}
