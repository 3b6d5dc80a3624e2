package compact

import (
	"reflect"
	"strings"
	"testing"
)

// every is a value of each kind compact encodes.
type every struct {
	B      bool
	I      int
	I8     int8
	U16    uint16
	F      float64
	S      string
	Nil    []string
	Empty  []string
	Nested [][]int
	M      map[string][]string
	NilMap map[string]int
	P      *every
	A      [2]string
	hidden string // neither a data file nor compact fills it
}

func sample() *every {
	return &every{B: true, I: -300, I8: -7, U16: 65535, F: 0.25, S: "née", Empty: []string{},
		Nested: [][]int{{1, -2}, nil, {}}, M: map[string][]string{"b": {"x"}, "a": nil, "": {}},
		P: &every{S: "inner", A: [2]string{"l", "r"}}, A: [2]string{"", "z"}, hidden: "gone"}
}

// A value comes back from its encoding exactly, nil and empty slices and
// maps kept apart, unexported fields left zero; the same value encodes to
// the same bytes whatever its maps' order.
func TestCodecRoundTrip(t *testing.T) {
	in := sample()
	b, err := encodeValue(nil, reflect.ValueOf(in).Elem())
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		again, _ := encodeValue(nil, reflect.ValueOf(sample()).Elem())
		if string(again) != string(b) {
			t.Fatal("the encoding of one value changes from run to run")
		}
	}
	var out every
	if err := decodeEntry(string(b), 0, len(b), &out); err != nil {
		t.Fatal(err)
	}
	want := *in
	want.hidden = ""
	if !reflect.DeepEqual(out, want) {
		t.Errorf("decoded %+v\nwant    %+v", out, want)
	}
	if out.Nil != nil || out.Empty == nil || out.NilMap != nil || out.Nested[1] != nil || out.Nested[2] == nil {
		t.Error("nil and empty slices or maps are not told apart")
	}
}

// A cut or padded entry is refused with an error, never a panic, and
// never decodes as a value.
func TestCodecRefusesCorrupt(t *testing.T) {
	b, err := encodeValue(nil, reflect.ValueOf(sample()).Elem())
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(b) {
		var out every
		if err := decodeEntry(string(b[:n]), 0, n, &out); err == nil {
			t.Fatalf("an entry cut to %d of %d bytes decoded", n, len(b))
		}
	}
	padded := string(b) + "\x00"
	if err := decodeEntry(padded, 0, len(padded), &every{}); err == nil {
		t.Error("an entry with a byte too many decoded")
	}
	// A count beyond the bytes left makes no huge slice.
	huge := "\xff\xff\xff\xff\x0f"
	var ss []string
	if err := decodeEntry(huge, 0, len(huge), &ss); err == nil {
		t.Error("a count of four billion strings decoded")
	}
	if _, err := encodeValue(nil, reflect.ValueOf(struct{ F func() }{})); err == nil || !strings.Contains(err.Error(), "func") {
		t.Errorf("a func field: %v, want an error naming the kind", err)
	}
}

// FuzzDecodeEntry: any bytes either fail to decode or decode to a value
// that encodes and decodes back to itself; nothing panics.
func FuzzDecodeEntry(f *testing.F) {
	b, _ := encodeValue(nil, reflect.ValueOf(sample()).Elem())
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		var out every
		if err := decodeEntry(string(data), 0, len(data), &out); err != nil {
			return
		}
		again, err := encodeValue(nil, reflect.ValueOf(&out).Elem())
		if err != nil {
			t.Fatal(err)
		}
		var back every
		if err := decodeEntry(string(again), 0, len(again), &back); err != nil {
			t.Fatalf("%q decoded to %+v, whose encoding does not decode: %v", data, out, err)
		}
		// Compared by their encodings: a NaN is not DeepEqual to itself.
		if third, _ := encodeValue(nil, reflect.ValueOf(&back).Elem()); string(third) != string(again) {
			t.Errorf("%q decoded to %+v, which comes back as %+v", data, out, back)
		}
	})
}

// entryLike is the shape of most embedded data: lists of records of
// strings, numbers, lists and small maps.
type entryLike struct {
	Phrase   string
	Severity string
	Weight   float64
	Days     int
	Aliases  []string
	Cues     map[string][]string
	Next     *entryLike
}

// BenchmarkDecode decodes 2,000 records of entryLike: what start-up pays
// for each embedded table it reads.
func BenchmarkDecode(b *testing.B) {
	in := make([]entryLike, 2000)
	for i := range in {
		in[i] = entryLike{Phrase: strings.Repeat("w", i%17), Severity: "medium", Weight: 0.5, Days: i,
			Aliases: []string{"a", "bb", "ccc"}, Cues: map[string][]string{"x": {"y"}}}
		if i%10 == 0 {
			in[i].Next = &entryLike{Phrase: "next"}
		}
	}
	enc, err := encodeValue(nil, reflect.ValueOf(in))
	if err != nil {
		b.Fatal(err)
	}
	src := string(enc)
	b.ReportAllocs()
	for b.Loop() {
		var out []entryLike
		if err := Decode(src, &out); err != nil {
			b.Fatal(err)
		}
	}
}
