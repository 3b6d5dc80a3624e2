package queue

import (
	"context"
	"sync"
)

// Leader decides which replica runs the re-checks: exactly one at a time.
// TryLead returns ok with a release func when this process leads now; the
// caller runs its re-check and then calls release. A store shared by
// several replicas implements it with a lock they all see (PostgreSQL
// advisory locks); LocalLeader serves one process.
type Leader interface {
	TryLead(ctx context.Context) (release func(), ok bool, err error)
}

// LocalLeader is the Leader of a single process: it leads whenever no
// other re-check of this process is running, so two triggers arriving
// together never re-check the same posts twice at once.
type LocalLeader struct {
	mu   sync.Mutex
	busy bool
}

// TryLead leads unless another caller leads and has not released yet.
func (l *LocalLeader) TryLead(ctx context.Context) (func(), bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.busy {
		return nil, false, nil
	}
	l.busy = true
	var once sync.Once
	return func() {
		once.Do(func() {
			l.mu.Lock()
			l.busy = false
			l.mu.Unlock()
		})
	}, true, nil
}

var _ Leader = (*LocalLeader)(nil)
