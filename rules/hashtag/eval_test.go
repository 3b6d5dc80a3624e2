//go:build eval

// Run with: go test -tags eval -run TestDevHashtagIncidents -v ./rules/hashtag/
// (behind a tag so the rule tests do not depend on the news package).

package hashtag

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/news"
)

func sharedEval(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "eval", name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s absent (the shared folder ../shared is not beside the repository): %v", name, err)
	}
	return p
}

// TestDevHashtagIncidents measures the hashtag rules (only) on the
// development set's hashtag incidents, with its news in an in-memory index.
// It asserts that each is flagged and logs the verdict against the ideal.
func TestDevHashtagIncidents(t *testing.T) {
	posts, newsPath := sharedEval(t, "dev_posts.jsonl"), sharedEval(t, "dev_news.jsonl")
	ix, err := news.OpenMem(news.Options{Now: testIngestClock})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var arts []checker.Article
	readJSONL(t, newsPath, func(b []byte) {
		var a checker.Article
		if err := json.Unmarshal(b, &a); err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
	})
	if _, err := ix.Add(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	rs, err := Rules(Options{})
	if err != nil {
		t.Fatal(err)
	}
	e, err := checker.New(checker.Config{Rules: rs, News: ix})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"nowthatchersdead": true, "waitrose-reasons": true, "askthicke": true, "askbp": true}
	ideal := 0
	readJSONL(t, posts, func(b []byte) {
		var p struct {
			checker.Post
			Expect struct {
				Ideal string `json:"ideal"`
			} `json:"expect"`
		}
		if err := json.Unmarshal(b, &p); err != nil {
			t.Fatal(err)
		}
		if !want[p.ID] {
			return
		}
		delete(want, p.ID)
		rep, err := e.Check(context.Background(), p.Post)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Verdict == checker.Verdict(p.Expect.Ideal) {
			ideal++
		}
		if rep.Verdict == checker.VerdictPass {
			t.Errorf("%s: not flagged", p.ID)
		}
		t.Logf("%s: verdict %s (ideal %s)", p.ID, rep.Verdict, p.Expect.Ideal)
		for _, f := range rep.Findings {
			t.Logf("    %s %s: %s", f.Rule, f.Severity, f.Message)
		}
	})
	t.Logf("dev hashtag incidents at their ideal verdict: %d of 4", ideal)
	for id := range want {
		t.Errorf("%s missing from the development set", id)
	}
}

func readJSONL(t *testing.T, path string, fn func([]byte)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if len(sc.Bytes()) > 0 {
			fn(sc.Bytes())
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// testIngestClock is the test indexes' ingestion clock: a fixed time after
// every test article (dated up to 2031), never the wall clock, so no test
// news is clamped as "from the future" and no test depends on today.
func testIngestClock() time.Time { return time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC) }
