package queue

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// TestSuppression: a person suppresses the finding that held a post; the
// next re-check leaves it out of the verdict, notes it in the report and
// the audit log, and records who and why; once the suppression expires the
// finding counts again. A suppression needs a rule, a reason and an expiry.
func TestSuppression(t *testing.T) {
	ctx := context.Background()
	store, _ := openTest(t)
	clk := &clock{time.Date(2026, 6, 9, 8, 0, 0, 0, time.UTC)}
	news := &newsChecker{}
	q := New(store, news, clk.now)
	at := clk.t.Add(30 * time.Hour)
	news.publish(checker.Article{ID: "a", Title: "Ferry fire in Lakeport", Published: clk.t.Add(-time.Hour), Regions: []string{"GB"}, Entities: []string{"Lakeport"}})
	es, err := q.Add(ctx, []checker.Post{{ID: "p", Text: "Lakeport memorial fund: donate here", ScheduledAt: at, Regions: []string{"GB"}}}, "api")
	if err != nil || es[0].Verdict != checker.VerdictBlock {
		t.Fatalf("%+v %v", es, err)
	}
	for _, bad := range []Suppression{
		{PostID: "p", By: "ana", Why: "charity", Until: clk.t.Add(time.Hour)},
		{PostID: "p", Rule: "news.tragedy_overlap", By: "ana", Until: clk.t.Add(time.Hour)},
		{PostID: "p", Rule: "news.tragedy_overlap", By: "ana", Why: "charity"},
		{PostID: "p", Rule: "news.tragedy_overlap", By: "ana", Why: "charity", Until: clk.t.Add(40 * 24 * time.Hour)},
	} {
		if _, err := q.Suppress(ctx, bad); err == nil {
			t.Errorf("accepted %+v", bad)
		}
	}
	if _, err := q.Suppress(ctx, Suppression{PostID: "nope", Rule: "x", By: "ana", Why: "w", Until: clk.t.Add(time.Hour)}); err == nil {
		t.Errorf("suppressed a finding on an unknown post")
	}
	if _, err := q.Suppress(ctx, Suppression{PostID: "p", Rule: "news.tragedy_overlap", By: "ana", Why: "it is the relief fund", Until: clk.t.Add(24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	clk.t = clk.t.Add(time.Minute)
	if _, err := q.Recheck(ctx, "request", nil); err != nil {
		t.Fatal(err)
	}
	e, _ := store.Get(ctx, "p")
	if e.Verdict != checker.VerdictPass || len(e.Suppressed) != 1 || !strings.Contains(string(e.Report), "suppressed: reviewed by ana (it is the relief fund)") {
		t.Errorf("after suppression: %s %v %s", e.Verdict, e.Suppressed, e.Report)
	}
	if e.Status != StatusHeld {
		t.Errorf("a suppression lifted the hold (%s): a person releases", e.Status)
	}
	recs, _ := store.Audit(ctx, AuditFilter{PostID: "p"})
	var sawSuppress, sawNote bool
	for _, r := range recs {
		sawSuppress = sawSuppress || r.Trigger == "suppress" && r.By == "ana" && strings.Contains(r.Note, "relief fund")
		sawNote = sawNote || r.Trigger == "recheck" && len(r.Suppressed) == 1
	}
	if !sawSuppress || !sawNote {
		t.Errorf("audit log lacks the suppression: %+v", recs)
	}
	// The scheduler edits it (alone, then in a batch): the suppression
	// applies to the fresh check either way.
	for _, batch := range [][]checker.Post{
		{{ID: "p", Text: "Lakeport memorial fund: donate today", ScheduledAt: at, Regions: []string{"GB"}}},
		{{ID: "p", Text: "Lakeport memorial fund: donate now", ScheduledAt: at, Regions: []string{"GB"}}, {ID: "other", Text: "Lakeport news", ScheduledAt: at, Regions: []string{"GB"}}},
	} {
		es, err := q.Add(ctx, batch, "hook")
		if err != nil || es[0].Verdict != checker.VerdictPass || len(es[0].Suppressed) != 1 {
			t.Errorf("edit of %d: %+v %v", len(batch), es[0], err)
		}
		if len(es) == 2 && es[1].Verdict != checker.VerdictBlock {
			t.Errorf("the suppression leaked to another post: %s", es[1].Verdict)
		}
	}
	// Expired: the finding counts again.
	clk.t = clk.t.Add(25 * time.Hour)
	q.Window = 96 * time.Hour
	if _, err := q.Recheck(ctx, "request", nil); err != nil {
		t.Fatal(err)
	}
	if e, _ := store.Get(ctx, "p"); e.Verdict != checker.VerdictBlock || len(e.Suppressed) != 0 {
		t.Errorf("expired suppression still applies: %s %v", e.Verdict, e.Suppressed)
	}
}

// ingestedNews is a news source whose articles carry ingestion times.
type ingestedNews struct{ arts []checker.Article }

func (n ingestedNews) Search(_ context.Context, q checker.NewsQuery) ([]checker.Article, error) {
	out := append([]checker.Article(nil), n.arts...)
	if q.Limit > 0 && len(out) > q.Limit {
		out = out[:q.Limit]
	}
	return out, nil
}

// TestNewsKnownAt: a replay sees the articles ingested by its moment (and
// those with no ingestion time), never a later one, even when later ones
// come first in the index's ranking.
func TestNewsKnownAt(t *testing.T) {
	t0 := time.Date(2026, 6, 9, 10, 0, 0, 0, time.UTC)
	n := ingestedNews{arts: []checker.Article{
		{ID: "late1", Ingested: t0.Add(time.Hour)}, {ID: "late2", Ingested: t0.Add(2 * time.Hour)},
		{ID: "early", Ingested: t0.Add(-time.Hour)}, {ID: "old"}, {ID: "at", Ingested: t0},
	}}
	got, err := NewsKnownAt(n, t0).Search(context.Background(), checker.NewsQuery{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != "early" || got[1].ID != "old" {
		t.Errorf("known at t0: %+v", got)
	}
	all, _ := NewsKnownAt(n, t0).Search(context.Background(), checker.NewsQuery{})
	if len(all) != 3 {
		t.Errorf("unlimited: %d articles, want early, old and at", len(all))
	}
}

// TestReplayNeedsText: a record kept as a hash only cannot be replayed,
// and the error says why.
func TestReplayNeedsText(t *testing.T) {
	ctx := context.Background()
	store, _ := openTest(t)
	q := New(store, &newsChecker{}, nil)
	q.KeepText = false
	if _, err := q.Add(ctx, []checker.Post{{ID: "p", Text: "x", ScheduledAt: time.Date(2026, 6, 9, 10, 0, 0, 0, time.UTC)}}, "api"); err != nil {
		t.Fatal(err)
	}
	recs, _ := store.Audit(ctx, AuditFilter{})
	if recs[0].Text != "" || recs[0].Post != nil {
		t.Fatalf("text kept: %+v", recs[0])
	}
	if _, err := q.Replay(ctx, recs[0].Seq, &newsChecker{}); err == nil || !strings.Contains(err.Error(), "keep_text") {
		t.Errorf("replay of a hash-only record: %v", err)
	}
	if _, err := q.Replay(ctx, 999, &newsChecker{}); err == nil {
		t.Errorf("replay of a missing record")
	}
}
