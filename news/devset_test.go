package news

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// TestDevNewsBrandTrouble checks the query the brand and hashtag-hijack
// rules made before the brand package (scandal-class crisis news) against the evaluation set's news.
func TestDevNewsBrandTrouble(t *testing.T) {
	f, err := os.Open("../../shared/eval/dev_news.jsonl")
	if err != nil {
		t.Skipf("evaluation set not available (%v): ../shared is absent", err)
	}
	defer f.Close()
	arts, probs, _, err := Read(f)
	if err != nil || len(probs) > 0 {
		t.Fatalf("read: %v %v", err, probs)
	}
	ix := memIndex(t, arts)
	month := 30 * 24 * time.Hour
	for _, c := range []struct {
		names []string
		at    string
		want  string
	}{
		{[]string{"BP"}, "2010-05-21T15:00:00Z", "[d-bp-1]"},
		{[]string{"Robin Thicke"}, "2014-02-26T00:00:00Z", "[d-thicke-1]"},
		{[]string{"Robin Thicke"}, "2014-07-01T16:00:00Z", "[]"}, // four months later
		{[]string{"Waitrose"}, "2012-09-19T10:00:00Z", "[]"},     // the price-war story does not name it
		{[]string{"BP"}, "2010-05-19T15:00:00Z", "[]"},           // the day before the story
	} {
		got, err := ix.Search(context.Background(), checker.NewsQuery{At: at(c.at), Window: month, Terms: c.names,
			Classes: []checker.CrisisClass{checker.CrisisScandal}, Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		if s := fmt.Sprint(ids(got)); s != c.want {
			t.Errorf("%v at %s: got %s, want %s", c.names, c.at, s, c.want)
		}
	}
}
