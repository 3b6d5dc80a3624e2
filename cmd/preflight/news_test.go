package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func runNewsCmd(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), append([]string{"news"}, args...), strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), err
}

func TestNewsImportAndSearch(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.jsonl")
	os.WriteFile(good, []byte(`{"id":"1","title":"Flash floods hit Lindenfield, killing 9","summary":"Rescuers searched Lindenfield, Vermont.","url":"https://x.test/1","published":"2026-05-03T06:00:00Z"}
{"id":"2","title":"Lindenfield market reopens","url":"https://x.test/2","published":"2026-04-01T06:00:00Z"}
`), 0o644)
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte("{\"id\":\"3\",\"title\":\"Fine\",\"url\":\"https://x.test/3\",\"published\":\"2026-05-01T00:00:00Z\"}\n{oops\n"), 0o644)
	data := filepath.Join(dir, "data")

	out, _, err := runNewsCmd(t, "import", "--data", data, good)
	if err != nil || !strings.Contains(out, "added 2, duplicates 0, rejected 0") {
		t.Fatalf("import: %q %v", out, err)
	}
	out, stderr, err := runNewsCmd(t, "import", "--data", data, good, bad)
	if !errors.Is(err, errInputProblems) || exitCode(err, io.Discard) != 2 {
		t.Fatalf("import with a bad line: err %v", err)
	}
	if !strings.Contains(out, "added 1, duplicates 2, rejected 1") || !strings.Contains(stderr, bad+":2: not a JSON article") {
		t.Errorf("import with a bad line: out %q stderr %q", out, stderr)
	}

	out, _, err = runNewsCmd(t, "search", "--data", data, "--at", "2026-05-02", "Lindenfield")
	if err != nil || !strings.Contains(out, "Lindenfield market reopens") || strings.Contains(out, "Flash floods") {
		t.Errorf("search before the flood: %q %v", out, err)
	}
	out, _, err = runNewsCmd(t, "search", "Lindenfield", "--data", data, "--format", "json")
	if err != nil || !strings.Contains(out, `"crisis": "disaster"`) {
		t.Errorf("search json: %q %v", out, err)
	}

	for _, args := range [][]string{{"import", "--data", data}, {"search", "--format", "xml", "--data", data, "x"}, {"bogus"}, {"poll", "--every", "1s"}} {
		if _, _, err := runNewsCmd(t, args...); exitCode(err, io.Discard) != 2 {
			t.Errorf("%v: want exit 2, got %v", args, err)
		}
	}
}

func TestNewsPollOnce(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<rss version="2.0"><channel><title>t</title><item><title>Quake hits Quillon</title><link>https://x.test/q</link><pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate></item></channel></rss>`)
	}))
	defer srv.Close()
	dir := t.TempDir()
	feeds := filepath.Join(dir, "feeds.txt")
	os.WriteFile(feeds, []byte(srv.URL+"\n"), 0o644)
	data := filepath.Join(dir, "data")
	// The test server is on loopback: refused unless the operator allows it.
	out, stderr, err := runNewsCmd(t, "poll", "--data", data, "--feeds", feeds, "--once")
	if exitCode(err, io.Discard) != 2 || !strings.Contains(out, "failed 1") || !strings.Contains(stderr, "allow_private_feeds") {
		t.Errorf("poll --once of a loopback feed without allow_private_feeds: %q %q %v", out, stderr, err)
	}
	os.WriteFile(filepath.Join(data, "preflight.yaml"), []byte("news_index:\n  allow_private_feeds: true\n"), 0o644)
	out, _, err = runNewsCmd(t, "poll", "--data", data, "--feeds", feeds, "--once")
	if err != nil || !strings.Contains(out, "fetched 1") || !strings.Contains(out, "added 1") {
		t.Errorf("poll --once: %q %v", out, err)
	}
}

// Feed text never reaches the terminal raw: a hostile archive's escapes
// and forged lines are gone from `news search` and from import messages.
func TestNewsOutputIsTerminalSafe(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "hostile.jsonl")
	os.WriteFile(file, []byte(`{"id":"1","title":"Storm in Lindenfield\u001b]0;pwned\u0007\u001b[2J\nFAKE LINE","url":"javascript:alert(1)","published":"2026-05-03T06:00:00Z"}
{"id":"2","title":"x","published":"\u001b[31mred"}
`), 0o644)
	data := filepath.Join(dir, "data")
	_, stderr, _ := runNewsCmd(t, "import", "--data", data, file)
	out, _, err := runNewsCmd(t, "search", "--data", data, "Lindenfield")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{out, stderr} {
		if strings.ContainsAny(s, "\x1b\x07") || strings.Contains(s, "javascript:") {
			t.Errorf("raw feed text printed: %q", s)
		}
	}
	if !strings.Contains(out, "Storm in Lindenfield FAKE LINE") {
		t.Errorf("title: %q", out)
	}
	if got := termSafe("a\x1b[31mb\nc\x9b\u009b2Jd\te"); got != "ab c\uFFFDd e" {
		t.Errorf("termSafe: %q", got)
	}
}

// TestNewsImportStreams: an import of several files goes through one
// writer: duplicates across files and chunks are skipped, every article
// is committed when the command returns, and articles dated beyond the
// clock's skew (by the command's clock) are reported as redated.
func TestNewsImportStreams(t *testing.T) {
	dir := t.TempDir()
	var a, b strings.Builder
	for i := range 12000 { // more than one chunk of the reader
		line := fmt.Sprintf(`{"id":"%d","title":"Lindenfield council meets, item %d","url":"https://x.test/%d","published":"2026-05-01T%02d:%02d:00Z"}`+"\n",
			i, i, i, i/60%24, i%60)
		a.WriteString(line)
		if i%3 == 0 {
			b.WriteString(line) // in both files
		}
	}
	b.WriteString(`{"id":"future","title":"Lindenfield fair next month","url":"https://x.test/future","published":"2026-07-01T00:00:00Z"}` + "\n")
	fa, fb := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
	os.WriteFile(fa, []byte(a.String()), 0o644)
	os.WriteFile(fb, []byte(b.String()), 0o644)
	data := filepath.Join(dir, "data")
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	var out, errb bytes.Buffer
	err := run(withClock(context.Background(), func() time.Time { return now }), []string{"news", "import", "--data", data, fa, fb},
		strings.NewReader(""), &out, &errb)
	if err != nil || !strings.Contains(out.String(), "added 12001, duplicates 4000, rejected 0; the index holds 12001 articles") {
		t.Fatalf("import: %q %q %v", out.String(), errb.String(), err)
	}
	if !strings.Contains(errb.String(), "1 articles were dated more than") {
		t.Errorf("the redated article is not reported: %q", errb.String())
	}
}

// TestNewsImportIntoLegacyIndex: an index created before the keyword date
// layout (news/testdata/legacy-index) takes an import, with a note that a
// new index would be faster, and its articles are still found.
func TestNewsImportIntoLegacyIndex(t *testing.T) {
	data := t.TempDir()
	if err := os.CopyFS(filepath.Join(data, "news.bleve"), os.DirFS(filepath.Join("..", "..", "news", "testdata", "legacy-index", "news.bleve"))); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "more.jsonl")
	os.WriteFile(f, []byte(`{"id":"m1","title":"Lindenfield market reopens","url":"https://x.test/m1","published":"2026-03-01T10:00:00Z"}`+"\n"), 0o644)
	out, stderr, err := runNewsCmd(t, "import", "--data", data, f)
	if err != nil || !strings.Contains(out, "added 1, duplicates 0, rejected 0; the index holds 7 articles") {
		t.Fatalf("import: %q %q %v", out, stderr, err)
	}
	if !strings.Contains(stderr, "created by an earlier Preflight") {
		t.Errorf("no note on the legacy index: %q", stderr)
	}
	out, _, err = runNewsCmd(t, "search", "--data", data, "--at", "2026-03-01T12:00:00Z", "Lindenfield")
	if err != nil || !strings.Contains(out, "Lindenfield market reopens") || !strings.Contains(out, "Gunman kills 12") || strings.Contains(out, "Flooding swamps") {
		t.Errorf("search as of noon: %q %v", out, err)
	}
}
