package entities

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestEastAsianNames pins names written without a title whose words no
// given-name list holds: a hyphenated given name of romanized syllables
// beside a surname of one, or a Chinese surname before a given name of
// pinyin syllables. The names are made up from common surnames and
// syllables.
func TestEastAsianNames(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{
			name: "a hyphenated given name beside a surname of one syllable",
			text: "The talks were led by Moon Sung-hae and Lam Tsz-wai, with Man-kei Tong.",
			want: []string{"person:Moon Sung-hae=Moon Sung-hae", "person:Lam Tsz-wai=Lam Tsz-wai", "person:Man-kei Tong=Man-kei Tong"},
		},
		{
			name: "hyphenated parts that are everyday words join the surname",
			text: "Yesterday Park Won-soon and Hau Lung-bin met.",
			want: []string{"person:Park Won-soon=Park Won-soon", "person:Hau Lung-bin=Hau Lung-bin"},
		},
		{
			name: "a Chinese surname before a given name of pinyin syllables",
			text: "The envoy met Xi Lianping and Li Keming in Beijing.",
			want: []string{"person:Xi Lianping=Xi Lianping", "person:Li Keming=Li Keming", "place:Beijing=Beijing"},
		},
		{
			name: "no person where the words are no syllables or a head names a place",
			text: "Visitors toured Hong Kong and the Ming Valley, and bought Co-op bread at Sun Corona.",
			want: []string{"place:Hong Kong=Hong Kong", "place:Ming Valley=Ming Valley", "organization:Co-op=Co-op", "place:Sun Corona=Sun Corona"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, findSegmented(t, tc.text)); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

func TestOneSyllable(t *testing.T) {
	for w, want := range map[string]bool{
		"Kim": true, "Moon": true, "Tsai": true, "cheuk": true, "yeol": true, "Hwang": true, "Park": true, "in": true, "Tsz": true, "Ng": true,
		"Jinping": false, "Corona": false, "luc": false, "x": false, "Strength": false,
	} {
		if got := oneSyllable(w); got != want {
			t.Errorf("oneSyllable(%q) = %v, want %v", w, got, want)
		}
	}
}
