package web

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestNewsImportEndpoint: POST /v1/news/import needs an API key or the
// local token even from loopback (where the other routes need nothing
// without keys), and maps unreadable input to 400.
func TestNewsImportEndpoint(t *testing.T) {
	var got []string
	imp := func(ctx context.Context, r io.Reader) (NewsImportResult, error) {
		b, _ := io.ReadAll(r)
		if strings.HasPrefix(string(b), "<junk") {
			return NewsImportResult{}, fmt.Errorf("%w: not a readable feed", ErrUnreadableNews)
		}
		got = append(got, string(b))
		return NewsImportResult{Format: "jsonl", Added: 1, Articles: 7}, nil
	}
	s, _ := newTestServer(t)
	body := `{"id":"1","title":"T","published":"2026-01-01T00:00:00Z"}` + "\n"
	post := func(cred, body string) (int, string) {
		r := httptest.NewRequest("POST", "/v1/news/import", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-ndjson")
		if cred != "" {
			r.Header.Set("Authorization", "Bearer "+cred)
		}
		resp, b := do(t, s, r)
		return resp.StatusCode, string(b)
	}
	if st, b := post("", body); st != 404 || !strings.Contains(b, CodeNotFound) {
		t.Errorf("not enabled: %d %s", st, b)
	}
	s.EnableNewsImport(imp, "local-token")
	for _, c := range []struct {
		cred, body string
		status     int
		want       string
	}{
		{"", body, 401, CodeUnauthorized},
		{"nope", body, 401, CodeUnauthorized},
		{"local-token", body, 200, `"added":1`},
		{"local-token", "  \n", 400, CodeEmptyBody},
		{"local-token", "<junk>", 400, "not a readable feed"},
	} {
		if st, b := post(c.cred, c.body); st != c.status || !strings.Contains(b, c.want) {
			t.Errorf("%q %q: %d %s, want %d %s", c.cred, c.body, st, b, c.status, c.want)
		}
	}
	if len(got) != 1 || got[0] != body {
		t.Errorf("importer got %q", got)
	}
	// With API keys configured, a key works too.
	s2, _ := newTestServer(t, func(d *Deps) { d.Options.APIKeys = []string{"k3y"} })
	s2.EnableNewsImport(imp, "")
	r := httptest.NewRequest("POST", "/v1/news/import", strings.NewReader(body))
	r.Header.Set("X-API-Key", "k3y")
	if resp, b := do(t, s2, r); resp.StatusCode != 200 || !strings.Contains(string(b), `"problems":[]`) {
		t.Errorf("with an API key: %d %s", resp.StatusCode, b)
	}
}

// TestLocalTokenNotRateLimited: the CLI going through a running service
// presents the data folder's local token; its checks are not slowed by
// the per-client rate limit that a stranger without it hits.
func TestLocalTokenNotRateLimited(t *testing.T) {
	s, _ := newTestServer(t, func(d *Deps) { d.Options.RateLimit, d.Options.RateBurst = 1, 2 })
	s.EnableNewsImport(func(context.Context, io.Reader) (NewsImportResult, error) { return NewsImportResult{}, nil }, "local-token")
	check := func(cred string) int {
		r := httptest.NewRequest("POST", "/v1/check", strings.NewReader(`{"text":"New menu today"}`))
		r.Header.Set("Content-Type", "application/json")
		if cred != "" {
			r.Header.Set("Authorization", "Bearer "+cred)
		}
		resp, _ := do(t, s, r)
		return resp.StatusCode
	}
	for i := 0; i < 10; i++ {
		if st := check("local-token"); st != 200 {
			t.Fatalf("check %d with the local token: %d", i, st)
		}
	}
	limited := false
	for i := 0; i < 10 && !limited; i++ {
		limited = check("") == 429
	}
	if !limited {
		t.Errorf("a client without the token was never rate-limited")
	}
	if st := check("not-the-token"); st != 429 && st != 200 {
		t.Errorf("a wrong token: %d", st)
	}
}
