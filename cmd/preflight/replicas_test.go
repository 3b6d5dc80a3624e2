package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/internal/pgtest"
	"github.com/preflight-dev/preflight/queue"
)

// replica is one `preflight serve` started by a test.
type replica struct {
	base  string // http://host:port/
	token string // the local token from its serve.json
	done  chan error
}

// startReplica runs `preflight serve` on a free loopback port over its own
// data folder (its own news index) with preflight.yaml's store at url, and
// stops it when the test ends.
func startReplica(t *testing.T, ctx context.Context, url string) *replica {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "preflight.yaml"), []byte("store: "+url+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(ctx)
	out := lineWriter{make(chan string, 16)}
	r := &replica{done: make(chan error, 1)}
	go func() {
		r.done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data", dir, "--no-poll"}, strings.NewReader(""), out, io.Discard)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-r.done:
			if err != nil {
				t.Errorf("serve %s: %v", dir, err)
			}
		case <-time.After(30 * time.Second):
			t.Errorf("serve %s did not stop", dir)
		}
	})
	select {
	case l := <-out.lines:
		_, after, ok := strings.Cut(l, "http://")
		if !ok {
			t.Fatalf("first line %q does not print the URL", l)
		}
		r.base = "http://" + strings.Fields(after)[0]
	case err := <-r.done:
		t.Fatalf("serve stopped: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start")
	}
	d, err := readDiscovery(dir)
	if err != nil {
		t.Fatal(err)
	}
	r.token = d.Token
	return r
}

// call sends a request with the replica's local token and decodes a JSON
// answer into out (when not nil).
func (r *replica) call(t *testing.T, method, path, ctype, body string, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, strings.TrimSuffix(r.base, "/")+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("Authorization", "Bearer "+r.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil && resp.StatusCode == 200 {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v\n%s", method, path, err, b)
		}
	}
	if resp.StatusCode != 200 {
		t.Logf("%s %s: %d %s", method, path, resp.StatusCode, b)
	}
	return resp.StatusCode
}

// TestTwoServesShareOnePostgres: two `preflight serve` processes' worth of
// service (each with its own data folder and news index) share one
// PostgreSQL database. A post queued through A; news of a disaster that
// the post names imported through B; the re-check holds the post, and both
// A and B show it held with the article as evidence, A's index having
// followed the article from the shared table, so A's own check of the post
// blocks it too. Without PREFLIGHT_TEST_POSTGRES it skips.
func TestTwoServesShareOnePostgres(t *testing.T) {
	url := pgtest.URL(t)
	now := time.Date(2026, 6, 9, 10, 0, 0, 0, time.UTC)
	ctx := withClock(context.Background(), func() time.Time { return now })
	a := startReplica(t, ctx, url)
	b := startReplica(t, ctx, url)

	at := now.Add(8 * time.Hour).Format(time.RFC3339)
	bar := fmt.Sprintf(`{"id":"gb-bar","text":"Weekend in Lakeport? Our harbour rooftop bar opens tonight with 2-for-1 cocktails!","scheduled_at":%q,"regions":["GB"],"brand":"Northway"}`, at)
	service := fmt.Sprintf(`{"id":"gb-service","text":"Our customer service team is available until 6pm today on 0800 123 456.","scheduled_at":%q,"regions":["GB"],"brand":"Northway"}`, at)
	var queued struct{ Entries []queue.Entry }
	if st := a.call(t, "POST", "/v1/queue", "application/json", "["+bar+","+service+"]", &queued); st != 200 || len(queued.Entries) != 2 {
		t.Fatalf("queue through A: %d %+v", st, queued)
	}
	for _, e := range queued.Entries {
		if e.Status != queue.StatusClear {
			t.Fatalf("%s queued as %s on a quiet morning: %s", e.ID, e.Status, e.Report)
		}
	}
	var seen queue.Entry
	if st := b.call(t, "GET", "/v1/queue/gb-bar", "", "", &seen); st != 200 || seen.Status != queue.StatusClear {
		t.Fatalf("B does not see the post A queued: %d %+v", st, seen)
	}

	article := `{"id":"lakeport-fire","title":"Ferry fire in Lakeport harbour kills 14","url":"https://news.example/lakeport-fire",` +
		`"summary":"Fourteen people died when a ferry caught fire in Lakeport harbour.","published":"2026-06-09T09:40:00Z",` +
		`"regions":["GB"],"entities":["Lakeport"],"crisis":"disaster","severity":0.9,"language":"en"}` + "\n"
	var imported struct{ Added int }
	if st := b.call(t, "POST", "/v1/news/import", "application/x-ndjson", article, &imported); st != 200 || imported.Added != 1 {
		t.Fatalf("import through B: %d %+v", st, imported)
	}

	deadline := time.Now().Add(60 * time.Second)
	for _, r := range []*replica{a, b} {
		var e queue.Entry
		for {
			if r.call(t, "GET", "/v1/queue/gb-bar", "", "", &e) == 200 && e.Status == queue.StatusHeld {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: gb-bar is %s, not held, a minute after the news (%s)", r.base, e.Status, e.Report)
			}
			time.Sleep(100 * time.Millisecond)
		}
		if e.Hold == nil || len(e.Hold.Evidence) == 0 || !strings.Contains(e.Hold.Evidence[0].Title+e.Hold.Reason, "Lakeport") {
			t.Errorf("%s: hold %+v does not cite the article", r.base, e.Hold)
		}
		var other queue.Entry
		if r.call(t, "GET", "/v1/queue/gb-service", "", "", &other); other.Status != queue.StatusClear {
			t.Errorf("%s: gb-service is %s after news it has nothing to do with", r.base, other.Status)
		}
	}
	// A judges with the news B imported: its index followed the table.
	var found struct{ Articles []struct{ ID string } }
	for {
		a.call(t, "GET", "/v1/news/search?q=Lakeport&at=2026-06-09T10:00:00Z", "", "", &found)
		if len(found.Articles) > 0 && found.Articles[0].ID == "lakeport-fire" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("A's index never followed the article B imported: %+v", found)
		}
		time.Sleep(100 * time.Millisecond)
	}
	var rep struct {
		Verdict  string
		Findings []struct{ Rule, Message string }
		Skipped  []struct{ Rule, Reason string }
	}
	// The rules read the index's crisis list, which takes the batch a
	// moment after Bleve shows it to a search: ask until it does.
	for a.call(t, "POST", "/v1/check", "application/json", bar, &rep) != 200 || rep.Verdict != "block" {
		if time.Now().After(deadline) {
			t.Fatalf("A checks the post with B's news: %s, want block (%+v)", rep.Verdict, rep)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
