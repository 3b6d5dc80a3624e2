package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/internal/pgtest"
)

// TestConnectSetupAndTest: each connector explains its credentials;
// --test reports whose credentials work, or what is missing with the
// setting's name; unknown names and mixed flags are usage errors.
func TestConnectSetupAndTest(t *testing.T) {
	out, _, code := runCLI(t, "", "connect", "mastodon")
	if code != 0 || !strings.Contains(out, "write:statuses") || !strings.Contains(out, "connect:\n    mastodon:") {
		t.Errorf("mastodon setup (%d): %s", code, out)
	}
	for _, name := range []string{"hootsuite", "buffer"} {
		if out, _, code := runCLI(t, "", "connect", name); code != 0 || !strings.Contains(out, "preflight connect "+name+" --test") {
			t.Errorf("%s setup (%d): %s", name, code, out)
		}
	}
	if _, errOut, code := runCLI(t, "", "connect", "myspace"); code == 0 || !strings.Contains(errOut, "mastodon, hootsuite, buffer") {
		t.Errorf("unknown connector (%d): %s", code, errOut)
	}
	if _, _, code := runCLI(t, "", "connect", "buffer", "--test", "--sync"); code == 0 {
		t.Errorf("two modes accepted")
	}

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer tok" {
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte(`{"error":"The access token is invalid"}`))
			return
		}
		switch r.URL.Path {
		case "/api/v1/accounts/verify_credentials":
			w.Write([]byte(`{"id":"1","acct":"acme"}`))
		case "/api/v1/scheduled_statuses":
			w.Write([]byte(`[]`))
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	write := func(yaml string) {
		if err := os.WriteFile(filepath.Join(dir, "preflight.yaml"), []byte(yaml), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("connect:\n  mastodon:\n    server: " + srv.URL + "\n    token: ${PREFLIGHT_TEST_MASTODON_TOKEN}\n")
	t.Setenv("PREFLIGHT_TEST_MASTODON_TOKEN", "tok")
	if out, errOut, code := runCLI(t, "", "connect", "mastodon", "--test", "--data", dir); code != 0 || !strings.Contains(out, "credentials work (acme)") {
		t.Errorf("--test (%d): %s %s", code, out, errOut)
	}
	t.Setenv("PREFLIGHT_TEST_MASTODON_TOKEN", "stale")
	if _, errOut, code := runCLI(t, "", "connect", "mastodon", "--test", "--data", dir); code == 0 || !strings.Contains(errOut, "The access token is invalid") {
		t.Errorf("stale token (%d): %s", code, errOut)
	}
	write("connect:\n  buffer:\n    profiles: [a]\n")
	if _, errOut, code := runCLI(t, "", "connect", "buffer", "--test", "--data", dir); code == 0 || !strings.Contains(errOut, "connect.buffer.token: missing") {
		t.Errorf("missing token (%d): %s", code, errOut)
	}
	write("connect:\n  buffer:\n    tokn: x\n")
	if _, errOut, code := runCLI(t, "", "connect", "buffer", "--test", "--data", dir); code == 0 || !strings.Contains(errOut, "tokn") {
		t.Errorf("misspelt key (%d): %s", code, errOut)
	}
}

// TestStoreSetting: store: selects SQLite by default and PostgreSQL for a
// postgres:// URL (read from the environment with ${NAME}); anything
// else is a configuration error naming the line, without the password.
func TestStoreSetting(t *testing.T) {
	dir := t.TempDir()
	write := func(yaml string) {
		if err := os.WriteFile(filepath.Join(dir, "preflight.yaml"), []byte(yaml), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("regions: [GB]\nstore: mysql://root:hunter2@db/preflight\n")
	_, errOut, code := runCLI(t, "", "queue", "list", "--data", dir)
	if code == 0 || !strings.Contains(errOut, "preflight.yaml:2") || !strings.Contains(errOut, "postgres://") || strings.Contains(errOut, "hunter2") {
		t.Errorf("bad store (%d): %s", code, errOut)
	}
	write("store: sqlite\n")
	if _, errOut, code := runCLI(t, "", "queue", "list", "--data", dir); code != 0 {
		t.Errorf("sqlite (%d): %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, queueFile)); err != nil {
		t.Errorf("no SQLite file: %v", err)
	}
	url := pgtest.URL(t)
	t.Setenv("PREFLIGHT_TEST_STORE", url)
	write("store: ${PREFLIGHT_TEST_STORE}\n")
	in := filepath.Join(dir, "posts.jsonl")
	os.WriteFile(in, []byte(`{"id":"pg1","text":"Spring menu out now","scheduled_at":"2026-03-02T18:00:00Z"}`+"\n"), 0o600)
	if out, errOut, code := runCLI(t, "", "queue", "import", in, "--data", dir); code != 0 {
		t.Fatalf("import into PostgreSQL (%d): %s %s", code, out, errOut)
	}
	os.Remove(filepath.Join(dir, queueFile)) // the post must come from PostgreSQL
	if out, errOut, code := runCLI(t, "", "queue", "show", "pg1", "--data", dir); code != 0 || !strings.Contains(out, "pg1") {
		t.Errorf("show from PostgreSQL (%d): %s %s", code, out, errOut)
	}
}
