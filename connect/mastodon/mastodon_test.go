package mastodon

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/queue"
)

var now = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

// server plays a Mastodon instance from the recorded answers in testdata:
// one scheduled status a page (to follow the Link header), PUT moves a
// status and refuses a time less than five minutes ahead, a wrong token is
// refused with Mastodon's own answer.
type server struct {
	mu       sync.Mutex
	statuses []map[string]any
	puts     []string // "3221 2027-03-02T18:00:00Z"
}

func newServer(t *testing.T) (*server, *httptest.Server) {
	raw, err := os.ReadFile(filepath.Join("testdata", "scheduled_statuses.json"))
	if err != nil {
		t.Fatal(err)
	}
	s := &server{}
	if err := json.Unmarshal(raw, &s.statuses); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts
}

func send(w http.ResponseWriter, code int, file string) {
	raw, _ := os.ReadFile(filepath.Join("testdata", file))
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	w.Write(raw)
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.Header.Get("Authorization") != "Bearer good-token" {
		send(w, http.StatusUnauthorized, "invalid_token.json")
		return
	}
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/api/v1/accounts/verify_credentials":
		send(w, http.StatusOK, "verify_credentials.json")
	case r.Method == http.MethodGet && r.URL.Path == "/api/v1/scheduled_statuses":
		i := 0
		if max := r.URL.Query().Get("max_id"); max != "" {
			i = slices.IndexFunc(s.statuses, func(m map[string]any) bool { return m["id"] == max }) + 1
		}
		page := s.statuses[i:min(i+1, len(s.statuses))]
		if i+1 < len(s.statuses) {
			w.Header().Set("Link", `<http://`+r.Host+`/api/v1/scheduled_statuses?limit=40&max_id=`+page[0]["id"].(string)+`>; rel="next"`)
		}
		json.NewEncoder(w).Encode(page)
	case r.Method == http.MethodPut && strings.HasPrefix(r.URL.Path, "/api/v1/scheduled_statuses/"):
		id := strings.TrimPrefix(r.URL.Path, "/api/v1/scheduled_statuses/")
		at, err := time.Parse(time.RFC3339, r.FormValue("scheduled_at"))
		if err != nil || at.Before(now.Add(MinAhead)) {
			send(w, http.StatusUnprocessableEntity, "past_date.json")
			return
		}
		for _, m := range s.statuses {
			if m["id"] == id {
				m["scheduled_at"] = at.Format(time.RFC3339)
				s.puts = append(s.puts, id+" "+at.Format(time.RFC3339))
				json.NewEncoder(w).Encode(m)
				return
			}
		}
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte(`{"error":"Record not found"}`))
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

// blocker blocks posts that name Lakeport once the ferry fire is known.
type blocker struct{ fire bool }

func (b *blocker) Check(_ context.Context, p checker.Post) (checker.Report, error) {
	rep := checker.Report{ID: p.ID, Post: p, Verdict: checker.VerdictPass}
	if b.fire && strings.Contains(p.Text, "Lakeport") {
		rep.Verdict = checker.VerdictBlock
		rep.Findings = []checker.Finding{{Rule: "news.test", Severity: checker.SeverityCritical, Message: "Lakeport is in the news"}}
	}
	return rep, nil
}

func newQueue(t *testing.T, b *blocker) *queue.Queue {
	s, err := queue.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "q.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return queue.New(s, b, func() time.Time { return now })
}

// TestSyncHoldAndRestore: the recorded statuses are read across pages and
// mapped (reply, alt text, platform); a held post is moved a year ahead;
// a sync while it is held leaves it; released, it goes back to its time.
func TestSyncHoldAndRestore(t *testing.T) {
	ctx := context.Background()
	srv, ts := newServer(t)
	c, err := New(Config{Server: ts.URL, Token: "good-token", Regions: []string{"GB"}}, ts.Client(), func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	if acct, err := c.Verify(ctx); err != nil || acct != "acme" {
		t.Fatalf("verify: %q %v", acct, err)
	}
	b := &blocker{}
	q := newQueue(t, b)
	sum, err := c.Sync(ctx, q)
	if err != nil || sum.Read != 2 || sum.Queued != 2 || len(sum.Parked) != 0 {
		t.Fatalf("first sync: %+v %v", sum, err)
	}
	reply, _ := q.Store().Get(ctx, "mastodon:3222")
	if reply.Post.Kind != checker.KindReply || reply.Post.InReplyTo != "110998877" || reply.Post.Platform != checker.PlatformMastodon {
		t.Errorf("reply mapped as %+v", reply.Post)
	}
	bar, _ := q.Store().Get(ctx, "mastodon:3221")
	if len(bar.Post.Media) != 1 || bar.Post.Media[0].Alt != "People dancing on a rooftop at sunset" || !slices.Equal(bar.Post.Regions, []string{"GB"}) {
		t.Errorf("media or regions lost: %+v", bar.Post)
	}

	// The news breaks; the queue's re-check holds the rooftop post.
	b.fire = true
	if _, err := q.Recheck(ctx, "news", nil); err != nil {
		t.Fatal(err)
	}
	sum, err = c.Sync(ctx, q)
	if err != nil || !slices.Equal(sum.Parked, []string{"mastodon:3221"}) || sum.Queued != 0 {
		t.Fatalf("hold sync: %+v %v", sum, err)
	}
	if want := "3221 2027-03-02T18:00:00Z"; !slices.Equal(srv.puts, []string{want}) {
		t.Fatalf("PUTs %v, want %s", srv.puts, want)
	}
	// Still held: nothing moves, and the parked time is not queued as a new time.
	if sum, err = c.Sync(ctx, q); err != nil || sum.Waiting != 1 || len(srv.puts) != 1 {
		t.Fatalf("held sync: %+v %v %v", sum, err, srv.puts)
	}
	if e, _ := q.Store().Get(ctx, "mastodon:3221"); !e.Post.ScheduledAt.Equal(time.Date(2026, 3, 2, 18, 0, 0, 0, time.UTC)) {
		t.Fatalf("queued time changed to %s", e.Post.ScheduledAt)
	}
	if _, err := q.Release(ctx, "mastodon:3221", "ana", "reworded elsewhere"); err != nil {
		t.Fatal(err)
	}
	sum, err = c.Sync(ctx, q)
	if err != nil || !slices.Equal(sum.Restored, []string{"mastodon:3221"}) {
		t.Fatalf("release sync: %+v %v", sum, err)
	}
	if got := srv.puts[len(srv.puts)-1]; got != "3221 2026-03-02T18:00:00Z" {
		t.Errorf("restored to %s", got)
	}
	// Released and unchanged: the next sync neither re-queues nor parks it.
	if sum, err = c.Sync(ctx, q); err != nil || sum.Queued != 0 || len(sum.Parked) != 0 || len(srv.puts) != 2 {
		t.Errorf("after release: %+v %v %v", sum, err, srv.puts)
	}
}

// TestRefusals: a wrong token and a bad configuration say what is wrong;
// restoring a post whose time has passed schedules it just past
// Mastodon's five-minute minimum instead of failing.
func TestRefusals(t *testing.T) {
	ctx := context.Background()
	srv, ts := newServer(t)
	c, _ := New(Config{Server: ts.URL, Token: "wrong"}, ts.Client(), nil)
	if _, err := c.Verify(ctx); err == nil || !strings.Contains(err.Error(), "The access token is invalid") || !strings.Contains(err.Error(), "401") {
		t.Errorf("wrong token: %v", err)
	}
	for _, cfg := range []Config{{Server: "mastodon.example", Token: "x"}, {Server: "https://mastodon.example"}, {Server: "https://m.example", Token: "${PREFLIGHT_TEST_UNSET_TOKEN}"}} {
		if _, err := New(cfg, nil, nil); err == nil || !strings.Contains(err.Error(), "connect.mastodon.") {
			t.Errorf("%+v: %v", cfg, err)
		}
	}
	later := now.Add(20 * time.Hour) // the post's 18:00 has passed
	c, _ = New(Config{Server: ts.URL, Token: "good-token"}, ts.Client(), func() time.Time { return later })
	b := &blocker{fire: true}
	q := newQueue(t, b)
	if _, err := c.Sync(ctx, q); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Release(ctx, "mastodon:3221", "ana", "fine now"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Sync(ctx, q); err != nil {
		t.Fatal(err)
	}
	if got, want := srv.puts[len(srv.puts)-1], "3221 "+later.Add(MinAhead+time.Minute).Format(time.RFC3339); got != want {
		t.Errorf("restored to %s, want %s", got, want)
	}
}
