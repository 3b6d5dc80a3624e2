package web

import (
	"encoding/base64"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/preflight-dev/preflight/checker"
)

var (
	secretA = "whsec_" + base64.StdEncoding.EncodeToString([]byte("0123456789abcdef0123456789abcdef"))
	secretB = "whsec_" + base64.StdEncoding.EncodeToString([]byte("fedcba9876543210fedcba9876543210"))
)

// signed builds a hook request signed by the reference Standard Webhooks
// library, so the verifier is tested against an independent signer.
func signed(t testing.TB, secret, id string, ts time.Time, body string) *http.Request {
	t.Helper()
	wh, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := wh.Sign(id, ts, []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	r := postJSON("/v1/hooks/prepublish", body)
	r.Header.Set("webhook-id", id)
	r.Header.Set("webhook-timestamp", strconv.FormatInt(ts.Unix(), 10))
	r.Header.Set("webhook-signature", sig)
	return r
}

func hookServer(t testing.TB, opts ...testOpt) *Server {
	s, _ := newTestServer(t, append([]testOpt{func(d *Deps) { d.Options.HookSecrets = []string{secretA} }}, opts...)...)
	return s
}

func TestHookSignatures(t *testing.T) {
	body := `{"text":"hello world"}`
	tests := []struct {
		name    string
		server  []testOpt
		req     func() *http.Request
		status  int
		code    string
		message string
	}{
		{"valid", nil, func() *http.Request { return signed(t, secretA, "msg_1", testNow, body) }, 200, "", ""},
		{"wrong secret", nil, func() *http.Request { return signed(t, secretB, "msg_2", testNow, body) }, 401, CodeBadSignature, "no webhook-signature matches"},
		{"stale timestamp", nil, func() *http.Request { return signed(t, secretA, "msg_3", testNow.Add(-6*time.Minute), body) }, 401, CodeBadSignature, "stale"},
		{"timestamp from the future", nil, func() *http.Request { return signed(t, secretA, "msg_4", testNow.Add(6*time.Minute), body) }, 401, CodeBadSignature, "away from the server clock"},
		{"within tolerance", nil, func() *http.Request { return signed(t, secretA, "msg_5", testNow.Add(-4*time.Minute), body) }, 200, "", ""},
		{"body changed after signing", nil, func() *http.Request {
			r := signed(t, secretA, "msg_6", testNow, body)
			r2 := postJSON("/v1/hooks/prepublish", `{"text":"damn world"}`)
			r2.Header = r.Header
			return r2
		}, 401, CodeBadSignature, "body was changed"},
		{"missing headers", nil, func() *http.Request {
			r := signed(t, secretA, "msg_7", testNow, body)
			r.Header.Del("webhook-id")
			r.Header.Del("webhook-signature")
			return r
		}, 401, CodeBadSignature, "missing webhook-id, webhook-signature"},
		{"unsigned", nil, func() *http.Request { return postJSON("/v1/hooks/prepublish", body) }, 401, CodeBadSignature, "unsigned"},
		{"timestamp not a number", nil, func() *http.Request {
			r := signed(t, secretA, "msg_8", testNow, body)
			r.Header.Set("webhook-timestamp", "yesterday")
			return r
		}, 401, CodeBadSignature, "Unix seconds"},
		{"rotated secret: the new one", []testOpt{func(d *Deps) { d.Options.HookSecrets = []string{secretB}; d.Getenv = env(secretA) }},
			func() *http.Request { return signed(t, secretB, "msg_9", testNow, body) }, 200, "", ""},
		{"rotated secret: the old one", []testOpt{func(d *Deps) { d.Getenv = env(secretB + "," + secretA); d.Options.HookSecrets = nil }},
			func() *http.Request { return signed(t, secretA, "msg_10", testNow, body) }, 200, "", ""},
		{"several signatures, one good", nil, func() *http.Request {
			r := signed(t, secretA, "msg_11", testNow, body)
			r.Header.Set("webhook-signature", "v1,"+base64.StdEncoding.EncodeToString(make([]byte, 32))+" v2,abc "+r.Header.Get("webhook-signature"))
			return r
		}, 200, "", ""},
		{"other versions ignored", nil, func() *http.Request {
			r := signed(t, secretA, "msg_12", testNow, body)
			r.Header.Set("webhook-signature", strings.Replace(r.Header.Get("webhook-signature"), "v1,", "v1a,", 1))
			return r
		}, 401, CodeBadSignature, ""},
		{"too large", []testOpt{func(d *Deps) { d.Options.BodyLimit = 10 }},
			func() *http.Request { return signed(t, secretA, "msg_14", testNow, body) }, 413, CodeTooLarge, "at most 10"},
		{"not configured", []testOpt{func(d *Deps) { d.Options.HookSecrets = nil }},
			func() *http.Request { return signed(t, secretA, "msg_13", testNow, body) }, 503, CodeHookNotConfigured, "PREFLIGHT_HOOK_SECRET"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := hookServer(t, tt.server...)
			resp, b := do(t, s, tt.req())
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, b)
			}
			if tt.code != "" {
				e := decode[apiError](t, b)
				if e.Code != tt.code || !strings.Contains(e.Message, tt.message) {
					t.Errorf("error %s, want code %s with %q", b, tt.code, tt.message)
				}
			}
		})
	}
}

func env(v string) func(string) string {
	return func(k string) string {
		if k == HookSecretEnv {
			return v
		}
		return ""
	}
}

// TestHookRetryGetsOriginalAnswer: Standard Webhooks senders retry with the
// same webhook-id (re-signed with a new timestamp); the retry gets the
// first delivery's answer, not a refusal, even while that one is still
// being checked. The same id with another body is a conflict, and a
// forged delivery does not take an id.
func TestHookRetryGetsOriginalAnswer(t *testing.T) {
	s := hookServer(t)
	body := `{"text":"damn it"}`
	resp, first := do(t, s, signed(t, secretA, "msg_r", testNow, body))
	if resp.StatusCode != 200 || resp.Header.Get(HeaderReplayed) != "" {
		t.Fatalf("first: %d %s", resp.StatusCode, first)
	}
	resp, again := do(t, s, signed(t, secretA, "msg_r", testNow.Add(30*time.Second), body))
	if resp.StatusCode != 200 || string(again) != string(first) || resp.Header.Get(HeaderReplayed) != "true" {
		t.Errorf("retry: %d %s, want the first answer %s", resp.StatusCode, again, first)
	}
	resp, b := do(t, s, signed(t, secretA, "msg_r", testNow, `{"text":"another post"}`))
	if e := decode[apiError](t, b); resp.StatusCode != 409 || e.Field != "webhook-id" {
		t.Errorf("same id, other body: %d %s", resp.StatusCode, b)
	}
	// A client error is the message's answer too.
	_, bad := do(t, s, signed(t, secretA, "msg_empty", testNow, `{"text":""}`))
	if resp, b := do(t, s, signed(t, secretA, "msg_empty", testNow, `{"text":""}`)); resp.StatusCode != 400 || string(b) != string(bad) {
		t.Errorf("retry of a refused post: %d %s", resp.StatusCode, b)
	}
	// A forged delivery does not burn an id.
	do(t, s, signed(t, secretB, "msg_f", testNow, body))
	if resp, b := do(t, s, signed(t, secretA, "msg_f", testNow, body)); resp.StatusCode != 200 || resp.Header.Get(HeaderReplayed) != "" {
		t.Errorf("after forgery: %d %s", resp.StatusCode, b)
	}
	t.Run("retry while the first is being checked", func(t *testing.T) {
		s := hookServer(t)
		slow := `{"text":"slowly, damn"}` // the test rule sleeps 400 ms on "slowly"
		got := make(chan []byte, 2)
		for i := range 2 {
			go func() {
				time.Sleep(time.Duration(i) * 100 * time.Millisecond)
				resp, err := s.App().Test(signed(t, secretA, "msg_slow", testNow, slow), -1)
				if err != nil {
					got <- []byte(err.Error())
					return
				}
				b, _ := io.ReadAll(resp.Body)
				got <- append([]byte(strconv.Itoa(resp.StatusCode)+" "), b...)
			}()
		}
		a, b := <-got, <-got
		if string(a) != string(b) || !strings.HasPrefix(string(a), "200 ") {
			t.Errorf("concurrent retry:\n%s\n%s", a, b)
		}
	})
}

// TestHookDeliveriesSurviveRestart: the answered ids live in the data
// folder, so a retry after a restart gets the original answer; ids whose
// window has passed are dropped when the file is read.
func TestHookDeliveriesSurviveRestart(t *testing.T) {
	dir := t.TempDir()
	body := `{"text":"damn it"}`
	s1 := hookServer(t, func(d *Deps) { d.DataDir = dir })
	_, first := do(t, s1, signed(t, secretA, "msg_restart", testNow, body))
	if err := s1.Close(); err != nil {
		t.Fatal(err)
	}
	s2 := hookServer(t, func(d *Deps) { d.DataDir = dir })
	resp, again := do(t, s2, signed(t, secretA, "msg_restart", testNow.Add(time.Minute), body))
	if resp.StatusCode != 200 || resp.Header.Get(HeaderReplayed) != "true" || string(again) != string(first) {
		t.Errorf("after restart: %d %s, want %s", resp.StatusCode, again, first)
	}
	s2.Close()
	later := testNow.Add(time.Hour)
	s3 := hookServer(t, func(d *Deps) { d.DataDir = dir; d.Now = func() time.Time { return later } })
	if n := s3.deliveries.len(); n != 0 {
		t.Errorf("%d expired deliveries kept", n)
	}
	s3.Close()
	if fi, err := os.Stat(filepath.Join(dir, DeliveriesFile)); err != nil || fi.Size() != 0 {
		t.Errorf("file not compacted: %v %v", fi, err)
	}
}

// TestDeliveryStoreBounded: the store keeps at most max entries and
// maxBytes of answers, dropping the oldest.
func TestDeliveryStoreBounded(t *testing.T) {
	d, err := newDeliveryStore(3, 100, "", testNow, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		id := strconv.Itoa(i)
		if d.begin(id, bodyHash([]byte(id)), testNow.Add(time.Minute), testNow) != nil {
			t.Fatalf("%s seen before", id)
		}
		d.finish(id, 200, []byte(`{"n":"`+strings.Repeat("x", 30)+`"}`), testNow)
	}
	if d.len() > 3 || d.order.Len() > 3 || d.bytes > 100 {
		t.Errorf("store grew to %d entries, %d bytes", d.len(), d.bytes)
	}
	if d.begin("9", bodyHash([]byte("9")), testNow.Add(time.Minute), testNow) == nil {
		t.Error("the newest id was forgotten")
	}
	if d.begin("9", bodyHash([]byte("9")), testNow.Add(3*time.Minute), testNow.Add(2*time.Minute)) != nil {
		t.Error("an expired id was remembered")
	}
}

// TestUnsignedFloodKeepsSignedBudget: refused deliveries draw on their own
// budget, so a flood of them (from the sender's own address, too) leaves
// the signed deliveries' budget whole.
func TestUnsignedFloodKeepsSignedBudget(t *testing.T) {
	s := hookServer(t, func(d *Deps) { d.Options.RateLimit = 0.01; d.Options.RateBurst = 2 })
	limited := 0
	for range 20 {
		resp, _ := do(t, s, postJSON("/v1/hooks/prepublish", `{"text":"hello"}`))
		if resp.StatusCode == 429 {
			limited++
		}
	}
	if limited == 0 {
		t.Error("the unsigned flood was never limited")
	}
	for i := range 2 {
		if resp, b := do(t, s, signed(t, secretA, "msg_ok"+strconv.Itoa(i), testNow, `{"text":"hello"}`)); resp.StatusCode != 200 {
			t.Errorf("signed delivery %d after the flood: %d %s", i, resp.StatusCode, b)
		}
	}
	if resp, _ := do(t, s, signed(t, secretA, "msg_ok9", testNow, `{"text":"hello"}`)); resp.StatusCode != 429 {
		t.Errorf("signed budget not enforced: %d", resp.StatusCode)
	}
	// A retry is answered from the store without spending the budget.
	if resp, _ := do(t, s, signed(t, secretA, "msg_ok0", testNow, `{"text":"hello"}`)); resp.StatusCode != 200 {
		t.Errorf("retry after the budget ran out: %d", resp.StatusCode)
	}
}

func TestBadSecretConfig(t *testing.T) {
	eng, _ := checker.New(checker.Config{Rules: testRules()})
	for _, sec := range []string{"whsec_%%%", "whsec_" + base64.StdEncoding.EncodeToString([]byte("short"))} {
		if _, err := New(Deps{Engine: eng, Options: Options{HookSecrets: []string{sec}}, Getenv: env("")}); err == nil {
			t.Errorf("secret %q accepted", sec)
		}
	}
}

func TestHookFields(t *testing.T) {
	tests := []struct {
		name, body, ctype string
		want              checker.Post
		action            string
	}{
		{"post shape", `{"id":"1","text":"hello","scheduled_at":"2026-11-21T09:00:00Z","platform":"linkedin","regions":["US"]}`, "",
			checker.Post{ID: "1", Text: "hello", ScheduledAt: time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC), Platform: "linkedin", Regions: []string{"US"}}, "publish"},
		{"scheduler names", `{"post_id":"b7","message":"Our damn sale","publish_at":"2026-11-21T09:00:00+01:00","network":"twitter","profile":"Acme","countries":"US, gb"}`, "",
			checker.Post{ID: "b7", Text: "Our damn sale", ScheduledAt: time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC), Platform: "x", Brand: "Acme", Regions: []string{"US", "GB"}}, "hold"},
		{"camelCase and unix time", `{"postText":"hi there","sendAt":1795338000,"profileType":"facebook_page","accountName":"Acme"}`, "",
			checker.Post{Text: "hi there", ScheduledAt: time.Unix(1795338000, 0), Platform: "facebook", Brand: "Acme"}, "publish"},
		{"unix milliseconds", `{"caption":"hi","scheduled_time":1795338000000,"service":"IG"}`, "",
			checker.Post{Text: "hi", ScheduledAt: time.Unix(1795338000, 0), Platform: "instagram"}, "publish"},
		{"local time with zone", `{"content":"hi","date":"2026-11-21 09:30","timezone":"Europe/Oslo","channel":"LinkedIn Company Page"}`, "",
			checker.Post{Text: "hi", ScheduledAt: time.Date(2026, 11, 21, 8, 30, 0, 0, time.UTC), Platform: "linkedin"}, "publish"},
		{"buffer-style profile object", `{"text":"hi","profile":{"service":"twitter","formatted_username":"@acme"}}`, "",
			checker.Post{Text: "hi", Platform: "x", Brand: "@acme"}, "publish"},
		{"envelope", `{"type":"post.scheduled","timestamp":"2020-01-01T00:00:00Z","data":{"body":"sale today","scheduled_for":"2026-11-21T10:00:00Z","locale":"en-GB"}}`, "",
			checker.Post{Text: "sale today", ScheduledAt: time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC), Regions: []string{"GB"}}, "publish"},
		{"reply by in_reply_to", `{"message":"Sorry about that","reply_to":"My order is late","media":[{"url":"https://x/img.png","alt_text":"a box"}]}`, "",
			checker.Post{Text: "Sorry about that", InReplyTo: "My order is late", Kind: "reply", Media: []checker.Media{{URL: "https://x/img.png", Alt: "a box"}}}, "publish"},
		{"form encoded", "message=damn+good&network=bluesky&region=US&region=NO", "application/x-www-form-urlencoded",
			checker.Post{Text: "damn good", Platform: "bluesky", Regions: []string{"US", "NO"}}, "hold"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hb, err := decodeHookBody([]byte(tt.body), tt.ctype)
			if err != nil {
				t.Fatal(err)
			}
			p, err := hookPost(hb)
			if err != nil {
				t.Fatal(err)
			}
			if p.ID != tt.want.ID || p.Text != tt.want.Text || !p.ScheduledAt.Equal(tt.want.ScheduledAt) || p.Platform != tt.want.Platform ||
				p.Brand != tt.want.Brand || strings.Join(p.Regions, ",") != strings.Join(tt.want.Regions, ",") || p.Kind != tt.want.Kind ||
				p.InReplyTo != tt.want.InReplyTo || len(p.Media) != len(tt.want.Media) || (len(p.Media) > 0 && p.Media[0] != tt.want.Media[0]) {
				t.Errorf("got %+v\nwant %+v", p, tt.want)
			}
			s := hookServer(t)
			r := signed(t, secretA, "id-"+tt.name, testNow, tt.body)
			if tt.ctype != "" {
				r.Header.Set("Content-Type", tt.ctype)
			}
			resp, b := do(t, s, r)
			res := decode[map[string]any](t, b)
			if resp.StatusCode != 200 || res["action"] != tt.action || res["verdict"] == nil || res["reason"] == "" {
				t.Errorf("%d %s", resp.StatusCode, b)
			}
		})
	}
	for _, tt := range []struct{ name, body, code string }{
		{"no text", `{"publish_at":"2026-11-21T09:00:00Z"}`, CodeMissingText},
		{"bad time", `{"message":"hi","publish_at":"next week"}`, CodeBadTime},
		{"bad zone", `{"message":"hi","date":"2026-11-21 09:00","tz":"Mars/Base"}`, CodeBadTime},
		{"unknown network", `{"message":"hi","network":"myspace"}`, CodeUnknownPlatform},
		{"not an object", `[1,2]`, CodeMalformedJSON},
		{"trailing data", `{"message":"hi"} {"x":1}`, CodeMalformedJSON},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := hookServer(t)
			resp, b := do(t, s, signed(t, secretA, "e-"+tt.name, testNow, tt.body))
			if resp.StatusCode/100 != 4 || decode[apiError](t, b).Code != tt.code {
				t.Errorf("%d %s, want %s", resp.StatusCode, b, tt.code)
			}
		})
	}
}

func TestHookHoldOnReview(t *testing.T) {
	for _, hold := range []bool{false, true} {
		s := hookServer(t, func(d *Deps) { d.Options.HoldOnReview = hold })
		_, b := do(t, s, signed(t, secretA, "m", testNow, `{"message":"big sale"}`))
		res := decode[map[string]any](t, b)
		want := map[bool]string{false: "publish", true: "hold"}[hold]
		if res["verdict"] != "review" || res["action"] != want {
			t.Errorf("hold_on_review=%v: %s", hold, b)
		}
	}
}

func FuzzHookBody(f *testing.F) {
	f.Add([]byte(`{"message":"hi","publish_at":"2026-11-21T09:00:00Z","network":"twitter","countries":"US,GB"}`), "")
	f.Add([]byte(`{"data":{"text":"x","media":["a",{"url":1}],"regions":[{"code":"US"}]}}`), "")
	f.Add([]byte("message=a&network=x"), "application/x-www-form-urlencoded")
	f.Add([]byte(`{"text":"a","date":1e400}`), "")
	f.Fuzz(func(t *testing.T, body []byte, ctype string) {
		hb, err := decodeHookBody(body, ctype)
		if err != nil {
			if p := problem(err); p.Status != 400 || p.Code == "" {
				t.Fatalf("decode error %v -> %d %s", err, p.Status, p.Code)
			}
			return
		}
		p, err := hookPost(hb)
		if err != nil {
			if pr := problem(err); pr.Status/100 != 4 {
				t.Fatalf("post error %v -> %d", err, pr.Status)
			}
			return
		}
		if strings.TrimSpace(p.Text) == "" {
			t.Fatal("a post without text was accepted")
		}
	})
}
