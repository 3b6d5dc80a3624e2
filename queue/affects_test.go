package queue

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

func TestAffected(t *testing.T) {
	arts := []checker.Article{
		{Title: "Dam bursts above Veldt", Regions: []string{"ZA"}, Entities: []string{"Veldt"}},
		{Title: "Orbix outage", Regions: []string{"GB"}, Entities: []string{"Orbix Bank"}, Hashtags: []string{"#OrbixDown"}},
	}
	aff := Affected(arts)
	for _, c := range []struct {
		p    checker.Post
		want bool
	}{
		{checker.Post{Text: "Spring sale", Regions: []string{"ZA"}}, true},
		{checker.Post{Text: "Spring sale", Regions: []string{"gb", "US"}}, true},
		{checker.Post{Text: "Spring sale", Regions: []string{"US"}}, false},
		{checker.Post{Text: "Spring sale"}, true}, // no regions: the whole world
		{checker.Post{Text: "Bank with Orbix today!", Regions: []string{"US"}}, true},
		{checker.Post{Text: "Sale", Brand: "Orbix", Regions: []string{"US"}}, true},
		{checker.Post{Text: "#orbixdown is trending", Regions: []string{"US"}}, true},
		{checker.Post{Text: "The veldt at dawn", Regions: []string{"AU"}}, true},
		{checker.Post{Text: "Of the bank", Regions: []string{"AU"}}, true}, // "bank" is a name word
		{checker.Post{Text: "Of the day", Regions: []string{"AU"}}, false},
	} {
		if got := aff(c.p); got != c.want {
			t.Errorf("%q %v: %v, want %v", c.p.Text, c.p.Regions, got, c.want)
		}
	}
	if Affected([]checker.Article{{Title: "Global outage"}})(checker.Post{Regions: []string{"NO"}}) != true {
		t.Errorf("an article with no regions reaches every audience")
	}
	if Affected(nil)(checker.Post{}) {
		t.Errorf("no articles affect nothing")
	}
}

// BenchmarkRecheck1000x100k: 1,000 new articles in two regions against
// 100,000 posts queued in the window ahead across twenty regions; only the
// posts the articles can affect are judged again.
func BenchmarkRecheck1000x100k(b *testing.B) {
	ctx := context.Background()
	store, err := OpenSQLite(ctx, b.TempDir()+"/q.db")
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	q := New(store, &newsChecker{}, func() time.Time { return now })
	regions := []string{"US", "GB", "NO", "DE", "FR", "SE", "DK", "JP", "BR", "IN", "AU", "NZ", "IE", "CA", "ES", "IT", "NL", "PL", "ZA", "MX"}
	const n = 100_000
	es := make([]Entry, n)
	for i := range es {
		p := checker.Post{ID: fmt.Sprintf("p%06d", i), Text: fmt.Sprintf("Post %d about our spring range", i),
			ScheduledAt: now.Add(time.Duration(i%4320) * time.Minute), Regions: []string{regions[i%len(regions)]}}
		es[i] = Entry{ID: p.ID, Post: p, Status: StatusClear, Verdict: checker.VerdictPass, UpdatedAt: now}
	}
	if err := store.Put(ctx, es); err != nil {
		b.Fatal(err)
	}
	arts := make([]checker.Article, 1000)
	for i := range arts {
		arts[i] = checker.Article{ID: fmt.Sprint(i), Title: "Storm", Regions: []string{regions[i%2]}, Entities: []string{fmt.Sprintf("Town%d", i)}}
	}
	b.ResetTimer()
	for b.Loop() {
		sum, err := q.Recheck(ctx, "news", Affected(arts))
		if err != nil || sum.Checked != n/10 {
			b.Fatalf("%+v %v", sum, err)
		}
	}
}
