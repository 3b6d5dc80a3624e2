package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/platform"
)

// testNow is the pinned clock of the tests.
var testNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// testRules are tiny stand-ins for the real rule set: a critical word, a
// medium word, a calendar rule and a news rule.
func testRules() []*checker.Rule {
	word := func(id string, cat checker.Category, w string, sev checker.Severity, msg, fix string) *checker.Rule {
		return &checker.Rule{ID: id, Category: cat, Title: id, Doc: "test rule", Fix: fix, Since: "2026.11.0",
			Run: func(p *checker.Pass) error {
				for _, t := range p.Doc.Tokens {
					if t.Norm == w {
						p.ReportSpan(t.Span, checker.Finding{Severity: sev, Message: msg, Suggestion: fix})
					}
				}
				return nil
			}}
	}
	return []*checker.Rule{
		word("content.test_swear", checker.CategoryContent, "damn", checker.SeverityCritical, "Strong language on a brand account.", "Drop the swear word."),
		word("content.test_sale", checker.CategoryContent, "sale", checker.SeverityMedium, "Promotional wording.", "Check the timing."),
		{ID: "content.test_slow", Category: checker.CategoryContent, Title: "slow", Doc: "sleeps on 'slowly'", Run: func(p *checker.Pass) error {
			for _, t := range p.Doc.Tokens {
				if t.Norm == "slowly" {
					select {
					case <-time.After(400 * time.Millisecond):
					case <-p.Context.Done():
						return p.Context.Err()
					}
				}
			}
			return nil
		}},
		{ID: "calendar.test_solemn", Category: checker.CategoryCalendar, Title: "solemn", Doc: "promo on a solemn day", NeedsCalendar: true,
			Run: func(p *checker.Pass) error {
				for _, r := range p.Post.Regions {
					for _, o := range p.Calendar.At(r, p.At()) {
						if o.Tone == checker.ToneSolemn {
							p.Report(checker.Finding{Severity: checker.SeverityHigh, Message: "Scheduled on " + o.Name + ".",
								Evidence: []checker.Evidence{{Type: "observance", Title: o.Name, Date: o.Date}}})
						}
					}
				}
				return nil
			}},
		{ID: "news.test_crisis", Category: checker.CategoryNews, Title: "crisis", Doc: "words in crisis news", NeedsNews: true,
			Run: func(p *checker.Pass) error {
				var terms []string
				for _, t := range p.Doc.Tokens {
					terms = append(terms, t.Norm)
				}
				arts, err := p.News.Search(p.Context, checker.NewsQuery{At: p.At(), Window: 72 * time.Hour, Terms: terms, Limit: 3})
				if err != nil {
					return err
				}
				for _, a := range arts {
					for _, t := range p.Doc.Tokens {
						if strings.Contains(strings.ToLower(a.Title), t.Norm) && len(t.Norm) > 3 {
							p.ReportSpan(t.Span, checker.Finding{Severity: checker.SeverityHigh, Message: "In the news: " + a.Title,
								Evidence: []checker.Evidence{checker.NewsEvidence(a)}, Suggestion: "Wait a few days."})
						}
					}
				}
				return nil
			}},
	}
}

// fakeCalendar knows US and GB and one solemn day.
type fakeCalendar struct{}

func (fakeCalendar) Regions() []string { return []string{"GB", "NO", "US"} }

func (fakeCalendar) all(region string) []checker.Observance {
	day := func(id, name, date string, tone checker.Tone, kind checker.DayKind) checker.Observance {
		d, _ := time.Parse("2006-01-02", date)
		return checker.Observance{ID: id, Name: name, Kind: kind, Tone: tone, Region: region, Regions: []string{"US", "GB"},
			Date: date, Start: d, End: d.AddDate(0, 0, 1), Weight: 1}
	}
	return []checker.Observance{
		day("test-remembrance", "Test Remembrance Day", "2026-11-22", checker.ToneSolemn, checker.DaySolemn),
		day("test-fun", "Test Fun Day", "2026-11-23", checker.ToneCelebratory, checker.DayObservance),
	}
}

func (f fakeCalendar) At(region string, t time.Time) []checker.Observance {
	var out []checker.Observance
	for _, o := range f.all(region) {
		if !t.Before(o.Start) && t.Before(o.End) {
			out = append(out, o)
		}
	}
	return out
}

func (f fakeCalendar) Between(region string, from, to time.Time) []checker.Observance {
	var out []checker.Observance
	for _, o := range f.all(region) {
		if o.Start.Before(to) && o.End.After(from) {
			out = append(out, o)
		}
	}
	return out
}

// fakeNews holds a few articles and never returns one published after At.
type fakeNews struct {
	arts   []checker.Article
	broken atomic.Bool
}

func newFakeNews() *fakeNews {
	return &fakeNews{arts: []checker.Article{
		{ID: "a1", Title: "Flood devastates Riverside town", URL: "https://news.example/flood", Source: "Example News",
			Published: testNow.Add(-5 * time.Hour), Regions: []string{"US"}, Crisis: checker.CrisisDisaster, Severity: 0.8, Body: "long body"},
		{ID: "a2", Title: "Future article about tomorrow", Published: testNow.Add(48 * time.Hour), Crisis: checker.CrisisDisaster},
		{ID: "a3", Title: "Quiet markets", Published: testNow.Add(-2 * time.Hour)},
	}}
}

func (n *fakeNews) Search(ctx context.Context, q checker.NewsQuery) ([]checker.Article, error) {
	if n.broken.Load() {
		return nil, errors.New("index closed")
	}
	var out []checker.Article
	for _, a := range n.arts {
		if a.Published.After(q.At) || (q.Window > 0 && a.Published.Before(q.At.Add(-q.Window))) {
			continue
		}
		if a.Crisis == checker.CrisisNone && !q.AnyClass {
			continue
		}
		if len(q.Terms) > 0 {
			hit := false
			for _, t := range q.Terms {
				hit = hit || strings.Contains(strings.ToLower(a.Title), strings.ToLower(t)) && len(t) > 3
			}
			if !hit {
				continue
			}
		}
		out = append(out, a)
	}
	return out, nil
}

func (n *fakeNews) Lookup(ctx context.Context, q string, at time.Time, limit int) ([]checker.Article, error) {
	if n.broken.Load() {
		return nil, errors.New("index closed")
	}
	var out []checker.Article
	for _, a := range n.arts {
		if !a.Published.After(at) && strings.Contains(strings.ToLower(a.Title), strings.ToLower(q)) && len(out) < limit {
			out = append(out, a)
		}
	}
	return out, nil
}

func (n *fakeNews) Latest() time.Time { return testNow.Add(-2 * time.Hour) }

func (n *fakeNews) Count() (uint64, error) {
	if n.broken.Load() {
		return 0, errors.New("index closed")
	}
	return uint64(len(n.arts)), nil
}

type testOpt func(*Deps)

// newTestServer builds a server with the test rules, fake calendar and
// news, the pinned clock, and loopback treated as local (app.Test's fake
// connection comes from 0.0.0.0, which the tests count as local unless
// they say otherwise).
func newTestServer(t testing.TB, opts ...testOpt) (*Server, *fakeNews) {
	t.Helper()
	news := newFakeNews()
	eng, err := checker.New(checker.Config{Rules: testRules(), Calendar: fakeCalendar{}, News: news,
		Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	d := Deps{Engine: eng, Calendar: fakeCalendar{}, News: news, Now: func() time.Time { return testNow },
		Getenv: func(string) string { return "" }, Options: Options{RateLimit: -1},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Meter: testMeter(t)}
	for _, o := range opts {
		o(&d)
	}
	s, err := New(d)
	if err != nil {
		t.Fatal(err)
	}
	s.isLocal = func(ip net.IP) bool { return true }
	return s, news
}

// do sends a request through app.Test and returns the status and body.
func do(t testing.TB, s *Server, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := s.App().Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

func postJSON(path, body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	return r
}

func decode[T any](t testing.TB, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	return v
}

// jsonLines splits a JSONL body into objects.
func jsonLines(t testing.TB, b []byte) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, l := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		out = append(out, decode[map[string]any](t, l))
	}
	return out
}

// serveTest serves s on a loopback port until the test ends and returns
// its base URL.
func serveTest(t testing.TB, s *Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

// testMeter is the platform rules' length meter with default limits.
func testMeter(t testing.TB) *platform.Meter {
	m, err := platform.NewMeter(platform.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}
