package queue

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// CrisisStatus is where a crisis stands.
type CrisisStatus string

// The statuses of a crisis.
const (
	// CrisisProposed: Preflight saw a major event reach an audience region
	// and asks a person to confirm; nothing is held yet.
	CrisisProposed CrisisStatus = "proposed"
	// CrisisActive: promotional and light-hearted posts in scope are held.
	CrisisActive CrisisStatus = "active"
	// CrisisEnded: a person ended (or dismissed) it; its holds are lifted.
	CrisisEnded CrisisStatus = "ended"
)

// Crisis is a period in which a team's promotional and light-hearted posts
// must not go out in some regions, brands, platforms or tags. Empty scope
// lists mean "all". Sober service posts are never held by a crisis.
type Crisis struct {
	ID        string             `json:"id"`
	Status    CrisisStatus       `json:"status"`
	Regions   []string           `json:"regions,omitempty"`
	Brands    []string           `json:"brands,omitempty"`
	Platforms []string           `json:"platforms,omitempty"`
	Tags      []string           `json:"tags,omitempty"`
	Until     time.Time          `json:"until,omitzero"` // posts scheduled from Until on are out of scope; zero: open-ended
	Reason    string             `json:"reason"`
	By        string             `json:"by"`
	Evidence  []checker.Evidence `json:"evidence,omitempty"`
	CreatedAt time.Time          `json:"created_at"`
	StartedAt time.Time          `json:"started_at,omitzero"`
	EndedAt   time.Time          `json:"ended_at,omitzero"`
	EndedBy   string             `json:"ended_by,omitempty"`
}

// CrisisStore keeps crises beside the queue. The SQLite store implements
// it; a store that does not cannot run crisis mode.
type CrisisStore interface {
	SaveCrisis(ctx context.Context, c Crisis) error
	GetCrisis(ctx context.Context, id string) (Crisis, error)
	// Crises lists crises, newest first; ended ones only when asked.
	Crises(ctx context.Context, withEnded bool) ([]Crisis, error)
}

// ErrNoCrisisStore is returned when the store cannot keep crises.
var ErrNoCrisisStore = errors.New("this queue store does not keep crises")

// MajorSeverity is the event severity (0–1, as news ingestion grades it)
// from which a crisis-class article in an audience region makes Preflight
// propose a crisis.
const MajorSeverity = 0.7

// maxProposals caps the proposals one news batch can raise.
const maxProposals = 5

func (q *Queue) crises() (CrisisStore, error) {
	cs, ok := q.store.(CrisisStore)
	if !ok {
		return nil, ErrNoCrisisStore
	}
	return cs, nil
}

// newCrisisID returns a fresh, unguessable-enough crisis ID.
func newCrisisID(now time.Time) string {
	var b [3]byte
	rand.Read(b[:])
	return "c-" + now.UTC().Format("20060102-1504") + "-" + hex.EncodeToString(b[:])
}

// validate checks a crisis an operator declares.
func (c *Crisis) validate(now time.Time) error {
	if strings.TrimSpace(c.Reason) == "" {
		return &checker.Error{Code: checker.ECodeInvalid, Field: "reason", Message: "required: say why (it is shown on every post the crisis holds)"}
	}
	if !c.Until.IsZero() && !c.Until.After(now) {
		return &checker.Error{Code: checker.ECodeInvalid, Field: "until", Message: "the crisis would end before it starts"}
	}
	for i, r := range c.Regions {
		c.Regions[i] = strings.ToUpper(strings.TrimSpace(r))
	}
	for i, t := range c.Tags {
		c.Tags[i] = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(t), "#"))
	}
	return nil
}

// StartCrisis declares a crisis in force at once and holds every pending
// promotional or light-hearted post in its scope. It returns the crisis
// and the posts it held.
func (q *Queue) StartCrisis(ctx context.Context, c Crisis) (Crisis, []Entry, error) {
	cs, err := q.crises()
	if err != nil {
		return Crisis{}, nil, err
	}
	now := q.now()
	if err := c.validate(now); err != nil {
		return Crisis{}, nil, err
	}
	c.ID, c.Status, c.CreatedAt, c.StartedAt = newCrisisID(now), CrisisActive, now, now
	return q.putInForce(ctx, cs, c, now)
}

// putInForce stores an active crisis, holds the posts in its scope and
// tells the team.
func (q *Queue) putInForce(ctx context.Context, cs CrisisStore, c Crisis, now time.Time) (Crisis, []Entry, error) {
	if err := cs.SaveCrisis(ctx, c); err != nil {
		return Crisis{}, nil, err
	}
	held, err := q.holdForCrisis(ctx, c)
	q.notify(Event{Kind: EventCrisisStarted, At: now, CrisisID: c.ID, By: c.By, Reason: c.Reason, Regions: c.Regions, Evidence: c.Evidence})
	return c, held, err
}

// ConfirmCrisis puts a proposed crisis in force, as StartCrisis does.
func (q *Queue) ConfirmCrisis(ctx context.Context, id, by string) (Crisis, []Entry, error) {
	cs, err := q.crises()
	if err != nil {
		return Crisis{}, nil, err
	}
	c, err := cs.GetCrisis(ctx, id)
	if err != nil {
		return Crisis{}, nil, err
	}
	if c.Status != CrisisProposed {
		return Crisis{}, nil, conflict("crisis %q is %s, not proposed", id, c.Status)
	}
	now := q.now()
	c.Status, c.StartedAt = CrisisActive, now
	c.Reason = strings.TrimPrefix(c.Reason, "proposed: ")
	if by != "" {
		c.By = by
	}
	return q.putInForce(ctx, cs, c, now)
}

// EndCrisis ends (or dismisses, when proposed) a crisis; the posts it held
// go back to the status their last verdict gives them. A person ends a
// crisis, so this is a person lifting the holds; the audit log says who.
func (q *Queue) EndCrisis(ctx context.Context, id, by string) (Crisis, []Entry, error) {
	cs, err := q.crises()
	if err != nil {
		return Crisis{}, nil, err
	}
	c, err := cs.GetCrisis(ctx, id)
	if err != nil {
		return Crisis{}, nil, err
	}
	if c.Status == CrisisEnded {
		return Crisis{}, nil, conflict("crisis %q has already ended", id)
	}
	now := q.now()
	c.Status, c.EndedAt, c.EndedBy = CrisisEnded, now, by
	if err := cs.SaveCrisis(ctx, c); err != nil {
		return Crisis{}, nil, err
	}
	held, err := q.store.List(ctx, Filter{Statuses: []Status{StatusHeld}})
	if err != nil {
		return c, nil, err
	}
	var ids []string
	for _, e := range held {
		if e.Hold != nil && e.Hold.Crisis == id {
			ids = append(ids, e.ID)
		}
	}
	lifted, err := q.store.UpdateMany(ctx, ids, func(e *Entry) (AuditRecord, error) {
		e.UpdatedAt = now
		if e.Status == StatusHeld && e.Hold != nil && e.Hold.Crisis == id {
			e.Status, e.Hold = statusFor(e.Verdict), nil
			if e.Status == StatusHeld {
				e.Hold = &Hold{Reason: "blocked when last checked (the crisis that also held it has ended)", By: "preflight", At: now}
			}
		}
		return q.record(*e, "crisis-end", by, "crisis "+id+" ended"), nil
	})
	if err != nil {
		return c, nil, err
	}
	q.notify(Event{Kind: EventCrisisEnded, At: now, CrisisID: id, By: by, Reason: c.Reason, Regions: c.Regions})
	return c, lifted, nil
}

// ActiveCrises returns the crises in force now (none when the store keeps
// no crises).
func (q *Queue) ActiveCrises(ctx context.Context) ([]Crisis, error) {
	cs, err := q.crises()
	if err != nil {
		return nil, nil
	}
	all, err := cs.Crises(ctx, false)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(c Crisis) bool { return c.Status != CrisisActive }), nil
}

// holdForCrisis holds the pending posts a crisis covers.
func (q *Queue) holdForCrisis(ctx context.Context, c Crisis) ([]Entry, error) {
	now := q.now()
	f := Filter{Statuses: []Status{StatusClear, StatusReview, StatusReleased}, From: now, To: c.Until}
	due, err := q.store.List(ctx, f)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range due {
		if c.covers(e.Post) && lightOrPromotional(e.Post) {
			ids = append(ids, e.ID)
		}
	}
	held, err := q.store.UpdateMany(ctx, ids, func(e *Entry) (AuditRecord, error) {
		if e.Status == StatusClear || e.Status == StatusReview || e.Status == StatusReleased {
			e.Status, e.UpdatedAt = StatusHeld, now
			e.Hold = c.hold(now)
		}
		return q.record(*e, "crisis", c.By, "crisis "+c.ID), nil
	})
	if err != nil {
		return nil, err
	}
	for _, e := range held {
		q.notify(holdEvent(e))
	}
	return held, nil
}

// hold is the hold a crisis puts on a post.
func (c Crisis) hold(now time.Time) *Hold {
	return &Hold{Reason: "crisis: " + c.Reason + " (promotional or light-hearted post held until the crisis ends)",
		By: "crisis " + c.ID + " (" + c.By + ")", At: now, Until: c.Until, Evidence: c.Evidence, Crisis: c.ID}
}

// covers reports whether a post falls in the crisis's scope: scheduled
// before it ends, and matching its regions (a post with no regions goes
// everywhere), brands, platforms and tags; an empty list matches all.
func (c Crisis) covers(p checker.Post) bool {
	if !c.Until.IsZero() && !p.ScheduledAt.Before(c.Until) {
		return false
	}
	if len(c.Regions) > 0 && len(p.Regions) > 0 && !slices.ContainsFunc(p.Regions, func(r string) bool {
		return slices.Contains(c.Regions, strings.ToUpper(r))
	}) {
		return false
	}
	if len(c.Brands) > 0 && !slices.ContainsFunc(c.Brands, func(b string) bool { return strings.EqualFold(b, p.Brand) }) {
		return false
	}
	if len(c.Platforms) > 0 && !slices.ContainsFunc(c.Platforms, func(pl string) bool { return strings.EqualFold(pl, string(p.Platform)) }) {
		return false
	}
	if len(c.Tags) > 0 {
		doc := text.Analyse(p.Text, p.Language)
		if !slices.ContainsFunc(doc.Hashtags, func(h text.Entity) bool {
			return slices.Contains(c.Tags, strings.ToLower(strings.TrimPrefix(h.Text, "#")))
		}) {
			return false
		}
	}
	return true
}

// lightOrPromotional reports whether a post sells or jokes: the posts a
// crisis holds. One reading of the text (its Signals) decides.
func lightOrPromotional(p checker.Post) bool {
	d := text.Analyse(p.Text, p.Language)
	return len(d.Signals.Promotional) > 0 || len(d.Signals.LightHearted) > 0
}

// crisisHold returns the hold an active crisis puts on a post, or nil.
func crisisHold(active []Crisis, p checker.Post, now time.Time) *Hold {
	for _, c := range active {
		if c.covers(p) && lightOrPromotional(p) {
			return c.hold(now)
		}
	}
	return nil
}

// ProposeCrises looks at newly ingested articles and proposes a crisis for
// each major event (a crisis class at MajorSeverity or above) that reaches
// one of the audience regions, unless a crisis not yet ended already
// covers those regions. A proposal holds nothing until a person confirms
// it. It returns the proposals made.
func (q *Queue) ProposeCrises(ctx context.Context, arts []checker.Article, audience []string) ([]Crisis, error) {
	cs, err := q.crises()
	if err != nil {
		return nil, nil
	}
	open, err := cs.Crises(ctx, false)
	if err != nil {
		return nil, err
	}
	now := q.now()
	var out []Crisis
	for _, a := range arts {
		if len(out) == maxProposals {
			break
		}
		if a.Crisis == checker.CrisisNone || a.Severity < MajorSeverity {
			continue
		}
		var regions []string
		for _, r := range a.Regions {
			r = strings.ToUpper(r)
			if slices.Contains(audience, r) && !slices.Contains(regions, r) {
				regions = append(regions, r)
			}
		}
		if len(regions) == 0 || coveredBy(open, regions) {
			continue
		}
		c := Crisis{ID: newCrisisID(now), Status: CrisisProposed, Regions: regions, Until: now.Add(48 * time.Hour),
			Reason: fmt.Sprintf("proposed: major %s event: %s", a.Crisis, a.Title), By: "preflight",
			Evidence: []checker.Evidence{checker.NewsEvidence(a)}, CreatedAt: now}
		if err := cs.SaveCrisis(ctx, c); err != nil {
			return out, err
		}
		open = append(open, c)
		out = append(out, c)
		q.notify(Event{Kind: EventCrisisProposed, At: now, CrisisID: c.ID, By: c.By, Reason: c.Reason, Regions: regions, Evidence: c.Evidence})
	}
	return out, nil
}

// coveredBy reports whether open crises (proposed or active, brand- and
// tag-wide) already cover every one of the regions.
func coveredBy(open []Crisis, regions []string) bool {
	for _, r := range regions {
		if !slices.ContainsFunc(open, func(c Crisis) bool {
			return c.Status != CrisisEnded && len(c.Brands) == 0 && len(c.Tags) == 0 && len(c.Platforms) == 0 &&
				(len(c.Regions) == 0 || slices.Contains(c.Regions, r))
		}) {
			return false
		}
	}
	return true
}
