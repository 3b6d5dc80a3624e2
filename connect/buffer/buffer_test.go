package buffer

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/queue"
)

// buffer plays Buffer's API from testdata; pending updates come one file
// a page (pending_PROFILE_PAGE.json).
func buffer(t *testing.T) *httptest.Server {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		file := ""
		switch {
		case r.URL.Query().Get("access_token") != "buffer-token":
			w.WriteHeader(http.StatusUnauthorized)
			file = "unauthorized.json"
		case r.URL.Path == "/1/user.json":
			file = "user.json"
		case r.URL.Path == "/1/profiles.json":
			file = "profiles.json"
		case strings.HasSuffix(r.URL.Path, "/updates/pending.json"):
			id := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/1/profiles/"), "/updates/pending.json")
			file = fmt.Sprintf("pending_%s_%s.json", id, r.URL.Query().Get("page"))
		}
		raw, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`{"success":false,"message":"not found"}`))
			return
		}
		w.Write(raw)
	}))
	t.Cleanup(ts.Close)
	return ts
}

type blocker struct{ calls int }

func (b *blocker) Check(_ context.Context, p checker.Post) (checker.Report, error) {
	b.calls++
	rep := checker.Report{ID: p.ID, Post: p, Verdict: checker.VerdictPass}
	if strings.Contains(p.Text, "Lakeport") && p.ScheduledAt.Day() == 2 {
		rep.Verdict = checker.VerdictBlock
		rep.Findings = []checker.Finding{{Rule: "news.test", Severity: checker.SeverityCritical, Message: "names Lakeport, in the news"}}
	}
	return rep, nil
}

// TestPollAndReport: every profile's pending updates are read across
// pages and queued with their platform and alt text; the held one is
// reported with its reason; a second poll of the same queue re-checks
// nothing and still reports the hold.
func TestPollAndReport(t *testing.T) {
	ctx := context.Background()
	ts := buffer(t)
	c, err := New(Config{Token: "buffer-token", API: ts.URL + "/1", Regions: []string{"GB"}}, ts.Client())
	if err != nil {
		t.Fatal(err)
	}
	if who, err := c.Verify(ctx); err != nil || who != "Acme Social (2 profiles)" {
		t.Fatalf("verify: %q %v", who, err)
	}
	store, err := queue.OpenSQLite(ctx, filepath.Join(t.TempDir(), "q.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	b := &blocker{}
	q := queue.New(store, b, func() time.Time { return time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC) })
	sum, err := c.Sync(ctx, q)
	if err != nil || sum.Profiles != 2 || sum.Read != 4 || sum.Queued != 4 {
		t.Fatalf("poll: %+v %v", sum, err)
	}
	if len(sum.Held) != 1 || sum.Held[0].ID != "buffer:5a1" || sum.Held[0].Profile != "twitter @acmebar" || !strings.Contains(sum.Held[0].Reason, "names Lakeport") {
		t.Fatalf("held: %+v", sum.Held)
	}
	e, _ := store.Get(ctx, "buffer:5a1")
	if e.Post.Platform != checker.PlatformX || len(e.Post.Media) != 1 || e.Post.Media[0].Alt != "People dancing on a rooftop" || !e.Post.ScheduledAt.Equal(time.Date(2026, 3, 2, 18, 0, 0, 0, time.UTC)) {
		t.Errorf("mapped as %+v", e.Post)
	}
	if e, _ := store.Get(ctx, "buffer:6b1"); e.Post.Platform != checker.PlatformFacebook {
		t.Errorf("facebook update mapped as %s", e.Post.Platform)
	}
	calls := b.calls
	sum, err = c.Sync(ctx, q)
	if err != nil || sum.Queued != 0 || b.calls != calls || len(sum.Held) != 1 {
		t.Errorf("second poll: %+v %v (%d new checks)", sum, err, b.calls-calls)
	}
}

// TestRefusals: a bad token, an unknown profile and bad settings say what
// is wrong, and the token never appears in an error.
func TestRefusals(t *testing.T) {
	ctx := context.Background()
	ts := buffer(t)
	c, _ := New(Config{Token: "stale-token", API: ts.URL + "/1"}, ts.Client())
	_, err := c.Verify(ctx)
	if err == nil || !strings.Contains(err.Error(), "access token is invalid") || strings.Contains(err.Error(), "stale-token") {
		t.Errorf("bad token: %v", err)
	}
	c, _ = New(Config{Token: "buffer-token", API: ts.URL + "/1", Profiles: []string{"nope"}}, ts.Client())
	if _, err := c.Profiles(ctx); err == nil || !strings.Contains(err.Error(), `connect.buffer.profiles: "nope"`) {
		t.Errorf("unknown profile: %v", err)
	}
	c, _ = New(Config{Token: "secret-token", API: "http://127.0.0.1:1/1"}, nil)
	if _, err := c.Verify(ctx); err == nil || strings.Contains(err.Error(), "secret-token") {
		t.Errorf("unreachable: %v", err)
	}
	for _, cfg := range []Config{{}, {Token: "t", API: "api.bufferapp.com"}} {
		if _, err := New(cfg, nil); err == nil || !strings.Contains(err.Error(), "connect.buffer.") {
			t.Errorf("%+v: %v", cfg, err)
		}
	}
}
