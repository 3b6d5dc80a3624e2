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

// events records what the queue notified.
type events struct {
	mu  sync.Mutex
	evs []Event
}

func (e *events) Notify(ev Event) {
	e.mu.Lock()
	e.evs = append(e.evs, ev)
	e.mu.Unlock()
}

func (e *events) kinds() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []string
	for _, ev := range e.evs {
		out = append(out, string(ev.Kind)+":"+ev.PostID)
	}
	return out
}

// TestCrisisHoldsLightPostsInScope: a crisis for GB holds the promotional
// and the light-hearted GB posts, not the sober service post, not the US
// post, not a post scheduled after it ends; a post queued while it lasts
// is held as it arrives; ending it lifts exactly its holds and leaves a
// person's hold alone.
func TestCrisisHoldsLightPostsInScope(t *testing.T) {
	ctx := context.Background()
	store, _ := openTest(t)
	clk := &clock{time.Date(2026, 6, 9, 8, 0, 0, 0, time.UTC)}
	ev := &events{}
	q := New(store, &newsChecker{}, clk.now)
	q.Notify = ev
	at := clk.t.Add(6 * time.Hour)
	if _, err := q.Add(ctx, []checker.Post{
		{ID: "promo", Text: "Summer sale: 30% off everything, shop now!", ScheduledAt: at, Regions: []string{"GB"}},
		{ID: "joke", Text: "Monday mood: lol 😂 who else needs a nap?", ScheduledAt: at, Regions: []string{"GB"}},
		{ID: "service", Text: "Our stores close at 5pm today. Orders placed online will ship on Thursday.", ScheduledAt: at, Regions: []string{"GB"}},
		{ID: "us", Text: "Summer sale: 30% off everything, shop now!", ScheduledAt: at, Regions: []string{"US"}},
		{ID: "later", Text: "Summer sale: 30% off everything, shop now!", ScheduledAt: at.Add(72 * time.Hour), Regions: []string{"GB"}},
		{ID: "person", Text: "Summer sale: 30% off everything, shop now!", ScheduledAt: at, Regions: []string{"GB"}},
	}, "api"); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Hold(ctx, "person", "lead", "legal review", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := q.StartCrisis(ctx, Crisis{Regions: []string{"gb"}, By: "ops"}); err == nil || !strings.Contains(err.Error(), "reason") {
		t.Errorf("a crisis without a reason: %v", err)
	}
	c, held, err := q.StartCrisis(ctx, Crisis{Regions: []string{"gb"}, Until: at.Add(24 * time.Hour), Reason: "ferry disaster", By: "ops"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range held {
		ids = append(ids, e.ID)
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []string{"joke", "promo"}) {
		t.Fatalf("crisis held %v, want joke and promo", ids)
	}
	if e, _ := store.Get(ctx, "promo"); e.Hold == nil || e.Hold.Crisis != c.ID || !strings.Contains(e.Hold.Reason, "ferry disaster") {
		t.Errorf("crisis hold %+v", e.Hold)
	}
	// Queued during the crisis: held on arrival.
	es, err := q.Add(ctx, []checker.Post{{ID: "new", Text: "Flash sale! 2 for 1 today only", ScheduledAt: at, Regions: []string{"GB"}}}, "hook")
	if err != nil || es[0].Status != StatusHeld || es[0].Hold.Crisis != c.ID {
		t.Fatalf("post queued in a crisis: %+v %v", es, err)
	}
	if !slices.Contains(ev.kinds(), "hold:new") || !slices.Contains(ev.kinds(), "crisis.started:") {
		t.Errorf("events %v", ev.kinds())
	}
	// A re-check keeps the crisis holds.
	if _, err := q.Recheck(ctx, "news", nil); err != nil {
		t.Fatal(err)
	}
	_, lifted, err := q.EndCrisis(ctx, c.ID, "ops")
	if err != nil {
		t.Fatal(err)
	}
	if len(lifted) != 3 {
		t.Errorf("end lifted %d holds, want 3", len(lifted))
	}
	for id, want := range map[string]Status{"promo": StatusClear, "joke": StatusClear, "new": StatusClear, "person": StatusHeld, "service": StatusClear} {
		if e, _ := store.Get(ctx, id); e.Status != want {
			t.Errorf("%s is %s after the crisis, want %s", id, e.Status, want)
		}
	}
	if _, _, err := q.EndCrisis(ctx, c.ID, "ops"); err == nil {
		t.Errorf("a crisis ended twice")
	}
	recs, _ := store.Audit(ctx, AuditFilter{PostID: "promo"})
	if last := recs[len(recs)-1]; last.Trigger != "crisis-end" || last.By != "ops" {
		t.Errorf("audit %+v", last)
	}
}

// TestCrisisScopeByBrandPlatformTag: empty lists mean all; given lists
// narrow the scope.
func TestCrisisScopeByBrandPlatformTag(t *testing.T) {
	p := checker.Post{Text: "Party time! #summerfun", Brand: "Acme", Platform: checker.PlatformX, Regions: []string{"NO"}, ScheduledAt: time.Date(2026, 6, 9, 12, 0, 0, 0, time.UTC)}
	for _, c := range []struct {
		c    Crisis
		want bool
	}{
		{Crisis{}, true},
		{Crisis{Brands: []string{"acme"}}, true},
		{Crisis{Brands: []string{"Other"}}, false},
		{Crisis{Platforms: []string{"x"}}, true},
		{Crisis{Platforms: []string{"linkedin"}}, false},
		{Crisis{Tags: []string{"summerfun"}}, true},
		{Crisis{Tags: []string{"winter"}}, false},
		{Crisis{Regions: []string{"GB"}}, false},
		{Crisis{Until: p.ScheduledAt}, false},
	} {
		if got := c.c.covers(p); got != c.want {
			t.Errorf("%+v covers: %v, want %v", c.c, got, c.want)
		}
	}
}

// TestProposeCrisis: a major disaster in an audience region proposes one
// crisis (holding nothing until confirmed); a minor story or one abroad
// proposes none; a second article on the same region proposes no second
// crisis; confirming holds the light posts.
func TestProposeCrisis(t *testing.T) {
	ctx := context.Background()
	store, _ := openTest(t)
	clk := &clock{time.Date(2026, 6, 9, 8, 0, 0, 0, time.UTC)}
	ev := &events{}
	q := New(store, &newsChecker{}, clk.now)
	q.Notify = ev
	if _, err := q.Add(ctx, []checker.Post{{ID: "promo", Text: "Summer sale: 30% off everything, shop now!", ScheduledAt: clk.t.Add(5 * time.Hour), Regions: []string{"GB"}}}, "api"); err != nil {
		t.Fatal(err)
	}
	arts := []checker.Article{
		{ID: "minor", Title: "Small fire in a bin", Regions: []string{"GB"}, Crisis: checker.CrisisDisaster, Severity: 0.2},
		{ID: "abroad", Title: "Earthquake in Peru", Regions: []string{"PE"}, Crisis: checker.CrisisDisaster, Severity: 0.95},
		{ID: "major", Title: "Ferry fire kills 14", Regions: []string{"GB"}, Crisis: checker.CrisisDisaster, Severity: 0.9, URL: "https://n.example/f"},
		{ID: "again", Title: "Ferry fire: death toll rises", Regions: []string{"GB"}, Crisis: checker.CrisisDisaster, Severity: 0.95},
	}
	got, err := q.ProposeCrises(ctx, arts, []string{"GB", "US"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Status != CrisisProposed || !slices.Equal(got[0].Regions, []string{"GB"}) || len(got[0].Evidence) != 1 {
		t.Fatalf("proposals %+v", got)
	}
	if e, _ := store.Get(ctx, "promo"); e.Status != StatusClear {
		t.Errorf("a proposal held a post")
	}
	if !slices.Contains(ev.kinds(), "crisis.proposed:") {
		t.Errorf("no proposal event: %v", ev.kinds())
	}
	c, held, err := q.ConfirmCrisis(ctx, got[0].ID, "ops")
	if err != nil || len(held) != 1 || c.Status != CrisisActive || strings.HasPrefix(c.Reason, "proposed") {
		t.Errorf("confirm: %+v %d %v", c, len(held), err)
	}
}
