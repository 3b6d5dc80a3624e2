package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the service's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// runCmd runs the preflight command line and returns stdout, stderr, the
// error and how long it took.
func runCmd(t *testing.T, args ...string) (string, string, error, time.Duration) {
	t.Helper()
	var out, errb bytes.Buffer
	start := time.Now()
	err := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), err, time.Since(start)
}

// writeArchive writes n old articles about Lindenfield as JSONL.
func writeArchive(t *testing.T, path string, n int) {
	t.Helper()
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `{"id":"arch-%d","title":"Lindenfield council meets, session %d","url":"https://archive.test/%d","published":"2020-01-%02dT10:00:00Z"}`+"\n", i, i, i, i+1)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func searchCount(t *testing.T, dir, q string) (int, string) {
	t.Helper()
	out, stderr, err, _ := runCmd(t, "news", "search", "--data", dir, "--format", "json", "--limit", "50", q)
	if err != nil {
		t.Fatalf("news search %s: %v (%s)", q, err, stderr)
	}
	var arts []map[string]any
	if err := json.Unmarshal([]byte(out), &arts); err != nil {
		t.Fatalf("news search %s: %v in %q", q, err, out)
	}
	return len(arts), stderr
}

// TestCLIWhileServing is the defect: a running serve held the data folder
// and check, news import and news search waited 3.6 s and exited 3. Now
// they go through the service. It is also the other defect: serve with
// every feed failing and retention on pruned an imported archive.
func TestCLIWhileServing(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "preflight.yaml"), []byte("brand: Northway\nregions: [US]\nnews_index:\n  retention: 720h\n  allow_private_feeds: true\n"), 0o644)
	archive := filepath.Join(t.TempDir(), "archive.jsonl")
	writeArchive(t, archive, 14)
	if _, stderr, err, _ := runCmd(t, "news", "import", "--data", dir, archive); err != nil {
		t.Fatalf("import before serving: %v %s", err, stderr)
	}
	// One feed is down; the other serves one old article, which retention
	// prunes after the round.
	wire := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<rss version="2.0"><channel><title>w</title><item><title>Harbour reopens</title><link>https://wire.test/h</link><pubDate>Sat, 01 Feb 2020 10:00:00 GMT</pubDate></item></channel></rss>`)
	}))
	defer wire.Close()
	feeds := filepath.Join(t.TempDir(), "feeds.txt")
	os.WriteFile(feeds, []byte("http://127.0.0.1:1/down\n"+wire.URL+"\n"), 0o644)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := lineWriter{make(chan string, 16)}
	logs := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data", dir, "--feeds", feeds, "--every", "10m"}, strings.NewReader(""), out, logs)
	}()
	var base string
	select {
	case l := <-out.lines:
		_, after, _ := strings.Cut(l, "http://")
		base = "http://" + strings.TrimSuffix(strings.Fields(after)[0], "/")
	case err := <-done:
		t.Fatalf("serve stopped: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}
	// Wait for the first polling round and its prune.
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(logs.String(), "news pruned"); {
		if time.Now().After(deadline) {
			t.Fatalf("no polling round: %s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(logs.String(), `"news pruned" articles=1 `) {
		t.Errorf("serve should prune the one old polled article: %s", logs.String())
	}
	// /readyz names the freshest article the index still holds, not the
	// pruned one.
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	var ready struct {
		Articles   int       `json:"articles"`
		NewsLatest time.Time `json:"news_latest"`
	}
	json.NewDecoder(resp.Body).Decode(&ready)
	resp.Body.Close()
	if ready.Articles != 14 || !ready.NewsLatest.Equal(time.Date(2020, 1, 14, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("readyz after the prune: %+v, want the 14 imported articles, the newest of 2020-01-14", ready)
	}

	fi, err := os.Stat(filepath.Join(dir, discoveryFile))
	if err != nil {
		t.Fatalf("no discovery file: %v", err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("discovery file mode %v, want 0600", fi.Mode().Perm())
	}

	// news search: the archive is whole, and answered through the service.
	n, stderr := searchCount(t, dir, "Lindenfield")
	if n != 14 {
		t.Errorf("search while serving: %d articles, want the 14 imported", n)
	}
	if !strings.Contains(stderr, "going through it") {
		t.Errorf("search did not go through the service: %q", stderr)
	}

	// news import: through POST /v1/news/import; bad lines still named.
	fresh := filepath.Join(t.TempDir(), "fresh.jsonl")
	os.WriteFile(fresh, []byte(`{"id":"g1","title":"Gunman kills 12 at Lindenfield mall","url":"https://wire.test/g1","published":"2026-05-24T12:00:00Z","regions":["US"]}
{oops
`), 0o644)
	stdout, stderr, err, took := runCmd(t, "news", "import", "--data", dir, fresh)
	if exitCode(err, io.Discard) != 2 || !strings.Contains(stdout, "added 1, duplicates 0, rejected 1; the index holds 15 articles") ||
		!strings.Contains(stderr, fresh+":2: not a JSON article") {
		t.Errorf("import while serving: exit %d out %q err %q", exitCode(err, io.Discard), stdout, stderr)
	}
	if took > 3*time.Second {
		t.Errorf("import took %s: it waited for the index", took)
	}
	if n, _ := searchCount(t, dir, "Gunman"); n != 1 {
		t.Errorf("the imported article is not in the service's index: %d", n)
	}

	// check: through /v1/check, with preflight.yaml's profile (US) and the
	// command line's --at.
	post := filepath.Join(t.TempDir(), "post.txt")
	os.WriteFile(post, []byte("Happy Memorial Day! 40% off grills"), 0o644)
	stdout, stderr, err, took = runCmd(t, "check", "--data", dir, "--at", "2026-05-25T14:00:00Z", "--format", "json", post)
	if exitCode(err, io.Discard) != 1 || !strings.Contains(stdout, `"block"`) {
		t.Errorf("check while serving: exit %d out %q err %q", exitCode(err, io.Discard), stdout, stderr)
	}
	if took > 3*time.Second || !strings.Contains(stderr, "going through it") {
		t.Errorf("check took %s, stderr %q", took, stderr)
	}

	// The import endpoint needs a credential, even from loopback.
	d, err := readDiscovery(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, cred := range []string{"", "wrong", d.Token} {
		req, _ := http.NewRequest("POST", base+"/v1/news/import", strings.NewReader(`{"id":"x1","title":"Quiet day in Lindenfield","published":"2026-05-20T00:00:00Z"}`+"\n"))
		if cred != "" {
			req.Header.Set("Authorization", "Bearer "+cred)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var res struct {
			Added int    `json:"added"`
			Code  string `json:"code"`
		}
		json.NewDecoder(resp.Body).Decode(&res)
		resp.Body.Close()
		want := http.StatusUnauthorized
		if cred == d.Token {
			want = http.StatusOK
		}
		if resp.StatusCode != want || (want == 200 && res.Added != 1) {
			t.Errorf("import with credential %q: %d %+v, want %d", cred, resp.StatusCode, res, want)
		}
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
	if _, err := os.Stat(filepath.Join(dir, discoveryFile)); !os.IsNotExist(err) {
		t.Errorf("discovery file left after serve stopped: %v", err)
	}
	// Without the service, the commands open the index themselves.
	n, stderr = searchCount(t, dir, "Lindenfield")
	if n != 16 || strings.Contains(stderr, "going through") {
		t.Errorf("after serve: %d articles (want 16), stderr %q", n, stderr)
	}
}

// A discovery file left by a service that died (or one whose address no
// longer answers) must not break anything: the commands open the index.
func TestStaleDiscoveryFile(t *testing.T) {
	dir := t.TempDir()
	archive := filepath.Join(t.TempDir(), "archive.jsonl")
	writeArchive(t, archive, 3)
	if _, stderr, err, _ := runCmd(t, "news", "import", "--data", dir, archive); err != nil {
		t.Fatalf("import: %v %s", err, stderr)
	}
	dead := exec.Command(os.Args[0], "-test.run=^$")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		d    discovery
	}{
		{"dead process", discovery{Addr: "127.0.0.1:1", PID: dead.Process.Pid, Token: "t"}},
		{"nothing answers", discovery{Addr: "127.0.0.1:1", PID: os.Getpid(), Token: "t"}},
		{"not a discovery", discovery{}},
	}
	for i, c := range cases {
		name, d := c.name, c.d
		b, _ := json.Marshal(d)
		if name == "not a discovery" {
			b = []byte("{garbage")
		}
		os.WriteFile(filepath.Join(dir, discoveryFile), b, 0o600)
		if n, stderr := searchCount(t, dir, "Lindenfield"); n != 3+i || strings.Contains(stderr, "going through") {
			t.Errorf("%s: search found %d, stderr %q", name, n, stderr)
		}
		extra := filepath.Join(t.TempDir(), "one.jsonl")
		os.WriteFile(extra, []byte(fmt.Sprintf(`{"id":"%s","title":"Lindenfield note","published":"2021-01-01T00:00:00Z"}`+"\n", name)), 0o644)
		if out, stderr, err, _ := runCmd(t, "news", "import", "--data", dir, extra); err != nil || !strings.Contains(out, "added 1") {
			t.Errorf("%s: import: %v %q %q", name, err, out, stderr)
		}
		post := filepath.Join(t.TempDir(), "post.txt")
		os.WriteFile(post, []byte("Our new spring menu is here"), 0o644)
		if _, stderr, err, _ := runCmd(t, "check", "--data", dir, "--at", "2026-04-01T10:00:00Z", post); err != nil {
			t.Errorf("%s: check: %v %q", name, err, stderr)
		}
	}
}
