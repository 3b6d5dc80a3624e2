package reply

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/text"
)

// TestFreeMatchesIntervals checks piiScan.free against its definition:
// [a, b) overlaps no stretch taken before.
func TestFreeMatchesIntervals(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		sc := &piiScan{raw: strings.Repeat("x", 40)}
		var taken [][2]int
		for range r.IntN(6) {
			a := r.IntN(39)
			b := a + 1 + r.IntN(40-a)
			sc.take(a, b)
			taken = append(taken, [2]int{a, b})
		}
		for range 20 {
			a := r.IntN(39)
			b := a + 1 + r.IntN(40-a)
			want := true
			for _, t := range taken {
				want = want && !(a < t[1] && t[0] < b)
			}
			if got := sc.free(a, b); got != want {
				t.Fatalf("taken %v: free(%d, %d) = %v, want %v", taken, a, b, got, want)
			}
		}
	}
}

// BenchmarkPersonalDataManyHits reads a 64 KB reply of phone numbers: each
// number found must not cost a scan of every one found before.
func BenchmarkPersonalDataManyHits(b *testing.B) {
	pd, err := newPersonalData(PersonalDataOptions{})
	if err != nil {
		b.Fatal(err)
	}
	d := text.Analyse(strings.Repeat("call me on 07700 900123 ", 2700), "en")
	b.ResetTimer()
	for b.Loop() {
		pd.find(d)
	}
}
