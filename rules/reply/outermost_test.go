package reply

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/grammar"
	"github.com/preflight-dev/preflight/text"
)

// outermostByPairs is outermost's definition, checked pair by pair.
func outermostByPairs(t *tone, ms []grammar.Match) []grammar.Match {
	var out []grammar.Match
	for i, m := range ms {
		inside := false
		for j, o := range ms {
			if i != j && o.Span.Start <= m.Span.Start && m.Span.End <= o.Span.End &&
				t.sev[o.Pattern.ID] >= t.sev[m.Pattern.ID] && (o.Span != m.Span || j < i) {
				inside = true
			}
		}
		if !inside {
			out = append(out, m)
		}
	}
	return out
}

func TestOutermostMatchesPairwise(t *testing.T) {
	pats := []*grammar.Pattern{{ID: "mock.low"}, {ID: "mock.medium"}, {ID: "mock.high"}}
	tn := &tone{sev: map[string]checker.Severity{"mock.low": checker.SeverityLow,
		"mock.medium": checker.SeverityMedium, "mock.high": checker.SeverityHigh}}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		ms := make([]grammar.Match, r.IntN(8))
		for i := range ms {
			a := r.IntN(6)
			ms[i] = grammar.Match{Pattern: pats[r.IntN(3)], Span: text.Span{Start: a, End: a + r.IntN(4)}}
		}
		got, want := tn.outermost(ms), outermostByPairs(tn, ms)
		if !slices.EqualFunc(got, want, func(a, b grammar.Match) bool { return a.Span == b.Span && a.Pattern == b.Pattern }) {
			t.Fatalf("outermost(%v) = %v, want %v", ms, got, want)
		}
	}
}

// BenchmarkOutermost: a long reply's many matches of one family.
func BenchmarkOutermost(b *testing.B) {
	p := &grammar.Pattern{ID: "mock.x"}
	tn := &tone{sev: map[string]checker.Severity{"mock.x": checker.SeverityMedium}}
	ms := make([]grammar.Match, 5000)
	for i := range ms {
		ms[i] = grammar.Match{Pattern: p, Span: text.Span{Start: 13 * i, End: 13*i + 12}}
	}
	for b.Loop() {
		tn.outermost(ms)
	}
}
