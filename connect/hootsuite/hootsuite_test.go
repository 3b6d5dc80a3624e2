package hootsuite

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/queue"
)

// hootsuite plays the REST API from testdata and records the reviews.
type hootsuite struct {
	mu      sync.Mutex
	reviews []string // "4094517701 reject {body}"
}

func (h *hootsuite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if r.Header.Get("Authorization") != "Bearer reviewer-token" {
		w.WriteHeader(http.StatusUnauthorized)
		raw, _ := os.ReadFile("testdata/unauthorized.json")
		w.Write(raw)
		return
	}
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/v1/"), "/")
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/v1/me":
		raw, _ := os.ReadFile("testdata/me.json")
		w.Write(raw)
	case r.Method == http.MethodGet && len(parts) == 2 && parts[0] == "messages":
		raw, err := os.ReadFile(filepath.Join("testdata", "message_"+parts[1]+".json"))
		if err != nil {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		w.Write(raw)
	case r.Method == http.MethodPost && len(parts) == 3 && parts[0] == "messages" && (parts[2] == "approve" || parts[2] == "reject"):
		body, _ := io.ReadAll(r.Body)
		h.reviews = append(h.reviews, parts[1]+" "+parts[2]+" "+string(body))
		w.Write([]byte(`{"data":[]}`))
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

type blocker struct{}

func (blocker) Check(_ context.Context, p checker.Post) (checker.Report, error) {
	rep := checker.Report{ID: p.ID, Post: p, Verdict: checker.VerdictPass}
	if strings.Contains(p.Text, "Lakeport") {
		rep.Verdict = checker.VerdictBlock
		rep.Findings = []checker.Finding{{Rule: "news.test", Severity: checker.SeverityCritical, Message: "names Lakeport, in the news",
			Evidence: []checker.Evidence{{Type: "news", Title: "Ferry fire in Lakeport harbour kills 14", URL: "https://news.example/lakeport"}}}}
	}
	return rep, nil
}

// TestReviewEvents: a delivery of three events reviews the two messages
// waiting for approval: the one naming the stricken town is rejected with
// the reason and the headline, the other approved, both as an external
// reviewer with the message's sequence number; the scheduled one is left.
func TestReviewEvents(t *testing.T) {
	api := &hootsuite{}
	ts := httptest.NewServer(api)
	defer ts.Close()
	store, err := queue.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "q.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	q := queue.New(store, blocker{}, func() time.Time { return time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC) })
	r, err := New(Config{Token: "reviewer-token", EventSecret: "s3cret", API: ts.URL, Platform: "X", Regions: []string{"GB"}}, q, ts.Client())
	if err != nil {
		t.Fatal(err)
	}
	if who, err := r.Verify(context.Background()); err != nil || who != "Acme Preflight <reviewer@acme.example>" {
		t.Fatalf("verify: %q %v", who, err)
	}
	events, _ := os.ReadFile("testdata/event_pending.json")

	// Through the HTTP receiver: a wrong secret is refused and reviews nothing.
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/hootsuite/events?secret=nope", strings.NewReader(string(events))))
	if rec.Code != http.StatusUnauthorized || len(api.reviews) != 0 {
		t.Fatalf("wrong secret: %d, %d reviews", rec.Code, len(api.reviews))
	}
	rec = httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/hootsuite/events?secret=s3cret", strings.NewReader(string(events))))
	if rec.Code != http.StatusOK {
		t.Fatalf("delivery: %d %s", rec.Code, rec.Body)
	}
	if len(api.reviews) != 2 {
		t.Fatalf("reviews %v", api.reviews)
	}
	f := strings.SplitN(api.reviews[0], " ", 3)
	id, action, body := f[0], f[1], f[2]
	var sent map[string]any
	json.Unmarshal([]byte(body), &sent)
	if id != "4094517701" || action != "reject" || sent["reviewerType"] != "EXTERNAL" || sent["sequenceNumber"] != float64(2) ||
		!strings.Contains(sent["reason"].(string), "names Lakeport") || !strings.Contains(sent["reason"].(string), "Ferry fire in Lakeport harbour kills 14") {
		t.Errorf("first review: %s", api.reviews[0])
	}
	if !strings.HasPrefix(api.reviews[1], "4094517703 approve ") || strings.Contains(api.reviews[1], "reason") {
		t.Errorf("second review: %s", api.reviews[1])
	}
	e, err := store.Get(context.Background(), "hootsuite:4094517701")
	if err != nil || e.Status != queue.StatusHeld || e.Post.Platform != checker.PlatformX || len(e.Post.Media) != 1 {
		t.Errorf("queued: %+v %v", e, err)
	}
}

// TestRefusals: bad tokens, bad deliveries and bad settings say what is wrong.
func TestRefusals(t *testing.T) {
	ts := httptest.NewServer(&hootsuite{})
	defer ts.Close()
	r, _ := New(Config{Token: "old", EventSecret: "x", API: ts.URL}, nil, ts.Client())
	if _, err := r.Verify(context.Background()); err == nil || !strings.Contains(err.Error(), "Invalid or expired access token") {
		t.Errorf("bad token: %v", err)
	}
	r, _ = New(Config{Token: "reviewer-token", API: ts.URL}, nil, ts.Client())
	if _, err := r.Verify(context.Background()); err == nil || !strings.Contains(err.Error(), "event_secret") {
		t.Errorf("no event secret: %v", err)
	}
	if _, err := r.Handle(context.Background(), []byte(`{"type":"x"}`)); err == nil || !strings.Contains(err.Error(), "JSON array") {
		t.Errorf("not an array: %v", err)
	}
	if _, err := r.Handle(context.Background(), []byte(`[{"type":"com.hootsuite.messages.event.v1","data":{"state":"PENDING_APPROVAL","message":{}}}]`)); err == nil || !strings.Contains(err.Error(), "event 1: data.message.id") {
		t.Errorf("no message id: %v", err)
	}
	for _, c := range []Config{{}, {Token: "t", API: "platform.hootsuite.com"}, {Token: "t", Platform: "myspace"}} {
		if _, err := New(c, nil, nil); err == nil || !strings.Contains(err.Error(), "connect.hootsuite.") {
			t.Errorf("%+v: %v", c, err)
		}
	}
	if got := Reason(&queue.Hold{Reason: strings.Repeat("é", 800)}); len(got) > maxReason+len("…") {
		t.Errorf("reason not capped: %d bytes", len(got))
	}
}
