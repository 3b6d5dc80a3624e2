package checker_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// counting yields n ints and counts how many it has handed out.
func counting(n int, pulled *atomic.Int64) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			pulled.Add(1)
			if !yield(i) {
				return
			}
		}
	}
}

// Results come out in input order whatever order the workers finish in,
// and the pipeline never holds more than a few items per worker: it pulls
// the next item only as results are emitted.
func TestPipelineOrderAndWindow(t *testing.T) {
	const n, workers = 2000, 4
	var pulled atomic.Int64
	next, most := 0, int64(0)
	err := checker.Pipeline(context.Background(), counting(n, &pulled), workers, func(_ context.Context, i int) int {
		if rand.IntN(8) == 0 {
			time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
		}
		return i * 2
	}, func(i, r int) error {
		if i != next || r != 2*i {
			return fmt.Errorf("got item %d (result %d), want %d", i, r, next)
		}
		next++
		most = max(most, pulled.Load()-int64(next))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if next != n {
		t.Fatalf("emitted %d of %d items", next, n)
	}
	// Items in flight: the window (4 per worker), one being read and one
	// waiting to be queued.
	if most > 4*workers+2 {
		t.Errorf("%d items were held at once; the window is %d", most, 4*workers)
	}
}

// An error from emit stops the batch: it is returned and the stream is not
// read to its end.
func TestPipelineStopsOnEmitError(t *testing.T) {
	var pulled atomic.Int64
	stop := errors.New("disk full")
	emitted := 0
	err := checker.Pipeline(context.Background(), counting(1_000_000, &pulled), 2, func(_ context.Context, i int) int { return i }, func(i, _ int) error {
		if emitted++; emitted == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Fatalf("err = %v, want %v", err, stop)
	}
	if emitted != 10 || pulled.Load() > 100 {
		t.Errorf("emitted %d, read %d items after the error", emitted, pulled.Load())
	}
}

// A cancelled context stops the batch with the context's error.
func TestPipelineCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var pulled atomic.Int64
	err := checker.Pipeline(ctx, counting(1_000_000, &pulled), 2, func(ctx context.Context, i int) int {
		if i == 50 {
			cancel()
		}
		return i
	}, func(int, int) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if pulled.Load() > 1000 {
		t.Errorf("read %d items after the cancel", pulled.Load())
	}
}

// CheckAll reports every post in order, and an invalid post's error in
// its place without stopping the others.
func TestCheckAll(t *testing.T) {
	e, err := checker.New(checker.Config{Rules: []*checker.Rule{wordRule("content.test", "bad", checker.SeverityHigh)},
		Now: func() time.Time { return time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	posts := []checker.Post{{ID: "a", Text: "a bad day"}, {ID: "b", Text: ""}, {ID: "c", Text: "a good day"}}
	var got []string
	err = e.CheckAll(context.Background(), func(yield func(checker.Post) bool) {
		for _, p := range posts {
			if !yield(p) {
				return
			}
		}
	}, 3, func(p checker.Post, rep checker.Report, err error) error {
		got = append(got, fmt.Sprintf("%s %s %d %v", p.ID, rep.Verdict, len(rep.Findings), err != nil))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a review 1 false", "b  0 true", "c pass 0 false"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// A rule that needs hashtags, media or a brand is not run on a post
// without them, and is run on one with them.
func TestNeedsSkipsRulesAPostCannotTrigger(t *testing.T) {
	ran := map[string]int{}
	rule := func(id string, needs checker.Needs) *checker.Rule {
		return &checker.Rule{ID: id, Category: checker.CategoryHashtag, Title: id, Doc: id, Needs: needs,
			Run: func(*checker.Pass) error { ran[id]++; return nil }}
	}
	e, err := checker.New(checker.Config{Rules: []*checker.Rule{
		rule("hashtag.tags", checker.NeedsHashtags), rule("hashtag.media", checker.NeedsMedia),
		rule("hashtag.tag_and_brand", checker.NeedsHashtags|checker.NeedsBrand), rule("hashtag.links", checker.NeedsLinks),
		rule("hashtag.always", 0)},
		Now: func() time.Time { return time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []checker.Post{
		{Text: "plain words"},
		{Text: "a #tag"},
		{Text: "a #tag", Brand: "Northway"},
		{Text: "see https://example.com", Media: []checker.Media{{Alt: "a photo"}}},
	} {
		if _, err := e.Check(context.Background(), p); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]int{"hashtag.always": 4, "hashtag.tags": 2, "hashtag.tag_and_brand": 1, "hashtag.media": 1, "hashtag.links": 1}
	if fmt.Sprint(ran) != fmt.Sprint(want) {
		t.Errorf("rules ran %v times, want %v", ran, want)
	}
}
