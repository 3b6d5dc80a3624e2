package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/queue"
)

// withQueue gives the test server a queue over a fresh SQLite file,
// judging with the server's engine on the tests' pinned clock.
func withQueue(t testing.TB, out **queue.Queue) testOpt {
	return func(d *Deps) {
		store, err := queue.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "queue.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { store.Close() })
		d.Queue = queue.New(store, d.Engine, func() time.Time { return testNow })
		if out != nil {
			*out = d.Queue
		}
	}
}

// validateAs checks a response body against a schema of openapi.json.
func validateAs(t *testing.T, doc map[string]any, ref string, b []byte) {
	t.Helper()
	if err := validate(doc, map[string]any{"$ref": ref}, decode[any](t, b), "response"); err != nil {
		t.Errorf("%s: %v\n%s", ref, err, b)
	}
}

// TestQueueAPI walks the queue API in order: queue a batch (one clear, one
// held), replay it by Idempotency-Key, refuse the key with another body,
// list with filters, hold, release, publish, cancel, suppress, declare and
// end a crisis, and re-check; every answer matches openapi.json.
func TestQueueAPI(t *testing.T) {
	doc := loadOpenAPI(t)
	s := hookServer(t, withQueue(t, nil))
	at := testNow.Add(6 * time.Hour).Format(time.RFC3339)
	batch := fmt.Sprintf(`[{"id":"p1","text":"Our new menu is out","scheduled_at":%q,"regions":["GB"],"brand":"Acme"},
		{"id":"p2","text":"damn good deals","scheduled_at":%q,"regions":["US"],"brand":"Other"}]`, at, at)
	r := postJSON("/v1/queue", batch)
	r.Header.Set(HeaderIdempotencyKey, "k1")
	resp, b := do(t, s, r)
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
	if err := validate(doc, responseSchema(doc, doc["paths"].(map[string]any)["/v1/queue"].(map[string]any)["post"].(map[string]any), "200"), decode[any](t, b), "response"); err != nil {
		t.Errorf("POST /v1/queue answer: %v\n%s", err, b)
	}
	got := decode[struct{ Entries []queue.Entry }](t, b)
	if len(got.Entries) != 2 || got.Entries[0].Status != queue.StatusClear || got.Entries[1].Status != queue.StatusHeld {
		t.Fatalf("entries %+v", got.Entries)
	}
	r = postJSON("/v1/queue", batch)
	r.Header.Set(HeaderIdempotencyKey, "k1")
	resp, b2 := do(t, s, r)
	if resp.StatusCode != 200 || string(b2) != string(b) || resp.Header.Get(HeaderReplayed) != "true" {
		t.Errorf("same key and body: %d %s", resp.StatusCode, b2)
	}
	r = postJSON("/v1/queue", strings.Replace(batch, "menu", "menus", 1))
	r.Header.Set(HeaderIdempotencyKey, "k1")
	if resp, b := do(t, s, r); resp.StatusCode != 422 || !strings.Contains(string(b), CodeKeyReused) {
		t.Errorf("same key, other body: %d %s", resp.StatusCode, b)
	}
	if resp, b := do(t, s, postJSON("/v1/queue", `{"text":"no id","scheduled_at":"2026-11-21T10:00:00Z"}`)); resp.StatusCode != 400 || !strings.Contains(string(b), `"field":"id"`) {
		t.Errorf("missing id: %d %s", resp.StatusCode, b)
	}
	if resp, b := do(t, s, postJSON("/v1/queue", `[{"id":"a","text":"x","scheduled_at":"2026-11-21T10:00:00Z"},{"id":"b","text":"no time"}]`)); resp.StatusCode != 400 || !strings.Contains(string(b), "post 2") {
		t.Errorf("batch with a bad post: %d %s", resp.StatusCode, b)
	}

	for q, want := range map[string]string{"": "p1,p2", "status=held": "p2", "brand=acme": "p1", "region=US": "p2", "from=2026-11-22": ""} {
		resp, b := do(t, s, httptest.NewRequest("GET", "/v1/queue?"+q, nil))
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", q, resp.StatusCode, b)
		}
		var ids []string
		for _, e := range decode[struct{ Entries []queue.Entry }](t, b).Entries {
			ids = append(ids, e.ID)
		}
		if strings.Join(ids, ",") != want {
			t.Errorf("GET /v1/queue?%s: %v, want %s", q, ids, want)
		}
	}
	if resp, b := do(t, s, httptest.NewRequest("GET", "/v1/queue?status=lost", nil)); resp.StatusCode != 400 || !strings.Contains(string(b), "status") {
		t.Errorf("bad status filter: %d %s", resp.StatusCode, b)
	}
	resp, b = do(t, s, httptest.NewRequest("GET", "/v1/queue/p2", nil))
	if resp.StatusCode != 200 {
		t.Fatal(resp.StatusCode)
	}
	validateAs(t, doc, "#/components/schemas/QueueEntry", b)
	if resp, _ := do(t, s, httptest.NewRequest("GET", "/v1/queue/nope", nil)); resp.StatusCode != 404 {
		t.Errorf("unknown id: %d", resp.StatusCode)
	}

	if resp, b := do(t, s, postJSON("/v1/queue/p1/hold", `{}`)); resp.StatusCode != 400 || !strings.Contains(string(b), "reason") {
		t.Errorf("hold without reason: %d %s", resp.StatusCode, b)
	}
	resp, b = do(t, s, postJSON("/v1/queue/p1/hold", `{"reason":"brand review"}`))
	e := decode[queue.Entry](t, b)
	if resp.StatusCode != 200 || e.Status != queue.StatusHeld || e.Hold.By != "api" {
		t.Errorf("hold: %d %s", resp.StatusCode, b)
	}
	if resp, _ := do(t, s, postJSON("/v1/queue/p1/published", ``)); resp.StatusCode != 409 {
		t.Errorf("a held post was published: %d", resp.StatusCode)
	}
	for _, step := range []string{"release", "published"} {
		if resp, b := do(t, s, postJSON("/v1/queue/p1/"+step, ``)); resp.StatusCode != 200 {
			t.Errorf("%s: %d %s", step, resp.StatusCode, b)
		}
	}
	if resp, b := do(t, s, postJSON("/v1/queue/p2/cancel", `{"reason":"pulled"}`)); resp.StatusCode != 200 || decode[queue.Entry](t, b).Status != queue.StatusCancelled {
		t.Errorf("cancel: %d %s", resp.StatusCode, b)
	}

	resp, b = do(t, s, postJSON("/v1/queue/p2/suppress", fmt.Sprintf(`{"rule":"content.test_swear","why":"quoting a customer","until":%q}`, testNow.Add(24*time.Hour).Format(time.RFC3339))))
	if resp.StatusCode != 200 {
		t.Errorf("suppress: %d %s", resp.StatusCode, b)
	} else {
		validateAs(t, doc, "#/components/schemas/Suppression", b)
	}
	if resp, b := do(t, s, postJSON("/v1/queue/p2/suppress", `{"rule":"content.test_swear","why":"x"}`)); resp.StatusCode != 400 || !strings.Contains(string(b), "until") {
		t.Errorf("suppress without expiry: %d %s", resp.StatusCode, b)
	}

	if _, b := do(t, s, postJSON("/v1/queue", fmt.Sprintf(`{"id":"p3","text":"Big sale today, 20%% off everything!","scheduled_at":%q,"regions":["GB"]}`, at))); !strings.Contains(string(b), "p3") {
		t.Fatalf("queue p3: %s", b)
	}
	resp, b = do(t, s, postJSON("/v1/crises", `{"regions":["GB"],"reason":"ferry disaster"}`))
	if resp.StatusCode != 200 {
		t.Fatalf("crisis: %d %s", resp.StatusCode, b)
	}
	ans := decode[crisisAnswer](t, b)
	if len(ans.Posts) != 1 || ans.Posts[0] != "p3" || ans.Crisis.Status != queue.CrisisActive {
		t.Errorf("crisis held %v (%s)", ans.Posts, ans.Crisis.Status)
	}
	resp, b = do(t, s, httptest.NewRequest("GET", "/v1/crises", nil))
	if resp.StatusCode != 200 || !strings.Contains(string(b), ans.Crisis.ID) {
		t.Errorf("crisis list: %d %s", resp.StatusCode, b)
	}
	resp, b = do(t, s, postJSON("/v1/crises/"+ans.Crisis.ID+"/end", ``))
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"posts":["p3"]`) {
		t.Errorf("end: %d %s", resp.StatusCode, b)
	}
	if resp, _ := do(t, s, postJSON("/v1/crises/"+ans.Crisis.ID+"/end", ``)); resp.StatusCode != 409 {
		t.Errorf("ended twice: %d", resp.StatusCode)
	}
	resp, b = do(t, s, postJSON("/v1/queue/recheck", ``))
	if resp.StatusCode != 200 {
		t.Errorf("recheck: %d %s", resp.StatusCode, b)
	} else {
		validateAs(t, doc, "#/components/schemas/RecheckSummary", b)
	}
}

// TestQueueOff: without a queue the queue routes answer 503, not 404.
func TestQueueOff(t *testing.T) {
	s := hookServer(t)
	if resp, b := do(t, s, httptest.NewRequest("GET", "/v1/queue", nil)); resp.StatusCode != 503 {
		t.Errorf("%d %s", resp.StatusCode, b)
	}
}

// TestHookRegistersAndHolds: a scheduler registers a post through the hook
// when it schedules it; the pre-publish call for a post held in the queue
// answers hold with the hold's reason and evidence, although the post's own
// words pass; after a release it answers publish.
func TestHookRegistersAndHolds(t *testing.T) {
	var q *queue.Queue
	s := hookServer(t, withQueue(t, &q))
	body := fmt.Sprintf(`{"type":"post.scheduled","data":{"id":"s1","text":"Spring menu out now","scheduled_at":%q,"regions":["GB"]}}`, testNow.Add(3*time.Hour).Format(time.RFC3339))
	resp, b := do(t, s, signed(t, secretA, "reg-1", testNow, body))
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"status":"clear"`) || !strings.Contains(string(b), `"action":"publish"`) {
		t.Fatalf("register: %d %s", resp.StatusCode, b)
	}
	if _, err := q.Hold(context.Background(), "s1", "lead@example.com", "crisis review", time.Time{}); err != nil {
		t.Fatal(err)
	}
	pre := fmt.Sprintf(`{"id":"s1","text":"Spring menu out now","scheduled_at":%q,"regions":["GB"]}`, testNow.Add(3*time.Hour).Format(time.RFC3339))
	resp, b = do(t, s, signed(t, secretA, "pre-1", testNow, pre))
	got := decode[struct {
		Action, Reason string
		Queue          struct{ Status string }
	}](t, b)
	if resp.StatusCode != 200 || got.Action != "hold" || !strings.Contains(got.Reason, "crisis review") || got.Queue.Status != "held" {
		t.Fatalf("pre-publish of a held post: %d %s", resp.StatusCode, b)
	}
	doc := loadOpenAPI(t)
	validateAs(t, doc, "#/components/schemas/HookResponse", b)
	if err := q.FlushAudit(context.Background()); err != nil {
		t.Fatal(err)
	}
	recs, _ := q.Store().Audit(context.Background(), queue.AuditFilter{PostID: "s1"})
	if last := recs[len(recs)-1]; last.Trigger != "hook" || last.Status != queue.StatusHeld || last.Post == nil {
		t.Errorf("the hook's check is not in the audit log: %+v", last)
	}
	if _, err := q.Release(context.Background(), "s1", "lead@example.com", "fine"); err != nil {
		t.Fatal(err)
	}
	_, b = do(t, s, signed(t, secretA, "pre-2", testNow, pre))
	if !strings.Contains(string(b), `"action":"publish"`) {
		t.Errorf("released post: %s", b)
	}
	// "update" (Buffer's word for a post) is not a registration, and a
	// registration without a time is checked, not refused.
	if eventOf(hookBody{{"type": "update"}}) != hookCheck || eventOf(hookBody{{"event": "post.unscheduled"}}) != hookCancel {
		t.Errorf("event words misread")
	}
	resp, b = do(t, s, signed(t, secretA, "reg-3", testNow, `{"event":"post.created","id":"s9","text":"hello"}`))
	if resp.StatusCode != 200 || strings.Contains(string(b), `"queue"`) {
		t.Errorf("registration without a time: %d %s", resp.StatusCode, b)
	}
	// Without an id the registration is an ordinary check.
	_, b = do(t, s, signed(t, secretA, "reg-2", testNow, `{"type":"post.scheduled","data":{"text":"hello"}}`))
	if strings.Contains(string(b), `"queue"`) {
		t.Errorf("a post without id was queued: %s", b)
	}
}

// TestQueuePage: the page shows the calendar with each post coloured by
// status, the hold with its reason, and hold and release buttons; "now" is
// the server's; a same-origin form post releases; a cross-site one is
// refused.
func TestQueuePage(t *testing.T) {
	var q *queue.Queue
	s := hookServer(t, withQueue(t, &q))
	ctx := context.Background()
	at := testNow.Add(26 * time.Hour)
	if _, err := q.Add(ctx, queueTestPosts{{"g1", "Spring menu out now", at, "GB", "Acme"}, {"u1", "damn fine coffee", at, "US", "Acme"}}.posts(), "api"); err != nil {
		t.Fatal(err)
	}
	resp, b := do(t, s, httptest.NewRequest("GET", "/queue", nil))
	page := string(b)
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
	for _, want := range []string{`data-now="` + testNow.UTC().Format(time.RFC3339Nano) + `"`, `class="qpost st-clear"`, `class="qpost st-held"`,
		"Strong language on a brand account.", `action="/queue/u1/release"`, `action="/queue/g1/hold"`, "Sat 21 Nov", "Declare crisis"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	resp, b = do(t, s, httptest.NewRequest("GET", "/queue?region=GB", nil))
	if strings.Contains(string(b), `action="/queue/u1/release"`) && strings.Contains(string(b), "<th scope=\"col\">US</th>") {
		t.Errorf("region filter shows US")
	}
	form := func(path, origin string, vals url.Values) *http.Request {
		r := httptest.NewRequest("POST", path, strings.NewReader(vals.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if origin != "" {
			r.Header.Set("Sec-Fetch-Site", origin)
		}
		return r
	}
	if resp, _ := do(t, s, form("/queue/u1/release", "cross-site", nil)); resp.StatusCode != 403 {
		t.Errorf("cross-site release: %d", resp.StatusCode)
	}
	resp, _ = do(t, s, form("/queue/u1/release", "same-origin", url.Values{"back": {"region=US"}}))
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/queue?region=US" {
		t.Errorf("release: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if e, _ := q.Store().Get(ctx, "u1"); e.Status != queue.StatusReleased {
		t.Errorf("u1 is %s", e.Status)
	}
	if resp, b := do(t, s, form("/queue/g1/hold", "same-origin", url.Values{})); resp.StatusCode != 400 || !strings.Contains(string(b), "<html") {
		t.Errorf("hold without reason from the page: %d", resp.StatusCode)
	}
	resp, _ = do(t, s, form("/queue/crisis", "same-origin", url.Values{"regions": {"GB"}, "reason": {"storm"}}))
	if resp.StatusCode != 303 {
		t.Errorf("crisis from the page: %d", resp.StatusCode)
	}
	_, b = do(t, s, httptest.NewRequest("GET", "/queue", nil))
	if !strings.Contains(string(b), "End crisis") {
		t.Errorf("page does not show the crisis")
	}
	props, err := q.ProposeCrises(ctx, []checker.Article{{ID: "f", Title: "Flood devastates Riverside town", Regions: []string{"US"},
		Crisis: checker.CrisisDisaster, Severity: 0.9}}, []string{"US"})
	if err != nil || len(props) != 1 {
		t.Fatalf("proposal: %v %v", props, err)
	}
	_, b = do(t, s, httptest.NewRequest("GET", "/queue", nil))
	if !strings.Contains(string(b), `action="/queue/crisis/`+props[0].ID+`/confirm"`) || !strings.Contains(string(b), "Flood devastates Riverside town") {
		t.Errorf("page does not offer to confirm the proposal")
	}
	if resp, _ := do(t, s, form("/queue/crisis/"+props[0].ID+"/confirm", "same-origin", nil)); resp.StatusCode != 303 {
		t.Errorf("confirm from the page: %d", resp.StatusCode)
	}
	if resp, b := do(t, s, httptest.NewRequest("GET", "/v1/crises", nil)); !strings.Contains(string(b), `"status":"active"`) {
		t.Errorf("after confirming: %d %s", resp.StatusCode, b)
	}
}

type queueTestPost struct {
	id, text string
	at       time.Time
	region   string
	brand    string
}

type queueTestPosts []queueTestPost

func (ps queueTestPosts) posts() []checker.Post {
	out := make([]checker.Post, len(ps))
	for i, p := range ps {
		out[i] = checker.Post{ID: p.id, Text: p.text, ScheduledAt: p.at, Regions: []string{p.region}, Brand: p.brand}
	}
	return out
}
