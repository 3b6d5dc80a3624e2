package web

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

func TestCheck(t *testing.T) {
	s, _ := newTestServer(t)
	tests := []struct {
		name, body string
		verdict    checker.Verdict
		rules      []string
	}{
		{"clean post passes", `{"text":"A quiet autumn walk","regions":["US"]}`, checker.VerdictPass, nil},
		{"swear word blocks with its span", `{"id":"p1","text":"What a damn fine day 🎉","regions":["US"]}`, checker.VerdictBlock, []string{"content.test_swear"}},
		{"promo needs review", `{"text":"Autumn sale now on","scheduled_at":"2026-11-20T09:00:00Z"}`, checker.VerdictReview, []string{"content.test_sale"}},
		{"solemn day from the calendar", `{"text":"Autumn sale","scheduled_at":"2026-11-22T10:00:00Z","regions":["us"]}`, checker.VerdictReview, []string{"calendar.test_solemn", "content.test_sale"}},
		{"crisis news as of the scheduled time", `{"text":"Our flood of deals","scheduled_at":"2026-11-20T12:00:00Z","regions":["US"]}`, checker.VerdictReview, []string{"news.test_crisis"}},
		{"news before the article does not count", `{"text":"Our flood of deals","scheduled_at":"2026-11-19T12:00:00Z","regions":["US"]}`, checker.VerdictPass, nil},
		{"twitter is x", `{"text":"hello","platform":"Twitter"}`, checker.VerdictPass, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, b := do(t, s, postJSON("/v1/check", tt.body))
			if resp.StatusCode != 200 {
				t.Fatalf("status %d: %s", resp.StatusCode, b)
			}
			rep := decode[checker.Report](t, b)
			if rep.Verdict != tt.verdict {
				t.Errorf("verdict %s, want %s (%s)", rep.Verdict, tt.verdict, b)
			}
			var got []string
			for _, f := range rep.Findings {
				got = append(got, f.Rule)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.rules) {
				t.Errorf("rules %v, want %v", got, tt.rules)
			}
			if !bytes.Contains(b, []byte(`"findings":[`)) {
				t.Errorf("findings must be an array: %s", b)
			}
		})
	}
	t.Run("span and id", func(t *testing.T) {
		_, b := do(t, s, postJSON("/v1/check", `{"id":"p1","text":"🎉 What a damn day"}`))
		rep := decode[checker.Report](t, b)
		if rep.ID != "p1" || len(rep.Findings) != 1 || *rep.Findings[0].Start != 9 || *rep.Findings[0].End != 13 || rep.Findings[0].Match != "damn" {
			t.Errorf("report %s", b)
		}
	})
}

func TestCheckErrors(t *testing.T) {
	s, _ := newTestServer(t, func(d *Deps) { d.Options.BodyLimit = 1000 })
	big := `{"text":"` + strings.Repeat("a", 2000) + `"}`
	huge := strings.Repeat("a", checker.MaxTextBytes+1)
	tests := []struct {
		name, body string
		status     int
		code       string
		field      string
	}{
		{"malformed JSON", `{"text": "hi"`, 400, CodeMalformedJSON, ""},
		{"not an object", `["hi"]`, 400, CodeMalformedJSON, ""},
		{"empty body", ``, 400, CodeEmptyBody, ""},
		{"missing text", `{"platform":"x"}`, 400, CodeMissingText, "text"},
		{"blank text", `{"text":"  \n "}`, 400, CodeMissingText, "text"},
		{"invalid UTF-8", "{\"text\":\"caf\xe9\"}", 400, CodeInvalidUTF8, ""},
		{"bad time", `{"text":"hi","scheduled_at":"tomorrow 9am"}`, 400, CodeBadTime, "scheduled_at"},
		{"unknown platform", `{"text":"hi","platform":"myspace"}`, 400, CodeUnknownPlatform, "platform"},
		{"unknown kind", `{"text":"hi","kind":"story"}`, 400, CodeUnknownKind, "kind"},
		{"bad region", `{"text":"hi","regions":["USA"]}`, 400, CodeBadRegion, "regions[0]"},
		{"wrong type", `{"text":"hi","media":"x"}`, 400, CodeInvalid, "media"},
		{"regions not codes", `{"text":"hi","regions":5}`, 400, CodeBadRegion, "regions"},
		{"body too large", big, 413, CodeTooLarge, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, b := do(t, s, postJSON("/v1/check", tt.body))
			e := decode[apiError](t, b)
			if resp.StatusCode != tt.status || e.Code != tt.code || e.Field != tt.field || e.Message == "" {
				t.Errorf("got %d %s, want %d code %s field %q", resp.StatusCode, b, tt.status, tt.code, tt.field)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("content type %q", ct)
			}
		})
	}
	t.Run("text too large", func(t *testing.T) {
		s, _ := newTestServer(t)
		resp, b := do(t, s, postJSON("/v1/check", `{"text":"`+huge+`"}`))
		if e := decode[apiError](t, b); resp.StatusCode != 413 || e.Code != CodeTooLarge {
			t.Errorf("got %d %s", resp.StatusCode, b[:min(200, len(b))])
		}
	})
	t.Run("body over the server limit", func(t *testing.T) {
		// fasthttp refuses the body before routing; app.Test cannot see
		// that answer, so this goes through a real listener.
		s, _ := newTestServer(t, func(d *Deps) { d.Options.BatchBodyLimit = 4096 })
		url := serveTest(t, s)
		resp, err := http.Post(url+"/v1/check/batch", "application/json", strings.NewReader(strings.Repeat(`{"text":"hello"}`+"\n", 1000)))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if e := decode[apiError](t, b); resp.StatusCode != 413 || e.Code != CodeTooLarge {
			t.Errorf("got %d %s", resp.StatusCode, b)
		}
	})
	t.Run("compressed body", func(t *testing.T) {
		r := postJSON("/v1/check", "\x1f\x8b\x08\x00")
		r.Header.Set("Content-Encoding", "gzip")
		resp, b := do(t, s, r)
		if e := decode[apiError](t, b); resp.StatusCode != 415 || e.Code != CodeUnsupportedMedia {
			t.Errorf("got %d %s", resp.StatusCode, b)
		}
	})
	t.Run("unknown route", func(t *testing.T) {
		resp, b := do(t, s, httptest.NewRequest("GET", "/v1/nope", nil))
		if e := decode[apiError](t, b); resp.StatusCode != 404 || e.Code != CodeNotFound {
			t.Errorf("got %d %s", resp.StatusCode, b)
		}
	})
	t.Run("wrong method", func(t *testing.T) {
		resp, b := do(t, s, httptest.NewRequest("GET", "/v1/check", nil))
		if e := decode[apiError](t, b); resp.StatusCode != 405 || e.Code != CodeMethodNotAllowed {
			t.Errorf("got %d %s", resp.StatusCode, b)
		}
	})
	t.Run("check timeout", func(t *testing.T) {
		s, _ := newTestServer(t, func(d *Deps) { d.Options.CheckTimeout = 50 * time.Millisecond })
		resp, b := do(t, s, postJSON("/v1/check", `{"text":"slowly does it"}`))
		// The engine lists a rule that failed as skipped; a cancelled
		// context fails the whole check.
		if resp.StatusCode != 200 && decode[apiError](t, b).Code != CodeTimeout {
			t.Errorf("got %d %s", resp.StatusCode, b)
		}
	})
}

func TestAuth(t *testing.T) {
	keyed, _ := newTestServer(t, func(d *Deps) { d.Options.APIKeys = []string{"k-one", "k-two"} })
	body := `{"text":"hello"}`
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte("me:k-two"))
	tests := []struct {
		name   string
		header [2]string
		status int
	}{
		{"no key", [2]string{}, 401},
		{"wrong key", [2]string{"Authorization", "Bearer nope"}, 401},
		{"bearer", [2]string{"Authorization", "Bearer k-one"}, 200},
		{"x-api-key", [2]string{"X-API-Key", "k-two"}, 200},
		{"basic password", [2]string{"Authorization", basic}, 200},
		{"unknown scheme", [2]string{"Authorization", "Token k-one"}, 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := postJSON("/v1/check", body)
			if tt.header[0] != "" {
				r.Header.Set(tt.header[0], tt.header[1])
			}
			resp, b := do(t, keyed, r)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d: %s", resp.StatusCode, b)
			}
			if tt.status == 401 {
				if e := decode[apiError](t, b); e.Code != CodeUnauthorized || resp.Header.Get("WWW-Authenticate") == "" {
					t.Errorf("401 body %s, WWW-Authenticate %q", b, resp.Header.Get("WWW-Authenticate"))
				}
			}
		})
	}
	t.Run("form asks for basic auth", func(t *testing.T) {
		resp, _ := do(t, keyed, httptest.NewRequest("GET", "/", nil))
		if resp.StatusCode != 401 || !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Basic") {
			t.Errorf("status %d, %q", resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
		}
	})
	t.Run("no keys: loopback only", func(t *testing.T) {
		open, _ := newTestServer(t)
		open.isLocal = isLoopback // app.Test's connection comes from 0.0.0.0: not local
		resp, b := do(t, open, postJSON("/v1/check", body))
		if resp.StatusCode != 401 || !strings.Contains(string(b), "api_keys") {
			t.Errorf("status %d: %s", resp.StatusCode, b)
		}
		if !isLoopback(net.ParseIP("127.0.0.1")) || !isLoopback(net.ParseIP("::1")) || isLoopback(net.ParseIP("10.0.0.1")) {
			t.Error("isLoopback")
		}
	})
	t.Run("no keys: a proxied request is not local", func(t *testing.T) {
		open, _ := newTestServer(t)
		r := postJSON("/v1/check", body)
		r.Header.Set("X-Forwarded-For", "203.0.113.9")
		if resp, b := do(t, open, r); resp.StatusCode != 401 {
			t.Errorf("status %d: %s", resp.StatusCode, b)
		}
		if resp, b := do(t, open, postJSON("/v1/check", body)); resp.StatusCode != 200 {
			t.Errorf("local request: %d %s", resp.StatusCode, b)
		}
	})
	t.Run("liveness needs no key; readiness, metrics and the API description do", func(t *testing.T) {
		if resp, _ := do(t, keyed, httptest.NewRequest("GET", "/healthz", nil)); resp.StatusCode != 200 {
			t.Errorf("/healthz: %d", resp.StatusCode)
		}
		for _, p := range []string{"/readyz", "/metrics", "/openapi.json"} {
			if resp, _ := do(t, keyed, httptest.NewRequest("GET", p, nil)); resp.StatusCode != 401 {
				t.Errorf("%s without a key: %d", p, resp.StatusCode)
			}
			r := httptest.NewRequest("GET", p, nil)
			r.Header.Set("Authorization", "Bearer k-one")
			if resp, _ := do(t, keyed, r); resp.StatusCode != 200 {
				t.Errorf("%s with a key: %d", p, resp.StatusCode)
			}
		}
	})
}

func TestRateLimit(t *testing.T) {
	s, _ := newTestServer(t, func(d *Deps) {
		d.Options.RateLimit = 0.5
		d.Options.RateBurst = 2
		d.Options.APIKeys = []string{"a", "b"}
	})
	send := func(key string) *http.Response {
		r := postJSON("/v1/check", `{"text":"hi"}`)
		r.Header.Set("X-API-Key", key)
		resp, _ := do(t, s, r)
		return resp
	}
	for i := 0; i < 2; i++ {
		if r := send("a"); r.StatusCode != 200 {
			t.Fatalf("request %d: %d", i, r.StatusCode)
		}
	}
	r := send("a")
	if r.StatusCode != 429 || r.Header.Get("Retry-After") == "" {
		t.Fatalf("third request: %d, Retry-After %q", r.StatusCode, r.Header.Get("Retry-After"))
	}
	if r := send("b"); r.StatusCode != 200 {
		t.Errorf("another key has its own bucket: %d", r.StatusCode)
	}
}

func TestLimiterRefills(t *testing.T) {
	now := testNow
	l := newLimiter(10, 1, func() time.Time { return now })
	if ok, _ := l.take("c", 1); !ok {
		t.Fatal("first")
	}
	ok, wait := l.take("c", 1)
	if ok || wait <= 0 || wait > 100*time.Millisecond {
		t.Fatalf("second: %v %v", ok, wait)
	}
	now = now.Add(100 * time.Millisecond)
	if ok, _ := l.take("c", 1); !ok {
		t.Error("refilled")
	}
	now = now.Add(time.Hour)
	l.take("d", 1)
	if len(l.buckets) != 1 {
		t.Errorf("idle buckets swept: %d left", len(l.buckets))
	}
}

func TestBatch(t *testing.T) {
	s, _ := newTestServer(t)
	t.Run("jsonl with bad lines", func(t *testing.T) {
		body := "{\"id\":\"a\",\"text\":\"damn\"}\n\n{\"text\":\"\"}\nnot json\n# a comment\n{\"id\":\"d\",\"text\":\"sale\",\"platform\":\"orkut\"}\n{\"id\":\"e\",\"text\":\"fine\"}\n"
		resp, b := do(t, s, postJSON("/v1/check/batch", body))
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/x-ndjson" {
			t.Fatalf("%d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		lines := jsonLines(t, b)
		want := []struct {
			line    float64
			verdict string
			code    string
		}{{1, "block", ""}, {3, "", CodeMissingText}, {4, "", CodeMalformedJSON}, {6, "", CodeUnknownPlatform}, {7, "pass", ""}}
		if len(lines) != len(want) {
			t.Fatalf("%d lines: %s", len(lines), b)
		}
		for i, w := range want {
			l := lines[i]
			if l["line"] != w.line {
				t.Errorf("line %d: %v", i, l)
			}
			if w.verdict != "" && l["verdict"] != w.verdict {
				t.Errorf("line %d verdict: %v", i, l)
			}
			if w.code != "" {
				e, _ := l["error"].(map[string]any)
				if e == nil || e["code"] != w.code {
					t.Errorf("line %d error: %v", i, l)
				}
			}
		}
		if lines[3]["id"] != "d" {
			t.Errorf("error line keeps the id: %v", lines[3])
		}
	})
	t.Run("json array keeps line numbers", func(t *testing.T) {
		body := "[\n  {\"text\": \"one\"},\n  {\"text\": \"damn\"},\n  {\"text\": 5}\n]"
		_, b := do(t, s, postJSON("/v1/check/batch", body))
		lines := jsonLines(t, b)
		if len(lines) != 3 || lines[0]["line"] != 2.0 || lines[1]["line"] != 3.0 || lines[1]["verdict"] != "block" || lines[2]["line"] != 4.0 || lines[2]["error"] == nil {
			t.Errorf("%s", b)
		}
	})
	t.Run("broken array reports where", func(t *testing.T) {
		_, b := do(t, s, postJSON("/v1/check/batch", "[{\"text\":\"one\"},\n{\"text\": oops}]"))
		lines := jsonLines(t, b)
		if len(lines) != 2 || lines[0]["verdict"] != "pass" || lines[1]["error"] == nil || lines[1]["line"] != 2.0 {
			t.Errorf("%s", b)
		}
	})
	t.Run("many posts stay in order", func(t *testing.T) {
		var in strings.Builder
		for i := 0; i < 200; i++ {
			fmt.Fprintf(&in, "{\"id\":\"%d\",\"text\":\"post %d %s\"}\n", i, i, map[bool]string{true: "damn", false: "ok"}[i%7 == 0])
		}
		_, b := do(t, s, postJSON("/v1/check/batch", in.String()))
		lines := jsonLines(t, b)
		if len(lines) != 200 {
			t.Fatalf("%d lines", len(lines))
		}
		for i, l := range lines {
			if l["id"] != fmt.Sprint(i) || l["line"] != float64(i+1) {
				t.Fatalf("line %d: %v", i, l)
			}
		}
	})
	t.Run("empty", func(t *testing.T) {
		resp, b := do(t, s, postJSON("/v1/check/batch", "\n\n"))
		if resp.StatusCode != 400 || decode[apiError](t, b).Code != CodeEmptyBody {
			t.Errorf("%d %s", resp.StatusCode, b)
		}
	})
	t.Run("too many posts", func(t *testing.T) {
		s, _ := newTestServer(t, func(d *Deps) { d.Options.BatchMaxPosts = 2 })
		resp, b := do(t, s, postJSON("/v1/check/batch", "{\"text\":\"a\"}\n{\"text\":\"b\"}\n{\"text\":\"c\"}\n"))
		if resp.StatusCode != 413 || decode[apiError](t, b).Code != CodeTooLarge {
			t.Errorf("%d %s", resp.StatusCode, b)
		}
	})
}

func TestCalendar(t *testing.T) {
	s, _ := newTestServer(t)
	resp, b := do(t, s, httptest.NewRequest("GET", "/v1/calendar?region=US&region=gb&from=2026-11-20&to=2026-11-27", nil))
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
	cr := decode[calendarResponse](t, b)
	if len(cr.Observances) != 4 || cr.Observances[0].ID != "test-remembrance" || cr.Observances[0].Region != "GB" || cr.Observances[2].ID != "test-fun" {
		t.Errorf("%s", b)
	}
	_, b = do(t, s, httptest.NewRequest("GET", "/v1/calendar?region=US,GB", nil))
	if cr := decode[calendarResponse](t, b); len(cr.Regions) != 2 || !cr.From.Equal(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)) || len(cr.Observances) != 4 {
		t.Errorf("defaults: %s", b)
	}
	for _, tt := range []struct{ q, code string }{
		{"region=XX", CodeBadRegion}, {"", CodeBadRegion}, {"region=US&from=soon", CodeBadTime},
		{"region=US&from=2026-11-20&to=2026-11-19", CodeBadTime}, {"region=US&from=2026-01-01&to=2028-01-01", CodeInvalid},
	} {
		resp, b := do(t, s, httptest.NewRequest("GET", "/v1/calendar?"+tt.q, nil))
		if resp.StatusCode != 400 || decode[apiError](t, b).Code != tt.code {
			t.Errorf("%s: %d %s", tt.q, resp.StatusCode, b)
		}
	}
	noCal, _ := newTestServer(t, func(d *Deps) { d.Calendar = nil })
	if resp, b := do(t, noCal, httptest.NewRequest("GET", "/v1/calendar?region=US", nil)); resp.StatusCode != 503 {
		t.Errorf("no calendar: %d %s", resp.StatusCode, b)
	}
}

func TestNewsSearch(t *testing.T) {
	s, news := newTestServer(t)
	_, b := do(t, s, httptest.NewRequest("GET", "/v1/news/search?q=flood", nil))
	nr := decode[newsResponse](t, b)
	if len(nr.Articles) != 1 || nr.Articles[0].ID != "a1" || nr.Articles[0].Body != "" {
		t.Errorf("%s", b)
	}
	_, b = do(t, s, httptest.NewRequest("GET", "/v1/news/search?q=flood&at=2026-11-20T06:00:00Z", nil))
	if nr := decode[newsResponse](t, b); len(nr.Articles) != 0 {
		t.Errorf("an article published after at must not be returned: %s", b)
	}
	_, b = do(t, s, httptest.NewRequest("GET", "/v1/news/search?q=future&at=2026-11-20T12:00:00Z", nil))
	if nr := decode[newsResponse](t, b); len(nr.Articles) != 0 {
		t.Errorf("future article: %s", b)
	}
	_, b = do(t, s, httptest.NewRequest("GET", "/v1/news/search?region=US", nil))
	if nr := decode[newsResponse](t, b); len(nr.Articles) != 1 || nr.Articles[0].Crisis != checker.CrisisDisaster {
		t.Errorf("crisis news: %s", b)
	}
	_, b = do(t, s, httptest.NewRequest("GET", "/v1/news/search?q=nothing-like-this", nil))
	if !bytes.Contains(b, []byte(`"articles":[]`)) {
		t.Errorf("articles must be an array: %s", b)
	}
	for _, tt := range []struct{ q, code string }{
		{"q=x&at=yesterday", CodeBadTime}, {"q=x&limit=0", CodeInvalid}, {"q=x&limit=1000", CodeInvalid},
		{"window=forever", CodeInvalid}, {"region=ZZ", CodeBadRegion},
	} {
		resp, b := do(t, s, httptest.NewRequest("GET", "/v1/news/search?"+tt.q, nil))
		if resp.StatusCode != 400 || decode[apiError](t, b).Code != tt.code {
			t.Errorf("%s: %d %s", tt.q, resp.StatusCode, b)
		}
	}
	news.broken.Store(true)
	if resp, b := do(t, s, httptest.NewRequest("GET", "/v1/news/search?q=flood", nil)); resp.StatusCode != 503 || decode[apiError](t, b).Code != CodeUnavailable {
		t.Errorf("broken index: %d %s", resp.StatusCode, b)
	}
	noNews, _ := newTestServer(t, func(d *Deps) { d.News = nil })
	if resp, b := do(t, noNews, httptest.NewRequest("GET", "/v1/news/search?q=flood", nil)); resp.StatusCode != 503 || decode[apiError](t, b).Code != CodeUnavailable {
		t.Errorf("no index: %d %s", resp.StatusCode, b)
	}
}

func TestHealthReadyMetrics(t *testing.T) {
	s, news := newTestServer(t)
	if resp, b := do(t, s, httptest.NewRequest("GET", "/healthz", nil)); resp.StatusCode != 200 || !bytes.Contains(b, []byte(`"ok"`)) {
		t.Errorf("healthz %d %s", resp.StatusCode, b)
	}
	resp, b := do(t, s, httptest.NewRequest("GET", "/readyz", nil))
	if r := decode[map[string]any](t, b); resp.StatusCode != 200 || r["status"] != "ready" || r["articles"] != 3.0 || r["news"] != "open" {
		t.Errorf("readyz %d %s", resp.StatusCode, b)
	}
	do(t, s, postJSON("/v1/check", `{"text":"damn"}`))
	do(t, s, postJSON("/v1/check", `{"text":"fine"}`))
	do(t, s, postJSON("/v1/check", `{"text":""}`))
	_, b = do(t, s, httptest.NewRequest("GET", "/metrics", nil))
	for _, want := range []string{
		`preflight_checks_total{verdict="block"} 1`, `preflight_checks_total{verdict="pass"} 1`,
		`preflight_check_duration_seconds_count 2`, `preflight_check_duration_seconds_bucket{le="+Inf"} 2`,
		`preflight_news_age_seconds 7200`, `preflight_http_requests_total{route="/v1/check",status="400"} 1`,
	} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("metrics lack %q:\n%s", want, b)
		}
	}
	news.broken.Store(true)
	if resp, b := do(t, s, httptest.NewRequest("GET", "/readyz", nil)); resp.StatusCode != 503 {
		t.Errorf("broken index readyz %d %s", resp.StatusCode, b)
	}
	noNews, _ := newTestServer(t, func(d *Deps) { d.News = nil })
	if resp, b := do(t, noNews, httptest.NewRequest("GET", "/readyz", nil)); resp.StatusCode != 200 || !bytes.Contains(b, []byte("not configured")) {
		t.Errorf("no news readyz %d %s", resp.StatusCode, b)
	}
	_, b = do(t, noNews, httptest.NewRequest("GET", "/metrics", nil))
	if !bytes.Contains(b, []byte("preflight_news_age_seconds NaN")) {
		t.Errorf("no news metrics: %s", b)
	}
}

func TestTypedNilNews(t *testing.T) {
	var missing *fakeNews
	s, _ := newTestServer(t, func(d *Deps) { d.News = missing })
	if resp, b := do(t, s, httptest.NewRequest("GET", "/readyz", nil)); resp.StatusCode != 200 || !bytes.Contains(b, []byte("not configured")) {
		t.Errorf("%d %s", resp.StatusCode, b)
	}
}

func TestRequestID(t *testing.T) {
	s, _ := newTestServer(t)
	resp, _ := do(t, s, httptest.NewRequest("GET", "/healthz", nil))
	if resp.Header.Get("X-Request-ID") == "" {
		t.Error("no request id assigned")
	}
	r := httptest.NewRequest("GET", "/healthz", nil)
	r.Header.Set("X-Request-ID", "abc-123")
	if resp, _ := do(t, s, r); resp.Header.Get("X-Request-ID") != "abc-123" {
		t.Errorf("request id not echoed: %q", resp.Header.Get("X-Request-ID"))
	}
}

func TestBatchCSV(t *testing.T) {
	s, _ := newTestServer(t)
	r := httptest.NewRequest("POST", "/v1/check/batch", strings.NewReader("Date,Message,Link\n15/11/2026 09:30,\"Damn, our sale\",\n16/11/2026 10:00,,\n17/11/2026 10:00,A calm post,\n"))
	r.Header.Set("Content-Type", "text/csv")
	resp, b := do(t, s, r)
	lines := jsonLines(t, b)
	if resp.StatusCode != 200 || len(lines) != 3 || lines[0]["verdict"] != "block" || lines[1]["error"] == nil || lines[2]["verdict"] != "pass" ||
		lines[0]["line"] != 2.0 || lines[2]["line"] != 4.0 {
		t.Errorf("%d %s", resp.StatusCode, b)
	}
}

// echoServer is a test server whose only rule reports the post's
// platform, brand, regions and scheduled time, so a test can see what a
// post looked like when it was checked.
func echoServer(t *testing.T) *Server {
	echo := &checker.Rule{ID: "content.test_echo", Category: checker.CategoryContent, Title: "echo", Doc: "reports the post", Since: "2026.11.0",
		Run: func(p *checker.Pass) error {
			p.Report(checker.Finding{Severity: checker.SeverityLow, Message: fmt.Sprintf("platform=%s brand=%s regions=%v at=%s",
				p.Post.Platform, p.Post.Brand, p.Post.Regions, p.Post.ScheduledAt.UTC().Format(time.RFC3339))})
			return nil
		}}
	eng, err := checker.New(checker.Config{Rules: []*checker.Rule{echo}, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := newTestServer(t, func(d *Deps) { d.Engine = eng })
	return s
}

// echoed returns the echo rule's message in a report line.
func echoed(line map[string]any) string {
	fs, _ := line["findings"].([]any)
	if len(fs) == 0 {
		return ""
	}
	return fs[0].(map[string]any)["message"].(string)
}

// TestBatchDefaults: /v1/check/batch takes the CLI's defaults as query
// parameters (region, brand, platform for posts that name none; date_order
// and tz for CSV dates); a post's own fields win, and a bad value is a 400
// naming it.
func TestBatchDefaults(t *testing.T) {
	s := echoServer(t)
	body := `{"id":"a","text":"hello","scheduled_at":"2026-11-24T09:00:00Z"}` + "\n" + `{"id":"b","text":"hello","platform":"x","regions":["US"],"brand":"Own","scheduled_at":"2026-11-24T09:00:00Z"}`
	resp, b := do(t, s, postJSON("/v1/check/batch?region=GB&region=NO&brand=Acme&platform=linkedin", body))
	lines := jsonLines(t, b)
	if resp.StatusCode != 200 || len(lines) != 2 {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
	if got := echoed(lines[0]); got != "platform=linkedin brand=Acme regions=[GB NO] at=2026-11-24T09:00:00Z" {
		t.Errorf("defaults not applied: %s", got)
	}
	if got := echoed(lines[1]); got != "platform=x brand=Own regions=[US] at=2026-11-24T09:00:00Z" {
		t.Errorf("a post's own fields lost: %s", got)
	}

	csvBody := "Date,Message,Link\n03/04/2026 09:30,A calm post,\n"
	r := httptest.NewRequest("POST", "/v1/check/batch?date_order=dmy&tz=Europe/Oslo", strings.NewReader(csvBody))
	r.Header.Set("Content-Type", "text/csv")
	_, b = do(t, s, r)
	if lines := jsonLines(t, b); !strings.HasSuffix(echoed(lines[0]), "at=2026-04-03T07:30:00Z") {
		t.Errorf("date order and zone not used: %s", b)
	}

	for q, field := range map[string]string{"region=ZZ": "region", "date_order=ymd": "date_order", "tz=Mars/Base": "tz", "platform=myspace": "platform"} {
		resp, b := do(t, s, postJSON("/v1/check/batch?"+q, body))
		if e := decode[apiError](t, b); resp.StatusCode != 400 || e.Field != field {
			t.Errorf("%s: %d %s", q, resp.StatusCode, b)
		}
	}
}
