package news_test

import (
	"bufio"
	"os"
	"strconv"
	"testing"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/news"
)

// TestSyntheticJSONL writes synthetic articles as an import file for the
// CLI's ingest measurements (README, Performance):
//
//	PREFLIGHT_SYNTHETIC_JSONL=FILE PREFLIGHT_SYNTHETIC_N=1000000 go test -run SyntheticJSONL ./news
//
// The articles come in chunks of 50,000 that each spread over the same
// year, as BenchmarkNewsRules builds its indexes, and the file is read
// back with news.ReadEach to check it holds them all. Without the
// variable it writes and reads 2,000 articles in a temporary folder.
func TestSyntheticJSONL(t *testing.T) {
	path, n := os.Getenv("PREFLIGHT_SYNTHETIC_JSONL"), 2000
	if path == "" {
		path = t.TempDir() + "/synthetic.jsonl"
	} else if s := os.Getenv("PREFLIGHT_SYNTHETIC_N"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n <= 0 {
			t.Fatalf("PREFLIGHT_SYNTHETIC_N=%q: want a positive count", s)
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	last := writeSyntheticJSONL(t, w, n)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	read, probs := 0, 0
	var back checker.Article
	if _, err := news.ReadEach(r, 0, func(as []checker.Article, ps []news.Problem) error {
		read += len(as)
		probs += len(ps)
		if len(as) > 0 {
			back = as[len(as)-1]
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if read != n || probs != 0 || back.ID != last.ID || !back.Published.Equal(last.Published) {
		t.Fatalf("read back %d articles (%d problems), last %s at %s; wrote %d, last %s at %s",
			read, probs, back.ID, back.Published, n, last.ID, last.Published)
	}
}
