package newsdb

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/pgtest"
	"github.com/preflight-dev/preflight/news"
	"github.com/preflight-dev/preflight/queue"
)

var morning = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

func pinned() time.Time { return morning }

// judge blocks a post when its replica's news index holds an article,
// published by the post's scheduled time, that names a word of the post:
// each replica judges only with the news its index followed. Every call is
// logged (replica, post) in one shared log, in order.
type judge struct {
	name  string
	index *news.Index
	log   *checkLog
	// onCheck runs before each check with the replica's count so far.
	onCheck func(n int) error
	n       int
}

type checkLog struct {
	mu    sync.Mutex
	calls []string // "A:p17"
}

func (l *checkLog) add(s string) {
	l.mu.Lock()
	l.calls = append(l.calls, s)
	l.mu.Unlock()
}

func (j *judge) Check(ctx context.Context, p checker.Post) (checker.Report, error) {
	j.n++
	if j.onCheck != nil {
		if err := j.onCheck(j.n); err != nil {
			return checker.Report{}, err
		}
	}
	j.log.add(j.name + ":" + p.ID)
	rep := checker.Report{ID: p.ID, Post: p, Verdict: checker.VerdictPass}
	arts, err := j.index.Search(ctx, checker.NewsQuery{At: p.ScheduledAt, Window: 72 * time.Hour, Terms: strings.Fields(p.Text), AnyClass: true})
	if err != nil {
		return rep, err
	}
	for _, a := range arts {
		rep.Findings = append(rep.Findings, checker.Finding{Rule: "news.test", Severity: checker.SeverityCritical,
			Message: "in the news: " + a.Title, Evidence: []checker.Evidence{checker.NewsEvidence(a)}})
	}
	if len(rep.Findings) > 0 {
		rep.Verdict, rep.Score = checker.VerdictBlock, 100
	}
	return rep, nil
}

// replica is one Preflight process: its own connections, index, queue.
type replica struct {
	store   *queue.Postgres
	archive *Archive
	index   *news.Index
	follow  *Follower
	judge   *judge
	queue   *queue.Queue
	re      *Rechecker
}

func newReplica(t *testing.T, url, name string, log *checkLog) *replica {
	t.Helper()
	ctx := context.Background()
	store, err := queue.OpenPostgres(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	ar, err := Open(ctx, store.Pool(), pinned)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := news.OpenMem(news.Options{Now: pinned})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	r := &replica{store: store, archive: ar, index: ix, follow: NewFollower(ar, ix)}
	r.judge = &judge{name: name, index: ix, log: log}
	r.queue = queue.New(store, r.judge, pinned)
	r.re = NewRechecker(ar, r.follow, r.queue, queue.NewPostgresLeader(url, "recheck"), pinned)
	return r
}

// TestTwoReplicasKillMidRecheck: two replicas share one database. Posts
// are queued; a crisis article is recorded by one replica and followed by
// both indexes. Replica A leads the re-check and is killed part-way (its
// context cancelled, its sessions closed) after committing one batch;
// replica B, polling all along, cannot lead while A lives, then takes over
// the unfinished job. The audit log shows every affected post re-checked
// exactly once for the job and held, no unaffected post touched, and no
// check by A after B began.
func TestTwoReplicasKillMidRecheck(t *testing.T) {
	url := pgtest.URL(t)
	ctx := context.Background()
	log := &checkLog{}
	a := newReplica(t, url, "A", log)
	b := newReplica(t, url, "B", log)

	const affected, other = 1200, 300
	var posts []checker.Post
	for i := range affected {
		posts = append(posts, checker.Post{ID: fmt.Sprintf("gb%04d", i), Text: "Lakeport rooftop party tonight",
			ScheduledAt: morning.Add(time.Duration(2+i%48) * time.Hour), Regions: []string{"GB"}})
	}
	for i := range other {
		posts = append(posts, checker.Post{ID: fmt.Sprintf("us%04d", i), Text: "Spring menu out now",
			ScheduledAt: morning.Add(time.Duration(2+i%48) * time.Hour), Regions: []string{"US"}})
	}
	if _, err := a.queue.Add(ctx, posts, "test"); err != nil {
		t.Fatal(err)
	}
	if added, _, err := b.archive.Record(ctx, news.OriginAPI, []checker.Article{{ID: "a1", Title: "Ferry fire in Lakeport harbour kills 14",
		URL: "https://news.example/lakeport", Published: morning.Add(-time.Hour), Regions: []string{"GB"}, Entities: []string{"Lakeport"}}}); err != nil || added != 1 {
		t.Fatalf("record: %d %v", added, err)
	}

	// A leads; after 700 checks (one batch of 500 committed) it dies.
	ctxA, killA := context.WithCancel(ctx)
	admin, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	bStarted := make(chan struct{})
	var bJob *Job
	var bErr error
	var wg sync.WaitGroup
	var bMissed int
	a.judge.n = 0 // count the re-check's calls only
	a.judge.onCheck = func(n int) error {
		switch n {
		case 1:
			wg.Add(1)
			go func() { // B polls from now on; it must not lead while A lives
				defer wg.Done()
				for {
					j, err := b.re.Round(ctx)
					if err != nil {
						bErr = err
						return
					}
					if j != nil {
						bJob = j
						return
					}
					bMissed++
					select {
					case <-bStarted:
					default:
						close(bStarted)
					}
					time.Sleep(5 * time.Millisecond)
				}
			}()
			<-bStarted
		case 700:
			killA()
			var n int
			if err := admin.QueryRow(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND pid <> pg_backend_pid()`).Scan(&n); err != nil || n != 1 {
				t.Errorf("kill A's leader session: %d %v", n, err)
			}
			a.store.Close()
			return ctxA.Err()
		}
		return nil
	}
	jobA, errA := a.re.Round(ctxA)
	if !errors.Is(errA, context.Canceled) || jobA == nil || jobA.Finished {
		t.Fatalf("A: job %+v, err %v; want an unfinished job cut short", jobA, errA)
	}
	wg.Wait()
	if bErr != nil {
		t.Fatal(bErr)
	}
	if bMissed == 0 || bJob == nil || !bJob.Resumed || bJob.Trigger != jobA.Trigger || !bJob.Finished || bJob.Skipped != 500 {
		t.Fatalf("B: tried %d times, job %+v; want A's job resumed with A's 500 re-checks skipped", bMissed, bJob)
	}

	// The record: each affected post re-checked once for the job, held.
	recs, err := b.store.Audit(ctx, queue.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	times := map[string]int{}
	for _, r := range recs {
		if r.Trigger == "recheck" && r.Note == jobA.Trigger {
			times[r.PostID]++
		}
	}
	for i := range affected {
		id := fmt.Sprintf("gb%04d", i)
		if times[id] != 1 {
			t.Fatalf("%s re-checked %d times, want once", id, times[id])
		}
	}
	if len(times) != affected {
		t.Errorf("%d posts re-checked, want the %d affected", len(times), affected)
	}
	held, err := b.store.List(ctx, queue.Filter{Statuses: []queue.Status{queue.StatusHeld}})
	if err != nil || len(held) != affected {
		t.Errorf("%d held (%v), want %d", len(held), err, affected)
	}
	// No check by A once B began re-checking.
	seenB := false
	for _, c := range log.calls[len(posts):] { // after the checks of Add
		if strings.HasPrefix(c, "B:") {
			seenB = true
		} else if seenB {
			t.Fatalf("A checked %s after B took over: two leaders", c)
		}
	}
	// Nothing new: the next round does nothing.
	if j, err := b.re.Round(ctx); j != nil || err != nil {
		t.Errorf("idle round: %+v %v", j, err)
	}
}

// TestFollowerKeepsOrigin: each replica's index takes the recorded
// articles once, with their origin, and the archive skips duplicates and
// rejects articles the index would reject.
func TestFollowerKeepsOrigin(t *testing.T) {
	url := pgtest.URL(t)
	ctx := context.Background()
	log := &checkLog{}
	a := newReplica(t, url, "A", log)
	b := newReplica(t, url, "B", log)
	art := checker.Article{ID: "x", Title: "Storm closes ports", URL: "https://news.example/storm", Published: morning.Add(-time.Hour), Regions: []string{"NO"}, Entities: []string{"Bergen"}}
	if n, rej, err := a.archive.Record(ctx, news.OriginPoll, []checker.Article{art, art, {ID: "bad"}}); err != nil || n != 1 || rej != 1 {
		t.Fatalf("record: added %d, rejected %d, %v", n, rej, err)
	}
	if n, _, _ := b.archive.Record(ctx, news.OriginAPI, []checker.Article{art}); n != 0 {
		t.Errorf("duplicate recorded again by another replica")
	}
	for _, r := range []*replica{a, b} {
		added, cur, err := r.follow.Sync(ctx)
		if err != nil || added != 1 || cur == 0 {
			t.Fatalf("sync: %d %d %v", added, cur, err)
		}
		if added, _, _ := r.follow.Sync(ctx); added != 0 {
			t.Errorf("second sync added %d", added)
		}
		got, err := r.index.Search(ctx, checker.NewsQuery{At: morning, Window: 24 * time.Hour, Terms: []string{"Bergen"}, AnyClass: true})
		if err != nil || len(got) != 1 {
			t.Fatalf("index: %v %v", got, err)
		}
		// Polled articles are pruned by retention; imported ones are not.
		if n, err := r.index.Prune(morning); err != nil || n != 1 {
			t.Errorf("prune polled article: %d %v (origin lost?)", n, err)
		}
	}
}

// TestRunPicksUpNews: the loop re-checks articles recorded while it runs,
// reports the job, and stops with its context.
func TestRunPicksUpNews(t *testing.T) {
	url := pgtest.URL(t)
	ctx, cancel := context.WithCancel(context.Background())
	r := newReplica(t, url, "A", &checkLog{})
	if _, err := r.queue.Add(ctx, []checker.Post{{ID: "p", Text: "Lakeport rooftop party", ScheduledAt: morning.Add(3 * time.Hour), Regions: []string{"GB"}}}, "test"); err != nil {
		t.Fatal(err)
	}
	jobs := make(chan *Job, 4)
	done := make(chan struct{})
	go func() {
		r.re.Run(ctx, 10*time.Millisecond, func(j *Job, err error) {
			if err != nil {
				t.Errorf("round: %v", err)
			}
			jobs <- j
		})
		close(done)
	}()
	if _, _, err := r.archive.Record(ctx, news.OriginPoll, []checker.Article{{ID: "a", Title: "Ferry fire in Lakeport", Published: morning.Add(-time.Hour), Regions: []string{"GB"}, Entities: []string{"Lakeport"}}}); err != nil {
		t.Fatal(err)
	}
	select {
	case j := <-jobs:
		if j == nil || !j.Finished || len(j.Summary.Held) != 1 {
			t.Errorf("job %+v", j)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no re-check within 10 s of the article")
	}
	cancel()
	<-done
}
