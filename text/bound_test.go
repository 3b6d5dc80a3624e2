package text

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/internal/bound"
)

// Bounds on the work of the text analysis, per byte of input. A post is at
// most 64 KB; anything superlinear in its length lets one post take a
// service down (a@bKKK…K.com once took five minutes in URL extraction).
const (
	allocPerByte = 1024    // bytes allocated per byte of text (about 350 measured)
	allocFixed   = 1 << 20 // plus this much whatever the length
)

// allocated returns the bytes fn allocates (the whole process's, so call
// it where nothing else runs).
func allocated(fn func()) uint64 {
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	fn()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// urlScan returns the bytes the URL patterns had to read in s: for each
// search, up to the end of its match or of the run.
func urlScan(s string) int {
	n := 0
	c := newCounter(s)
	chunks(s, '.', func(cs, ce int) { extractURLsIn(s, cs, ce, c, nil, &n) })
	return n
}

// hostile lists inputs shaped to make a scan restart from every position:
// long runs of one character, many sigils and points, huge words, marks.
func hostile(n int) map[string]string {
	return map[string]string{
		"at then K":  "a@b" + strings.Repeat("K", n) + ".com",
		"many urls":  strings.Repeat("a.co,", n/5),
		"dashes":     "a.com" + strings.Repeat("–", n/3),
		"points":     strings.Repeat(".", n),
		"a points":   strings.Repeat("a.", n/2),
		"com points": strings.Repeat("com.", n/4),
		"ats":        strings.Repeat("@", n),
		"at a":       strings.Repeat("@a", n/2),
		"hashes":     strings.Repeat("#", n),
		"hash a":     strings.Repeat("#a", n/2),
		"colons":     strings.Repeat(":", n),
		"protocols":  strings.Repeat("https://x.com/", n/14),
		"path":       "x.co/a" + strings.Repeat("!", n),
		"accents":    strings.Repeat("é", n/2) + ".com",
		"accent at":  strings.Repeat("é@", n/3) + ".com",
		"cashtags":   strings.Repeat("$a ", n/3),
		"marks":      "a" + strings.Repeat("\u0301", n/2),
		"emoji":      strings.Repeat("😀", n/4),
		"one word":   strings.Repeat("a", n),
		"parens":     "x.co/" + strings.Repeat("(", n),
		"punycode":   strings.Repeat("xn--a.", n/6),
		"hyphens":    strings.Repeat("a-", n/2) + ".com",
		"sentences":  strings.Repeat("A. ", n/3),
		// Scripts whose lexicon words are found inside a run of letters,
		// before an ending or by stem (lexicon_script.go).
		"han run":    strings.Repeat("地震セール", n/15),
		"thai run":   strings.Repeat("ลดราคา", n/18),
		"hangul run": strings.Repeat("세일을", n/9),
		"cyrillic":   strings.Repeat("скидки ", n/13),
		"han bangs":  strings.Repeat("地震!", n/7),
	}
}

// TestURLExtractionReadsOnce checks that URL extraction does not search
// again from every position of a run: the bytes its searches read stay
// within twice the text (each byte once, plus the character after a TLD).
func TestURLExtractionReadsOnce(t *testing.T) {
	for name, s := range hostile(16 << 10) {
		if got := urlScan(s); got > 2*len(s)+16 {
			t.Errorf("%s: the URL patterns read %d bytes of a %d-byte text", name, got, len(s))
		}
	}
}

// TestURLAfterRejectedStart checks that a URL is still found after
// characters that may not precede one, and not found where it would start
// after one.
func TestURLAfterRejectedStart(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"a@b" + strings.Repeat("K", 300) + ".com", nil},
		{"#x.com (y.com) $z.com a.b.com,c.org", []string{"y.com", "a.b.com", "c.org"}},
		{"see:https://x.com/a!!!", []string{"https://x.com/a"}},
	} {
		var got []string
		for _, e := range Entities(c.in) {
			if e.Kind == URL {
				got = append(got, e.Text)
			}
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("URLs in %.40q: got %q, want %q", c.in, got, c.want)
		}
	}
}

// TestAnalyseBounded runs the whole analysis over hostile 32 KB texts
// within the allocation bound.
func TestAnalyseBounded(t *testing.T) {
	for name, s := range hostile(32 << 10) {
		checkBounds(t, name, s)
	}
}

func checkBounds(t *testing.T, name, s string) {
	t.Helper()
	got := allocated(func() { Analyse(s, "") })
	if limit := uint64(allocPerByte*len(s) + allocFixed); got > limit && !raceEnabled {
		t.Errorf("%s: analysing %d bytes allocated %d bytes, more than %d", name, len(s), got, limit)
	}
	ref := ordinary(len(s))
	bound.Time(t, fmt.Sprintf("%s: analysing %d bytes", name, len(s)), func() { Analyse(ref, "") }, func() { Analyse(s, "") })
	if scan := urlScan(s); scan > 2*len(s)+16 {
		t.Errorf("%s: the URL patterns read %d bytes of a %d-byte text", name, scan, len(s))
	}
}

// FuzzAnalyseBounded checks that the analysis of any text stays within
// the allocation, time and URL-scan bounds per byte. The seed corpus in
// testdata/fuzz/FuzzAnalyseBounded holds hostile shapes of 8 KB.
func FuzzAnalyseBounded(f *testing.F) {
	f.Add("Sale at shop.example.com/a?b=c #Summer @brand $ACME 😀")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || len(s) > 64<<10 {
			return
		}
		checkBounds(t, "fuzz input", s)
	})
}

// TestRuneSpan checks RuneSpan against counting code points at every
// character boundary, on a short text and on one long enough to be indexed.
func TestRuneSpan(t *testing.T) {
	short := "Søk på ＃tag 😀 e\u0301 https://x.com/æ "
	for _, s := range []string{short, strings.Repeat(short, 40)} {
		d := Analyse(s, "")
		for a := 0; a <= len(s); a++ {
			if a < len(s) && !utf8.RuneStart(s[a]) {
				continue
			}
			for _, span := range [][2]int{{0, a}, {a, len(s)}, {a, a}} {
				want := Span{utf8.RuneCountInString(s[:span[0]]), utf8.RuneCountInString(s[:span[1]])}
				if got := d.RuneSpan(span[0], span[1]); got != want {
					t.Fatalf("%d-byte text: RuneSpan(%d, %d) = %v, want %v", len(s), span[0], span[1], got, want)
				}
			}
		}
	}
}

// BenchmarkRuneSpanEnd converts a span at the end of a 64 KB text: it
// costs the same as one at the start (it counted every code point before
// it, so a rule converting each match was quadratic).
func BenchmarkRuneSpanEnd(b *testing.B) {
	s := strings.Repeat("Grüße aus Köln 😀 ", 64<<10/20)
	d := Analyse(s, "")
	b.ReportAllocs()
	for b.Loop() {
		d.RuneSpan(len(s)-5, len(s))
	}
}

// The time and memory of analysing a 64 KB post of each hostile shape
// (go test -bench Analyse64K -benchmem ./text/).
func BenchmarkAnalyse64K(b *testing.B) {
	for name, s := range hostile(64<<10 - 64) {
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				Analyse(s, "")
			}
		})
	}
}

// ordinary is a post of n bytes as people write them (words, a tag, a
// link, a mention), the reference hostile texts are timed against.
func ordinary(n int) string {
	const line = "New spring menu at shop.example.com/menu today! #SpringMenu @northway 😀 "
	s := strings.Repeat(line, n/len(line)+1)[:n]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1] // do not end inside the emoji
	}
	return s
}
