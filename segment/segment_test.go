package segment

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func TestReadingsFindsAlternatives(t *testing.T) {
	s := New()
	tests := []struct {
		tag  string
		best string   // the best reading
		also []string // readings that must be listed too
	}{
		{"susanalbumparty", "susan album party", []string{"sus anal bum party"}},
		{"nowthatchersdead", "now thatchers dead", []string{"now that chers dead"}},
		{"penisland", "pen island", []string{"penis land"}},
		{"expertsexchange", "experts exchange", []string{"expert sex change"}},
		{"whorepresents", "who represents", []string{"whore presents"}},
		{"kidsexpo", "kids expo", []string{"kid sex po"}},
		{"therapist", "therapist", []string{"the rapist"}},
		{"MondayMotivation", "monday motivation", nil},
		{"ThrowbackThursday", "throwback thursday", nil},
		{"NowHiring", "now hiring", nil},
		{"WomenInSTEM", "women in stem", nil},
		{"TBT", "tbt", nil},
		{"AskThicke", "ask thicke", nil},
		{"2for1", "2 for 1", nil},
		{"hello_world", "hello world", nil},
		{"gladjul", "glad jul", nil},
		{"17mai", "17 mai", nil},
	}
	for _, tt := range tests {
		rs := s.Readings("#"+tt.tag, 20)
		if len(rs) == 0 {
			t.Errorf("%s: no readings", tt.tag)
			continue
		}
		if got := rs[0].String(); got != tt.best {
			t.Errorf("%s: best reading %q, want %q", tt.tag, got, tt.best)
		}
		for _, want := range tt.also {
			if !slices.ContainsFunc(rs, func(r Reading) bool { return r.String() == want }) {
				t.Errorf("%s: reading %q missing from %v", tt.tag, want, rs)
			}
		}
	}
}

// The writer's case boundaries are evidence: a word across them is not a
// plausible reading of a CamelCase tag.
func TestCaseBoundaries(t *testing.T) {
	s := New()
	for _, r := range s.Readings("SusanAlbumParty", 20) {
		if slices.Contains(r.Words, "anal") {
			t.Errorf("SusanAlbumParty read as %q", r)
		}
	}
	rs := s.Readings("ExpertSexChange", 5)
	if rs[0].String() != "expert sex change" {
		t.Errorf("ExpertSexChange best = %q", rs[0])
	}
}

// Invariants: words rebuild the tag's letters and digits, offsets point at
// each word's first character, scores are sorted and within Margin.
func TestReadingInvariants(t *testing.T) {
	s := New()
	for _, tag := range []string{"#susanalbumparty", "#Gratulerer_med_dagen", "#Ærligtalt", "#BlackLivesMatter",
		"#a1b2c3", "#x", "#__", "#😀", "#ŞÇ", "#HTMLParser", "#zzzzqqqxx"} {
		rs := s.Readings(tag, 10)
		body := []rune(tag)
		var letters strings.Builder
		for _, r := range body[1:] {
			if r != '_' {
				letters.WriteString(strings.ToLower(string(r)))
			}
		}
		for i, r := range rs {
			if got := strings.Join(r.Words, ""); got != letters.String() {
				t.Errorf("%s: words %q do not rebuild %q", tag, r.Words, letters.String())
			}
			for j, w := range r.Words {
				if o := r.Offsets[j]; o < 1 || o >= len(body) || strings.ToLower(string(body[o])) != string([]rune(w)[0]) {
					t.Errorf("%s: offset %d of %q wrong", tag, o, w)
				}
			}
			if i > 0 && r.Score > rs[i-1].Score || r.Score < rs[0].Score-Margin {
				t.Errorf("%s: scores out of order or margin: %v", tag, rs)
			}
		}
	}
	if rs := s.Readings("#__", 5); rs != nil {
		t.Errorf("#__: %v", rs)
	}
}

func TestKnown(t *testing.T) {
	s := New()
	for _, w := range []string{"the", "album", "thatcher", "takk", "kjærlighet"} {
		if _, ok := s.Known(w); !ok {
			t.Errorf("%q not known", w)
		}
	}
	if _, ok := s.Known("zzqx"); ok {
		t.Error("zzqx known")
	}
}

func TestConcurrent(t *testing.T) {
	s := New()
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				if rs := s.Readings("#expertsexchange", 8); rs[0].String() != "experts exchange" {
					t.Errorf("got %q", rs[0])
					return
				}
			}
		}()
	}
	wg.Wait()
}

func FuzzReadings(f *testing.F) {
	for _, s := range []string{"#susanalbumparty", "Ab_c9", "ÆØÅ", "\xff", "#", "a__b"} {
		f.Add(s)
	}
	s := New()
	f.Fuzz(func(t *testing.T, tag string) {
		if len(tag) > 200 {
			return
		}
		n := utf8.RuneCountInString(tag)
		for _, r := range s.Readings(tag, 8) {
			if len(r.Words) != len(r.Offsets) || len(r.Words) == 0 {
				t.Fatalf("%q: malformed %v", tag, r)
			}
			for i, o := range r.Offsets {
				if o < 0 || o >= n || i > 0 && o <= r.Offsets[i-1] {
					t.Fatalf("%q: offsets %v", tag, r.Offsets)
				}
			}
		}
	})
}

// A 30-character tag, every reading.
func BenchmarkReadings30(b *testing.B) {
	s := New()
	tag := "#susanalbumpartynowthatchersde" // 30 characters after the sigil
	b.ReportAllocs()
	for b.Loop() {
		s.Readings(tag, 32)
	}
}

func BenchmarkReadingsShort(b *testing.B) {
	s := New()
	b.ReportAllocs()
	for b.Loop() {
		s.Readings("#expertsexchange", 16)
	}
}
