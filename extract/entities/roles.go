package entities

import (
	"strings"

	"github.com/docset/docset/schema"
)

// maxRoleTokens bounds how far a role phrase is read around a name.
const maxRoleTokens = 10

// roleAround finds a role given to the person named by [s, e) outside
// the capitalised run: a lowercase title right before the name ("South
// African party leader Lee"), or an apposition before or after it
// ("Peruvian ambassador to Chile, Ann Lee," / "Ann Lee, the party's
// treasurer,").
func (d *doc) roleAround(s, e int) string {
	if r := d.roleBefore(s); r != "" {
		return r
	}
	if r := d.roleOfPlace(s); r != "" {
		return r
	}
	if s >= 2 && d.toks[s-1].text == "," {
		if a := d.roleStart(s - 1); a >= 0 && d.closesApposition(e) {
			return d.span(a, s-1)
		}
	}
	return d.roleAfter(e)
}

// roleBefore reads "leader" in "Chilean party leader Ana Rojas" and the
// words that qualify it.
func (d *doc) roleBefore(s int) string {
	if s == 0 {
		return ""
	}
	t := &d.toks[s-1]
	if !t.word || !t.lower || !d.isRoleTitle(t) || t.lineBr {
		return ""
	}
	a := s - 1
	for a > 0 && s-a < maxRoleTokens && !d.toks[a].lineBr {
		p := &d.toks[a-1]
		if !p.word || p.text == "the" || p.text == "a" || p.text == "an" {
			break
		}
		if a >= 2 && d.toks[a-2].cap {
			if l, _, ok := d.knownAt(a - 2); ok && l == 2 {
				a -= 2 // "South African", "New Zealand"
				continue
			}
		}
		if p.cap && !d.roleWord(p) && !d.lx.known(p.text) {
			break // another name: "Boric and Chilean party leader Rojas"
		}
		if !p.cap && !d.roleWord(p) {
			break
		}
		if p.text == "and" && a >= 2 && d.toks[a-2].cap {
			break
		}
		a--
	}
	for a < s-1 && !d.roleEdge(a) {
		a++
	}
	return d.span(a, s)
}

// roleOfPlace reads "US Ambassador to Germany" before a name: a title,
// "to", "of" or "for", and the place or body it serves, with no comma.
func (d *doc) roleOfPlace(s int) string {
	p := -1 // start of the place name that ends right before s
	for j := s - 1; j >= 0 && s-j <= 4; j-- {
		if l, k, ok := d.knownAt(j); ok && j+l == s && k.typ != demonymType {
			p = j
			break
		}
		if j == s-1 {
			if _, ok := d.knownWord(j); ok {
				p = j
				break
			}
		}
	}
	if p < 2 {
		return ""
	}
	switch d.toks[p-1].text {
	case "to", "of", "for":
	default:
		return ""
	}
	if !d.isRoleTitle(&d.toks[p-2]) {
		return ""
	}
	a := p - 2
	for a > 0 && p-a < maxRoleTokens {
		q := &d.toks[a-1]
		if !q.word || q.lower && !d.roleWord(q) || q.text == "the" || q.text == "a" || q.text == "an" {
			break
		}
		if q.cap && !d.roleWord(q) && !d.lx.known(q.text) {
			break
		}
		a--
	}
	return d.span(a, s)
}

// roleStart returns where a role phrase ending before the comma at c
// begins, at a sentence start, or -1 when the words there are no role.
func (d *doc) roleStart(c int) int {
	a, titled := c, false
	for a > 0 && c-a < maxRoleTokens {
		p := &d.toks[a-1]
		if !p.word {
			break
		}
		if !d.roleWord(p) && !p.cap {
			return -1
		}
		if d.isRoleTitle(p) {
			titled = true
		}
		a--
		if p.weak {
			break
		}
	}
	if !titled || a == c {
		return -1
	}
	if a > 0 && d.toks[a-1].word && !d.toks[a].weak {
		return -1
	}
	for a < c && !d.roleEdge(a) {
		a++
	}
	if a == c {
		return -1
	}
	return a
}

// roleAfter reads "Ann Lee, the party's treasurer, said".
func (d *doc) roleAfter(e int) string {
	n := len(d.toks)
	if e+2 >= n || d.toks[e].text != "," {
		return ""
	}
	a := e + 1
	switch d.toks[a].low {
	case "the", "a", "an":
		a++
	}
	b, titled, lastTitle := a, false, -1
	for b < n && b-a < maxRoleTokens {
		t := &d.toks[b]
		if t.lineBr {
			return ""
		}
		if !t.word {
			if isApostrophe([]rune(t.text)[0]) && b+1 < n && d.toks[b+1].text == "s" {
				b += 2
				continue
			}
			break
		}
		possessive := b+2 < n && !d.toks[b+1].word && isApostrophe([]rune(d.toks[b+1].text)[0]) && d.toks[b+2].text == "s"
		if !d.roleWord(t) && !t.cap && !possessive {
			break
		}
		if d.isRoleTitle(t) {
			titled, lastTitle = true, b
		}
		b++
	}
	if !titled || b == a || b >= n {
		return ""
	}
	if k := lastTitle + 1; k < n && d.nameWord(k) && !d.roleWord(&d.toks[k]) {
		return "" // "to GitHub, EFF's attorney Stoltz said": Stoltz's role
	}
	switch d.toks[b].text {
	case ",", ".", ";", ")":
	default:
		// "X, an opposition candidate for the election": the role ends
		// with its title word when the phrase goes on.
		b = lastTitle + 1
	}
	for b > a && !d.roleEdge(b-1) {
		b--
	}
	if b == a {
		return ""
	}
	return d.span(a, b)
}

// isRoleTitle is isTitleWord without plurals: "researchers" after a name
// is no role of it.
func (d *doc) isRoleTitle(t *token) bool {
	return d.lx.titles[t.low]
}

// roleWord reports whether a word may stand inside a role phrase.
func (d *doc) roleWord(t *token) bool {
	lw := t.low
	if d.isRoleTitle(t) || d.lx.titleMods[lw] {
		return true
	}
	_, ok := d.lx.demonyms[t.text]
	return ok
}

// roleEdge reports whether a role phrase may begin or end with token i:
// not with a connector ("of", "to", "the").
func (d *doc) roleEdge(i int) bool {
	switch d.toks[i].text {
	case "of", "to", "for", "the", "and", "s":
		return false
	}
	return d.toks[i].word
}

// closesApposition reports whether the name ending at e closes an
// apposition: a comma, a sentence end or a reporting verb follows.
func (d *doc) closesApposition(e int) bool {
	if e >= len(d.toks) {
		return true
	}
	switch d.toks[e].text {
	case ",", ".", ";":
		return true
	}
	return d.lx.reporting[d.toks[e].low]
}

// withRole gives a person-like mention the role found around it.
func (d *doc) withRole(m *mention) {
	if m.role != "" || (m.typ != "" && m.typ != schema.TypePerson) {
		return
	}
	if r := trimArticle(d.roleAround(m.s, m.e)); r != "" {
		m.role = r
		m.typ = schema.TypePerson
		m.strong = true
	}
}

// trimArticle drops a leading article from a role: "The mayor of X" is
// the role "mayor of X".
func trimArticle(r string) string {
	for _, a := range []string{"The ", "the ", "A ", "a ", "An ", "an "} {
		if strings.HasPrefix(r, a) {
			return r[len(a):]
		}
	}
	return r
}
