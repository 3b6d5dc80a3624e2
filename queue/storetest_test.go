package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/pgtest"
)

// storeKinds opens the stores that must behave alike. Each returns a
// function that opens another handle on the same database, as a second
// replica (or a restart) would.
var storeKinds = []struct {
	name string
	db   func(t *testing.T) func() Store
}{
	{"sqlite", func(t *testing.T) func() Store {
		path := filepath.Join(t.TempDir(), "queue.db")
		return func() Store {
			s, err := OpenSQLite(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		}
	}},
	{"postgres", func(t *testing.T) func() Store {
		url := pgtest.URL(t)
		return func() Store {
			s, err := OpenPostgres(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		}
	}},
}

// forEachStore runs a conformance case against every store kind.
func forEachStore(t *testing.T, run func(t *testing.T, open func() Store)) {
	for _, k := range storeKinds {
		t.Run(k.name, func(t *testing.T) { run(t, k.db(t)) })
	}
}

var day = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

func entry(id string, h int, brand string, regions ...string) Entry {
	p := checker.Post{ID: id, Text: "post " + id, ScheduledAt: day.Add(time.Duration(h) * time.Hour), Brand: brand, Regions: regions}
	rep, _ := json.Marshal(checker.Report{ID: id, Verdict: checker.VerdictPass})
	return Entry{ID: id, Post: p, Status: StatusClear, Verdict: checker.VerdictPass, Report: rep, CheckedAt: day, UpdatedAt: day}
}

func ids(es []Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

// TestStorePutGetList: entries come back whole; the filters select by
// status, brand (any case), region (a post with no regions goes to all),
// scheduled time and limit, ordered by scheduled time then id.
func TestStorePutGetList(t *testing.T) {
	forEachStore(t, func(t *testing.T, open func() Store) {
		ctx := context.Background()
		s := open()
		held := entry("c", 1, "Other", "NO")
		held.Status, held.Hold = StatusHeld, &Hold{Reason: "crisis", By: "ana", At: day, Until: day.Add(time.Hour),
			Evidence: []checker.Evidence{{Type: "news", Title: "Ferry fire"}}}
		if err := s.Put(ctx, []Entry{entry("b", 2, "Acme", "GB", "US"), held, entry("a", 2, ""), entry("z", 0, "Acme")}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Get(ctx, "c")
		if err != nil {
			t.Fatal(err)
		}
		if got.Hold == nil || got.Hold.Evidence[0].Title != "Ferry fire" || !got.Post.ScheduledAt.Equal(held.Post.ScheduledAt) || string(got.Report) != string(held.Report) {
			t.Errorf("round trip: %+v", got)
		}
		if _, err := s.Get(ctx, "nope"); !errors.Is(err, ErrNotFound) {
			t.Errorf("unknown id: %v", err)
		}
		for _, c := range []struct {
			f    Filter
			want []string
		}{
			{Filter{}, []string{"z", "c", "a", "b"}},
			{Filter{Brand: "ACME"}, []string{"z", "b"}},
			{Filter{Region: "us"}, []string{"z", "a", "b"}},
			{Filter{Region: "NO"}, []string{"z", "c", "a"}},
			{Filter{Statuses: []Status{StatusHeld, StatusReview}}, []string{"c"}},
			{Filter{From: day.Add(time.Hour), To: day.Add(2 * time.Hour)}, []string{"c"}},
			{Filter{From: day.Add(time.Hour), Limit: 2}, []string{"c", "a"}},
		} {
			es, err := s.List(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids(es), c.want) {
				t.Errorf("%+v: %v, want %v", c.f, ids(es), c.want)
			}
		}
	})
}

// TestStoreUpdateAndAudit: an update writes the entry and its audit record
// together; an error from fn changes nothing in the whole batch; an
// unknown id is ErrNotFound; the audit log filters and keeps its order.
func TestStoreUpdateAndAudit(t *testing.T) {
	forEachStore(t, func(t *testing.T, open func() Store) {
		ctx := context.Background()
		s := open()
		if err := s.Put(ctx, []Entry{entry("a", 1, ""), entry("b", 2, "")}); err != nil {
			t.Fatal(err)
		}
		hold := func(e *Entry) (AuditRecord, error) {
			e.Status, e.Verdict, e.UpdatedAt = StatusHeld, checker.VerdictBlock, day.Add(time.Minute)
			return AuditRecord{At: e.UpdatedAt, PostID: e.ID, Trigger: "hold", Verdict: e.Verdict, Status: e.Status}, nil
		}
		e, err := s.Update(ctx, "a", hold)
		if err != nil || e.Status != StatusHeld {
			t.Fatalf("update: %+v %v", e, err)
		}
		boom := errors.New("boom")
		_, err = s.UpdateMany(ctx, []string{"b", "a"}, func(e *Entry) (AuditRecord, error) {
			if e.ID == "a" {
				return AuditRecord{}, boom
			}
			return hold(e)
		})
		if !errors.Is(err, boom) {
			t.Fatalf("fn error not returned: %v", err)
		}
		if b, _ := s.Get(ctx, "b"); b.Status != StatusClear {
			t.Errorf("a failed batch changed b: %s", b.Status)
		}
		if _, err := s.UpdateMany(ctx, []string{"b", "missing"}, hold); !errors.Is(err, ErrNotFound) {
			t.Errorf("missing id: %v", err)
		}
		if b, _ := s.Get(ctx, "b"); b.Status != StatusClear {
			t.Errorf("a batch with a missing id changed b: %s", b.Status)
		}
		if err := s.Append(ctx, []AuditRecord{{At: day.Add(2 * time.Minute), PostID: "b", Trigger: "add", Verdict: checker.VerdictPass, Status: StatusClear}}); err != nil {
			t.Fatal(err)
		}
		all, err := s.Audit(ctx, AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var trail []string
		for i, r := range all {
			trail = append(trail, r.PostID+":"+r.Trigger)
			if i > 0 && r.Seq <= all[i-1].Seq {
				t.Errorf("audit out of order")
			}
		}
		if !slices.Equal(trail, []string{"a:hold", "b:add"}) {
			t.Errorf("audit %v", trail)
		}
		for _, c := range []struct {
			f    AuditFilter
			want int
		}{
			{AuditFilter{PostID: "b"}, 1},
			{AuditFilter{Verdict: checker.VerdictBlock}, 1},
			{AuditFilter{From: day.Add(90 * time.Second)}, 1},
			{AuditFilter{To: day.Add(90 * time.Second)}, 1},
			{AuditFilter{Limit: 1}, 1},
			{AuditFilter{Seq: all[1].Seq}, 1},
		} {
			if rs, err := s.Audit(ctx, c.f); err != nil || len(rs) != c.want {
				t.Errorf("%+v: %d records (%v), want %d", c.f, len(rs), err, c.want)
			}
		}
	})
}

// TestStoreTwoWritersLoseNothing: two handles on one database (two
// replicas) change the same posts at once, each change reading the post's
// current state; every change lands and every change is in the audit log.
func TestStoreTwoWritersLoseNothing(t *testing.T) {
	forEachStore(t, func(t *testing.T, open func() Store) {
		ctx := context.Background()
		s1, s2 := open(), open()
		if err := s1.Put(ctx, []Entry{entry("a", 1, ""), entry("b", 1, "")}); err != nil {
			t.Fatal(err)
		}
		const rounds = 25
		var wg sync.WaitGroup
		errs := make(chan error, 2*rounds)
		for w, s := range []Store{s1, s2} {
			order := []string{"a", "b"}
			if w == 1 {
				order = []string{"b", "a"} // opposite order: must not deadlock
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range rounds {
					_, err := s.UpdateMany(ctx, order, func(e *Entry) (AuditRecord, error) {
						e.Score++
						return AuditRecord{At: day, PostID: e.ID, Trigger: "recheck", Note: fmt.Sprint(w)}, nil
					})
					if err != nil {
						errs <- err
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		for _, id := range []string{"a", "b"} {
			if e, _ := s1.Get(ctx, id); e.Score != 2*rounds {
				t.Errorf("%s: %d changes kept, want %d", id, e.Score, 2*rounds)
			}
		}
		if rs, _ := s2.Audit(ctx, AuditFilter{}); len(rs) != 4*rounds {
			t.Errorf("%d audit records, want %d", len(rs), 4*rounds)
		}
	})
}

// TestStoreReopenMigratesOnce: a second open finds the schema current and
// keeps what the first wrote.
func TestStoreReopenMigratesOnce(t *testing.T) {
	forEachStore(t, func(t *testing.T, open func() Store) {
		ctx := context.Background()
		s := open()
		if err := s.Put(ctx, []Entry{entry("a", 1, "")}); err != nil {
			t.Fatal(err)
		}
		s.Close()
		again := open()
		if es, err := again.List(ctx, Filter{}); err != nil || len(es) != 1 {
			t.Errorf("reopened: %d posts (%v)", len(es), err)
		}
		if pg, ok := again.(*Postgres); ok {
			var n int
			if err := pg.pool.QueryRow(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE component = 'queue'`).Scan(&n); err != nil || n != len(pgMigrations) {
				t.Errorf("schema_migrations rows %d (%v), want %d", n, err, len(pgMigrations))
			}
		}
	})
}

// TestStoreQueueDay plays the queue's day (add, re-check, hold, release,
// publish) on every store and compares the audit trails.
func TestStoreQueueDay(t *testing.T) {
	forEachStore(t, func(t *testing.T, open func() Store) {
		ctx := context.Background()
		s := open()
		clk := &clock{day}
		news := &newsChecker{}
		q := New(s, news, clk.now)
		if _, err := q.Add(ctx, []checker.Post{
			{ID: "p1", Text: "Lakeport rooftop bar opens tonight", ScheduledAt: day.Add(10 * time.Hour), Regions: []string{"GB"}},
			{ID: "p2", Text: "Spring menu", ScheduledAt: day.Add(10 * time.Hour), Regions: []string{"GB"}},
		}, "api"); err != nil {
			t.Fatal(err)
		}
		clk.t = day.Add(2 * time.Hour)
		news.publish(checker.Article{ID: "a1", Title: "Ferry fire in Lakeport", Published: day.Add(time.Hour), Regions: []string{"GB"}, Entities: []string{"Lakeport"}})
		sum, err := q.Recheck(ctx, "news", nil)
		if err != nil || !slices.Equal(sum.Held, []string{"p1"}) {
			t.Fatalf("recheck %+v %v", sum, err)
		}
		if _, err := q.Release(ctx, "p1", "ana", "reworded"); err != nil {
			t.Fatal(err)
		}
		if _, err := q.Published(ctx, "p1", "scheduler"); err != nil {
			t.Fatal(err)
		}
		if _, err := q.Published(ctx, "p1", "scheduler"); err == nil {
			t.Errorf("published twice")
		}
		recs, _ := s.Audit(ctx, AuditFilter{PostID: "p1"})
		var trail []string
		for _, r := range recs {
			trail = append(trail, r.Trigger+":"+string(r.Status))
		}
		if want := []string{"add:clear", "recheck:held", "release:released", "publish:published"}; !slices.Equal(trail, want) {
			t.Errorf("trail %v, want %v", trail, want)
		}
	})
}

// TestStoreCrisesAndSuppressions: both stores keep crises (newest first,
// ended ones only when asked) and suppressions (one per post and rule).
func TestStoreCrisesAndSuppressions(t *testing.T) {
	forEachStore(t, func(t *testing.T, open func() Store) {
		ctx := context.Background()
		s := open()
		defer s.Close()
		cs, ok := s.(CrisisStore)
		ss, ok2 := s.(SuppressionStore)
		if !ok || !ok2 {
			t.Fatalf("%T keeps no crises or suppressions", s)
		}
		t0 := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
		for i, c := range []Crisis{
			{ID: "c1", Status: CrisisEnded, Regions: []string{"GB"}, Reason: "flood", CreatedAt: t0},
			{ID: "c2", Status: CrisisActive, Regions: []string{"NO"}, Reason: "attack", CreatedAt: t0.Add(time.Hour)},
		} {
			if err := cs.SaveCrisis(ctx, c); err != nil {
				t.Fatal(i, err)
			}
		}
		if got, err := cs.GetCrisis(ctx, "c2"); err != nil || got.Reason != "attack" || got.Regions[0] != "NO" {
			t.Errorf("get: %+v %v", got, err)
		}
		if _, err := cs.GetCrisis(ctx, "nope"); !errors.Is(err, ErrNotFound) {
			t.Errorf("unknown crisis: %v", err)
		}
		open1, _ := cs.Crises(ctx, false)
		all, _ := cs.Crises(ctx, true)
		if len(open1) != 1 || open1[0].ID != "c2" || len(all) != 2 || all[0].ID != "c2" {
			t.Errorf("lists: %v / %v", open1, all)
		}
		for _, sp := range []Suppression{
			{PostID: "p1", Rule: "news.tragedy_overlap", By: "ana", Why: "reviewed", At: t0, Until: t0.Add(time.Hour)},
			{PostID: "p1", Rule: "news.tragedy_overlap", By: "ana", Why: "again", At: t0, Until: t0.Add(2 * time.Hour)},
			{PostID: "p2", Rule: "content.profanity", By: "bo", Why: "quote", At: t0, Until: t0.Add(time.Hour)},
		} {
			if err := ss.SaveSuppression(ctx, sp); err != nil {
				t.Fatal(err)
			}
		}
		p1, _ := ss.Suppressions(ctx, "p1")
		every, _ := ss.Suppressions(ctx, "")
		if len(p1) != 1 || p1[0].Why != "again" || len(every) != 2 {
			t.Errorf("suppressions: %v / %v", p1, every)
		}
	})
}
