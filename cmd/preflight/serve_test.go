package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// lineWriter hands each written line to a channel, so a test can wait for
// the line that announces the URL.
type lineWriter struct{ lines chan string }

func (w lineWriter) Write(p []byte) (int, error) {
	sc := bufio.NewScanner(bytes.NewReader(p))
	for sc.Scan() {
		select {
		case w.lines <- sc.Text():
		default:
		}
	}
	return len(p), nil
}

// TestServe starts `preflight serve` on a free loopback port with a
// preflight.yaml that sets an API key, checks a post through the API, and
// stops it by cancelling the context, as an interrupt would.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "preflight.yaml"), []byte("brand: Northway\nregions: [US]\nservice:\n  api_keys: [k3y]\n"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	out := lineWriter{make(chan string, 16)}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data", dir, "--no-poll"}, strings.NewReader(""), out, io.Discard)
	}()
	var base string
	select {
	case l := <-out.lines:
		_, after, ok := strings.Cut(l, "http://")
		if !ok {
			t.Fatalf("first line %q does not print the URL", l)
		}
		base = "http://" + strings.Fields(after)[0]
	case err := <-done:
		t.Fatalf("serve stopped: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not print its URL")
	}
	post := `{"text":"Happy Memorial Day! 40% off grills","scheduled_at":"2026-05-25T14:00:00Z"}`
	req, _ := http.NewRequest("POST", base+"v1/check", strings.NewReader(post))
	req.Header.Set("Content-Type", "application/json")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("without the key from preflight.yaml: %v %v, want 401", resp.StatusCode, err)
	}
	req, _ = http.NewRequest("POST", base+"v1/check", strings.NewReader(post))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-API-Key", "k3y")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct{ Verdict string }
	json.NewDecoder(resp.Body).Decode(&rep)
	resp.Body.Close()
	if resp.StatusCode != 200 || rep.Verdict != "block" {
		t.Errorf("status %d verdict %q, want 200 block (the profile's US region applies)", resp.StatusCode, rep.Verdict)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after shutdown", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after cancel")
	}
}
