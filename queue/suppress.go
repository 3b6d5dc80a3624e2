package queue

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// Suppression is "reviewed, publish anyway" for one finding (a rule) on
// one post: who decided, why, and until when it holds. A suppressed
// finding leaves the report's findings (it is named in its notes instead)
// and does not count toward the verdict.
type Suppression struct {
	PostID string    `json:"post_id"`
	Rule   string    `json:"rule"`
	By     string    `json:"by"`
	Why    string    `json:"why"`
	At     time.Time `json:"at"`
	Until  time.Time `json:"until"`
}

// active reports whether the suppression is in force at t.
func (s Suppression) active(t time.Time) bool { return !t.Before(s.At) && t.Before(s.Until) }

// SuppressionStore keeps suppressions beside the queue.
type SuppressionStore interface {
	SaveSuppression(ctx context.Context, s Suppression) error
	// Suppressions lists a post's suppressions, or every post's for "".
	Suppressions(ctx context.Context, postID string) ([]Suppression, error)
}

// ErrNoSuppressionStore is returned when the store cannot keep suppressions.
var ErrNoSuppressionStore = errors.New("this queue store does not keep suppressions")

// maxSuppression is the longest a suppression may last: a review is of
// the world as it was, and the world moves.
const maxSuppression = 30 * 24 * time.Hour

// Suppress records that a person reviewed a finding on a post and lets it
// go out anyway. It takes effect on the post's next check (a re-check, an
// edit, the hook); it does not release a hold, which a person does apart.
func (q *Queue) Suppress(ctx context.Context, s Suppression) (Suppression, error) {
	ss, ok := q.store.(SuppressionStore)
	if !ok {
		return Suppression{}, ErrNoSuppressionStore
	}
	now := q.now()
	s.Rule, s.By, s.Why = strings.TrimSpace(s.Rule), strings.TrimSpace(s.By), strings.TrimSpace(s.Why)
	switch {
	case s.Rule == "":
		return Suppression{}, &checker.Error{Code: checker.ECodeInvalid, Field: "rule", Message: "required: the rule ID of the finding"}
	case s.By == "":
		return Suppression{}, &checker.Error{Code: checker.ECodeInvalid, Field: "by", Message: "required: who reviewed it"}
	case s.Why == "":
		return Suppression{}, &checker.Error{Code: checker.ECodeInvalid, Field: "why", Message: "required: why it may go out anyway"}
	case !s.Until.After(now):
		return Suppression{}, &checker.Error{Code: checker.ECodeInvalid, Field: "until", Message: "required, and in the future: when the review lapses"}
	case s.Until.Sub(now) > maxSuppression:
		return Suppression{}, &checker.Error{Code: checker.ECodeInvalid, Field: "until", Message: fmt.Sprintf("at most %d days ahead", int(maxSuppression.Hours()/24))}
	}
	e, err := q.store.Get(ctx, s.PostID)
	if err != nil {
		return Suppression{}, err
	}
	s.At = now
	if err := ss.SaveSuppression(ctx, s); err != nil {
		return Suppression{}, err
	}
	e.UpdatedAt = now
	rec := q.record(e, "suppress", s.By, fmt.Sprintf("suppressed %s until %s: %s", s.Rule, s.Until.UTC().Format(time.RFC3339), s.Why))
	rec.Suppressed = []string{s.Rule}
	return s, q.store.Append(ctx, []AuditRecord{rec})
}

// suppressions returns the suppressions in force at t, by post ID; postID
// "" loads every post's (a re-check).
func (q *Queue) suppressions(ctx context.Context, postID string, t time.Time) (map[string][]Suppression, error) {
	ss, ok := q.store.(SuppressionStore)
	if !ok {
		return nil, nil
	}
	all, err := ss.Suppressions(ctx, postID)
	if err != nil {
		return nil, err
	}
	out := map[string][]Suppression{}
	for _, s := range all {
		if s.active(t) {
			out[s.PostID] = append(out[s.PostID], s)
		}
	}
	return out, nil
}

// applySuppressions takes the suppressed findings out of a report, notes
// each one, and scores the rest. It returns the rules it suppressed.
func applySuppressions(rep *checker.Report, sups []Suppression) []string {
	if len(sups) == 0 {
		return nil
	}
	var gone []string
	rep.Findings = slices.DeleteFunc(rep.Findings, func(f checker.Finding) bool {
		i := slices.IndexFunc(sups, func(s Suppression) bool { return s.Rule == f.Rule })
		if i < 0 {
			return false
		}
		if !slices.Contains(gone, f.Rule) {
			gone = append(gone, f.Rule)
			s := sups[i]
			rep.Notes = append(rep.Notes, fmt.Sprintf("%s suppressed: reviewed by %s (%s), until %s", s.Rule, s.By, s.Why, s.Until.UTC().Format(time.RFC3339)))
		}
		return true
	})
	if len(gone) > 0 {
		rep.Score, rep.Verdict = checker.Score(rep.Findings)
	}
	return gone
}
