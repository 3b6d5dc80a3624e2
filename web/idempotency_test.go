package web

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/internal/pgtest"
	"github.com/preflight-dev/preflight/queue"
)

// sharedStores opens, for each store kind, a function that returns a new
// handle on one database: two servers over two handles are two replicas
// (or one service before and after a restart).
var sharedStores = []struct {
	name string
	db   func(t *testing.T) func() queue.Store
}{
	{"sqlite", func(t *testing.T) func() queue.Store {
		path := filepath.Join(t.TempDir(), "queue.db")
		return func() queue.Store {
			s, err := queue.OpenSQLite(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		}
	}},
	{"postgres", func(t *testing.T) func() queue.Store {
		url := pgtest.URL(t)
		return func() queue.Store {
			s, err := queue.OpenPostgres(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		}
	}},
}

// testClient is who app.Test's requests come from, for the key's scope.
const testClient = "ip:0.0.0.0"

// onStore serves the queue over store.
func onStore(store queue.Store, out **queue.Queue) testOpt {
	return func(d *Deps) {
		d.Queue = queue.New(store, d.Engine, func() time.Time { return testNow })
		if out != nil {
			*out = d.Queue
		}
	}
}

// TestIdempotencyKeyAcrossReplicas: an Idempotency-Key is remembered in
// the store, not the process. A retry sent to another replica (or to the
// service after a restart) gets the first answer, marked replayed, without
// queueing again; the key with another body is 422; a refusal is answered
// again as it was; a retry while another replica still runs the request
// waits for that answer.
func TestIdempotencyKeyAcrossReplicas(t *testing.T) {
	for _, kind := range sharedStores {
		t.Run(kind.name, func(t *testing.T) {
			open := kind.db(t)
			var qa, qb *queue.Queue
			short := func(d *Deps) { d.Options.CheckTimeout = time.Second } // how long a retry waits for another replica
			a := hookServer(t, onStore(open(), &qa), short)
			b := hookServer(t, onStore(open(), &qb), short)
			at := testNow.Add(6 * time.Hour).Format(time.RFC3339)
			body := fmt.Sprintf(`{"id":"p1","text":"Our new menu is out","scheduled_at":%q,"regions":["GB"]}`, at)
			keyed := func(s *Server, key, body string) (int, string, string) {
				r := postJSON("/v1/queue", body)
				r.Header.Set(HeaderIdempotencyKey, key)
				resp, out := do(t, s, r)
				return resp.StatusCode, resp.Header.Get(HeaderReplayed), string(out)
			}
			st, rep, first := keyed(a, "k1", body)
			if st != 200 || rep != "" {
				t.Fatalf("first: %d %q %s", st, rep, first)
			}
			// Published meanwhile: a second run would fail with a conflict
			// or re-queue it; a replay does neither.
			if _, err := qa.Published(context.Background(), "p1", "test"); err != nil {
				t.Fatal(err)
			}
			st, rep, again := keyed(b, "k1", body)
			if st != 200 || rep != "true" || again != first {
				t.Errorf("retry on the other replica: %d %q\n%s\nwant\n%s", st, rep, again, first)
			}
			if e, err := qb.Store().Get(context.Background(), "p1"); err != nil || e.Status != queue.StatusPublished {
				t.Errorf("the retry queued the post again: %+v %v", e.Status, err)
			}
			if st, _, out := keyed(b, "k1", strings.Replace(body, "menu", "menus", 1)); st != 422 || !strings.Contains(out, CodeKeyReused) {
				t.Errorf("same key, other body: %d %s", st, out)
			}
			bad := `{"id":"p2","text":"no time"}`
			st, _, refusal := keyed(a, "k2", bad)
			if st != 400 {
				t.Fatalf("refusal: %d %s", st, refusal)
			}
			if st, rep, out := keyed(b, "k2", bad); st != 400 || rep != "true" || out != refusal {
				t.Errorf("refusal replayed: %d %q %s", st, rep, out)
			}

			// Replica A is running k3 (claimed, no answer yet): B waits.
			body3 := fmt.Sprintf(`{"id":"p3","text":"Spring menu","scheduled_at":%q}`, at)
			if _, claimed, err := qa.ClaimRequest(context.Background(), testClient, "k3", []byte(body3)); err != nil || !claimed {
				t.Fatalf("claim k3: %v %v", claimed, err)
			}
			got := make(chan string, 1)
			go func() {
				st, rep, out := keyed(b, "k3", body3)
				got <- fmt.Sprint(st, " ", rep, " ", out)
			}()
			time.Sleep(200 * time.Millisecond)
			if err := qa.FinishRequest(context.Background(), testClient, "k3", []byte(body3), 200, []byte(`{"entries":[]}`)); err != nil {
				t.Fatal(err)
			}
			if g := <-got; g != `200 true {"entries":[]}` {
				t.Errorf("retry while A ran k3: %s", g)
			}
			// A claim nobody answers: the retry gives up with 409 and Retry-After.
			if _, claimed, _ := qa.ClaimRequest(context.Background(), testClient, "k4", []byte(body3)); !claimed {
				t.Fatal("claim k4")
			}
			r := postJSON("/v1/queue", body3)
			r.Header.Set(HeaderIdempotencyKey, "k4")
			if resp, out := do(t, b, r); resp.StatusCode != 409 || resp.Header.Get("Retry-After") == "" {
				t.Errorf("retry while k4 runs: %d %s", resp.StatusCode, out)
			}
		})
	}
}
