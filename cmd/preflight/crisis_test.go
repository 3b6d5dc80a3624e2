package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runAt runs the program with the clock pinned at now.
func runAt(t *testing.T, now time.Time, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(withClock(context.Background(), func() time.Time { return now }), args, strings.NewReader(""), &out, &errb)
	code := exitCode(err, &errb)
	return out.String(), errb.String(), code
}

// TestCrisisCLI: import two GB posts into the queue; a crisis for GB holds
// the promotional one only; list shows it; end lifts its hold; a crisis
// without a reason is a usage error naming the flag; a suppression needs
// an expiry; and replay re-judges the first verdict and finds it the same.
func TestCrisisCLI(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 6, 9, 8, 0, 0, 0, time.UTC)
	in := filepath.Join(dir, "posts.jsonl")
	os.WriteFile(in, []byte(`{"id":"promo","text":"Summer sale: 30% off everything, shop now!","scheduled_at":"2026-06-09T18:00:00Z","regions":["GB"]}
{"id":"service","text":"Our stores close at 5pm today; online orders ship on Thursday.","scheduled_at":"2026-06-09T18:00:00Z","regions":["GB"]}
`), 0o644)
	if out, errs, code := runAt(t, now, "queue", "import", "--data", dir, in); code != 0 {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	if _, errs, code := runAt(t, now, "crisis", "start", "--data", dir, "--regions", "GB"); code != 2 || !strings.Contains(errs, "--reason") {
		t.Errorf("crisis without reason: %d %s", code, errs)
	}
	out, errs, code := runAt(t, now, "crisis", "start", "--data", dir, "--regions", "GB", "--reason", "ferry disaster", "--by", "ops", "--format", "json")
	if code != 0 {
		t.Fatalf("start: %d %s", code, errs)
	}
	var started struct {
		Crisis struct{ ID, Status string }
		Posts  []string
	}
	if err := json.Unmarshal([]byte(out), &started); err != nil || started.Crisis.Status != "active" || strings.Join(started.Posts, ",") != "promo" {
		t.Fatalf("start: %s (%v)", out, err)
	}
	if out, _, _ := runAt(t, now, "crisis", "list", "--data", dir); !strings.Contains(out, started.Crisis.ID) || !strings.Contains(out, "ferry disaster") {
		t.Errorf("list: %s", out)
	}
	if out, _, _ := runAt(t, now, "queue", "show", "--data", dir, "promo"); !strings.Contains(out, "held") {
		t.Errorf("promo not held: %s", out)
	}
	if out, errs, code := runAt(t, now, "crisis", "end", "--data", dir, started.Crisis.ID); code != 0 || !strings.Contains(out, "1 posts released") {
		t.Errorf("end: %d %s %s", code, out, errs)
	}
	if _, errs, code := runAt(t, now, "crisis", "end", "--data", dir, "c-none"); code != 2 || !strings.Contains(errs, "c-none") {
		t.Errorf("end of an unknown crisis: %d %s", code, errs)
	}
	if _, errs, code := runAt(t, now, "queue", "suppress", "--data", dir, "promo", "--rule", "content.x", "--reason", "fine"); code != 2 || !strings.Contains(errs, "--until") {
		t.Errorf("suppress without expiry: %d %s", code, errs)
	}
	if out, errs, code := runAt(t, now, "queue", "suppress", "--data", dir, "promo", "--rule", "content.x", "--reason", "fine", "--until", "2026-06-10T08:00:00Z"); code != 0 || !strings.Contains(out, "suppressed content.x") {
		t.Errorf("suppress: %d %s %s", code, out, errs)
	}
	if out, _, _ := runAt(t, now, "audit", "--data", dir, "--format", "csv"); !strings.Contains(out, "suppress,") || !strings.Contains(out, ",content.x,") {
		t.Errorf("audit CSV lacks the suppression: %s", out)
	}
	if out, errs, code := runAt(t, now, "replay", "--data", dir, "1"); code != 0 || !strings.Contains(out, "the same verdict") {
		t.Errorf("replay: %d %s %s", code, out, errs)
	}
	if _, errs, code := runAt(t, now, "replay", "--data", dir, "999"); code != 2 || !strings.Contains(errs, "999") {
		t.Errorf("replay of a missing record: %d %s", code, errs)
	}
}

// TestQueueThroughService: while 'preflight serve' holds the data folder,
// 'queue import' judges through it, 'queue recheck' asks it to re-check and
// 'replay' asks it to replay (the index is the service's; opening it again
// would fail).
func TestQueueThroughService(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 6, 9, 8, 0, 0, 0, time.UTC)
	ctx, cancel := context.WithCancel(withClock(context.Background(), func() time.Time { return now }))
	out := lineWriter{make(chan string, 16)}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data", dir, "--no-poll"}, strings.NewReader(""), out, io.Discard)
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	select {
	case <-out.lines:
	case err := <-done:
		t.Fatalf("serve stopped: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}
	in := filepath.Join(dir, "posts.jsonl")
	at := now.Add(24 * time.Hour).Format(time.RFC3339)
	os.WriteFile(in, []byte(`{"id":"p1","text":"Our autumn menu is out.","scheduled_at":"`+at+`","regions":["GB"]}`+"\n"), 0o644)
	stdout, errs, code := runAt(t, now, "queue", "import", "--data", dir, in)
	if code != 0 || !strings.Contains(stdout, "p1") {
		t.Fatalf("import while serving: %d %s %s", code, stdout, errs)
	}
	stdout, errs, code = runAt(t, now, "queue", "recheck", "--data", dir)
	if code != 0 || !strings.Contains(errs, "going through it") || !strings.Contains(stdout, "re-checked 1 posts") {
		t.Errorf("recheck while serving: %d %q %q", code, stdout, errs)
	}
	stdout, errs, code = runAt(t, now, "replay", "--data", dir, "1")
	if code != 0 || !strings.Contains(errs, "going through it") || !strings.Contains(stdout, "record 1 (add of post p1") || !strings.Contains(stdout, "the same verdict") {
		t.Errorf("replay while serving: %d %q %q", code, stdout, errs)
	}
	if _, errs, code := runAt(t, now, "replay", "--data", dir, "999"); code != 2 || !strings.Contains(errs, "no audit record 999") {
		t.Errorf("replay of a missing record while serving: %d %q", code, errs)
	}
}
