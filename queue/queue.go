package queue

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// Status is where a queued post stands.
type Status string

// The statuses of a queued post.
const (
	// StatusClear: the last check passed; the post may go out.
	StatusClear Status = "clear"
	// StatusReview: the last check asks a person to look; the post may go
	// out unless someone holds it.
	StatusReview Status = "review"
	// StatusHeld: the post must not go out until a person releases it.
	StatusHeld Status = "held"
	// StatusReleased: a person released a held post; it goes out as it is
	// unless a later check finds it worse than when it was released.
	StatusReleased Status = "released"
	// StatusPublished: the scheduler reported the post as published.
	StatusPublished Status = "published"
	// StatusCancelled: the post was withdrawn from the queue.
	StatusCancelled Status = "cancelled"
)

// Statuses lists every status in lifecycle order.
var Statuses = []Status{StatusClear, StatusReview, StatusHeld, StatusReleased, StatusPublished, StatusCancelled}

// ParseStatus accepts a status name case-insensitively.
func ParseStatus(s string) (Status, error) {
	st := Status(strings.ToLower(strings.TrimSpace(s)))
	if slices.Contains(Statuses, st) {
		return st, nil
	}
	return "", fmt.Errorf("unknown status %q (want one of clear, review, held, released, published, cancelled)", s)
}

// pending reports whether a post with this status may still be published,
// and so is re-checked.
func (s Status) pending() bool {
	return s == StatusClear || s == StatusReview || s == StatusHeld || s == StatusReleased
}

// Hold says why a post is held, by whom, and until when a person should
// look again (a hold never lifts by itself).
type Hold struct {
	Reason   string             `json:"reason"`
	By       string             `json:"by"`
	At       time.Time          `json:"at"`
	Until    time.Time          `json:"until,omitzero"`
	Evidence []checker.Evidence `json:"evidence,omitempty"`
	// Crisis is the ID of the crisis that put the hold, if one did; ending
	// the crisis lifts it.
	Crisis string `json:"crisis,omitempty"`
}

// Entry is one queued post with its last verdict.
type Entry struct {
	ID      string          `json:"id"`
	Post    checker.Post    `json:"post"`
	Status  Status          `json:"status"`
	Verdict checker.Verdict `json:"verdict"`
	Score   int             `json:"score"`
	// Report is the last report, as the API prints it.
	Report json.RawMessage `json:"report,omitempty"`
	// Baseline is the verdict a person accepted by releasing the post; a
	// released post is held again only when a check is worse than this.
	Baseline checker.Verdict `json:"baseline,omitempty"`
	Hold     *Hold           `json:"hold,omitempty"`
	// Suppressed names the rules whose findings a person suppressed for
	// this post in the last check.
	Suppressed []string  `json:"suppressed,omitempty"`
	Source     string    `json:"source,omitempty"`
	CheckedAt  time.Time `json:"checked_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Filter selects queued posts; zero fields select everything.
type Filter struct {
	Statuses []Status
	Brand    string
	Region   string
	From, To time.Time // scheduled time, [From, To)
	Limit    int
}

// AuditRecord is one verdict in the append-only record.
type AuditRecord struct {
	Seq      int64           `json:"seq"`
	At       time.Time       `json:"at"`
	PostID   string          `json:"post_id"`
	Trigger  string          `json:"trigger"` // add, recheck, hold, release, cancel, publish
	Verdict  checker.Verdict `json:"verdict,omitempty"`
	Status   Status          `json:"status"`
	By       string          `json:"by,omitempty"`
	Note     string          `json:"note,omitempty"`
	TextHash string          `json:"text_hash"`
	Text     string          `json:"text,omitempty"` // empty when the team keeps only hashes
	Report   json.RawMessage `json:"report,omitempty"`
	// Post is the post as judged (nil when the team keeps only hashes), so
	// a replay can judge it again.
	Post *checker.Post `json:"post,omitempty"`
	// NewsKnownAt is the news state the verdict saw: the articles ingested
	// up to this moment (a replay keeps only those); NewsLatest is the
	// publication time of the freshest article then.
	NewsKnownAt time.Time `json:"news_known_at,omitzero"`
	NewsLatest  time.Time `json:"news_latest,omitzero"`
	// Suppressed names the findings left out of the verdict by a person.
	Suppressed []string `json:"suppressed,omitempty"`
}

// conflict is the error for a change the post's status does not allow.
func conflict(format string, args ...any) error {
	return &checker.Error{Code: checker.ECodeConflict, Field: "status", Message: fmt.Sprintf(format, args...)}
}

// ErrNotFound is returned for an unknown post ID.
var ErrNotFound = errors.New("no queued post with that id")

// Store keeps queued posts and the audit log. Implementations make each
// call atomic; Update runs fn inside one transaction.
type Store interface {
	// Put inserts or replaces the entries.
	Put(ctx context.Context, es []Entry) error
	Get(ctx context.Context, id string) (Entry, error)
	List(ctx context.Context, f Filter) ([]Entry, error)
	// Update reads the entry, lets fn change it, and writes it back with the
	// audit record fn returns, atomically.
	Update(ctx context.Context, id string, fn func(*Entry) (AuditRecord, error)) (Entry, error)
	// UpdateMany is Update over several entries in one transaction; an
	// error from fn rolls every change back.
	UpdateMany(ctx context.Context, ids []string, fn func(*Entry) (AuditRecord, error)) ([]Entry, error)
	Append(ctx context.Context, recs []AuditRecord) error
	Audit(ctx context.Context, f AuditFilter) ([]AuditRecord, error)
	Close() error
}

// AuditFilter selects audit records; zero fields select everything.
type AuditFilter struct {
	Seq      int64 // one record
	PostID   string
	From, To time.Time
	Verdict  checker.Verdict
	Limit    int
}

// Checker judges a post; *checker.Engine is one.
type Checker interface {
	Check(ctx context.Context, p checker.Post) (checker.Report, error)
}

// Queue is the service over a store: it checks posts as they enter,
// re-checks them when the world changes, and records every verdict.
type Queue struct {
	store Store
	check Checker
	now   func() time.Time
	// Window is how far ahead a re-check looks (default 72 h).
	Window time.Duration
	// KeepText stores post texts in the audit log; off keeps only hashes
	// (and a verdict cannot be replayed).
	KeepText bool
	// Notify hears about holds, releases and crises (nil: nobody).
	Notify Notifier
	// NewsLatest reports the freshest article's publication time, recorded
	// in the audit log as part of the news state (nil: not recorded).
	NewsLatest func() time.Time
	// audit writes RecordCheck's records behind the request.
	audit *auditBuffer
}

// New returns a queue over store, judging with check and reading the time
// from now (time.Now when nil).
func New(store Store, check Checker, now func() time.Time) *Queue {
	if now == nil {
		now = time.Now
	}
	return &Queue{store: store, check: check, now: now, Window: 72 * time.Hour, KeepText: true, audit: newAuditBuffer(store)}
}

// Close writes every audit record still waiting to be written (see
// RecordCheck) and stops taking more in the background: a later
// RecordCheck writes at once. It does not close the store, which the
// caller opened; close the queue first.
func (q *Queue) Close() error { return q.audit.close() }

// FlushAudit waits until every record RecordCheck took before the call is
// in the audit log.
func (q *Queue) FlushAudit(ctx context.Context) error { return q.audit.flush(ctx) }

// Store is the queue's store.
func (q *Queue) Store() Store { return q.store }

// rank orders verdicts by how bad they are.
func rank(v checker.Verdict) int {
	switch v {
	case checker.VerdictReview:
		return 1
	case checker.VerdictBlock:
		return 2
	}
	return 0
}

// Add checks each post and queues it: a pass is clear, a review is review,
// a block is held by Preflight. A post queued again under the same ID is
// replaced (the scheduler edited it) and judged afresh; its earlier hold,
// if any, stands until a person releases it. Each post needs an ID and a
// scheduled time. Nothing is stored unless every post is valid.
func (q *Queue) Add(ctx context.Context, posts []checker.Post, source string) ([]Entry, error) {
	out := make([]Entry, 0, len(posts))
	recs := make([]AuditRecord, 0, len(posts))
	active, err := q.ActiveCrises(ctx)
	if err != nil {
		return nil, err
	}
	var sups map[string][]Suppression
	if len(posts) > 1 { // a batch reads every suppression once, not one query a post
		if sups, err = q.suppressions(ctx, "", q.now()); err != nil {
			return nil, err
		}
	}
	for i, p := range posts {
		if strings.TrimSpace(p.ID) == "" {
			return nil, fmt.Errorf("post %d: id: required to queue a post", i+1)
		}
		if p.ScheduledAt.IsZero() {
			return nil, fmt.Errorf("post %q: scheduled_at: required to queue a post", p.ID)
		}
		if len(posts) == 1 {
			if sups, err = q.suppressions(ctx, p.ID, q.now()); err != nil {
				return nil, err
			}
		}
		rep, err := q.check.Check(ctx, p)
		if err != nil {
			return nil, fmt.Errorf("post %q: %w", p.ID, err)
		}
		now := q.now()
		e := Entry{ID: p.ID, Source: source}
		if old, err := q.store.Get(ctx, p.ID); err == nil && old.Hold != nil && old.Status == StatusHeld {
			e.Hold = old.Hold // an edit does not lift a hold
		}
		e.Suppressed = applySuppressions(&rep, sups[p.ID])
		e.apply(rep, now)
		switch {
		case e.Hold != nil:
			e.Status = StatusHeld
		case rep.Verdict == checker.VerdictBlock:
			e.Status, e.Hold = StatusHeld, holdFor(rep, "preflight", now, "blocked when queued", q.Window)
		default:
			e.Status = statusFor(rep.Verdict)
			if h := crisisHold(active, rep.Post, now); h != nil {
				e.Status, e.Hold = StatusHeld, h
			}
		}
		out = append(out, e)
		recs = append(recs, q.record(e, "add", "", ""))
	}
	if err := q.store.Put(ctx, out); err != nil {
		return nil, err
	}
	if err := q.store.Append(ctx, recs); err != nil {
		return nil, err
	}
	for _, e := range out {
		if e.Status == StatusHeld && e.Hold != nil && e.Hold.At.Equal(e.UpdatedAt) {
			q.notify(holdEvent(e))
		}
	}
	return out, nil
}

// apply takes a fresh report into the entry.
func (e *Entry) apply(rep checker.Report, now time.Time) {
	e.Post = rep.Post
	e.Verdict, e.Score = rep.Verdict, rep.Score
	e.Report, _ = json.Marshal(rep)
	e.CheckedAt, e.UpdatedAt = now, now
}

// statusFor is the status a verdict gives a post that nobody has held.
func statusFor(v checker.Verdict) Status {
	switch v {
	case checker.VerdictBlock:
		return StatusHeld
	case checker.VerdictReview:
		return StatusReview
	}
	return StatusClear
}

// holdFor builds a hold from a report: the reason is the worst finding's
// message, the evidence every finding's evidence. The hold asks for a look
// again within window (it never lifts by itself).
func holdFor(rep checker.Report, by string, now time.Time, why string, window time.Duration) *Hold {
	h := &Hold{Reason: why, By: by, At: now, Until: now.Add(window)}
	worst := -1
	for i, f := range rep.Findings {
		if worst < 0 || f.Severity > rep.Findings[worst].Severity {
			worst = i
		}
		for _, ev := range f.Evidence {
			if !slices.Contains(h.Evidence, ev) {
				h.Evidence = append(h.Evidence, ev)
			}
		}
	}
	if worst >= 0 {
		h.Reason = why + ": " + rep.Findings[worst].Message
	}
	return h
}

// record makes the audit record of an entry's current state.
func (q *Queue) record(e Entry, trigger, by, note string) AuditRecord {
	sum := sha256.Sum256([]byte(e.Post.Text))
	r := AuditRecord{At: e.UpdatedAt, PostID: e.ID, Trigger: trigger, Verdict: e.Verdict, Status: e.Status,
		By: by, Note: note, TextHash: hex.EncodeToString(sum[:]), Report: e.Report,
		NewsKnownAt: e.CheckedAt, Suppressed: e.Suppressed}
	if q.NewsLatest != nil {
		r.NewsLatest = q.NewsLatest()
	}
	if q.KeepText {
		r.Text = e.Post.Text
		p := e.Post
		r.Post = &p
	}
	return r
}

// RecheckSummary says what one re-check did.
type RecheckSummary struct {
	Checked int      `json:"checked"`
	Held    []string `json:"held"`
	Eased   int      `json:"eased"` // verdicts that improved (a hold stays)
	Failed  int      `json:"failed"`
}

// Recheck judges again every pending post scheduled from now to now+Window
// (as of its own scheduled time, which the checker does) and holds each one
// whose verdict is worse than before. affects, when not nil, narrows the
// re-check to the posts it returns true for (the posts new articles can
// touch); nil re-checks them all, as when the calendar day turns. A post
// whose check fails keeps its state and is counted.
func (q *Queue) Recheck(ctx context.Context, trigger string, affects func(checker.Post) bool) (RecheckSummary, error) {
	now := q.now()
	due, err := q.store.List(ctx, Filter{Statuses: []Status{StatusClear, StatusReview, StatusHeld, StatusReleased}, From: now, To: now.Add(q.Window)})
	if err != nil {
		return RecheckSummary{}, err
	}
	active, err := q.ActiveCrises(ctx)
	if err != nil {
		return RecheckSummary{}, err
	}
	sups, err := q.suppressions(ctx, "", now)
	if err != nil {
		return RecheckSummary{}, err
	}
	var sum RecheckSummary
	var held []Entry
	reports := make(map[string]checker.Report, recheckBatch)
	suppressed := make(map[string][]string, recheckBatch)
	ids := make([]string, 0, recheckBatch)
	flush := func() error {
		if len(ids) == 0 {
			return nil
		}
		at := q.now()
		_, err := q.store.UpdateMany(ctx, ids, func(cur *Entry) (AuditRecord, error) {
			rep := reports[cur.ID]
			before := cur.Verdict
			if cur.Status == StatusReleased && cur.Baseline != "" {
				before = cur.Baseline
			}
			cur.apply(rep, at)
			cur.Suppressed = suppressed[cur.ID]
			switch {
			case !cur.Status.pending():
				// published or cancelled meanwhile: record only.
			case rank(rep.Verdict) > rank(before) && cur.Status != StatusHeld:
				cur.Status = StatusHeld
				cur.Hold = holdFor(rep, "preflight", at, fmt.Sprintf("re-checked on %s: %s, was %s", trigger, rep.Verdict, before), q.Window)
				sum.Held = append(sum.Held, cur.ID)
				held = append(held, *cur)
			case cur.Status != StatusHeld && cur.Status != StatusReleased:
				cur.Status = statusFor(rep.Verdict)
				if h := crisisHold(active, cur.Post, at); h != nil {
					cur.Status, cur.Hold = StatusHeld, h
					sum.Held = append(sum.Held, cur.ID)
					held = append(held, *cur)
				}
			}
			if rank(rep.Verdict) < rank(before) {
				sum.Eased++
			}
			return q.record(*cur, "recheck", "preflight", trigger), nil
		})
		ids = ids[:0]
		clear(reports)
		clear(suppressed)
		if err == nil {
			for _, e := range held {
				q.notify(holdEvent(e))
			}
		}
		held = held[:0]
		return err
	}
	for _, e := range due {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		if affects != nil && !affects(e.Post) {
			continue
		}
		rep, err := q.check.Check(ctx, e.Post)
		if err != nil {
			sum.Failed++
			continue
		}
		sum.Checked++
		if s := applySuppressions(&rep, sups[e.ID]); s != nil {
			suppressed[e.ID] = s
		}
		reports[e.ID] = rep
		ids = append(ids, e.ID)
		if len(ids) == recheckBatch {
			if err := flush(); err != nil {
				return sum, err
			}
		}
	}
	return sum, flush()
}

// recheckBatch is how many re-checked posts one transaction writes.
const recheckBatch = 500

// Hold holds a post by hand.
func (q *Queue) Hold(ctx context.Context, id, by, reason string, until time.Time) (Entry, error) {
	e, err := q.store.Update(ctx, id, func(e *Entry) (AuditRecord, error) {
		if !e.Status.pending() {
			return AuditRecord{}, conflict("post %q is %s; only a pending post can be held", id, e.Status)
		}
		now := q.now()
		e.Status, e.UpdatedAt = StatusHeld, now
		e.Hold = &Hold{Reason: reason, By: by, At: now, Until: until}
		return q.record(*e, "hold", by, reason), nil
	})
	if err == nil {
		q.notify(holdEvent(e))
	}
	return e, err
}

// Release lets a held post go out; its current verdict becomes the
// baseline a later re-check must exceed to hold it again.
func (q *Queue) Release(ctx context.Context, id, by, why string) (Entry, error) {
	var was *Hold
	e, err := q.store.Update(ctx, id, func(e *Entry) (AuditRecord, error) {
		if e.Status != StatusHeld {
			return AuditRecord{}, conflict("post %q is %s, not held", id, e.Status)
		}
		was = e.Hold
		e.Status, e.Baseline, e.Hold, e.UpdatedAt = StatusReleased, e.Verdict, nil, q.now()
		return q.record(*e, "release", by, why), nil
	})
	if err == nil {
		ev := Event{Kind: EventRelease, At: e.UpdatedAt, PostID: e.ID, Brand: e.Post.Brand, Regions: e.Post.Regions,
			Scheduled: e.Post.ScheduledAt, By: by, Reason: why}
		if was != nil {
			ev.CrisisID = was.Crisis
		}
		q.notify(ev)
	}
	return e, err
}

// Cancel withdraws a post from the queue.
func (q *Queue) Cancel(ctx context.Context, id, by, why string) (Entry, error) {
	return q.setFinal(ctx, id, StatusCancelled, "cancel", by, why)
}

// Published records that the scheduler published the post.
func (q *Queue) Published(ctx context.Context, id, by string) (Entry, error) {
	return q.setFinal(ctx, id, StatusPublished, "publish", by, "")
}

func (q *Queue) setFinal(ctx context.Context, id string, st Status, trigger, by, why string) (Entry, error) {
	return q.store.Update(ctx, id, func(e *Entry) (AuditRecord, error) {
		if !e.Status.pending() {
			return AuditRecord{}, conflict("post %q is already %s", id, e.Status)
		}
		if st == StatusPublished && e.Status == StatusHeld {
			return AuditRecord{}, conflict("post %q is held: release it before publishing", id)
		}
		e.Status, e.UpdatedAt = st, q.now()
		return q.record(*e, trigger, by, why), nil
	})
}

// MayPublish answers a scheduler asking whether a queued post may go out
// now: false with the hold for a held post.
func (q *Queue) MayPublish(ctx context.Context, id string) (bool, *Hold, error) {
	e, err := q.store.Get(ctx, id)
	if err != nil {
		return false, nil, err
	}
	return e.Status != StatusHeld && e.Status != StatusCancelled, e.Hold, nil
}

// Options are the queue section of preflight.yaml.
type Options struct {
	// Window is how far ahead a re-check looks (default 72 h).
	Window time.Duration `yaml:"window"`
	// KeepText keeps post texts in the audit log (default true); false
	// keeps only their hashes, and such verdicts cannot be replayed.
	KeepText *bool `yaml:"keep_text"`
}

// Configure applies the options to the queue.
func (q *Queue) Configure(o Options) {
	if o.Window > 0 {
		q.Window = o.Window
	}
	if o.KeepText != nil {
		q.KeepText = *o.KeepText
	}
}

// RecordCheck appends the verdict of a check made outside the queue (the
// scheduler's pre-publish call) to the audit log, so the record holds
// every verdict a post got, queued or not; status is the post's status in
// the queue ("" when it is not queued). The record is written behind the
// call (FlushAudit waits for it; Close writes what waits), so the check
// does not wait for a transaction; when the buffer is full, RecordCheck
// writes it at once.
func (q *Queue) RecordCheck(ctx context.Context, rep checker.Report, status Status, trigger, by string) error {
	now := q.now()
	e := Entry{ID: rep.Post.ID, Status: status}
	e.apply(rep, now)
	return q.audit.add(ctx, q.record(e, trigger, by, ""))
}
