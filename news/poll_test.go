package news

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// fakeClock is a settable clock for backoff tests.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestPollConditionalGet(t *testing.T) {
	rss, err := os.ReadFile("testdata/rss.xml")
	if err != nil {
		t.Fatal(err)
	}
	var hits, conditional atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Header.Get("If-None-Match") == `"v1"` && r.Header.Get("If-Modified-Since") != "" {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 02 Mar 2026 09:00:00 GMT")
		w.Write(rss)
	}))
	defer srv.Close()
	ix := memIndex(t, nil)
	p := NewPoller(ix, []Feed{{Name: "wire", URL: srv.URL, Regions: []string{"GB"}}}, PollOptions{Logger: quietLogger(), AllowPrivate: true})
	st := p.PollOnce(context.Background())
	if st.Fetched != 1 || st.Added != 2 || st.Failed != 0 {
		t.Fatalf("first round: %+v", st)
	}
	st = p.PollOnce(context.Background())
	if st.NotModified != 1 || st.Added != 0 || conditional.Load() != 1 {
		t.Fatalf("second round: %+v (conditional %d)", st, conditional.Load())
	}
	// The feed's region applies to articles that name no known place.
	got, _ := ix.Search(context.Background(), checker.NewsQuery{At: at("2026-03-02T12:00:00Z"), Terms: []string{"Eastcombe"}})
	if len(got) != 1 || strings.Join(got[0].Regions, ",") != "GB" {
		t.Errorf("feed regions: %+v", got)
	}
}

func TestPollBackoffAndLimits(t *testing.T) {
	var failing atomic.Bool
	failing.Store(true)
	var hits atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if failing.Load() {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		io.WriteString(w, `<rss version="2.0"><channel><title>t</title><item><title>Fine</title><link>https://x.test/fine</link><pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate></item></channel></rss>`)
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<rss version="2.0"><channel><title>`+strings.Repeat("x", 4096)+`</title></channel></rss>`)
	})
	mux.HandleFunc("/bad", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<rss version="2.0"><channel><item><title>broken`)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	clock := &fakeClock{t: at("2026-03-02T10:00:00Z")}
	ix := memIndex(t, nil)
	p := NewPoller(ix, []Feed{{URL: srv.URL + "/flaky"}}, PollOptions{Every: time.Minute, MaxBytes: 1024, Timeout: 200 * time.Millisecond,
		Now: clock.now, Logger: quietLogger(), AllowPrivate: true})

	if st := p.PollOnce(context.Background()); st.Failed != 1 {
		t.Fatalf("round 1: %+v", st)
	}
	// Backing off: no request until the wait (2 min after one failure) is over.
	clock.t = clock.t.Add(time.Minute)
	if st := p.PollOnce(context.Background()); st.BackingOff != 1 || hits.Load() != 1 {
		t.Fatalf("round 2: %+v hits %d", st, hits.Load())
	}
	clock.t = clock.t.Add(90 * time.Second)
	if st := p.PollOnce(context.Background()); st.Failed != 1 || hits.Load() != 2 {
		t.Fatalf("round 3: %+v hits %d", st, hits.Load())
	}
	// Second failure: the wait doubles to 4 min.
	clock.t = clock.t.Add(3 * time.Minute)
	if st := p.PollOnce(context.Background()); st.BackingOff != 1 {
		t.Fatalf("round 4: %+v", st)
	}
	failing.Store(false)
	clock.t = clock.t.Add(2 * time.Minute)
	if st := p.PollOnce(context.Background()); st.Fetched != 1 || st.Added != 1 {
		t.Fatalf("recovery: %+v", st)
	}

	for _, path := range []string{"/huge", "/bad", "/slow"} {
		q := NewPoller(ix, []Feed{{URL: srv.URL + path}}, PollOptions{MaxBytes: 1024, Timeout: 200 * time.Millisecond, Logger: quietLogger(), AllowPrivate: true})
		if st := q.PollOnce(context.Background()); st.Failed != 1 || st.Added != 0 {
			t.Errorf("%s: %+v", path, st)
		}
	}
}

func TestFeedLists(t *testing.T) {
	fs := DefaultFeeds()
	if len(fs) < 5 {
		t.Fatalf("default feeds: %d", len(fs))
	}
	for _, f := range fs {
		if !strings.HasPrefix(f.URL, "https://") || f.Name == "" {
			t.Errorf("default feed %+v", f)
		}
	}
	got, err := ParseFeeds([]byte("# mine\nhttps://a.test/rss\n\nhttps://b.test/atom\n"))
	if err != nil || len(got) != 2 || got[1].URL != "https://b.test/atom" {
		t.Errorf("plain list: %+v %v", got, err)
	}
	got, err = ParseFeeds([]byte("feeds:\n  - {name: A, url: 'https://a.test/rss', regions: [NO]}\n"))
	if err != nil || len(got) != 1 || got[0].Regions[0] != "NO" {
		t.Errorf("yaml list: %+v %v", got, err)
	}
	if _, err := ParseFeeds([]byte("- {name: A, url: 'ftp://a.test'}\n")); err == nil {
		t.Error("ftp URL accepted")
	}
}
