package segment

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/internal/bound"
)

// TestReadingsCap checks that a tag of more than MaxLetters letters and
// digits is not read at all (a 65 KB tag once took gigabytes), and that one
// of MaxLetters still is, whatever separators it holds.
func TestReadingsCap(t *testing.T) {
	s := New()
	long := "#" + strings.Repeat("is", MaxLetters/2) + "x"
	if rs := s.Readings(long, 8); rs != nil {
		t.Errorf("a tag of %d letters read as %v", MaxLetters+1, rs[0])
	}
	at := "#" + strings.Repeat("is", MaxLetters/2)
	if rs := s.Readings(at, 8); len(rs) == 0 {
		t.Errorf("a tag of %d letters has no reading", MaxLetters)
	}
	spaced := "#" + strings.Repeat("is_", MaxLetters/2)
	if rs := s.Readings(spaced, 8); len(rs) == 0 || len(rs[0].Words) != MaxLetters/2 {
		t.Errorf("a tag of %d letters with separators: %v", MaxLetters, rs)
	}
}

// Bounds per byte of tag: the readings of any tag allocate at most
// allocPerByte·len + allocFixed bytes (the working memory of a tag of
// MaxLetters four-byte letters is under 1 MB) and take no more than a
// paired bound against an ordinary tag of the same length (internal/bound).
const (
	allocPerByte = 64
	allocFixed   = 2 << 20
)

func checkBounds(t *testing.T, s *Segmenter, tag string) {
	t.Helper()
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	s.Readings(tag, 64)
	runtime.ReadMemStats(&b)
	if got, limit := b.TotalAlloc-a.TotalAlloc, uint64(allocPerByte*len(tag)+allocFixed); got > limit {
		t.Errorf("Readings of a %d-byte tag allocated %d bytes, more than %d", len(tag), got, limit)
	}
	ref := "#" + strings.Repeat("summer", len(tag)/6+1)[:len(tag)-1]
	bound.Time(t, fmt.Sprintf("Readings of a %d-byte tag", len(tag)), func() { s.Readings(ref, 64) }, func() { s.Readings(tag, 64) })
}

// TestReadingsBounded runs hostile tags of 16 KB through the bounds.
func TestReadingsBounded(t *testing.T) {
	s := New()
	for _, tag := range []string{
		"#" + strings.Repeat("is", 8<<10),
		"#" + strings.Repeat("Ab", 8<<10),
		"#" + strings.Repeat("ø", 8<<10),
		"#" + strings.Repeat("a\u0301", 4<<10),
		"#" + strings.Repeat("1a", 8<<10),
		"#" + strings.Repeat("_", 16<<10) + "susanalbumparty",
		"#" + strings.Repeat("𝐚", MaxLetters),
	} {
		checkBounds(t, s, tag)
	}
}

// FuzzReadingsBounded checks the bounds on any tag; its seed corpus
// (testdata/fuzz/FuzzReadingsBounded) holds long runs of one pattern.
func FuzzReadingsBounded(f *testing.F) {
	f.Add("#susanalbumparty")
	s := New()
	f.Fuzz(func(t *testing.T, tag string) {
		if len(tag) > 64<<10 {
			return
		}
		checkBounds(t, s, tag)
	})
}
