package incidents

import (
	"github.com/preflight-dev/preflight/checker"
)

// Role says what a case checks.
type Role string

// The roles of a case.
const (
	// RoleIncident is the post as it went out, with its news: it should be
	// caught.
	RoleIncident Role = "incident"
	// RoleControl is the same post on a quiet day (or a better wording):
	// it must pass.
	RoleControl Role = "control"
	// RoleTransfer is the mechanism on another real event: it should be
	// caught.
	RoleTransfer Role = "transfer"
)

// Case is one post to check with the news the index must hold for it.
type Case struct {
	ID        string // incident ID, with "/control" or "/transfer"
	Role      Role
	Incident  *Incident
	Mechanism string
	Post      checker.Post
	News      []checker.Article
}

// Cases expands every incident into its incident, control and transfer
// cases, in library order.
func (l *Library) Cases() []Case {
	var out []Case
	for i := range l.Incidents {
		in := &l.Incidents[i]
		post := checker.Post{ID: in.ID, Text: in.Text, ScheduledAt: in.At, Platform: in.Platform, Kind: in.Kind,
			Brand: in.Brand, Regions: in.Regions}
		news := Articles(in.ID, in.News)
		out = append(out, Case{ID: in.ID, Role: RoleIncident, Incident: in, Mechanism: in.Mechanism, Post: post, News: news})
		if c := in.Control; c != nil {
			cp := post
			cp.ID = in.ID + "/control"
			cp.ScheduledAt = c.At
			if c.Text != "" {
				cp.Text = c.Text
			}
			out = append(out, Case{ID: cp.ID, Role: RoleControl, Incident: in, Mechanism: in.Mechanism, Post: cp, News: news})
		}
		if t := in.Transfer; t != nil {
			id := in.ID + "/transfer"
			tp := checker.Post{ID: id, Text: t.Text, ScheduledAt: t.At, Platform: t.Platform, Kind: t.Kind,
				Brand: t.Brand, Regions: t.Regions}
			out = append(out, Case{ID: id, Role: RoleTransfer, Incident: in, Mechanism: in.Mechanism, Post: tp,
				News: Articles(id, t.News)})
		}
	}
	return out
}

// Caught says whether a report catches a case of mechanism m: a review or
// block verdict with at least one finding of one of m's categories.
func Caught(m *Mechanism, rep checker.Report) bool {
	if rep.Verdict == checker.VerdictPass {
		return false
	}
	for _, f := range rep.Findings {
		for _, c := range m.Categories {
			if f.Category == c {
				return true
			}
		}
	}
	return false
}
