package queue

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// The verdicts of checks made outside the queue (the scheduler's
// pre-publish call) are written to the audit log behind the request, so the
// check path does not wait for a transaction. The buffer is bounded; when
// it is full the caller writes its record itself, so a burst slows down
// instead of losing records. A record the buffer took is written before
// Close returns: the writer retries a failing store with backoff, and
// gives up only at Close, after closeAttempts, reporting how many records
// it could not write.

// auditBuffer is the queue's buffered writer of audit records.
type auditBuffer struct {
	store Store
	recs  chan AuditRecord
	done  chan struct{} // closed when the writer has stopped

	mu       sync.Mutex
	running  bool
	closed   bool
	queued   int64         // records the buffer took
	written  int64         // records written, or given up at close
	lost     int64         // records given up at close
	lastErr  error         // the store's last error
	progress chan struct{} // closed (and replaced) whenever written moves
}

// The audit buffer's bounds.
const (
	// auditBufferSize is how many records may wait to be written.
	auditBufferSize = 4096
	// auditBatch is how many records one transaction writes.
	auditBatch = 500
	// auditLinger is how long the writer waits for more records before it
	// writes what it has: one transaction for a burst of checks, not one
	// each (a record reaches the log at most this much later).
	auditLinger = 5 * time.Millisecond
	// closeAttempts is how often the writer tries a batch once Close has
	// been called (with backoff, about 1.5 s in all).
	closeAttempts = 5
	// maxBackoff caps the wait between attempts.
	maxBackoff = 5 * time.Second
)

func newAuditBuffer(store Store) *auditBuffer {
	return &auditBuffer{store: store, recs: make(chan AuditRecord, auditBufferSize), done: make(chan struct{}), progress: make(chan struct{})}
}

// add takes a record to be written; when the buffer is full or closed,
// it writes the record at once (the caller waits, nothing is dropped).
func (b *auditBuffer) add(ctx context.Context, r AuditRecord) error {
	b.mu.Lock()
	if !b.closed {
		if !b.running {
			b.running = true
			go b.write()
		}
		select {
		case b.recs <- r:
			b.queued++
			b.mu.Unlock()
			return nil
		default:
		}
	}
	b.mu.Unlock()
	return b.store.Append(context.WithoutCancel(ctx), []AuditRecord{r})
}

// write is the writer: it takes what waits, up to auditBatch records, and
// appends them in one transaction, until the buffer is closed and empty.
func (b *auditBuffer) write() {
	defer close(b.done)
	batch := make([]AuditRecord, 0, auditBatch)
	linger := time.NewTimer(auditLinger)
	defer linger.Stop()
	for r := range b.recs {
		batch = append(batch[:0], r)
		linger.Reset(auditLinger)
	more:
		for len(batch) < auditBatch {
			select {
			case r, ok := <-b.recs:
				if !ok {
					break more
				}
				batch = append(batch, r)
			case <-linger.C:
				break more
			}
		}
		lost := b.appendRetrying(batch)
		b.mu.Lock()
		b.written += int64(len(batch))
		b.lost += int64(lost)
		close(b.progress)
		b.progress = make(chan struct{})
		b.mu.Unlock()
	}
}

// appendRetrying writes a batch, retrying with backoff while the store
// fails; after Close it tries closeAttempts more times and then returns
// how many records it gave up.
func (b *auditBuffer) appendRetrying(batch []AuditRecord) (lost int) {
	wait := 100 * time.Millisecond
	closing := 0
	for {
		err := b.store.Append(context.Background(), batch)
		if err == nil {
			return 0
		}
		b.mu.Lock()
		b.lastErr = err
		if b.closed {
			closing++
		}
		b.mu.Unlock()
		if closing >= closeAttempts {
			return len(batch)
		}
		time.Sleep(wait)
		wait = min(wait*2, maxBackoff)
		if closing > 0 {
			wait = min(wait, 500*time.Millisecond)
		}
	}
}

// flush waits until every record the buffer took before the call is
// written (or ctx ends).
func (b *auditBuffer) flush(ctx context.Context) error {
	b.mu.Lock()
	target := b.queued
	for b.written < target {
		ch := b.progress
		b.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
		b.mu.Lock()
	}
	b.mu.Unlock()
	return nil
}

// close stops taking records, waits for the writer to write every record
// it took, and reports the records it could not write.
func (b *auditBuffer) close() error {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return nil
	}
	b.closed = true
	close(b.recs)
	running := b.running
	b.mu.Unlock()
	if running {
		<-b.done
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.lost > 0 {
		return fmt.Errorf("queue: %d audit records could not be written: %w", b.lost, b.lastErr)
	}
	return nil
}
