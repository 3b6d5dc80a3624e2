package web

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// gatedServer is a server whose one rule waits on release, counting the
// checks inside it at once.
func gatedServer(t *testing.T, turns int) (s *Server, inside *atomic.Int32, most *atomic.Int32, entered chan struct{}, release chan struct{}) {
	t.Helper()
	inside, most = new(atomic.Int32), new(atomic.Int32)
	entered, release = make(chan struct{}, 64), make(chan struct{})
	rule := &checker.Rule{ID: "content.test_gate", Category: checker.CategoryContent, Title: "gate", Doc: "waits", Run: func(p *checker.Pass) error {
		n := inside.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		entered <- struct{}{}
		<-release
		inside.Add(-1)
		return nil
	}}
	eng, err := checker.New(checker.Config{Rules: []*checker.Rule{rule}, NoNewsReason: "test", Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	s, err = New(Deps{Engine: eng, Now: func() time.Time { return testNow }, Getenv: func(string) string { return "" },
		Options: Options{RateLimit: -1, CheckConcurrency: turns}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return s, inside, most, entered, release
}

// TestCheckTurns: no more than CheckConcurrency checks run at once; the
// others wait and all are answered.
func TestCheckTurns(t *testing.T) {
	s, _, most, entered, release := gatedServer(t, 2)
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for range 6 {
		wg.Go(func() {
			_, err := s.checkCtx(context.Background(), checker.Post{Text: "hello", ScheduledAt: testNow})
			errs <- err
		})
	}
	<-entered
	<-entered // two checks are inside; four wait
	for i := range 6 {
		if n := most.Load(); n > 2 {
			t.Fatalf("%d checks ran at once with check_concurrency 2", n)
		}
		release <- struct{}{}
		if i < 4 {
			<-entered // a waiting check takes the turn
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := most.Load(); n != 2 {
		t.Errorf("at most %d checks ran at once; want 2", n)
	}
}

// TestCheckTurnWaitTimesOut: a check waiting for its turn gives up when
// its deadline passes, with an error that says it was waiting.
func TestCheckTurnWaitTimesOut(t *testing.T) {
	s, _, _, entered, release := gatedServer(t, 1)
	done := make(chan error, 1)
	go func() {
		_, err := s.checkCtx(context.Background(), checker.Post{Text: "first", ScheduledAt: testNow})
		done <- err
	}()
	<-entered
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := s.checkCtx(ctx, checker.Post{Text: "second", ScheduledAt: testNow})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("the waiting check returned %v; want the deadline", err)
	}
	release <- struct{}{}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
