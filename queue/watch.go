package queue

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// Watcher runs the queue's re-checks when the world changes: after each
// committed batch of news (only the posts those articles can reach), when
// the calendar day turns in any audience region's zone (every post in the
// window), and on demand. It re-checks only while its Leader says this
// process leads, so replicas sharing a store never re-check at once.
type Watcher struct {
	queue  *Queue
	leader Leader
	zones  []*time.Location
	// audience are the region codes whose major events make Preflight
	// propose a crisis.
	audience []string
	log      *slog.Logger

	mu      sync.Mutex
	pending []checker.Article
	all     bool // too many articles waited: re-check every post
	wake    chan struct{}
	days    []string // the calendar date last seen in each zone
}

// maxPending caps the articles a Watcher keeps between re-checks; past it
// the next re-check takes every post in the window.
const maxPending = 20000

// WatchOptions configure a Watcher.
type WatchOptions struct {
	// Leader gates the re-checks; nil means a LocalLeader.
	Leader Leader
	// Zones are the audience regions' time zones, whose midnights trigger
	// a full re-check.
	Zones []*time.Location
	// Audience are the audience region codes (crisis proposals).
	Audience []string
	Logger   *slog.Logger
}

// NewWatcher returns a Watcher over q.
func NewWatcher(q *Queue, o WatchOptions) *Watcher {
	w := &Watcher{queue: q, leader: o.Leader, zones: o.Zones, audience: o.Audience, log: o.Logger, wake: make(chan struct{}, 1)}
	if w.leader == nil {
		w.leader = &LocalLeader{}
	}
	if w.log == nil {
		w.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if len(w.zones) == 0 {
		w.zones = []*time.Location{time.UTC}
	}
	w.days = w.dates(q.now())
	return w
}

// NewsCommitted tells the watcher that articles were committed to the news
// index; the next re-check takes the posts they can reach. It never
// blocks, so the ingestion path does not wait for re-checks.
func (w *Watcher) NewsCommitted(arts []checker.Article) {
	if len(arts) == 0 {
		return
	}
	w.mu.Lock()
	if len(w.pending)+len(arts) > maxPending {
		w.all, w.pending = true, nil
	} else if !w.all {
		w.pending = append(w.pending, arts...)
	}
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// dates returns the calendar date now in each zone.
func (w *Watcher) dates(now time.Time) []string {
	out := make([]string, len(w.zones))
	for i, z := range w.zones {
		out[i] = now.In(z).Format(time.DateOnly)
	}
	return out
}

// DayTurned reports whether the calendar day turned in any zone since the
// last call (or since the watcher started), by the queue's clock.
func (w *Watcher) DayTurned() bool {
	now := w.dates(w.queue.now())
	w.mu.Lock()
	defer w.mu.Unlock()
	turned := !slices.Equal(now, w.days)
	w.days = now
	return turned
}

// Run re-checks until ctx ends: at once when news arrives (NewsCommitted),
// and at each tick when the day has turned in some zone. The caller gives
// the ticks (a time.Ticker's channel in service, a test's own channel), so
// the day-turn test follows the injected clock.
func (w *Watcher) Run(ctx context.Context, ticks <-chan time.Time) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-w.wake:
			w.recheckNews(ctx)
		case <-ticks:
			w.recheckNews(ctx) // articles a busy leader left waiting
			if w.DayTurned() {
				if _, _, err := w.Recheck(ctx, "day"); err != nil && ctx.Err() == nil {
					w.log.Error("queue re-check on the day's turn failed", "err", err)
				}
			}
		}
	}
}

// recheckNews re-checks the posts the waiting articles can reach.
func (w *Watcher) recheckNews(ctx context.Context) {
	w.mu.Lock()
	arts, all := w.pending, w.all
	w.pending, w.all = nil, false
	w.mu.Unlock()
	if len(arts) == 0 && !all {
		return
	}
	release, ok, err := w.leader.TryLead(ctx)
	if err != nil || !ok {
		if err != nil {
			w.log.Error("queue re-check: leader lock", "err", err)
		}
		// Another re-check leads now: keep the articles for the next
		// wake or tick, so none is skipped.
		w.requeue(arts, all)
		return
	}
	defer release()
	if len(w.audience) > 0 {
		if _, err := w.queue.ProposeCrises(ctx, arts, w.audience); err != nil {
			w.log.Error("crisis proposal failed", "err", err)
		}
	}
	var affects func(checker.Post) bool
	if !all {
		affects = Affected(arts)
	}
	sum, err := w.queue.Recheck(ctx, "news", affects)
	if err != nil {
		w.log.Error("queue re-check on news failed", "err", err)
		return
	}
	w.log.Info("queue re-checked on news", "articles", len(arts), "checked", sum.Checked, "held", len(sum.Held))
}

// requeue puts articles back for the next re-check.
func (w *Watcher) requeue(arts []checker.Article, all bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if all || w.all || len(w.pending)+len(arts) > maxPending {
		w.all, w.pending = true, nil
		return
	}
	w.pending = append(w.pending, arts...)
}

// Recheck re-checks every post in the window now, if this process leads;
// ok is false when another leads (nothing was done).
func (w *Watcher) Recheck(ctx context.Context, trigger string) (RecheckSummary, bool, error) {
	release, ok, err := w.leader.TryLead(ctx)
	if err != nil || !ok {
		return RecheckSummary{}, false, err
	}
	defer release()
	sum, err := w.queue.Recheck(ctx, trigger, nil)
	return sum, true, err
}
