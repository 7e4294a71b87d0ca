package extract

import (
	"bytes"
	"encoding/json"
	"math"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/docset/docset/extract/input"
	"github.com/docset/docset/schema"
)

// referenceMarshal is what Marshal must equal: encoding/json without HTML
// escaping, laid out by json.Indent.
func referenceMarshal(t testing.TB, r *schema.Record) []byte {
	t.Helper()
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, compact.Bytes(), "", "  "); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// fill sets every field reachable from v to a value that encoding/json
// writes (no zero values, two items per slice), so a field added to the
// schema types and not to Marshal shows as a difference.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString("s" + strconv.Itoa(*n) + " <&> \"q\" \\ \n\t\u2028 é")
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Float64:
		v.SetFloat(float64(*n) + 0.25)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), n)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), n)
		}
	default:
		panic("fill: no rule for " + v.Kind().String())
	}
}

func TestMarshalMatchesEncodingJSON(t *testing.T) {
	full := &schema.Record{}
	n := 0
	fill(reflect.ValueOf(full).Elem(), &n)
	emptyMeta := &schema.Record{Metadata: &schema.Metadata{}, Paragraphs: []schema.Paragraph{}, Entities: []schema.Entity{{Mentions: []schema.Mention{}}}}
	tests := []struct {
		name string
		r    *schema.Record
	}{
		{"every field set", full},
		{"zero record", &schema.Record{}},
		{"empty lists and metadata", emptyMeta},
	}
	for _, f := range []float64{0, math.Copysign(0, -1), 1e-7, 1e-6, 123.456, 1e20, 1e21, 1.5e300, -2.5e-9, 30} {
		tests = append(tests, struct {
			name string
			r    *schema.Record
		}{"value " + strconv.FormatFloat(f, 'g', -1, 64), &schema.Record{Quantities: []schema.Quantity{{Value: f}}}})
	}
	for _, s := range []string{"\x00\x01\x1f\x7f", "bad \xff\xfe utf-8 \xe2\x80", "\u2028\u2029\u202a", "<script>&amp;</script>", "\b\f\r"} {
		tests = append(tests, struct {
			name string
			r    *schema.Record
		}{"text " + strconv.Quote(s), &schema.Record{Text: s, Review: schema.Review{Notes: s}}})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Marshal(tt.r)
			if err != nil {
				t.Fatal(err)
			}
			if want := referenceMarshal(t, tt.r); !bytes.Equal(got, want) {
				t.Errorf("Marshal:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestMarshalRejectsNonFinite(t *testing.T) {
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		r := &schema.Record{ID: "x", Quantities: []schema.Quantity{{Value: f}}}
		_, err := Marshal(r)
		_, want := json.Marshal(r)
		if err == nil || want == nil {
			t.Fatalf("Marshal(%v) = %v, encoding/json %v; want both to fail", f, err, want)
		}
	}
}

// FuzzMarshal wants Marshal to equal encoding/json for any text and value.
func FuzzMarshal(f *testing.F) {
	f.Add("a \"b\" \\ c\n", 1.5)
	f.Add("\xff\u2028<>&", 1e-9)
	f.Add("", 1e22)
	f.Fuzz(func(t *testing.T, s string, v float64) {
		if math.IsInf(v, 0) || math.IsNaN(v) {
			t.Skip()
		}
		r := &schema.Record{ID: s, Text: s, Entities: []schema.Entity{{Name: s, Roles: []string{s}}},
			Quantities: []schema.Quantity{{Text: s, Value: v, Unit: &s}}}
		got, err := Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if want := referenceMarshal(t, r); !bytes.Equal(got, want) {
			t.Fatalf("Marshal:\n%s\nwant:\n%s", got, want)
		}
	})
}

// TestEncodedSizeHint wants the buffer estimate to hold whole records of
// the seeds without growing, and not to waste much more than it saves.
func TestEncodedSizeHint(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for doc, err := range input.Read([]string{filepath.Join("..", "seeds")}, nil) {
		if err != nil {
			t.Fatal(err)
		}
		r, data, err := x.extract(doc)
		if err != nil {
			t.Fatal(err)
		}
		if hint := encodedSizeHint(r); hint < len(data) || hint > 2*len(data) {
			t.Errorf("%s: size hint %d for %d bytes", doc.Path, hint, len(data))
		}
		n++
	}
	if n == 0 {
		t.Fatal("no documents in seeds/")
	}
}

// TestPlainASCII8 checks the eight-byte test against a byte-by-byte one.
func TestPlainASCII8(t *testing.T) {
	plain := func(b string) bool {
		for i := 0; i < len(b); i++ {
			if c := b[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
				return false
			}
		}
		return true
	}
	base := []byte("abcdefgh")
	for pos := range 8 {
		for c := range 256 {
			b := append([]byte(nil), base...)
			b[pos] = byte(c)
			if got, want := plainASCII8(string(b)), plain(string(b)); got != want {
				t.Fatalf("plainASCII8(%q) = %v, want %v", b, got, want)
			}
			// Neighbours that borrow or carry must not hide a match.
			for _, n := range []byte{0x00, 0x01, 0x1f, 0x20, 0x21, 0x22, 0x5b, 0x5c, 0x5d, 0x7f, 0x80, 0xff} {
				b2 := append([]byte(nil), b...)
				b2[(pos+1)%8] = n
				if got, want := plainASCII8(string(b2)), plain(string(b2)); got != want {
					t.Fatalf("plainASCII8(%q) = %v, want %v", b2, got, want)
				}
			}
		}
	}
}
