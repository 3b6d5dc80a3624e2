package queue

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// newsChecker stands in for the engine: a post is blocked when it names a
// word of a crisis article published before the post's scheduled time in
// one of its regions. It judges as of the post's time, as the engine does.
type newsChecker struct {
	mu       sync.Mutex
	articles []checker.Article
	calls    int
}

func (c *newsChecker) publish(a checker.Article) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.articles = append(c.articles, a)
}

func (c *newsChecker) Check(_ context.Context, p checker.Post) (checker.Report, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls++
	rep := checker.Report{ID: p.ID, Post: p, Verdict: checker.VerdictPass}
	for _, a := range c.articles {
		if a.Published.After(p.ScheduledAt) {
			continue
		}
		for _, r := range p.Regions {
			if slices.Contains(a.Regions, r) && strings.Contains(strings.ToLower(p.Text), strings.ToLower(a.Entities[0])) {
				rep.Findings = append(rep.Findings, checker.Finding{Rule: "news.tragedy_overlap", Severity: checker.SeverityCritical,
					Message: "names " + a.Entities[0] + ", in the news", Evidence: []checker.Evidence{checker.NewsEvidence(a)}})
			}
		}
	}
	if len(rep.Findings) > 0 {
		rep.Verdict, rep.Score = checker.VerdictBlock, 100
	}
	return rep, nil
}

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func openTest(t *testing.T) (*SQLite, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "queue.db")
	s, err := OpenSQLite(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// TestPlayADay queues three posts on a quiet morning; a crisis article
// arrives; the re-check holds the post that names the stricken place, with
// the headline as evidence, and leaves the others clear; the scheduler is
// told to hold it; a person releases it; it is published; the audit log
// has every verdict in order.
func TestPlayADay(t *testing.T) {
	ctx := context.Background()
	store, _ := openTest(t)
	clk := &clock{time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)}
	news := &newsChecker{}
	q := New(store, news, clk.now)
	at := func(h int) time.Time { return time.Date(2026, 3, 2, h, 0, 0, 0, time.UTC) }
	posts := []checker.Post{
		{ID: "p1", Text: "Weekend in Lakeport? Our rooftop bar opens tonight!", ScheduledAt: at(18), Regions: []string{"GB"}},
		{ID: "p2", Text: "New spring menu, out now.", ScheduledAt: at(18), Regions: []string{"GB"}},
		{ID: "p3", Text: "Lakeport deals all week", ScheduledAt: at(19), Regions: []string{"US"}},
		{ID: "p4", Text: "Lakeport, next month", ScheduledAt: at(12).AddDate(0, 0, 10), Regions: []string{"GB"}},
	}
	if _, err := q.Add(ctx, posts, "api"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"p1", "p2", "p3", "p4"} {
		if e, _ := store.Get(ctx, id); e.Status != StatusClear {
			t.Fatalf("%s queued as %s", id, e.Status)
		}
	}

	clk.t = at(10)
	news.publish(checker.Article{ID: "a1", Title: "Ferry fire in Lakeport harbour kills 14", Published: at(9),
		Regions: []string{"GB"}, Entities: []string{"Lakeport"}, URL: "https://news.example/lakeport"})
	sum, err := q.Recheck(ctx, "news", func(p checker.Post) bool { return slices.Contains(p.Regions, "GB") })
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sum.Held, []string{"p1"}) || sum.Checked != 2 {
		t.Fatalf("summary %+v: want p1 held, 2 GB posts in the window checked (p4 is beyond it, p3 not in GB)", sum)
	}
	p1, _ := store.Get(ctx, "p1")
	if p1.Status != StatusHeld || p1.Hold == nil || p1.Hold.By != "preflight" || len(p1.Hold.Evidence) != 1 ||
		p1.Hold.Evidence[0].Title != "Ferry fire in Lakeport harbour kills 14" || !strings.Contains(p1.Hold.Reason, "names Lakeport") {
		t.Fatalf("p1 not held with evidence: %+v %+v", p1.Status, p1.Hold)
	}
	if !p1.Hold.Until.After(clk.t) {
		t.Errorf("hold has no review time")
	}
	for _, id := range []string{"p2", "p3", "p4"} {
		if e, _ := store.Get(ctx, id); e.Status != StatusClear {
			t.Errorf("%s is %s, want clear", id, e.Status)
		}
	}
	if ok, h, err := q.MayPublish(ctx, "p1"); ok || h == nil || err != nil {
		t.Errorf("scheduler may publish a held post: %v %v %v", ok, h, err)
	}
	if _, err := q.Published(ctx, "p1", "scheduler"); err == nil {
		t.Errorf("a held post was published")
	}

	// A hold never lifts by itself: a later re-check keeps it held.
	clk.t = at(10).Add(30 * time.Minute)
	if _, err := q.Recheck(ctx, "day", nil); err != nil {
		t.Fatal(err)
	}
	if e, _ := store.Get(ctx, "p1"); e.Status != StatusHeld {
		t.Errorf("hold lifted by itself: %s", e.Status)
	}
	clk.t = at(11)
	if _, err := q.Release(ctx, "p1", "ana@example.com", "reworded"); err != nil {
		t.Fatal(err)
	}
	// A re-check that finds the same verdict does not hold it again.
	if sum, _ := q.Recheck(ctx, "news", nil); len(sum.Held) != 0 {
		t.Errorf("released post held again at the same verdict: %+v", sum)
	}
	if ok, _, _ := q.MayPublish(ctx, "p1"); !ok {
		t.Errorf("released post may not be published")
	}
	if _, err := q.Published(ctx, "p1", "scheduler"); err != nil {
		t.Fatal(err)
	}
	recs, err := store.Audit(ctx, AuditFilter{PostID: "p1"})
	if err != nil {
		t.Fatal(err)
	}
	var trail []string
	for _, r := range recs {
		trail = append(trail, r.Trigger+":"+string(r.Status))
	}
	want := []string{"add:clear", "recheck:held", "recheck:held", "release:released", "recheck:released", "publish:published"}
	if !slices.Equal(trail, want) {
		t.Errorf("audit trail %v, want %v", trail, want)
	}
	for i := 1; i < len(recs); i++ {
		if recs[i].Seq <= recs[i-1].Seq {
			t.Errorf("audit not in order")
		}
	}
}

// TestAddValidatesAll: nothing is queued when one post of a batch lacks an
// id or a time, and the error names the post and the field.
func TestAddValidatesAll(t *testing.T) {
	ctx := context.Background()
	store, _ := openTest(t)
	q := New(store, &newsChecker{}, nil)
	at := time.Date(2026, 3, 2, 18, 0, 0, 0, time.UTC)
	_, err := q.Add(ctx, []checker.Post{{ID: "ok", Text: "hi", ScheduledAt: at}, {ID: "late", Text: "no time"}}, "api")
	if err == nil || !strings.Contains(err.Error(), `"late"`) || !strings.Contains(err.Error(), "scheduled_at") {
		t.Fatalf("error %v", err)
	}
	if es, _ := store.List(ctx, Filter{}); len(es) != 0 {
		t.Errorf("%d posts queued from a rejected batch", len(es))
	}
	if _, err := store.Get(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown id: %v", err)
	}
}

// TestEditKeepsHold: re-queuing a held post (the scheduler edited it) judges
// it afresh but does not lift the hold a person or Preflight put on it.
func TestEditKeepsHold(t *testing.T) {
	ctx := context.Background()
	store, _ := openTest(t)
	clk := &clock{time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)}
	q := New(store, &newsChecker{}, clk.now)
	p := checker.Post{ID: "p", Text: "Spring menu", ScheduledAt: clk.t.Add(5 * time.Hour)}
	if _, err := q.Add(ctx, []checker.Post{p}, "api"); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Hold(ctx, "p", "lead@example.com", "brand review", time.Time{}); err != nil {
		t.Fatal(err)
	}
	p.Text = "Spring menu, now with soup"
	es, err := q.Add(ctx, []checker.Post{p}, "hook")
	if err != nil {
		t.Fatal(err)
	}
	if es[0].Status != StatusHeld || es[0].Hold.By != "lead@example.com" || es[0].Post.Text != p.Text {
		t.Errorf("edit: %+v", es[0])
	}
}

// TestFilterAndReopen: the list filters by status, brand, region and time,
// and a reopened database keeps everything and does not migrate twice.
func TestFilterAndReopen(t *testing.T) {
	ctx := context.Background()
	store, path := openTest(t)
	q := New(store, &newsChecker{}, nil)
	at := time.Date(2026, 3, 2, 18, 0, 0, 0, time.UTC)
	if _, err := q.Add(ctx, []checker.Post{
		{ID: "a", Text: "x", ScheduledAt: at, Brand: "Acme", Regions: []string{"GB", "US"}},
		{ID: "b", Text: "y", ScheduledAt: at.Add(time.Hour), Brand: "Other", Regions: []string{"NO"}},
	}, "import"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		f    Filter
		want []string
	}{
		{Filter{}, []string{"a", "b"}},
		{Filter{Brand: "acme"}, []string{"a"}},
		{Filter{Region: "us"}, []string{"a"}},
		{Filter{Region: "NO"}, []string{"b"}},
		{Filter{From: at.Add(time.Minute)}, []string{"b"}},
		{Filter{Statuses: []Status{StatusHeld}}, nil},
		{Filter{Limit: 1}, []string{"a"}},
	} {
		es, err := store.List(ctx, c.f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, e := range es {
			ids = append(ids, e.ID)
		}
		if !slices.Equal(ids, c.want) {
			t.Errorf("%+v: %v, want %v", c.f, ids, c.want)
		}
	}
	store.Close()
	again, err := OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if es, _ := again.List(ctx, Filter{}); len(es) != 2 {
		t.Errorf("reopened: %d posts", len(es))
	}
	var versions int
	if err := again.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_version`).Scan(&versions); err != nil || versions != len(migrations) {
		t.Errorf("schema_version rows %d (%v), want %d", versions, err, len(migrations))
	}
}
