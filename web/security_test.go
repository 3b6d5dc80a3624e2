package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// TestCrossSiteFormPostsRefused: the form and the batch page refuse posts
// a page on another site makes (Sec-Fetch-Site, else Origin), and take
// their own pages' posts and non-browser clients'.
func TestCrossSiteFormPostsRefused(t *testing.T) {
	s, _ := newTestServer(t)
	form := url.Values{"text": {"a calm post"}, "platform": {"x"}}
	for _, tc := range []struct {
		name    string
		headers map[string]string
		status  int
	}{
		{"cross-site fetch metadata", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"same-site but other origin", map[string]string{"Sec-Fetch-Site": "same-site"}, 403},
		{"foreign Origin without fetch metadata", map[string]string{"Origin": "https://evil.example"}, 403},
		{"null Origin", map[string]string{"Origin": "null"}, 403},
		{"same origin", map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": "http://example.com"}, 200},
		{"own Origin", map[string]string{"Origin": "http://example.com"}, 200},
		{"typed by the user", map[string]string{"Sec-Fetch-Site": "none"}, 200},
		{"curl", nil, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, r := range []*http.Request{formPost(form), upload(t, "posts.jsonl", `{"text":"a calm post"}`)} {
				for k, v := range tc.headers {
					r.Header.Set(k, v)
				}
				if resp, b := do(t, s, r); resp.StatusCode != tc.status {
					t.Errorf("%s: %d %.300s", r.URL.Path, resp.StatusCode, b)
				}
			}
		})
	}
}

// TestContentTypes: the pages take only form encodings, the API only the
// types it reads; anything else (text/plain, which a cross-site page may
// send without a preflight) is 415 with a JSON error on the API.
func TestContentTypes(t *testing.T) {
	s, _ := newTestServer(t)
	for _, tc := range []struct {
		path, ctype, body string
		status            int
	}{
		{"/", "text/plain", "text=damn", 415},
		{"/batch", "text/plain", "x", 415},
		{"/batch", "application/x-www-form-urlencoded", "file=x", 415},
		{"/v1/check", "text/plain", `{"text":"hello"}`, 415},
		{"/v1/check", "", `{"text":"hello"}`, 415},
		{"/v1/check", "application/x-www-form-urlencoded", `{"text":"hello"}`, 415},
		{"/v1/check", "application/json; charset=utf-8", `{"text":"hello"}`, 200},
		{"/v1/check", "application/vnd.post+json", `{"text":"hello"}`, 200},
		{"/v1/check/batch", "text/plain", `{"text":"hello"}`, 415},
		{"/v1/check/batch", "application/x-ndjson", `{"text":"hello"}`, 200},
		{"/v1/hooks/prepublish", "text/plain", `{"text":"hello"}`, 415},
	} {
		r := httptest.NewRequest("POST", tc.path, strings.NewReader(tc.body))
		if tc.ctype != "" {
			r.Header.Set("Content-Type", tc.ctype)
		}
		resp, b := do(t, s, r)
		if resp.StatusCode != tc.status {
			t.Errorf("%s %q: %d %.200s", tc.path, tc.ctype, resp.StatusCode, b)
			continue
		}
		if tc.status == 415 && strings.HasPrefix(tc.path, "/v1") {
			if e := decode[apiError](t, b); e.Code != CodeUnsupportedMedia || !strings.Contains(e.Message, "application/json") {
				t.Errorf("%s: %s", tc.path, b)
			}
		}
	}
}

// TestHostHeaderChecked: a service on loopback without keys answers only
// to loopback names and addresses and the configured allowed hosts, so a
// page whose name rebinds to 127.0.0.1 cannot read it.
func TestHostHeaderChecked(t *testing.T) {
	get := func(t *testing.T, base, host string) int {
		req, err := http.NewRequest("GET", base+"/v1/calendar?region=US", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	s, _ := newTestServer(t, func(d *Deps) { d.Options.AllowedHosts = []string{"preflight.internal", ".corp.example"} })
	base := serveTest(t, s)
	port := base[strings.LastIndex(base, ":"):]
	for host, want := range map[string]int{
		"127.0.0.1" + port: 200, "localhost" + port: 200, "[::1]" + port: 200, "app.localhost": 200,
		"preflight.internal" + port: 200, "a.corp.example": 200,
		"rebind.evil.example" + port: 421, "corp.example.evil.example": 421, "10.1.2.3" + port: 421,
	} {
		if got := get(t, base, host); got != want {
			t.Errorf("Host %s: %d, want %d", host, got, want)
		}
	}
	t.Run("keys: any name unless allowed hosts are set", func(t *testing.T) {
		s, _ := newTestServer(t, func(d *Deps) { d.Options.APIKeys = []string{"k"} })
		if got := get(t, serveTest(t, s), "preflight.example.com"); got != 401 {
			t.Errorf("with keys: %d, want 401 (host passes, key missing)", got)
		}
	})
}
