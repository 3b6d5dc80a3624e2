package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestGracefulShutdown: cancelling the context stops new connections but
// lets a request in flight finish with its answer.
func TestGracefulShutdown(t *testing.T) {
	s, _ := newTestServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()

	type result struct {
		status int
		body   string
		err    error
	}
	got := make(chan result, 1)
	go func() {
		// The test rule sleeps 400 ms on "slowly".
		resp, err := http.Post(url+"/v1/check", "application/json", strings.NewReader(`{"text":"slowly but damn surely"}`))
		if err != nil {
			got <- result{err: err}
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		got <- result{status: resp.StatusCode, body: string(b)}
	}()
	time.Sleep(150 * time.Millisecond) // the request is in flight
	cancel()
	r := <-got
	if r.err != nil || r.status != 200 || !strings.Contains(r.body, `"verdict":"block"`) {
		t.Fatalf("in-flight request: %+v", r)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after shutdown")
	}
	if _, err := http.Get(url + "/healthz"); err == nil {
		t.Error("server still accepts connections after shutdown")
	}
}

// TestWarnsWhenExposedWithoutKeys: serving on every interface with no API
// keys logs a warning that says how to open the service.
func TestWarnsWhenExposedWithoutKeys(t *testing.T) {
	for _, tc := range []struct {
		addr string
		keys []string
		warn bool
	}{{"0.0.0.0:0", nil, true}, {"127.0.0.1:0", nil, false}, {"0.0.0.0:0", []string{"k"}, false}} {
		var logs syncBuffer
		s, _ := newTestServer(t, func(d *Deps) {
			d.Logger = slog.New(slog.NewTextHandler(&logs, nil))
			d.Options.APIKeys = tc.keys
		})
		ln, err := net.Listen("tcp", tc.addr)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- s.Serve(ctx, ln) }()
		cancel()
		<-done
		if got := strings.Contains(logs.String(), "without API keys"); got != tc.warn {
			t.Errorf("%s keys=%v: warned %v:\n%s", tc.addr, tc.keys, got, logs.String())
		}
	}
}

// syncBuffer is a bytes.Buffer safe for a logger and a test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
