package checker

import (
	"context"
	"iter"
	"sync"
)

// Pipeline runs work over a stream of items on workers goroutines and hands
// each item with its result to emit, one at a time and in input order. It
// pulls items from the stream only as results are emitted, holding at most
// a few items per worker, so a batch of any size runs in constant memory;
// reading (the stream, on its own goroutine), work and emit overlap.
//
// The first error from emit, or the context's, stops the stream and is
// returned once every goroutine has finished. Work sees a context that is
// cancelled then, so a long batch stops promptly.
func Pipeline[T, R any](ctx context.Context, items iter.Seq[T], workers int, work func(context.Context, T) R, emit func(T, R) error) error {
	workers = max(workers, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// A job is one item; its result arrives on done. Jobs queue to emit in
	// input order through order, whose capacity bounds the items in
	// flight.
	type job struct {
		item T
		res  R
		done chan struct{}
	}
	window := 4 * workers
	order := make(chan *job, window)
	todo := make(chan *job, window)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case j, ok := <-todo:
					if !ok {
						return
					}
					j.res = work(ctx, j.item)
					close(j.done)
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	// The reader is not waited for when the batch stops early: it may be
	// blocked reading its input, and it returns at its next item.
	go func() {
		defer close(order)
		defer close(todo)
		for it := range items {
			j := &job{item: it, done: make(chan struct{})}
			select {
			case order <- j:
			case <-ctx.Done():
				return
			}
			select {
			case todo <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	var err error
	for j := range order {
		select {
		case <-j.done:
			err = emit(j.item, j.res)
		case <-ctx.Done():
			err = ctx.Err()
		}
		if err != nil {
			break
		}
	}
	if err == nil {
		err = ctx.Err()
	}
	cancel()
	wg.Wait()
	return err
}

// CheckAll checks a stream of posts on workers goroutines and hands each
// post's report (or the post's error, as Check returns it) to emit in
// input order, in constant memory whatever the batch's size. It is the one
// batch runner of the CLI and the service; drivers that carry more than
// the post (a file and line) use Pipeline with Check as the work.
func (e *Engine) CheckAll(ctx context.Context, posts iter.Seq[Post], workers int, emit func(Post, Report, error) error) error {
	type result struct {
		rep Report
		err error
	}
	return Pipeline(ctx, posts, workers, func(ctx context.Context, p Post) result {
		rep, err := e.Check(ctx, p)
		return result{rep, err}
	}, func(p Post, r result) error { return emit(p, r.rep, r.err) })
}
