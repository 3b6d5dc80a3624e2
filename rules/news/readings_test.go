package news

import (
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/text"
)

// TestReadings: the news rules' own readings of a post (quoted phrases,
// occasion calls, price rises) on edge cases: unterminated and curly
// quotes, one-word quotes, a cap on quotes, a phrase split by a sentence
// break, and "surge" as both a price and a rise.
func TestReadings(t *testing.T) {
	r, err := newReader(Options{})
	if err != nil {
		t.Fatal(err)
	}
	slices := func(d *text.Doc, ss []text.Span) string {
		var out []string
		for _, s := range ss {
			out = append(out, d.Slice(s))
		}
		return strings.Join(out, "|")
	}
	for _, c := range []struct{ in, quotes, occasion, rise string }{
		{`"Stay home" and «stay safe» and “go slow”`, "Stay home|stay safe|go slow", "", ""},
		{`Unterminated "stay home and more`, "", "", ""},
		{`A one-word "quote" and "the the"`, "", "", ""},
		{`Why not escape to the coast? Fares have increased.`, "", "Why not|escape to", "Fares have increased"},
		{`Prices are low. We increased stock.`, "", "", ""},
		{`Surge pricing tonight`, "", "", "Surge pricing"},
		{strings.Repeat(`"stay home" `, 20), strings.TrimSuffix(strings.Repeat("stay home|", maxQuotes), "|"), "", ""},
	} {
		d := text.Analyse(c.in, "en")
		var qs []text.Span
		for _, q := range r.quotedPhrases(d) {
			qs = append(qs, q.span)
		}
		if got := slices(d, qs); got != c.quotes {
			t.Errorf("%q: quotes %q, want %q", c.in, got, c.quotes)
		}
		if got := slices(d, r.occasions(d)); got != c.occasion {
			t.Errorf("%q: occasion %q, want %q", c.in, got, c.occasion)
		}
		if got := slices(d, r.priceRises(d)); got != c.rise {
			t.Errorf("%q: price rise %q, want %q", c.in, got, c.rise)
		}
	}
}
