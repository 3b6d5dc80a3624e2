package news

import (
	"math"
	"math/rand"
	"testing"

	"github.com/preflight-dev/preflight/checker"
)

// A cluster's country filter, read as its articles join, answers as the
// reference filter (wantedReference, without classes) does over the same
// articles: global articles, empty
// regions, one region or several, wanted or not.
func TestClusterCountriesAsReference(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	regions := []string{"", "US", "CA", "NO", "FR"}
	for round := 0; round < 5000; round++ {
		q := checker.EventQuery{}
		for _, c := range []string{"US", "MX", ""}[:r.Intn(4)%3] {
			q.Countries = append(q.Countries, c)
		}
		var es []*crisisEntry
		for n := 1 + r.Intn(4); n > 0; n-- {
			e := &crisisEntry{facts: &eventFacts{global: r.Intn(8) == 0}}
			for k := r.Intn(3); k > 0; k-- {
				e.art.Regions = append(e.art.Regions, regions[r.Intn(len(regions))])
			}
			es = append(es, e)
		}
		var c cluster
		for _, e := range es {
			if len(q.Countries) > 0 {
				c.readCountries(e, q.Countries)
			}
		}
		if got, want := c.wantsCountries(q), wantedReference(es, q); got != want {
			t.Fatalf("countries %q, articles %v: got %v, want %v", q.Countries, describeEntries(es), got, want)
		}
	}
}

func describeEntries(es []*crisisEntry) []string {
	var out []string
	for _, e := range es {
		s := "["
		if e.facts.global {
			s += "global "
		}
		for _, r := range e.art.Regions {
			s += "'" + r + "' "
		}
		out = append(out, s+"]")
	}
	return out
}

// log2Of is math.Log2 to the bit.
func TestLog2Of(t *testing.T) {
	for n := 0; n < 1000; n++ {
		if got, want := log2Of(n), math.Log2(float64(n)); got != want && !(math.IsInf(got, -1) && math.IsInf(want, -1)) {
			t.Fatalf("log2Of(%d) = %v, want %v", n, got, want)
		}
	}
	for _, a := range []int{1, 2, 7, 30, 300} {
		for _, s := range []int{1, 2, 9, 40, 400} {
			if got, want := log2Of(a+s), math.Log2(1+float64(a)+float64(s-1)); got != want {
				t.Fatalf("articles %d sources %d: %v, want %v", a, s, got, want)
			}
		}
	}
}
