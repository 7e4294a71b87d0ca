package lexindex

import (
	"fmt"
	"maps"
	"strings"
	"testing"
)

const sample = `# comment: not a key
Kabul	city
Afghanistan	country	extra

Turkey	country
turkey
Ōsaka	city`

func mustBuild(t testing.TB, text string) string {
	t.Helper()
	idx, err := Build(text)
	if err != nil {
		t.Fatal(err)
	}
	return string(idx)
}

func TestLookUp(t *testing.T) {
	tab, err := Load(sample, mustBuild(t, sample))
	if err != nil {
		t.Fatal(err)
	}
	if tab.Built() {
		t.Error("Built() = true for the index of the same text")
	}
	if got := tab.Len(); got != 5 {
		t.Errorf("Len() = %d, want 5", got)
	}
	for _, tc := range []struct {
		key, value string
		ok         bool
	}{
		{"Kabul", "city", true},
		{"Afghanistan", "country", true}, // the second field only
		{"Turkey", "country", true},
		{"turkey", "", true},
		{"Ōsaka", "city", true},
		{"Kabu", "", false},   // a prefix of a key
		{"Kabull", "", false}, // a key is a prefix of it
		{"city", "", false},   // a value
		{"# comment: not a key", "", false},
		{"", "", false},
		{"Kabul\tcity", "", false},
	} {
		v, ok := tab.Value(tc.key)
		if v != tc.value || ok != tc.ok {
			t.Errorf("Value(%q) = %q, %v; want %q, %v", tc.key, v, ok, tc.value, tc.ok)
		}
		if got := tab.Has(tc.key); got != tc.ok {
			t.Errorf("Has(%q) = %v, want %v", tc.key, got, tc.ok)
		}
	}
	var keys []string
	for k, v := range tab.All() {
		keys = append(keys, k+"="+v)
	}
	if got, want := strings.Join(keys, " "), "Kabul=city Afghanistan=country Turkey=country turkey= Ōsaka=city"; got != want {
		t.Errorf("All() = %s\nwant %s", got, want)
	}
}

func TestStaleIndexIsRebuilt(t *testing.T) {
	old := mustBuild(t, sample)
	edited := strings.Replace(sample, "Kabul", "Kandahar", 1)
	for name, idx := range map[string]string{"stale": old, "none": ""} {
		tab, err := Load(edited, idx)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !tab.Built() {
			t.Errorf("%s: Built() = false", name)
		}
		if !tab.Has("Kandahar") || tab.Has("Kabul") {
			t.Errorf("%s: the rebuilt index answers for the old text", name)
		}
	}
}

// TestStaleIndexOfSameSize: an index of another text of the same size is
// not noticed, but reads nothing out of range.
func TestStaleIndexOfSameSize(t *testing.T) {
	edited := strings.Replace(sample, "Kabul", "Herat", 1)
	tab, err := Load(edited, mustBuild(t, sample))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"Kabul", "Herat", "Turkey", "Ōsaka", "x"} {
		tab.Value(k)
	}
	if tab.Built() {
		t.Error("Built() = true")
	}
}

func TestBadIndex(t *testing.T) {
	good := mustBuild(t, sample)
	for name, idx := range map[string]string{
		"short":     "LXI",
		"magic":     "XXXX" + good[4:],
		"truncated": good[:len(good)-1],
	} {
		if _, err := Load(sample, idx); err == nil {
			t.Errorf("%s: Load gave no error", name)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"a\nb \n", "line 2: trailing space"},
		{"a\r\nb\n", "line 1: trailing space"},
		{"a\n\tx\n", "line 2: empty key"},
		{"a\tx\nb\na\ty\n", `line 3: key "a" given twice (first on line 1)`},
	} {
		_, err := Build(tc.text)
		if err == nil || err.Error() != tc.want {
			t.Errorf("Build(%q) error = %v, want %s", tc.text, err, tc.want)
		}
	}
}

func TestEmpty(t *testing.T) {
	for _, text := range []string{"", "# only a comment\n\n"} {
		tab, err := Load(text, mustBuild(t, text))
		if err != nil {
			t.Fatal(err)
		}
		if tab.Has("x") || tab.Len() != 0 {
			t.Errorf("%q: an empty file has keys", text)
		}
	}
	var zero *Table
	if zero.Has("x") {
		t.Error("a nil Table has keys")
	}
}

// TestManyKeys checks every key of a large file, and as many absent ones,
// against a map: long probe sequences and the wrap at the table's end.
func TestManyKeys(t *testing.T) {
	want := map[string]string{}
	var b strings.Builder
	for i := range 20000 {
		k := fmt.Sprintf("w%x", i*7919)
		want[k] = fmt.Sprint(i % 7)
		fmt.Fprintf(&b, "%s\t%s\n", k, want[k])
	}
	text := b.String()
	tab, err := Load(text, mustBuild(t, text))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range want {
		if got, ok := tab.Value(k); !ok || got != v {
			t.Fatalf("Value(%q) = %q, %v; want %q", k, got, ok, v)
		}
		if tab.Has(k + "x") {
			t.Fatalf("Has(%q) = true", k+"x")
		}
	}
	if got := maps.Collect(tab.All()); !maps.Equal(got, want) {
		t.Error("All() differs from the file")
	}
}

func FuzzBuild(f *testing.F) {
	f.Add(sample)
	f.Add("a\tb\nc\n")
	f.Fuzz(func(t *testing.T, text string) {
		idx, err := Build(text)
		if err != nil {
			return
		}
		tab, err := Load(text, string(idx))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for k, v := range tab.All() {
			n++
			if got, ok := tab.Value(k); !ok || got != v {
				t.Fatalf("Value(%q) = %q, %v; want %q", k, got, ok, v)
			}
		}
		if n != tab.Len() {
			t.Fatalf("All() yields %d keys, Len() = %d", n, tab.Len())
		}
	})
}

func BenchmarkHas(b *testing.B) {
	var sb strings.Builder
	for i := range 60000 {
		fmt.Fprintf(&sb, "word%d\n", i)
	}
	text := sb.String()
	tab, err := Load(text, mustBuild(b, text))
	if err != nil {
		b.Fatal(err)
	}
	keys := []string{"word1", "word59999", "absent", "word31337", "Word1"}
	for b.Loop() {
		for _, k := range keys {
			tab.Has(k)
		}
	}
}
