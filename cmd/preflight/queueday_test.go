package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/news"
	"github.com/preflight-dev/preflight/queue"
	"github.com/preflight-dev/preflight/web"
)

const dayHookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

// dayClock is the test's clock, moved by hand.
type dayClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *dayClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *dayClock) set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// alertSink is a local alert receiver that verifies Standard Webhooks
// signatures and keeps what it got.
type alertSink struct {
	mu     sync.Mutex
	events []queue.Event
	bad    int
	verify *standardwebhooks.Webhook
}

func (s *alertSink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.verify.Verify(b, r.Header); err != nil {
		s.bad++
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	var msg struct{ Data queue.Event }
	json.Unmarshal(b, &msg)
	s.events = append(s.events, msg.Data)
}

func (s *alertSink) got(kind queue.EventKind, post string) *queue.Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, e := range s.events {
		if e.Kind == kind && (post == "" || e.PostID == post) {
			return &s.events[i]
		}
	}
	return nil
}

// waitFor polls cond for up to 20 s of real time (the re-check and the
// alert run in the background; the clock they read is the test's).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestQueuePlaysADay is the queue's "done when": posts are queued through
// the API on a quiet morning; a crisis article arrives through the news
// index; the service re-checks by itself and holds the post that the news
// reaches, at the test clock's time, with the article as evidence, and a
// signed alert reaches a local receiver; the posts the news does not reach
// stay clear; the scheduler's pre-publish call answers hold for the held
// post; a release lets it publish; and a replay of every verdict in the
// audit log, with the news known at its time, gives the same verdict.
func TestQueuePlaysADay(t *testing.T) {
	sink := &alertSink{}
	var err error
	if sink.verify, err = standardwebhooks.NewWebhook(dayHookSecret); err != nil {
		t.Fatal(err)
	}
	receiver := httptest.NewServer(sink)
	defer receiver.Close()

	dir := t.TempDir()
	cfg := fmt.Sprintf("regions: [GB, US]\nqueue:\n  window: 72h\n  alerts:\n    webhook_url: %s\n    webhook_secret: %s\n", receiver.URL, dayHookSecret)
	if err := os.WriteFile(filepath.Join(dir, "preflight.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	day := func(h, m int) time.Time { return time.Date(2026, 6, 9, h, m, 0, 0, time.UTC) }
	clk := &dayClock{t: day(8, 0)}
	ctx, cancel := context.WithCancel(withClock(context.Background(), clk.now))
	defer cancel()

	var watcher atomic.Pointer[queue.Watcher]
	a, err := openApp(ctx, appOptions{dataDir: dir, createIndex: true, onNewsCommit: func(_ news.Origin, arts []checker.Article) {
		if w := watcher.Load(); w != nil {
			w.NewsCommitted(arts)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	sq, err := startQueue(ctx, a, logger)
	if err != nil {
		t.Fatal(err)
	}
	defer sq.close()
	ticks := make(chan time.Time)
	sq.ticks = func() (<-chan time.Time, func()) { return ticks, func() {} }
	watcher.Store(sq.watcher)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); sq.run(ctx) }()
	defer wg.Wait()
	defer cancel()

	srv, err := web.New(web.Deps{Engine: a.engine, Calendar: a.calendar, Logger: logger, Now: clk.now, Queue: sq.queue, Recheck: sq.recheck,
		Options: web.Options{HookSecrets: []string{dayHookSecret}, APIKeys: []string{"day-key"}, RateLimit: -1}, Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	call := func(method, path, body string, h map[string]string) (int, []byte) {
		t.Helper()
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer day-key")
		for k, v := range h {
			req.Header.Set(k, v)
		}
		resp, err := srv.App().Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	signer, _ := standardwebhooks.NewWebhook(dayHookSecret)
	hook := func(id, body string) map[string]any {
		t.Helper()
		sig, _ := signer.Sign(id, clk.now(), []byte(body))
		status, b := call("POST", "/v1/hooks/prepublish", body, map[string]string{"webhook-id": id,
			"webhook-timestamp": strconv.FormatInt(clk.now().Unix(), 10), "webhook-signature": sig})
		if status != 200 {
			t.Fatalf("hook %s: %d %s", id, status, b)
		}
		var m map[string]any
		json.Unmarshal(b, &m)
		return m
	}

	at := day(18, 0).Format(time.RFC3339)
	posts := fmt.Sprintf(`[
		{"id":"gb-bar","text":"Weekend in Lakeport? Our harbour rooftop bar opens tonight with 2-for-1 cocktails!","scheduled_at":%q,"regions":["GB"],"brand":"Northway"},
		{"id":"gb-service","text":"Our customer service team is available until 6pm today on 0800 123 456.","scheduled_at":%q,"regions":["GB"],"brand":"Northway"},
		{"id":"us-sale","text":"Spring jackets are in: 20%% off all week.","scheduled_at":%q,"regions":["US"],"brand":"Northway"}]`, at, at, at)
	if status, b := call("POST", "/v1/queue", posts, map[string]string{"Idempotency-Key": "morning"}); status != 200 {
		t.Fatalf("queue: %d %s", status, b)
	}
	for _, id := range []string{"gb-bar", "gb-service", "us-sale"} {
		if e, _ := sq.queue.Store().Get(ctx, id); e.Status != queue.StatusClear {
			t.Fatalf("%s queued as %s (%s) on a quiet morning", id, e.Status, e.Report)
		}
	}

	// 10:00: the crisis article is ingested; the service re-checks by itself.
	clk.set(day(10, 0))
	title := "Ferry fire in Lakeport harbour kills 14"
	if _, err := a.index.AddFrom(ctx, news.OriginAPI, []checker.Article{{ID: "lakeport-fire", Title: title, URL: "https://news.example/lakeport-fire",
		Summary: "Fourteen people died when a ferry caught fire in Lakeport harbour.", Published: day(9, 40), Regions: []string{"GB"},
		Entities: []string{"Lakeport"}, Crisis: checker.CrisisDisaster, Severity: 0.9, Language: "en"}}); err != nil {
		t.Fatal(err)
	}
	var held queue.Entry
	waitFor(t, "the re-check to hold gb-bar", func() bool {
		held, _ = sq.queue.Store().Get(ctx, "gb-bar")
		return held.Status == queue.StatusHeld
	})
	if h := held.Hold; h == nil || !h.At.Equal(day(10, 0)) || h.By != "preflight" || len(h.Evidence) == 0 || !strings.Contains(h.Evidence[0].Title+h.Reason, "Lakeport") {
		t.Errorf("hold %+v: want it at the test clock's 10:00, by preflight, citing the article", held.Hold)
	}
	for _, id := range []string{"gb-service", "us-sale"} {
		if e, _ := sq.queue.Store().Get(ctx, id); e.Status != queue.StatusClear {
			t.Errorf("%s is %s after news it has nothing to do with: %s", id, e.Status, e.Report)
		}
	}
	waitFor(t, "the hold alert", func() bool { return sink.got(queue.EventHold, "gb-bar") != nil })
	if ev := sink.got(queue.EventHold, "gb-bar"); len(ev.Evidence) == 0 || sink.bad > 0 {
		t.Errorf("alert %+v (bad signatures %d)", ev, sink.bad)
	}
	if sink.got(queue.EventCrisisProposed, "") == nil {
		waitFor(t, "the crisis proposal alert", func() bool { return sink.got(queue.EventCrisisProposed, "") != nil })
	}

	// The scheduler asks before publishing: hold for the held post only.
	pre := func(id string) string {
		return fmt.Sprintf(`{"id":%q,"text":"Weekend in Lakeport? Our harbour rooftop bar opens tonight with 2-for-1 cocktails!","scheduled_at":%q,"regions":["GB"]}`, id, at)
	}
	if ans := hook("pre-1", pre("gb-bar")); ans["action"] != "hold" || !strings.Contains(fmt.Sprint(ans["reason"]), "held") {
		t.Errorf("pre-publish of the held post: %v %v", ans["action"], ans["reason"])
	}
	if ans := hook("pre-2", `{"id":"us-sale","text":"Spring jackets are in: 20% off all week.","scheduled_at":"`+at+`","regions":["US"]}`); ans["action"] != "publish" {
		t.Errorf("pre-publish of a clear post: %v %v", ans["action"], ans["reason"])
	}

	// A person releases it; it may publish, and the scheduler reports it.
	clk.set(day(11, 0))
	if status, b := call("POST", "/v1/queue/gb-bar/release", `{"reason":"moved the venue"}`, nil); status != 200 {
		t.Fatalf("release: %d %s", status, b)
	}
	waitFor(t, "the release alert", func() bool { return sink.got(queue.EventRelease, "gb-bar") != nil })
	if ans := hook("pre-3", pre("gb-bar")); ans["action"] == "hold" && strings.Contains(fmt.Sprint(ans["reason"]), "held in the queue") {
		t.Errorf("a released post is still held: %v", ans["reason"])
	}
	if status, b := call("POST", "/v1/queue/gb-bar/published", ``, nil); status != 200 {
		t.Fatalf("published: %d %s", status, b)
	}

	// Every verdict replays the same with the news known at its time.
	if err := sq.queue.FlushAudit(ctx); err != nil { // the hook's verdicts are written behind the call
		t.Fatal(err)
	}
	recs, err := sq.queue.Store().Audit(ctx, queue.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	replayed := 0
	for _, r := range recs {
		if r.Verdict == "" || r.Post == nil {
			continue
		}
		eng, err := a.engineKnownAt(r.KnownAt())
		if err != nil {
			t.Fatal(err)
		}
		res, err := sq.queue.Replay(ctx, r.Seq, eng)
		if err != nil {
			t.Fatalf("replay %d: %v", r.Seq, err)
		}
		if !res.Same {
			t.Errorf("replay of record %d (%s %s at %s): %s, was %s", r.Seq, r.Trigger, r.PostID, r.At, res.Verdict, r.Verdict)
		}
		replayed++
	}
	if replayed < 5 {
		t.Errorf("only %d verdicts replayed", replayed)
	}
	// A replay really uses the news of its time: the morning's verdict on
	// gb-bar judged with today's news would differ.
	first := recs[0]
	if first.PostID == "gb-bar" && first.Verdict == checker.VerdictPass {
		res, err := sq.queue.Replay(ctx, first.Seq, a.engine)
		if err != nil {
			t.Fatal(err)
		}
		if res.Same {
			t.Errorf("the morning verdict replayed with all news is still %s: the replay would not tell news apart", res.Verdict)
		}
	}
}
