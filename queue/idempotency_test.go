package queue

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// TestIdempotencyKeys: a keyed request is remembered in the store, so a
// second handle on the same database (another replica, or the service
// after a restart) sees the first claim while it runs, then its answer;
// the same key with another body shows a different hash; keys are per
// client; a dropped claim and an expired or stale one can be claimed
// again; a claim forgets expired keys.
func TestIdempotencyKeys(t *testing.T) {
	forEachStore(t, func(t *testing.T, open func() Store) {
		ctx := context.Background()
		clk := &clock{t: day}
		a := New(open(), nil, clk.now)
		b := New(open(), nil, clk.now) // another replica, or a restart
		if !a.RemembersRequests() {
			t.Fatal("the store does not remember keys")
		}
		body := []byte(`{"id":"p1","text":"Our spring menu"}`)

		if _, claimed, err := a.ClaimRequest(ctx, "key:1", "k1", body); err != nil || !claimed {
			t.Fatalf("first claim: %v %v", claimed, err)
		}
		held, claimed, err := b.ClaimRequest(ctx, "key:1", "k1", body)
		if err != nil || claimed || held.Done || held.Hash != RequestHash(body) {
			t.Fatalf("claim while the first runs: claimed %v, %+v, %v", claimed, held, err)
		}
		if err := a.FinishRequest(ctx, "key:1", "k1", body, 200, []byte(`{"entries":[]}`)); err != nil {
			t.Fatal(err)
		}
		held, claimed, err = b.ClaimRequest(ctx, "key:1", "k1", body)
		if err != nil || claimed || !held.Done || held.Status != 200 || string(held.Response) != `{"entries":[]}` ||
			!held.At.Equal(day) || !held.Expires.Equal(day.Add(KeyTTL)) {
			t.Fatalf("retry after the answer: claimed %v, %+v, %v", claimed, held, err)
		}
		other := []byte(`{"id":"p1","text":"Our spring menus"}`)
		held, claimed, err = b.ClaimRequest(ctx, "key:1", "k1", other)
		if err != nil || claimed || held.Hash == RequestHash(other) {
			t.Fatalf("same key, another body: claimed %v, %+v, %v", claimed, held, err)
		}
		if _, claimed, err := b.ClaimRequest(ctx, "key:2", "k1", other); err != nil || !claimed {
			t.Fatalf("another client's key: %v %v", claimed, err)
		}

		// A request that failed on the service's side is dropped; a retry runs.
		if _, claimed, _ := a.ClaimRequest(ctx, "key:1", "k2", body); !claimed {
			t.Fatal("claim k2")
		}
		if err := a.DropRequest(ctx, "key:1", "k2", body); err != nil {
			t.Fatal(err)
		}
		if _, claimed, err := b.ClaimRequest(ctx, "key:1", "k2", body); err != nil || !claimed {
			t.Fatalf("after a drop: %v %v", claimed, err)
		}
		// Dropping or finishing with another hash touches nothing.
		if err := a.DropRequest(ctx, "key:1", "k2", other); err != nil {
			t.Fatal(err)
		}
		if err := a.FinishRequest(ctx, "key:1", "k2", other, 201, []byte("x")); err != nil {
			t.Fatal(err)
		}
		if held, claimed, _ := a.ClaimRequest(ctx, "key:1", "k2", body); claimed || held.Done {
			t.Fatalf("k2 changed by another body's finish or drop: %v %+v", claimed, held)
		}

		// A claim left running past the lease (its replica died) is taken over.
		clk.t = day.Add(KeyLease + time.Second)
		if _, claimed, err := b.ClaimRequest(ctx, "key:1", "k2", body); err != nil || !claimed {
			t.Fatalf("stale claim not taken over: %v %v", claimed, err)
		}
		// A finished key is kept until it expires, then claimed afresh.
		if _, claimed, _ := b.ClaimRequest(ctx, "key:1", "k1", body); claimed {
			t.Fatal("a finished key was taken over before it expired")
		}
		clk.t = day.Add(KeyTTL)
		if _, claimed, err := b.ClaimRequest(ctx, "key:1", "k1", other); err != nil || !claimed {
			t.Fatalf("expired key not claimed afresh: %v %v", claimed, err)
		}
		// That claim forgot the other expired key: with the clock back, it is new.
		clk.t = day.Add(time.Second)
		if _, claimed, err := a.ClaimRequest(ctx, "key:2", "k1", other); err != nil || !claimed {
			t.Fatalf("expired key not forgotten: %v %v", claimed, err)
		}

		if _, _, err := a.ClaimRequest(ctx, "key:1", "", body); err == nil {
			t.Error("an empty key was accepted")
		}
	})
}

// TestIdempotencyOneClaimAmongMany: replicas claiming one key at once
// agree: exactly one claims it.
func TestIdempotencyOneClaimAmongMany(t *testing.T) {
	forEachStore(t, func(t *testing.T, open func() Store) {
		ctx := context.Background()
		const n = 8
		qs := make([]*Queue, n)
		for i := range qs {
			qs[i] = New(open(), nil, func() time.Time { return day })
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		claims, errs := 0, []error{}
		for _, q := range qs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, claimed, err := q.ClaimRequest(ctx, "local", "same", []byte("body"))
				mu.Lock()
				defer mu.Unlock()
				if claimed {
					claims++
				}
				if err != nil {
					errs = append(errs, err)
				}
			}()
		}
		wg.Wait()
		if claims != 1 || len(errs) > 0 {
			t.Errorf("%d claims (want 1), errors %v", claims, errors.Join(errs...))
		}
	})
}
