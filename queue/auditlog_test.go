package queue

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// slowStore is a store whose audit appends are slow, fail a number of
// times first, or wait for a gate, as a busy or failing database would.
type slowStore struct {
	*SQLite
	delay    time.Duration
	failures atomic.Int32  // appends still to fail
	gate     chan struct{} // when not nil, the first append waits for it
	gated    atomic.Bool
	mu       sync.Mutex
	sizes    []int // records per append
}

func (s *slowStore) Append(ctx context.Context, recs []AuditRecord) error {
	if s.gate != nil && s.gated.CompareAndSwap(false, true) {
		<-s.gate
	}
	time.Sleep(s.delay)
	if s.failures.Add(-1) >= 0 {
		return errors.New("database is restarting")
	}
	s.mu.Lock()
	s.sizes = append(s.sizes, len(recs))
	s.mu.Unlock()
	return s.SQLite.Append(ctx, recs)
}

func checkReport(i int) checker.Report {
	return checker.Report{Post: checker.Post{ID: fmt.Sprint("p", i), Text: fmt.Sprint("post ", i), ScheduledAt: day},
		Verdict: checker.VerdictPass, Findings: []checker.Finding{}}
}

// auditedIDs is the post IDs of the hook records in the audit log.
func auditedIDs(t *testing.T, s Store) map[string]int {
	t.Helper()
	recs, err := s.Audit(context.Background(), AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, r := range recs {
		if r.Trigger == "hook" {
			out[r.PostID]++
		}
	}
	return out
}

// TestAuditShutdownKeepsRecordsInFlight: checks recorded from several
// goroutines while the store is slow and fails at first are all in the
// audit log, exactly once, after Close, which returns only when they are;
// a check recorded after Close is written at once.
func TestAuditShutdownKeepsRecordsInFlight(t *testing.T) {
	sq, _ := openTest(t)
	store := &slowStore{SQLite: sq, delay: 2 * time.Millisecond}
	store.failures.Store(3)
	q := New(store, nil, func() time.Time { return day })
	const writers, each = 4, 300
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				if err := q.RecordCheck(context.Background(), checkReport(w*each+i), StatusClear, "hook", "scheduler"); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	if n := len(auditedIDs(t, sq)); n == writers*each {
		t.Logf("every record was written before Close (the test proves less than it should)")
	}
	if err := q.Close(); err != nil {
		t.Fatal(err)
	}
	got := auditedIDs(t, sq)
	if len(got) != writers*each {
		t.Fatalf("%d of %d records in the audit log after Close", len(got), writers*each)
	}
	for id, n := range got {
		if n != 1 {
			t.Errorf("%s recorded %d times", id, n)
		}
	}
	if err := q.RecordCheck(context.Background(), checkReport(-1), "", "hook", "scheduler"); err != nil {
		t.Fatal(err)
	}
	if auditedIDs(t, sq)["p-1"] != 1 {
		t.Error("a record after Close was not written at once")
	}
	if store.failures.Load() >= 0 {
		t.Error("the store never failed: the retry was not exercised")
	}
}

// TestAuditFullBufferWritesInline: while the writer is stuck, a full
// buffer makes RecordCheck write its record itself, so nothing waits
// without bound in memory and nothing is dropped; FlushAudit waits for the
// rest.
func TestAuditFullBufferWritesInline(t *testing.T) {
	sq, _ := openTest(t)
	store := &slowStore{SQLite: sq, gate: make(chan struct{})}
	q := New(store, nil, func() time.Time { return day })
	n := auditBufferSize + auditBatch + 1 + 10
	for i := range n {
		if err := q.RecordCheck(context.Background(), checkReport(i), StatusClear, "hook", "scheduler"); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			// The gate must hold the background writer, not an inline
			// write: on a loaded machine the writer may not have taken
			// its first batch before the buffer fills, and the test would
			// then wait at its own gate.
			for deadline := time.Now().Add(30 * time.Second); !store.gated.Load(); time.Sleep(time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatal("the background writer never appended")
				}
			}
		}
	}
	store.mu.Lock()
	inline := len(store.sizes)
	store.mu.Unlock()
	if inline < 10 {
		t.Errorf("%d records written inline with the buffer full, want at least 10", inline)
	}
	close(store.gate)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := q.FlushAudit(ctx); err != nil {
		t.Fatal(err)
	}
	if got := len(auditedIDs(t, sq)); got != n {
		t.Errorf("%d of %d records after FlushAudit", got, n)
	}
	if err := q.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestAuditCloseReportsLoss: a store that never recovers loses the
// records waiting at Close, and Close says how many, instead of hanging.
func TestAuditCloseReportsLoss(t *testing.T) {
	sq, _ := openTest(t)
	store := &slowStore{SQLite: sq}
	store.failures.Store(1 << 30)
	q := New(store, nil, func() time.Time { return day })
	if err := q.RecordCheck(context.Background(), checkReport(1), StatusClear, "hook", "scheduler"); err != nil {
		t.Fatal(err)
	}
	err := q.Close()
	if err == nil || err.Error() != "queue: 1 audit records could not be written: database is restarting" {
		t.Errorf("Close: %v", err)
	}
}
