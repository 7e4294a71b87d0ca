package entities

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/docset/docset/extract/internal/lex"
	"github.com/docset/docset/schema"
)

// group is one entity being built from mentions.
type group struct {
	ms  []int  // indexes into doc.ms
	few [2]int // ms's first backing array: most entities have one or two
	// inOrder marks a group already in the entities' order.
	inOrder bool
	typ     string
	sub     string
	roles   []string
	// person marks the entity of a person named in full somewhere, which
	// one-word mentions of a city or region may join ("Paris").
	person bool
	// team marks the mentions of a name that play as a sports team.
	team bool
	// sure marks a person's entity named in full with more than the
	// shape of a name (a given name, a title, a role, a cue around it).
	sure bool
}

// resolveContext types the mentions the name alone left open, from the
// words around them.
func (d *doc) resolveContext() {
	sort.SliceStable(d.ms, func(i, j int) bool { return d.ms[i].s < d.ms[j].s })
	for k := range d.ms {
		m := &d.ms[k]
		if (m.typ == "" || !m.strong) && !m.titled {
			// "songs such as "Dark Star" and "Truckin'"": a name that
			// fills a quotation is the title of a work.
			if d.quotedTitle(m) {
				m.typ, m.subtype, m.strong, m.guess = schema.TypeOther, "", false, false
				continue
			}
			if k, ok := d.kindBefore(m.s); ok && !d.personKindBefore(m) {
				m.typ, m.subtype, m.strong = k.typ, k.subtype, true
				continue
			}
			// "Maidan Wardak province", "the Kovac group".
			if m.e < len(d.toks) && d.toks[m.e].lower && !adjectival(d.toks[m.e-1].text) {
				if k, ok := d.lx.kindNouns[d.toks[m.e].text]; ok {
					m.typ, m.subtype, m.strong = k.typ, k.subtype, true
					continue
				}
			}
			if (m.typ == "" || m.typ == schema.TypePerson) && !d.isTitleWord(&d.toks[m.e-1]) {
				switch t, sure := d.contextType(m); t {
				case "":
				case notPerson:
					if m.typ == schema.TypePerson {
						m.typ = ""
					}
				default:
					m.typ, m.subtype, m.strong, m.guess = t, "", sure, false
					continue
				}
				if m.guess && d.personCue(m) {
					m.guess = false
				}
				// "Brevik laid off ten cooks. He said so.", "the boy's
				// cousin, Haitham,": a name no list knows is a person
				// where the words around say so.
				// An everyday word alone is seldom a name ("representatives
				// Image: unknown").
				single := m.e-m.s == 1
				if m.typ == "" && d.personShaped(m.s, m.e) && !(single && d.lx.common(&d.toks[m.s])) && (d.personBefore(m.s) || d.personAfter(m.e) || d.speakerLabel(m)) {
					m.typ, m.strong = schema.TypePerson, false
				}
			}
		}
		if m.s == 0 {
			continue
		}
		prep, ok := d.lx.placePreps[d.toks[m.s-1].low]
		switch {
		case !ok:
		case m.typ == "" && d.personShaped(m.s, m.e) && !(m.e-m.s == 1 && doctrineShaped(d.toks[m.s].low)):
			m.ctx = schema.TypePlace // not "in CentOS"
		case m.typ == schema.TypePerson && !m.strong && !m.titled && prep == "strong":
			m.typ = schema.TypePlace
		}
	}
	d.coordinate()
	d.sameNameSameType()
}

// quotedTitle reports whether mention m, of two words or more, fills a
// pair of double quotation marks by itself ("Dark Star", "Uncle John's
// Band").
func (d *doc) quotedTitle(m *mention) bool {
	// One quoted word is as often a name talked about ("the name
	// "CentOS"") or a nickname.
	return m.e-m.s >= 2 && d.quoted(m.s, m.e)
}

// sameNameSameType gives guessed mentions the type that the same name
// has where the text says what it is ("Tamsa province" ... "the Tamsa
// council").
func (d *doc) sameNameSameType() {
	sure := map[string]known{}
	for k := range d.ms {
		m := &d.ms[k]
		if m.strong && m.typ != "" && m.e-m.s >= 2 {
			key := d.key(m)
			if _, ok := sure[key]; !ok {
				sure[key] = known{m.typ, m.subtype}
			}
		}
	}
	for k := range d.ms {
		m := &d.ms[k]
		if m.strong || m.titled || m.e-m.s < 2 {
			continue
		}
		if t, ok := sure[d.key(m)]; ok {
			m.typ, m.subtype = t.typ, t.subtype
		}
	}
}

// coordinate types the guessed names of a list ("A, B and C") like the
// names of it that are known, or like the kind a list introduces
// ("companies including A, B and C").
func (d *doc) coordinate() {
	for a := 0; a < len(d.ms); {
		b := a + 1
		for b < len(d.ms) && d.listJoined(d.ms[b-1].e, d.ms[b].s) {
			b++
		}
		if b-a >= 2 {
			d.typeList(d.ms[a:b])
		}
		a = b
	}
}

// listJoined reports whether only list punctuation and "and"/"or" lie
// between tokens e and s.
func (d *doc) listJoined(e, s int) bool {
	if s <= e || s-e > 2 {
		return false
	}
	for _, t := range d.toks[e:s] {
		switch t.text {
		case ",", "and", "or", "&", ";":
		default:
			return false
		}
	}
	return true
}

func (d *doc) typeList(list []mention) {
	votes := map[string]int{}
	for _, m := range list {
		if m.typ != "" && m.strong {
			votes[m.typ]++
		}
	}
	// "Romelu Lukaku, Yannick Carrasco and Dries Mertens": a person
	// whose name the name lists know makes the names guessed persons
	// beside it persons, and only them ("Fedora, and Stream", "in
	// Mirati, Pranab Mukherjee" are no list of people).
	onlyGuesses := false
	if len(votes) == 0 {
		for _, m := range list {
			if m.typ == schema.TypePerson && !m.guessed() {
				votes[m.typ]++
				onlyGuesses = true
			}
		}
	}
	typ, sub := "", ""
	if k, ok := d.kindBeforeList(list[0].s); ok {
		// "companies including A, B and C" outweighs guesses.
		for i := range list {
			if m := &list[i]; (m.typ == "" || !m.strong) && !m.titled {
				m.typ, m.subtype = k.typ, k.subtype
			}
		}
		return
	}
	if len(votes) == 1 {
		for t := range votes {
			typ = t
		}
	}
	if typ == "" {
		return
	}
	for i := range list {
		if m := &list[i]; (m.typ == "" && !onlyGuesses || m.guessed()) && !m.titled {
			m.list = known{typ, sub}
		}
	}
}

// kindBeforeList reads "companies including" or "cities such as" before
// the first name of a list.
func (d *doc) kindBeforeList(s int) (known, bool) {
	i := s - 1
	if i >= 1 && d.toks[i].text == "as" && d.toks[i-1].text == "such" {
		i -= 2
	} else if i >= 0 && (d.toks[i].text == "including" || d.toks[i].text == "like") {
		i--
	} else {
		return known{}, false
	}
	if i >= 0 && d.toks[i].text == "," {
		i--
	}
	if i < 0 || !d.toks[i].word {
		return known{}, false
	}
	return d.lx.kindPlural(d.toks[i].low)
}

// key is the mention's name as a look-up key, computed once.
func (d *doc) key(m *mention) string {
	if m.key == "" {
		m.key = d.join(m.s, m.e)
	}
	return m.key
}

func (d *doc) personKey(m *mention) string {
	if a, ok := d.personAlias[d.key(m)]; ok {
		return a
	}
	e := d.nameEnd(m.s, m.e)
	if e-m.s == 2 {
		return d.join(m.s, e) // first and last name, no allocation
	}
	return d.toks[m.s].text + " " + d.toks[e-1].text
}

// nameEnd is where the personal name [s, e) ends without its generational
// suffix ("James Porter Jr." -> "James Porter"): short forms leave the
// suffix out, so the surname is the word before it.
func (d *doc) nameEnd(s, e int) int {
	for e-s > 2 && d.lx.nameSuffixes[d.toks[e-1].text] {
		e--
	}
	return e
}

// foldWith drops the accents of a name, so that "Brudzinski" finds
// "Brudziński" (news often loses them on second mention). t is a
// transformer of foldChain to reuse (nil: make one), so that a document's
// names do not each build the chain.
func foldWith(t transform.Transformer, w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			if t == nil {
				t = foldChain()
			}
			out, _, err := transform.String(t, w)
			if err != nil {
				return w
			}
			return out
		}
	}
	return w
}

// foldChain decomposes, drops the combining marks and recomposes.
func foldChain() transform.Transformer {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}

// fold is foldWith with the doc's transformer.
func (d *doc) fold(w string) string {
	if d.folder == nil {
		d.folder = foldChain()
	}
	return foldWith(d.folder, w)
}

// personAliases maps the name of a person that opens or ends a longer
// person's name ("John Luk" of "John Luk Jok") to the longer one's key.
func (d *doc) personAliases() map[string]string {
	var names [][]token
	for _, m := range d.ms {
		if m.typ == schema.TypePerson && m.e-m.s >= 2 {
			names = append(names, d.toks[m.s:d.nameEnd(m.s, m.e)])
		}
	}
	alias := map[string]string{}
	for _, short := range names {
		for _, long := range names {
			if len(long) <= len(short) {
				continue
			}
			if sameWords(short, long[:len(short)]) || sameWords(short, long[len(long)-len(short):]) {
				alias[joinTokens(short)] = long[0].text + " " + long[len(long)-1].text
			}
		}
	}
	return alias
}

func sameWords(a, b []token) bool {
	for i := range a {
		if a[i].text != b[i].text {
			return false
		}
	}
	return true
}

// splitSurnameLeads splits a guessed name that opens with the surname of
// a person named elsewhere ("Lindqvist Polaroids" after "Eva Lindqvist"):
// the surname is that person, the rest a name of its own.
func (d *doc) splitSurnameLeads() {
	surnames := map[string]bool{}
	for _, m := range d.ms {
		if m.typ == schema.TypePerson && m.e-m.s >= 2 && (m.strong || m.titled) {
			surnames[d.toks[m.e-1].text] = true
		}
	}
	if len(surnames) == 0 {
		return
	}
	split := func(m *mention) bool {
		guess := m.typ == "" || m.typ == schema.TypePerson && !m.strong
		return guess && !m.titled && m.e-m.s >= 2 && surnames[d.toks[m.s].text] && d.thingWord(m.s+1, m.e)
	}
	n := 0
	for k := range d.ms {
		if split(&d.ms[k]) {
			n++
		}
	}
	if n == 0 {
		return
	}
	// Rebuild in place from the end, so that the slice keeps its storage.
	old := len(d.ms)
	d.ms = append(d.ms, make([]mention, n)...)
	w := len(d.ms)
	for k := old - 1; k >= 0; k-- {
		m := d.ms[k]
		if split(&m) {
			w -= 2
			d.ms[w] = mention{s: m.s, e: m.s + 1, typ: schema.TypePerson, strong: true}
			d.ms[w+1] = mention{s: m.s + 1, e: m.e}
			continue
		}
		w--
		d.ms[w] = m
	}
}

// adjectival reports whether a capitalised word reads as an adjective of
// origin ("Catalonian", "Maltese", "Cornish"), which a kind noun after it
// does not make a name of that kind ("a Catalonian city").
func adjectival(w string) bool {
	for _, suf := range []string{"ian", "ean", "ese", "ish", "ic"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// thingWord reports whether [s, e) is one word that names a thing rather
// than completing a personal name: an everyday word or a plural.
func (d *doc) thingWord(s, e int) bool {
	if e-s != 1 {
		return false
	}
	t := &d.toks[s]
	return d.lx.common(t) || strings.HasSuffix(t.text, "s") && !strings.HasSuffix(t.text, "ss")
}

// opensSentence reports whether token i is a word whose capital only
// opens its sentence or line (not a word of a headline).
func (d *doc) opensSentence(i int) bool {
	t := &d.toks[i]
	return t.word && t.weak && (i == 0 || t.lineBr || sentenceEnd(d.toks[i-1].text) || isOpenQuote(d.toks[i-1].text))
}

// personKindBefore reports whether the kind noun right before m names
// people as well as bodies ("game developer", "operator") and m's words
// are a person's name the lists know ("developer Perttu Ahola").
func (d *doc) personKindBefore(m *mention) bool {
	if m.s == 0 || m.typ != schema.TypePerson {
		return false
	}
	p := &d.toks[m.s-1]
	return p.lower && d.lx.personNouns.Has(p.low) && d.nameWords(m.s, m.e)
}

// kindBefore reads a noun before a name that says what it names:
// "news agency Tass", "the city of Lyon".
func (d *doc) kindBefore(s int) (known, bool) {
	i := s - 1
	if i >= 1 && d.toks[i].text == "of" {
		i--
	}
	// "Retailer Harrowfield" opening a sentence reads as "retailer".
	if i < 0 || d.toks[s].lineBr || !d.toks[i].lower && !d.opensSentence(i) {
		return known{}, false
	}
	if i > 0 && (d.toks[i-1].lower || d.opensSentence(i-1)) {
		if k, ok := d.lx.kindNouns[d.toks[i-1].low+" "+d.toks[i].low]; ok {
			return k, true
		}
	}
	k, ok := d.lx.kindNouns[d.toks[i].low]
	if ok && i < s-1 && k.typ != schema.TypePlace {
		return known{}, false // "the company of Smith" says nothing
	}
	return k, ok
}

// entities groups the mentions into entities: short forms join the
// fullest name ("Haavisto" -> "Pekka Haavisto"), acronyms their expansion.
func (d *doc) entities() []schema.Entity {
	d.splitSurnameLeads()
	byKey := map[string]*group{}
	byPart := map[string]*group{} // a person's first or last name
	// surely marks the parts of people named with a title, a role or a
	// known given name: only they take a brand's name ("Honda").
	surely := map[string]bool{}
	// People named in full anywhere in the text lend their parts to short
	// mentions, even to those that come first.
	persons := map[string]*group{}
	personNames := map[string]bool{} // the names persons are written with
	// Groups come from one slab, allocated once; they are used only
	// through their pointers, so a slab that grows leaves them valid.
	slab := slices.Grow(d.groups[:0], len(d.ms)+8)
	defer func() {
		clear(slab)
		d.groups = slab[:0]
	}()
	newGroup := func(person bool) *group {
		slab = append(slab, group{person: person})
		return &slab[len(slab)-1]
	}
	d.personAlias = d.personAliases()
	for k := range d.ms {
		m := &d.ms[k]
		if m.typ == schema.TypePerson && m.e-m.s >= 2 {
			// "John R. Bolton" and "John Bolton" are one person: people
			// are keyed by their first and last name words.
			personNames[d.key(m)] = true
			key := d.personKey(m)
			g := persons[key]
			if g == nil {
				g = newGroup(true)
				persons[key] = g
			}
			g.sure = g.sure || !m.guessed()
			for _, p := range []string{d.fold(d.toks[m.s].text), d.fold(d.toks[d.nameEnd(m.s, m.e)-1].text)} {
				if m.strong || m.titled || d.lx.firstNames.Has(d.toks[m.s].text) {
					surely[p] = true
				}
				if prev, ok := byPart[p]; ok && prev != g {
					byPart[p] = nil // two people share it: ambiguous
					continue
				}
				if _, seen := byPart[p]; !seen {
					byPart[p] = g
				}
			}
		}
	}
	short := d.orgShortForms()
	order := []*group{}
	// joins are the one-word mentions that joined a person's entity.
	type join struct {
		k int
		g *group
	}
	var joins []join
	for k := range d.ms {
		m := &d.ms[k]
		key := d.key(m)
		var g *group
		switch {
		case (m.typ == schema.TypePerson || m.typ == "" && personNames[key]) && m.e-m.s >= 2 && persons[d.personKey(m)] != nil:
			// An untyped mention of a person's full name is that
			// person ("Dries Mertens" in a list, then "Dries Mertens
			// was booked").
			g = persons[d.personKey(m)]
		case byKey[key] != nil:
			g = byKey[key]
		case m.e-m.s == 1 && byPart[d.fold(key)] != nil && d.yieldsToPerson(m) && (m.typ != schema.TypeOrganization || !m.strong || surely[d.fold(key)]):
			g = byPart[d.fold(key)]
		case short[key] != "" && d.mayShorten(m):
			// "Halden" after "Halden Motor Company": the full name's
			// entity, also when the short form comes first.
			long := short[key]
			if g = byKey[long]; g == nil {
				g = newGroup(false)
				byKey[long] = g
			}
		case d.acronym(m) != "":
			g = d.acronymGroup(m, order)
		}
		if g == nil {
			g = newGroup(false)
			// "Wilkins" where the text names Kristin and Kristen Wilkins:
			// which one is open, a person it is.
			if p, seen := byPart[d.fold(key)]; seen && p == nil && m.e-m.s == 1 && !m.strong && d.yieldsToPerson(m) {
				m.typ, m.subtype, m.guess = schema.TypePerson, "", false
			}
		}
		if g.person && m.e-m.s == 1 && d.yieldsToPerson(m) {
			joins = append(joins, join{k, g})
		}
		if !g.inOrder {
			g.inOrder = true
			order = append(order, g)
		}
		byKey[key] = g
		if g.ms == nil {
			g.ms = g.few[:0]
		}
		g.ms = append(g.ms, k)
		if m.role != "" && !contains(g.roles, m.role) {
			g.roles = append(g.roles, m.role)
		}
	}
	// A person's short forms are the person where the entity surely is
	// one: a given name, a title, a role or a cue of a person around any
	// of its mentions ("Paris was born in ..."). Where only the shape of
	// its names made it a person, they are guesses too.
	for _, g := range order {
		if g.person && !g.sure {
			g.sure = d.anyPersonCue(g)
		}
	}
	for _, j := range joins {
		m := &d.ms[j.k]
		if j.g.sure {
			m.typ, m.subtype, m.strong = schema.TypePerson, "", true
		} else if m.typ == "" {
			m.typ, m.subtype, m.strong, m.guess = schema.TypePerson, "", false, true
		}
	}
	order = d.splitTeams(order, func() *group { return newGroup(false) })
	d.typeGroups(order)
	var out []schema.Entity
	if n := countTyped(order); n > 0 {
		out = make([]schema.Entity, 0, n)
	}
	for _, g := range order {
		if g.typ == "" {
			continue
		}
		e := schema.Entity{Type: g.typ, Subtype: g.sub, Roles: g.roles}
		if len(g.ms) > 0 {
			e.Mentions = make([]schema.Mention, 0, len(g.ms))
		}
		best := ""
		for _, k := range g.ms {
			m := &d.ms[k]
			t := d.span(m.s, m.e)
			if utf8.RuneCountInString(t) > utf8.RuneCountInString(best) {
				best = t
			}
			e.Mentions = append(e.Mentions, schema.Mention{Start: int(d.toks[m.s].start), End: int(d.toks[m.e-1].end), Text: t})
		}
		e.Name = best
		out = append(out, e)
	}
	for i := range out {
		out[i].ID = entityIDs.ID(i + 1)
	}
	return out
}

// orgShortForms maps the opening words of organization names ("Halden"
// and "Halden Motor" of "Halden Motor Company") and the names of events
// after their opener ("Humberto" of "Hurricane Humberto") to the full
// name's key; "" marks a short form that opens two names.
func (d *doc) orgShortForms() map[string]string {
	var short map[string]string
	for k := range d.ms {
		m := &d.ms[k]
		if m.typ == schema.TypeEvent && m.strong && m.e-m.s >= 2 {
			// "Humberto" of "Tropical Storm Humberto": the name after
			// the opener.
			if a := d.afterEventOpener(m.s, m.e); a > m.s && a < m.e && !(m.e-a == 1 && d.lx.common(&d.toks[a])) {
				if short == nil {
					short = map[string]string{}
				}
				short[d.join(a, m.e)] = d.key(m)
			}
			continue
		}
		if m.typ != schema.TypeOrganization || !m.strong || m.byShape || m.titled || m.e-m.s < 2 {
			continue
		}
		long := d.key(m)
		for l := 1; l < m.e-m.s; l++ {
			if !d.shortFormOf(m.s, m.s+l, m.e) {
				continue
			}
			if short == nil {
				short = map[string]string{}
			}
			p := d.join(m.s, m.s+l)
			if prev, ok := short[p]; ok && prev != long {
				short[p] = ""
				continue
			}
			short[p] = long
		}
	}
	return short
}

// afterEventOpener returns where the name proper begins after the
// openers of the event name [s, e) ("Tropical Storm", "Hurricane"), or s
// when it opens with none.
func (d *doc) afterEventOpener(s, e int) int {
	a := s
	for a < e {
		switch {
		case a+1 < e && d.lx.eventOpeners[d.toks[a].text+" "+d.toks[a+1].text]:
			a += 2
		case d.lx.eventOpeners[d.toks[a].text]:
			a++
		default:
			return a
		}
	}
	return a
}

// shortFormOf reports whether the opening words [s, e) of the
// organization name [s, end) can stand for it alone: they end with a
// name word, name nothing known of their own ("Toronto" of "Toronto
// Star", "United States" of "United States Navy") and are no adjective
// ("National", "British").
func (d *doc) shortFormOf(s, e, end int) bool {
	last := &d.toks[e-1]
	if !last.word || !last.cap {
		return false
	}
	switch d.toks[e].text {
	case "of", "for", "on", "and", "&", "at", "to":
		return false // "Bank" of "Bank of England" names no bank alone
	}
	if l, _, ok := d.knownAt(s); ok && s+l <= e {
		return false
	}
	for k := s; k < e; k++ {
		t := &d.toks[k]
		if _, ok := d.knownWord(k); ok || d.isDemonym(k) || d.lx.compass[t.text] || d.lx.titles[t.low] {
			return false
		}
	}
	if l, _, ok := d.knownAt(s); ok && s+l == end {
		return false // a gazetteer name: "Soviet" of "Soviet Union"
	}
	if e-s == 1 {
		if t := &d.toks[s]; adjectival(t.text) || d.headWord(t.text) {
			return false
		}
	}
	return true
}

// mayShorten reports whether mention m may be the short form of a longer
// organization name: its own words give it no other type.
func (d *doc) mayShorten(m *mention) bool {
	if m.titled || m.ctx == schema.TypePlace {
		return false
	}
	if n := len(d.toks); m.e < n {
		// "LA Sheriff's office": a modifier cut from a longer run; "from
		// Irving, Texas": a town, whatever is named after it.
		if d.toks[m.e].cap || d.toks[m.e].text == "," && m.e+1 < n && d.lx.known(d.toks[m.e+1].text) {
			return false
		}
	}
	// "the Constitution" is no "Constitution Party": an everyday word
	// after an article names the thing it means.
	if m.e-m.s == 1 && m.s > 0 && d.toks[m.s-1].low == "the" && d.lx.common(&d.toks[m.s]) {
		return false
	}
	return m.typ == "" || !m.strong || m.typ == schema.TypeOrganization
}

// countTyped counts the groups that become entities.
func countTyped(groups []*group) int {
	n := 0
	for _, g := range groups {
		if g.typ != "" {
			n++
		}
	}
	return n
}

// acronymGroup finds the entity an all-capitals word abbreviates: the name
// right before it in parentheses ("World Health Organization (WHO)"), or
// a name whose capitalised words' initials spell it.
func (d *doc) acronymGroup(m *mention, groups []*group) *group {
	acr := d.acronym(m)
	compatible := func(o *mention) bool { return m.typ == "" || !m.strong || m.typ == o.typ }
	// "(WHO)" right after a name: the name it abbreviates.
	if m.s >= 2 && m.e < len(d.toks) && d.toks[m.s-1].text == "(" && d.toks[m.e].text == ")" {
		for _, g := range groups {
			for _, k := range g.ms {
				if o := &d.ms[k]; o.e == m.s-1 && o.e-o.s >= 2 && compatible(o) {
					return g
				}
			}
		}
	}
	for _, g := range groups {
		for _, k := range g.ms {
			o := &d.ms[k]
			if o.e-o.s >= 2 && abbreviates(acr, d.toks[o.s:o.e]) && compatible(o) {
				return g
			}
		}
	}
	return nil
}

// acronym returns the letters of a mention written as an acronym
// ("NATO", "U.N." -> "UN", "PG&E" -> "PGE"), or "".
func (d *doc) acronym(m *mention) string {
	if m.e-m.s == 1 {
		if w := d.toks[m.s].text; isAcronym(w) {
			return strings.ReplaceAll(w, ".", "")
		}
		return ""
	}
	// "PG&E", "AT&T": capitals joined by ampersands.
	var b strings.Builder
	for k := m.s; k < m.e; k++ {
		t := &d.toks[k]
		switch {
		case (k-m.s)%2 == 1 && t.text == "&" && k+1 < m.e:
		case (k-m.s)%2 == 0 && t.word && strings.ToUpper(t.text) == t.text && len(t.text) <= 3:
			b.WriteString(t.text)
		default:
			return ""
		}
	}
	return b.String()
}

// corporateHeads close company names and are often left out of their
// acronyms.
var corporateHeads = map[string]bool{"Company": true, "Corporation": true, "Inc.": true, "Inc": true, "Ltd": true, "Ltd.": true, "Limited": true, "Group": true, "Co.": true, "plc": true, "PLC": true}

// isAcronym reports whether a word is written like an acronym: two
// capitals or more ("NATO", "AfCFTA", "U.N.").
func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2
}

// abbreviates reports whether acr spells the capitalised words of toks:
// each capital opens the next word, a lowercase letter continues the
// current one ("AfCFTA": African Continental Free Trade Area).
func abbreviates(acr string, toks []token) bool {
	var words []string
	for _, t := range toks {
		if t.word && t.cap {
			words = append(words, t.text)
		}
	}
	// A closing corporate head may be left out: "PG&E" is Pacific Gas
	// and Electric Company.
	if n := len(words); n > 1 && corporateHeads[words[n-1]] && strings.Count(acr, "")-1 < n {
		words = words[:n-1]
	}
	w, pos := -1, 0
	for _, r := range acr {
		if unicode.IsUpper(r) {
			w++
			if w >= len(words) {
				return false
			}
			first, n := utf8.DecodeRuneInString(words[w])
			if first != r {
				return false
			}
			pos = n
			continue
		}
		if w < 0 || pos >= len(words[w]) {
			return false
		}
		next, n := utf8.DecodeRuneInString(words[w][pos:])
		if unicode.ToLower(next) != r {
			return false
		}
		pos += n
	}
	return w == len(words)-1
}

// typeGroups gives every entity one type: the strongest evidence among
// its mentions wins, then the majority; entities left untyped take the
// type of a longer name that contains them ("Scientology" in "Church of
// Scientology").
func (d *doc) typeGroups(order []*group) {
	wordType := map[string]string{}
	// opensOrg holds the first words of organization names ("Brandt"
	// of "Brandt Police"): alone, where a preposition of place stands
	// before them, they name the town ("in Brandt").
	opensOrg := map[string]bool{}
	for _, g := range order {
		if g.team {
			g.typ, g.sub = schema.TypeOrganization, "sports team"
			continue
		}
		votes := map[string]int{}
		sub := map[string]string{}
		// Guesses count only where nothing is sure: "Ford" guessed a
		// person ten times is still "Ford Motor Company".
		strong, placed := false, false
		for _, k := range g.ms {
			placed = placed || d.ms[k].ctx == schema.TypePlace
		}
		for _, k := range g.ms {
			if m := &d.ms[k]; m.strong && m.typ != "" && !(m.byShape && d.hasLongName(g)) {
				strong = true
				break
			}
		}
		for _, k := range g.ms {
			m := &d.ms[k]
			if m.typ == "" || m.guessed() || m.byShape && d.hasLongName(g) || strong && !m.strong {
				continue
			}
			if placed && !m.strong && m.ctx == schema.TypeOrganization {
				continue // a team by its plural, a place where a mention is "in" it
			}
			w := 1
			if m.strong {
				w = 3
			}
			votes[m.typ] += w
			if m.subtype != "" && sub[m.typ] == "" {
				sub[m.typ] = m.subtype
			}
		}
		best, bestN := "", 0
		for _, t := range []string{schema.TypePerson, schema.TypeOrganization, schema.TypePlace, schema.TypeEvent, schema.TypeOther} {
			if votes[t] > bestN {
				best, bestN = t, votes[t]
			}
		}
		g.typ, g.sub = best, sub[best]
		if best == "" || best == schema.TypeEvent || best == schema.TypeOther {
			continue // "War" alone is no event for "Crimean War" being one
		}
		for _, k := range g.ms {
			m := &d.ms[k]
			if m.e-m.s < 2 {
				continue
			}
			for i, t := range d.toks[m.s:m.e] {
				if t.word && t.cap && (best != schema.TypePerson || personShaped(t.text)) {
					if _, ok := wordType[t.text]; !ok {
						wordType[t.text] = best
					}
					if i == 0 && best == schema.TypeOrganization {
						opensOrg[t.text] = true
					}
				}
			}
		}
	}
	for _, g := range order {
		if g.typ != "" {
			continue
		}
		m := &d.ms[g.ms[0]]
		if t, ok := wordType[d.toks[m.s].text]; ok && m.e-m.s == 1 {
			if !opensOrg[d.toks[m.s].text] || !d.anyPlaceContext(g) {
				g.typ = t
				continue
			}
		}
		if m.list.typ != "" {
			g.typ, g.sub = m.list.typ, m.list.subtype
			continue
		}
		if d.onlyCommonWords(g) {
			continue // "All", "Equal": capitals of emphasis or titles, no name
		}
		if m.ctx != "" {
			g.typ = m.ctx
			continue
		}
		g.typ = schema.TypeOther
	}
}

// anyPlaceContext reports whether a preposition that names a place only
// ("in", "near", not "to" or "at": "working at Acme") stands before a
// mention of g.
func (d *doc) anyPlaceContext(g *group) bool {
	for _, k := range g.ms {
		if m := &d.ms[k]; m.ctx == schema.TypePlace && m.s > 0 && d.lx.placePreps[d.toks[m.s-1].low] == "strong" {
			return true
		}
	}
	return false
}

// yieldsToPerson reports whether a one-word mention may be a person's
// short name although the gazetteers gave it a type: a city or region
// may share a surname ("Paris"), a country or continent hardly does.
func (d *doc) yieldsToPerson(m *mention) bool {
	if m.typ == "" || m.typ == schema.TypePerson || !m.strong {
		return true
	}
	if m.typ == schema.TypeOrganization {
		// A brand named after its founder ("Honda") is the person
		// where the text names one in full.
		return m.e-m.s == 1 && m.subtype == brandSubtype
	}
	if m.typ != schema.TypePlace {
		return false
	}
	switch m.subtype {
	case "country", "continent", "state", "sea":
		return false
	}
	return true
}

// personShaped reports whether a word is written like a personal name:
// a capital, then lowercase letters, with capitals again only after an
// apostrophe or hyphen or in Mc/Mac/De/Di/La/Le ("O'Neill", "McCain",
// "DiCaprio"), and no digits. "CentOS", "RHEL" and "iOS" are not.
func personShaped(w string) bool {
	prev := rune(0)
	for i, r := range w {
		switch {
		case unicode.IsDigit(r):
			return false
		case i > 0 && unicode.IsUpper(r) && unicode.IsLower(prev):
			p := w[:i]
			if !strings.HasSuffix(p, "Mc") && !strings.HasSuffix(p, "Mac") && p != "De" && p != "Di" && p != "La" && p != "Le" && p != "Van" {
				return false
			}
		case i > 0 && unicode.IsUpper(r) && unicode.IsUpper(prev):
			return false
		}
		prev = r
	}
	return true
}

// hasLongName reports whether g has a mention of two words or more.
func (d *doc) hasLongName(g *group) bool {
	for _, k := range g.ms {
		if d.ms[k].e-d.ms[k].s >= 2 {
			return true
		}
	}
	return false
}

// onlyCommonWords reports whether every mention of g is one everyday
// word.
func (d *doc) onlyCommonWords(g *group) bool {
	for _, k := range g.ms {
		m := &d.ms[k]
		if m.e-m.s != 1 || !d.lx.common(&d.toks[m.s]) {
			return false
		}
	}
	return true
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// brandSubtype is the subtype of the generated brand names.
const brandSubtype = "company"

// entityIDs are the ids of entities: e1, e2, ...
var entityIDs = lex.NewIDs("e")

// doctrineShaped reports whether a lowercase word is shaped like the
// name of a belief, movement or attitude ("judaism", "islamophobia",
// "christianity"), which a preposition of place does not make a place
// ("converted to Judaism", "in Hinduism").
func doctrineShaped(w string) bool {
	for _, end := range []string{"ism", "isms", "phobia", "ity"} {
		if len(w) > len(end)+2 && strings.HasSuffix(w, end) {
			return true
		}
	}
	return false
}
