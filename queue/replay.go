package queue

import (
	"context"
	"fmt"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// NewsKnownAt returns the news as it was known at t: articles the index
// ingested after t are left out (articles with no ingestion time, indexed
// before it was recorded, are kept). The checker already drops articles
// published after the post's time, so a replay judges with exactly the
// news that was known then. It asks the index for more than the limit, so
// later articles it drops do not crowd out earlier ones.
func NewsKnownAt(n checker.News, t time.Time) checker.News { return knownAt{n, t} }

type knownAt struct {
	news checker.News
	t    time.Time
}

// overfetch is how many more articles a replay asks for than a rule does.
const overfetch = 4

func (k knownAt) Search(ctx context.Context, q checker.NewsQuery) ([]checker.Article, error) {
	limit := q.Limit
	if limit > 0 {
		q.Limit = limit*overfetch + 20
	}
	arts, err := k.news.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	out := arts[:0]
	for _, a := range arts {
		if a.Ingested.IsZero() || !a.Ingested.After(k.t) {
			out = append(out, a)
		}
	}
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// ReplayResult is a past verdict judged again.
type ReplayResult struct {
	Record  AuditRecord     `json:"record"`
	Report  checker.Report  `json:"report"`
	Verdict checker.Verdict `json:"verdict"`
	Same    bool            `json:"same"`
}

// Replay judges again the post of audit record seq with check, which the
// caller builds over NewsKnownAt(index, record.NewsKnownAt) and the same
// rules; the suppressions in force then apply again. The record must have
// kept the post (queue.keep_text on).
func (q *Queue) Replay(ctx context.Context, seq int64, check Checker) (ReplayResult, error) {
	recs, err := q.store.Audit(ctx, AuditFilter{Seq: seq, Limit: 1})
	if err != nil {
		return ReplayResult{}, err
	}
	if len(recs) == 0 {
		return ReplayResult{}, fmt.Errorf("%w: no audit record %d", ErrNotFound, seq)
	}
	rec := recs[0]
	if rec.Post == nil || rec.Post.Text == "" {
		return ReplayResult{}, &checker.Error{Code: checker.ECodeConflict, Field: "seq",
			Message: fmt.Sprintf("audit record %d kept no post text (queue.keep_text is off): it cannot be replayed", seq)}
	}
	if rec.Verdict == "" {
		return ReplayResult{}, &checker.Error{Code: checker.ECodeConflict, Field: "seq",
			Message: fmt.Sprintf("audit record %d (%s) holds no verdict to replay", seq, rec.Trigger)}
	}
	rep, err := check.Check(ctx, *rec.Post)
	if err != nil {
		return ReplayResult{}, err
	}
	sups, err := q.suppressions(ctx, rec.PostID, rec.KnownAt())
	if err != nil {
		return ReplayResult{}, err
	}
	applySuppressions(&rep, sups[rec.PostID])
	return ReplayResult{Record: rec, Report: rep, Verdict: rep.Verdict, Same: rep.Verdict == rec.Verdict}, nil
}

// KnownAt is the moment whose news the record's verdict saw: the cutoff
// a replay gives NewsKnownAt.
func (r AuditRecord) KnownAt() time.Time {
	if !r.NewsKnownAt.IsZero() {
		return r.NewsKnownAt
	}
	return r.At
}
