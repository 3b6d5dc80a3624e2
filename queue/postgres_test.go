package queue

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/pgtest"
)

// TestPostgresLeader: one replica leads at a time; a release hands the
// lead on; when the leading replica's session dies (its backend is
// terminated, as when the process is killed), the lock frees and another
// replica takes over.
func TestPostgresLeader(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	a, b := NewPostgresLeader(url, "recheck"), NewPostgresLeader(url, "recheck")
	relA, ok, err := a.TryLead(ctx)
	if err != nil || !ok {
		t.Fatalf("first replica could not lead: %v %v", ok, err)
	}
	if _, ok, err := b.TryLead(ctx); ok || err != nil {
		t.Fatalf("second replica led beside the first: %v %v", ok, err)
	}
	if rel, ok, _ := NewPostgresLeader(url, "other duty").TryLead(ctx); !ok {
		t.Errorf("another duty's lock is not independent")
	} else {
		rel()
	}
	relA()
	relA() // twice is harmless
	relB, ok, err := b.TryLead(ctx)
	if err != nil || !ok {
		t.Fatalf("lead not handed on after release: %v %v", ok, err)
	}

	// Kill B's session from outside; A takes over.
	admin, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	var killed bool
	if err := admin.QueryRow(ctx, `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) LIMIT 1`).Scan(&killed); err != nil || !killed {
		t.Fatalf("terminate the leader's session: %v %v", killed, err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		rel, ok, err := a.TryLead(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			rel()
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the lead did not free when the leader's session died")
		}
		time.Sleep(20 * time.Millisecond)
	}
	relB() // releasing a dead session does not panic or hang
}

// BenchmarkRecheck1000x100kPostgres is BenchmarkRecheck1000x100k on
// PostgreSQL: 1,000 new articles against 100,000 queued posts.
func BenchmarkRecheck1000x100kPostgres(b *testing.B) {
	ctx := context.Background()
	store, err := OpenPostgres(ctx, pgtest.URL(b))
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

// BenchmarkStoreWrite measures queue write throughput on each store: one
// post written with its audit record per transaction (a post arriving
// through the API or the hook), and 500 per transaction (an import).
func BenchmarkStoreWrite(b *testing.B) {
	for _, k := range []struct {
		name string
		open func(b *testing.B) Store
	}{
		{"sqlite", func(b *testing.B) Store {
			s, err := OpenSQLite(context.Background(), b.TempDir()+"/q.db")
			if err != nil {
				b.Fatal(err)
			}
			return s
		}},
		{"postgres", func(b *testing.B) Store {
			s, err := OpenPostgres(context.Background(), pgtest.URL(b))
			if err != nil {
				b.Fatal(err)
			}
			return s
		}},
	} {
		for _, batch := range []int{1, 500} {
			b.Run(fmt.Sprintf("%s/batch=%d", k.name, batch), func(b *testing.B) {
				ctx := context.Background()
				s := k.open(b)
				defer s.Close()
				now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
				rep := []byte(`{"verdict":"pass","score":0,"findings":[]}`)
				i := 0
				for b.Loop() {
					es := make([]Entry, batch)
					recs := make([]AuditRecord, batch)
					for j := range es {
						i++
						p := checker.Post{ID: fmt.Sprintf("w%08d", i), Text: "Our spring range is here: light jackets, bright colours.", ScheduledAt: now.Add(time.Duration(i) * time.Minute), Regions: []string{"GB"}}
						es[j] = Entry{ID: p.ID, Post: p, Status: StatusClear, Verdict: checker.VerdictPass, Report: rep, CheckedAt: now, UpdatedAt: now}
						recs[j] = AuditRecord{At: now, PostID: p.ID, Trigger: "add", Verdict: checker.VerdictPass, Status: StatusClear, Report: rep}
					}
					if err := s.Put(ctx, es); err != nil {
						b.Fatal(err)
					}
					if err := s.Append(ctx, recs); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "posts/s")
			})
		}
	}
}

// TestPostgresLeaderNoticesLoss: when the lock's session dies under a
// leader that is still running, its leading context ends, so it stops
// work another replica may now be doing; release still returns.
func TestPostgresLeaderNoticesLoss(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	l := NewPostgresLeader(url, "recheck")
	l.CheckEvery = 50 * time.Millisecond
	leading, release, ok, err := l.Lead(ctx)
	if err != nil || !ok {
		t.Fatalf("lead: %v %v", ok, err)
	}
	defer release()
	admin, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	select {
	case <-leading.Done():
		t.Fatal("lead lost while the session lives")
	case <-time.After(3 * l.CheckEvery):
	}
	if _, err := admin.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`); err != nil {
		t.Fatal(err)
	}
	select {
	case <-leading.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the leader did not notice its session died")
	}
}
