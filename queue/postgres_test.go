package queue

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/preflight-dev/preflight/internal/pgtest"
)

// TestPostgresLeader: one replica leads at a time; a release hands the
// lead on; when the leading replica's session dies (its backend is
// terminated, as when the process is killed), the lock frees and another
// replica takes over.
func TestPostgresLeader(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	a, b := NewPostgresLeader(url, "recheck"), NewPostgresLeader(url, "recheck")
	relA, ok, err := a.TryLead(ctx)
	if err != nil || !ok {
		t.Fatalf("first replica could not lead: %v %v", ok, err)
	}
	if _, ok, err := b.TryLead(ctx); ok || err != nil {
		t.Fatalf("second replica led beside the first: %v %v", ok, err)
	}
	if rel, ok, _ := NewPostgresLeader(url, "other duty").TryLead(ctx); !ok {
		t.Errorf("another duty's lock is not independent")
	} else {
		rel()
	}
	relA()
	relA() // twice is harmless
	relB, ok, err := b.TryLead(ctx)
	if err != nil || !ok {
		t.Fatalf("lead not handed on after release: %v %v", ok, err)
	}

	// Kill B's session from outside; A takes over.
	admin, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	var killed bool
	if err := admin.QueryRow(ctx, `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted LIMIT 1`).Scan(&killed); err != nil || !killed {
		t.Fatalf("terminate the leader's session: %v %v", killed, err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		rel, ok, err := a.TryLead(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			rel()
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the lead did not free when the leader's session died")
		}
		time.Sleep(20 * time.Millisecond)
	}
	relB() // releasing a dead session does not panic or hang
}
