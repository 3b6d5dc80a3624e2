package queue

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// syncClock is a clock safe to move while a watcher reads it.
type syncClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *syncClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *syncClock) set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// TestWatcherDayTurn: with a fake clock, ticks re-check nothing while the
// day is the same in every zone, and re-check every post once the day
// turns in one of them (Auckland turns first).
func TestWatcherDayTurn(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	store, _ := openTest(t)
	clk := &syncClock{t: time.Date(2026, 6, 9, 10, 0, 0, 0, time.UTC)}
	news := &newsChecker{}
	q := New(store, news, clk.now)
	if _, err := q.Add(ctx, []checker.Post{{ID: "p", Text: "hi", ScheduledAt: clk.t.Add(20 * time.Hour)}}, "api"); err != nil {
		t.Fatal(err)
	}
	auckland, _ := time.LoadLocation("Pacific/Auckland")
	w := NewWatcher(q, WatchOptions{Zones: []*time.Location{time.UTC, auckland}})
	ticks := make(chan time.Time)
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, ticks) }()
	rechecks := func() int {
		recs, _ := store.Audit(ctx, AuditFilter{PostID: "p"})
		n := 0
		for _, r := range recs {
			if r.Trigger == "recheck" {
				n++
			}
		}
		return n
	}
	clk.set(time.Date(2026, 6, 9, 11, 0, 0, 0, time.UTC)) // 23:00 in Auckland
	ticks <- clk.now()
	ticks <- clk.now()
	if n := rechecks(); n != 0 {
		t.Fatalf("%d re-checks without a day turn", n)
	}
	clk.set(time.Date(2026, 6, 9, 12, 30, 0, 0, time.UTC)) // 00:30 on the 10th in Auckland
	ticks <- clk.now()
	ticks <- clk.now() // returns once the first tick's re-check is done
	if n := rechecks(); n != 1 {
		t.Fatalf("%d re-checks after Auckland's midnight, want 1", n)
	}
	cancel()
	<-done
}

// TestWatcherNewsAndLeader: committed articles trigger a re-check of the
// posts they reach only; while another holds the lead nothing is
// re-checked and the articles wait for the next chance (none is lost).
func TestWatcherNewsAndLeader(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	store, _ := openTest(t)
	clk := &syncClock{t: time.Date(2026, 6, 9, 8, 0, 0, 0, time.UTC)}
	news := &newsChecker{}
	q := New(store, news, clk.now)
	at := clk.t.Add(8 * time.Hour)
	if _, err := q.Add(ctx, []checker.Post{
		{ID: "gb", Text: "Lakeport weekend deals", ScheduledAt: at, Regions: []string{"GB"}},
		{ID: "us", Text: "Summer weekend deals", ScheduledAt: at, Regions: []string{"US"}},
	}, "api"); err != nil {
		t.Fatal(err)
	}
	leader := &LocalLeader{}
	release, ok, _ := leader.TryLead(ctx) // another re-check leads
	if !ok {
		t.Fatal("could not lead")
	}
	if _, ok2, _ := leader.TryLead(ctx); ok2 {
		t.Fatal("two leaders at once")
	}
	w := NewWatcher(q, WatchOptions{Leader: leader})
	ticks := make(chan time.Time)
	go w.Run(ctx, ticks)
	art := checker.Article{ID: "a", Title: "Ferry fire in Lakeport", Published: clk.t.Add(-time.Hour), Regions: []string{"GB"}, Entities: []string{"Lakeport"}}
	news.publish(art)
	w.NewsCommitted([]checker.Article{art})
	ticks <- clk.now() // the news wake-up has been handled (or is) by now
	ticks <- clk.now()
	if e, _ := store.Get(ctx, "gb"); e.Status != StatusClear {
		t.Fatalf("re-checked without the lead: %s", e.Status)
	}
	release()
	ticks <- clk.now() // the waiting articles are taken at the next tick
	ticks <- clk.now()
	if e, _ := store.Get(ctx, "gb"); e.Status != StatusHeld || !strings.Contains(e.Hold.Reason, "news") {
		t.Fatalf("gb is %s after the lead was free", e.Status)
	}
	recs, _ := store.Audit(ctx, AuditFilter{PostID: "us"})
	if slices.ContainsFunc(recs, func(r AuditRecord) bool { return r.Trigger == "recheck" }) {
		t.Errorf("the US post was re-checked for GB news that neither reaches nor names it")
	}
}
