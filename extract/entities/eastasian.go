package entities

import (
	"strings"
)

// East Asian names are often written without a title and with words no
// given-name list holds ("Xi Jinping", "Moon Jae-in", "Lam Cheuk-ting").
// Their shape tells them: a given name of romanized syllables joined by a
// hyphen beside a surname of one syllable, or a Chinese surname before a
// given name of one or two pinyin syllables written as one word.

// eastAsianName reports whether the name [s, e) of two or three words
// reads as an East Asian personal name.
func (d *doc) eastAsianName(s, e int) bool {
	if e-s < 2 || e-s > 3 {
		return false
	}
	hyphened, others := 0, 0
	for k := s; k < e; k++ {
		t := &d.toks[k]
		switch {
		case !t.word || !t.cap || t.upper:
			return false
		case d.syllableGivenName(t.text):
			hyphened++
		case oneSyllable(t.text):
			others++
		default:
			others = -10
		}
	}
	// "Moon Jae-in", "Man-kei Tam", "Tsai Ing-wen", "Kim Jong-un".
	if hyphened == 1 && others == e-s-1 {
		return true
	}
	// "Xi Jinping", "Li Keqiang", "Wang Yi": surname first.
	return e-s == 2 && d.lx.chineseSurnames[d.toks[s].text] && d.pinyinGiven(d.toks[s+1].text)
}

// syllableGivenName reports whether w is a given name of two romanized
// syllables joined by a hyphen, the second written in lower case
// ("Jae-in", "Cheuk-ting", "Lung-bin").
func (d *doc) syllableGivenName(w string) bool {
	a, b, ok := strings.Cut(w, "-")
	if !ok || b == "" || strings.Contains(b, "-") || b[0] < 'a' || b[0] > 'z' {
		return false
	}
	return oneSyllable(a) && oneSyllable(b)
}

// pinyinGiven reports whether w, a capitalised word, is one or two pinyin
// syllables ("Yi", "Jinping", "Keqiang", "Xi'an").
func (d *doc) pinyinGiven(w string) bool {
	low := strings.ToLower(strings.ReplaceAll(w, "'", ""))
	if d.lx.pinyin[low] {
		return true
	}
	for i := 1; i < len(low); i++ {
		if d.lx.pinyin[low[:i]] && d.lx.pinyin[low[i:]] {
			return true
		}
	}
	return false
}

// oneSyllable reports whether w is written like one syllable of a
// romanized Chinese, Korean or Vietnamese name: up to three consonants,
// one to three vowels, and a closing n, ng, m, k, l, p, t, h, r or rk,
// in six letters at most ("Kim", "Moon", "Tsai", "cheuk", "yeol", "Hwang",
// "Park").
func oneSyllable(w string) bool {
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	w = strings.ToLower(w)
	if w == "ng" || strings.HasSuffix(w, "sz") && len(w) <= 3 {
		return true // Cantonese "Ng", "Tsz", "Sz"
	}
	i := 0
	for i < len(w) && i < 3 && isConsonant(w[i]) {
		i++
	}
	v := i
	for i < len(w) && i-v < 3 && isVowel(w[i]) {
		i++
	}
	if i == v {
		return false
	}
	switch w[i:] {
	case "", "n", "ng", "m", "k", "l", "p", "t", "h", "r", "rk":
		return true
	}
	return false
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

func isConsonant(c byte) bool {
	return c >= 'a' && c <= 'z' && !isVowel(c) || c == 'y'
}
