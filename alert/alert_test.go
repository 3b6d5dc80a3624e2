package alert

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/queue"
)

const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

type receiver struct {
	mu     sync.Mutex
	bodies []string
	fail   int // answer 503 to this many requests first
	status int // then this (0: 200)
	check  func(r *http.Request, body []byte) error
	errs   []error
}

func (rv *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	rv.mu.Lock()
	defer rv.mu.Unlock()
	if rv.fail > 0 {
		rv.fail--
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	if rv.check != nil {
		if err := rv.check(r, b); err != nil {
			rv.errs = append(rv.errs, err)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
	}
	rv.bodies = append(rv.bodies, string(b))
	if rv.status != 0 {
		w.WriteHeader(rv.status)
	}
}

func holdEvent(id string) queue.Event {
	return queue.Event{Kind: queue.EventHold, At: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), PostID: id, Brand: "Acme",
		Scheduled: time.Date(2026, 3, 2, 18, 0, 0, 0, time.UTC), Reason: "re-checked on news: block, was pass: names Lakeport",
		Evidence: []checker.Evidence{{Type: "news", Title: "Ferry fire in Lakeport", URL: "https://news.example/a"}}}
}

// noSleep records the waits instead of sleeping.
type noSleep struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (n *noSleep) sleep(_ context.Context, d time.Duration) error {
	n.mu.Lock()
	n.waits = append(n.waits, d)
	n.mu.Unlock()
	return nil
}

// TestSlackAndSignedWebhook: one hold reaches a Slack-compatible receiver
// as text with the evidence, and a webhook receiver that verifies the
// Standard Webhooks signature with the reference library.
func TestSlackAndSignedWebhook(t *testing.T) {
	slack := &receiver{}
	verifier, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		t.Fatal(err)
	}
	hook := &receiver{check: func(r *http.Request, b []byte) error { return verifier.Verify(b, r.Header) }}
	ss, hs := httptest.NewServer(slack), httptest.NewServer(hook)
	defer ss.Close()
	defer hs.Close()
	wh, err := NewWebhook(hs.URL, secret)
	if err != nil {
		t.Fatal(err)
	}
	d := New(Options{}, &Slack{URL: ss.URL}, wh)
	d.Notify(holdEvent("p1"))
	d.Drain(context.Background())
	if len(slack.bodies) != 1 || !strings.Contains(slack.bodies[0], "held post p1") || !strings.Contains(slack.bodies[0], "Ferry fire in Lakeport") {
		t.Fatalf("slack got %q", slack.bodies)
	}
	var text map[string]string
	if err := json.Unmarshal([]byte(slack.bodies[0]), &text); err != nil || text["text"] == "" {
		t.Errorf("slack body is not {\"text\": …}: %v", err)
	}
	if len(hook.errs) > 0 || len(hook.bodies) != 1 {
		t.Fatalf("webhook: %v, %d bodies", hook.errs, len(hook.bodies))
	}
	var msg struct {
		Type string      `json:"type"`
		Data queue.Event `json:"data"`
	}
	if err := json.Unmarshal([]byte(hook.bodies[0]), &msg); err != nil || msg.Type != "hold" || msg.Data.PostID != "p1" || len(msg.Data.Evidence) != 1 {
		t.Errorf("webhook body %s (%v)", hook.bodies[0], err)
	}
	// A wrong secret does not verify: the signature is real.
	other, _ := NewWebhook(hs.URL, "whsec_"+strings.Repeat("QUFB", 8))
	d2 := New(Options{Retries: 1, Sleep: (&noSleep{}).sleep}, other)
	d2.Notify(holdEvent("p2"))
	d2.Drain(context.Background())
	if len(hook.errs) != 1 || d2.Stats().Failed != 1 {
		t.Errorf("a wrongly signed alert was accepted: %v %+v", hook.errs, d2.Stats())
	}
}

// TestDedupeRetryAndRate: the same event twice is one alert; a receiver
// failing twice gets the alert on the third try after doubling waits; a
// receiver that keeps failing is given up after the bounded retries; past
// the per-minute rate the dispatcher waits for the minute to pass.
func TestDedupeRetryAndRate(t *testing.T) {
	rv := &receiver{fail: 2}
	srv := httptest.NewServer(rv)
	defer srv.Close()
	ns := &noSleep{}
	d := New(Options{Sleep: ns.sleep, Backoff: time.Second}, &Slack{URL: srv.URL})
	d.Notify(holdEvent("p1"))
	d.Notify(holdEvent("p1"))
	d.Drain(context.Background())
	st := d.Stats()
	if len(rv.bodies) != 1 || st.Sent != 1 || st.Deduplicated != 1 || st.Retried != 2 {
		t.Fatalf("bodies %d, stats %+v", len(rv.bodies), st)
	}
	if len(ns.waits) != 2 || ns.waits[0] != time.Second || ns.waits[1] != 2*time.Second {
		t.Errorf("backoff waits %v, want [1s 2s]", ns.waits)
	}

	down := &receiver{fail: 1 << 30}
	ds := httptest.NewServer(down)
	defer ds.Close()
	ns2 := &noSleep{}
	d2 := New(Options{Sleep: ns2.sleep, Retries: 3, Backoff: time.Second, MaxBackoff: 3 * time.Second}, &Slack{URL: ds.URL})
	d2.Notify(holdEvent("p1"))
	d2.Drain(context.Background())
	if st := d2.Stats(); st.Failed != 1 || st.Retried != 3 || len(ns2.waits) != 3 || ns2.waits[2] != 3*time.Second {
		t.Errorf("unbounded or unbacked-off retries: %+v %v", st, ns2.waits)
	}

	// Rate: 2 a minute; the third waits for the first to leave the window.
	clk := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	ns3 := &noSleep{}
	ok := &receiver{}
	os := httptest.NewServer(ok)
	defer os.Close()
	d3 := New(Options{PerMinute: 2, Now: func() time.Time { return clk }, Sleep: func(ctx context.Context, dd time.Duration) error {
		clk = clk.Add(dd)
		return ns3.sleep(ctx, dd)
	}}, &Slack{URL: os.URL})
	for _, id := range []string{"a", "b", "c"} {
		d3.Notify(holdEvent(id))
	}
	d3.Drain(context.Background())
	if len(ok.bodies) != 3 || len(ns3.waits) != 1 || ns3.waits[0] != time.Minute {
		t.Errorf("rate limit: %d sent, waits %v", len(ok.bodies), ns3.waits)
	}
}

// TestBufferFullDrops: when the buffer is full, Notify drops and counts
// instead of blocking the queue.
func TestBufferFullDrops(t *testing.T) {
	d := New(Options{Buffer: 1}, &Slack{URL: "http://127.0.0.1:1"})
	d.Notify(holdEvent("a"))
	d.Notify(holdEvent("b"))
	if st := d.Stats(); st.Dropped != 1 {
		t.Errorf("stats %+v", st)
	}
}
