package web

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// rawExchange sends raw bytes to addr and returns the status line, the
// Content-Type and the body of the answer.
func rawExchange(t *testing.T, addr, raw string) (status, ctype, body string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprint(c, raw)
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	b, _ := io.ReadAll(c)
	head, body, _ := strings.Cut(string(b), "\r\n\r\n")
	lines := strings.Split(head, "\r\n")
	for _, l := range lines[1:] {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.EqualFold(k, "Content-Type") {
			ctype = strings.TrimSpace(v)
		}
	}
	return lines[0], ctype, body
}

// TestServerLimitErrorsAreJSON: the errors the HTTP server raises before a
// route runs (413 body too large, 431 headers too large, 408 too slow) are
// JSON with a stable code on /v1, and the 413 names the limit.
func TestServerLimitErrorsAreJSON(t *testing.T) {
	s, _ := newTestServer(t, func(d *Deps) {
		d.Options.ReadTimeout = 300 * time.Millisecond
		d.Options.BatchBodyLimit = 1000
	})
	addr := strings.TrimPrefix(serveTest(t, s), "http://")
	for _, tc := range []struct {
		name, raw, status, code string
	}{
		{"413", "POST /v1/check/batch HTTP/1.1\r\nHost: " + addr + "\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n" + strings.Repeat("a", 5000), "413", "too_large"},
		{"431", "GET /v1/calendar HTTP/1.1\r\nHost: " + addr + "\r\nX-Big: " + strings.Repeat("a", 9000) + "\r\n\r\n", "431", "too_large"},
		{"408", "POST /v1/check HTTP/1.1\r\nHost: " + addr + "\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{", "408", "timeout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, ctype, body := rawExchange(t, addr, tc.raw)
			var e struct{ Code, Message string }
			if !strings.Contains(status, " "+tc.status+" ") || !strings.HasPrefix(ctype, "application/json") || json.Unmarshal([]byte(body), &e) != nil || e.Code != tc.code {
				t.Fatalf("%s / %s / %s", status, ctype, body)
			}
			if tc.status == "413" && !strings.Contains(e.Message, "1000 bytes") {
				t.Errorf("413 does not name the limit: %s", e.Message)
			}
		})
	}
}

// TestBatchChargedPerPost: a batch costs one rate-limit token per post; a
// batch larger than the bucket is let in on a full bucket and leaves the
// client waiting it off.
func TestBatchChargedPerPost(t *testing.T) {
	s, _ := newTestServer(t, func(d *Deps) {
		d.Options.RateLimit = 1
		d.Options.RateBurst = 5
		d.Options.APIKeys = []string{"k"}
	})
	send := func(path, body string) *http.Response {
		r := postJSON(path, body)
		r.Header.Set("X-API-Key", "k")
		resp, _ := do(t, s, r)
		return resp
	}
	batch := strings.Repeat(`{"text":"a calm post"}`+"\n", 20)
	if resp := send("/v1/check/batch", batch); resp.StatusCode != 200 {
		t.Fatalf("batch on a full bucket: %d", resp.StatusCode)
	}
	resp := send("/v1/check", `{"text":"hello"}`)
	if resp.StatusCode != 429 {
		t.Fatalf("a check right after 20 posts: %d, want 429", resp.StatusCode)
	}
	if ra, _ := strconv.Atoi(resp.Header.Get("Retry-After")); ra < 10 {
		t.Errorf("Retry-After %q: the 20 posts are not paid for", resp.Header.Get("Retry-After"))
	}
}

// TestBatchSlots: a client runs at most service.batch_concurrency batches
// at once and the service at most batch_concurrency_total; a batch gives
// its slot back when its last line is written.
func TestBatchSlots(t *testing.T) {
	s, _ := newTestServer(t, func(d *Deps) { d.Options.BatchConcurrency = 2; d.Options.BatchConcurrencyTotal = 3 })
	who := "ip:0.0.0.0" // app.Test's client
	for range 2 {
		if err := s.batchSlots.acquire(who); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range []*http.Request{postJSON("/v1/check/batch", `{"text":"hi"}`), upload(t, "a.jsonl", `{"text":"hi"}`)} {
		resp, b := do(t, s, r)
		if resp.StatusCode != 429 || !strings.Contains(string(b), "batch_concurrency") {
			t.Errorf("%s with the client's slots taken: %d %.200s", r.URL.Path, resp.StatusCode, b)
		}
	}
	if err := s.batchSlots.acquire("ip:other"); err != nil {
		t.Errorf("another client: %v", err)
	}
	if err := s.batchSlots.acquire("ip:third"); err == nil || problem(err).Status != 503 {
		t.Errorf("over the service's total: %v", err)
	}
	s.batchSlots.release("ip:other")
	s.batchSlots.release(who)
	for _, r := range []*http.Request{postJSON("/v1/check/batch", `{"text":"hi"}`), upload(t, "a.jsonl", `{"text":"hi"}`)} {
		if resp, b := do(t, s, r); resp.StatusCode != 200 {
			t.Errorf("%s with a slot free: %d %.200s", r.URL.Path, resp.StatusCode, b)
		}
	}
	s.batchSlots.release(who)
	// The stream writer gives its slot back just after the last line.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		s.batchSlots.mu.Lock()
		all, n := s.batchSlots.all, len(s.batchSlots.inFlight)
		s.batchSlots.mu.Unlock()
		if all == 0 && n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("slots not given back: %d in flight", all)
		}
	}
}

// TestBatchPostLimitNamed: a batch over the post limit is a JSON 413 that
// names the setting, and is refused before it is decoded whole.
func TestBatchPostLimitNamed(t *testing.T) {
	s, _ := newTestServer(t, func(d *Deps) { d.Options.BatchMaxPosts = 3 })
	for _, body := range []string{strings.Repeat(`{"text":"hi"}`+"\n", 5), "[" + strings.Repeat(`{"text":"hi"},`, 4) + `{"text":"hi"}]`} {
		resp, b := do(t, s, postJSON("/v1/check/batch", body))
		if e := decode[apiError](t, b); resp.StatusCode != 413 || e.Code != CodeTooLarge || !strings.Contains(e.Message, "service.batch_max_posts") {
			t.Errorf("%d %s", resp.StatusCode, b)
		}
	}
	if n := len(splitBatch([]byte(strings.Repeat(`{"text":"hi"}`+"\n", 100)), 3)); n != 4 {
		t.Errorf("decoded %d items of a batch over a limit of 3", n)
	}
}
