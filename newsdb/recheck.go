package newsdb

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/queue"
)

// Leader elects the one replica that runs re-checks; queue.PostgresLeader
// is one.
type Leader interface {
	TryLead(ctx context.Context) (release func(), ok bool, err error)
}

// watchedLeader is a Leader that can say when the lead is lost
// (queue.PostgresLeader).
type watchedLeader interface {
	Lead(ctx context.Context) (context.Context, func(), bool, error)
}

// Rechecker turns new articles into re-check jobs on the leading replica.
type Rechecker struct {
	archive *Archive
	follow  *Follower
	queue   *queue.Queue
	leader  Leader
	now     func() time.Time
}

// NewRechecker returns the re-check loop of one replica: its follower (to
// bring its index up to date first), its queue (judging with its engine)
// and the leader election shared by the replicas.
func NewRechecker(ar *Archive, f *Follower, q *queue.Queue, l Leader, now func() time.Time) *Rechecker {
	if now == nil {
		now = time.Now
	}
	return &Rechecker{archive: ar, follow: f, queue: q, leader: l, now: now}
}

// Job is one re-check for the articles recorded in (FromSeq, ToSeq].
type Job struct {
	ID       int64
	FromSeq  int64
	ToSeq    int64
	Trigger  string // the audit records' note: "news:FROM-TO"
	Started  time.Time
	Resumed  bool // another replica started it and did not finish
	Skipped  int  // posts already re-checked by the replica that started it
	Summary  queue.RecheckSummary
	Finished bool
}

// Round brings the replica's index up to date and, when this replica can
// lead, finishes an unfinished job or starts one for the articles recorded
// since the last job. It returns nil when another replica leads or there
// is nothing new. A job cut short (the context ends, the replica dies)
// stays unfinished for the next leader.
func (r *Rechecker) Round(ctx context.Context) (*Job, error) {
	if _, _, err := r.follow.Sync(ctx); err != nil {
		return nil, err
	}
	var release func()
	var ok bool
	var err error
	if l, watches := r.leader.(watchedLeader); watches {
		// Work under the lead's own context: it ends when the lead is lost.
		ctx, release, ok, err = l.Lead(ctx)
	} else {
		release, ok, err = r.leader.TryLead(ctx)
	}
	if err != nil || !ok {
		return nil, err
	}
	defer release()
	job, err := r.nextJob(ctx)
	if err != nil || job == nil {
		return nil, err
	}
	if cur := r.follow.Cursor(); cur < job.ToSeq {
		// Recorded after this replica's sync: the index must hold the
		// job's articles before it judges.
		if _, cur, err = r.follow.Sync(ctx); err != nil {
			return nil, err
		}
		if cur < job.ToSeq {
			return nil, fmt.Errorf("newsdb: index at article %d, job needs %d", cur, job.ToSeq)
		}
	}
	if err := r.run(ctx, job); err != nil {
		return job, err
	}
	return job, nil
}

// nextJob returns the oldest unfinished job, or records a new one for the
// articles this replica's index holds beyond the last job, or nil.
func (r *Rechecker) nextJob(ctx context.Context) (*Job, error) {
	pool := r.archive.pool
	j := &Job{}
	err := pool.QueryRow(ctx, `SELECT id, from_seq, to_seq, trigger, started FROM recheck_jobs
		WHERE finished IS NULL ORDER BY id LIMIT 1`).Scan(&j.ID, &j.FromSeq, &j.ToSeq, &j.Trigger, &j.Started)
	if err == nil {
		j.Resumed = true
		return j, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return nil, err
	}
	var last int64
	if err := pool.QueryRow(ctx, `SELECT COALESCE(MAX(to_seq), 0) FROM recheck_jobs`).Scan(&last); err != nil {
		return nil, err
	}
	cur := r.follow.Cursor()
	if cur <= last {
		return nil, nil
	}
	j.FromSeq, j.ToSeq, j.Started = last, cur, r.now().UTC()
	j.Trigger = fmt.Sprintf("news:%d-%d", j.FromSeq, j.ToSeq)
	err = pool.QueryRow(ctx, `INSERT INTO recheck_jobs (from_seq, to_seq, trigger, started) VALUES ($1, $2, $3, $4) RETURNING id`,
		j.FromSeq, j.ToSeq, j.Trigger, j.Started).Scan(&j.ID)
	return j, err
}

// run re-checks the posts the job's articles can affect, less those the
// audit log shows were re-checked for this job already, and marks the job
// finished.
func (r *Rechecker) run(ctx context.Context, j *Job) error {
	var arts []checker.Article
	for from := j.FromSeq; from < j.ToSeq; {
		got, err := r.archive.between(ctx, from, j.ToSeq, page)
		if err != nil {
			return err
		}
		if len(got) == 0 {
			break
		}
		for _, s := range got {
			arts = append(arts, s.Article)
		}
		from = got[len(got)-1].Seq
	}
	done := map[string]bool{}
	if j.Resumed {
		recs, err := r.queue.Store().Audit(ctx, queue.AuditFilter{From: j.Started})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			if rec.Trigger == "recheck" && rec.Note == j.Trigger {
				done[rec.PostID] = true
			}
		}
		j.Skipped = len(done)
	}
	affected := queue.Affected(arts)
	sum, err := r.queue.Recheck(ctx, j.Trigger, func(p checker.Post) bool {
		return !done[p.ID] && affected(p)
	})
	j.Summary = sum
	if err != nil {
		return err
	}
	if _, err := r.archive.pool.Exec(ctx, `UPDATE recheck_jobs SET finished = $2 WHERE id = $1`, j.ID, r.now().UTC()); err != nil {
		return err
	}
	j.Finished = true
	return nil
}

// Run calls Round every interval until ctx ends, handing each finished or
// failed job to report (which may be nil); a failed round is tried again
// at the next tick, so a database that is briefly away loses nothing.
func (r *Rechecker) Run(ctx context.Context, every time.Duration, report func(*Job, error)) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		j, err := r.Round(ctx)
		if report != nil && (j != nil || err != nil) && ctx.Err() == nil {
			report(j, err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
