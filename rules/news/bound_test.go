package news_test

import (
	"context"
	"runtime"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/bound"
)

// TestLongPostStaysLinear: a 64 KB post made of a live event's vocabulary
// (a pun, a product claim, a campaign tag on a condolence, repeated) costs
// about what an ordinary post of the same length costs. Every finding
// once named every colliding word, so such a post allocated half a
// gigabyte.
func TestLongPostStaysLinear(t *testing.T) {
	fire := checker.Article{ID: "f1", Title: "Bushfire burns out of control near Perth, dozens of homes lost",
		Summary: "Firefighters battled flames across the hills as residents fled; the fire destroyed more than 40 homes and two people died.",
		URL:     "https://example.test/perth", Published: mustTime("2031-01-10T02:00:00Z"), Regions: []string{"AU"}}
	e := newEngine(t, []checker.Article{fire})
	at := mustTime("2031-01-10T08:00:00Z")
	const size = 64 << 10
	fill := func(unit string) string { return strings.Repeat(unit, size/len(unit)+1)[:size] }
	ref := fill("Our spring menu is here, come and taste it this week. ")
	check := func(s string) func() {
		return func() {
			if _, err := e.Check(context.Background(), checker.Post{Text: s, ScheduledAt: at, Regions: []string{"AU"}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, unit := range []string{
		"Our canvas won't burn and is flame resistant, don't ignite. ",
		"Burning deals! A fire sale with flames of savings, 20% off. ",
		"Our hearts go out to Perth. #SpringSale1 #Perth ",
		"In honor of Perth, may we suggest our scones! We remember Perth. Here's our menu! ",
	} {
		s := fill(unit)
		var a, b runtime.MemStats
		runtime.ReadMemStats(&a)
		check(s)()
		runtime.ReadMemStats(&b)
		if got, limit := b.TotalAlloc-a.TotalAlloc, uint64(2048*size+(8<<20)); got > limit {
			t.Errorf("%q × %d KB allocated %d bytes, more than %d", unit, size>>10, got, limit)
		}
		bound.Time(t, unit, check(ref), check(s))
	}
}
