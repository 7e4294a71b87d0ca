// Package problems keeps the messages about a bad input short: a broken
// source can hold millions of bad rows, and a person needs the first few
// of each place and a count of the rest, not a flood.
package problems

import "fmt"

// DefaultMax is how many messages a place shows by default.
const DefaultMax = 20

// List keeps messages in order, at most Max (DefaultMax when 0) for each
// place, and counts the rest. The zero List is ready to use.
type List struct {
	Max    int
	lines  []string
	shown  map[string]int
	hidden map[string]int
	places []string // places with hidden messages, in order
}

// Add keeps msg, a whole message, as one about place (a sheet, a file),
// unless place has shown its share.
func (l *List) Add(place, msg string) {
	if l.shown == nil {
		l.shown, l.hidden = map[string]int{}, map[string]int{}
	}
	max := l.Max
	if max == 0 {
		max = DefaultMax
	}
	if l.shown[place] < max {
		l.shown[place]++
		l.lines = append(l.lines, msg)
		return
	}
	if l.hidden[place] == 0 {
		l.places = append(l.places, place)
	}
	l.hidden[place]++
}

// Addf is Add with a formatted message.
func (l *List) Addf(place, format string, args ...any) {
	l.Add(place, fmt.Sprintf(format, args...))
}

// Len counts every message added, shown or not.
func (l *List) Len() int {
	n := len(l.lines)
	for _, h := range l.hidden {
		n += h
	}
	return n
}

// Lines returns the messages kept, then for each place with more a line
// saying how many more there are.
func (l *List) Lines() []string {
	out := append([]string(nil), l.lines...)
	for _, p := range l.places {
		n := l.hidden[p]
		s := "s"
		if n == 1 {
			s = ""
		}
		out = append(out, fmt.Sprintf("%s: %d more problem%s like these not shown", p, n, s))
	}
	return out
}
