package checker

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/preflight-dev/preflight/text"
)

// RulesVersion is the version of the built-in rule set; reports carry it so a
// verdict can be traced to the rules that gave it.
const RulesVersion = "2026.12.0"

// Config is what an Engine is built from. Only Rules is required.
type Config struct {
	Rules    []*Rule
	Profile  Profile
	Calendar Calendar // optional
	News     News     // optional
	// NoNewsReason says why News is nil, for the rules it skips; empty
	// means "no news index" with how to get one.
	NoNewsReason string
	// Now is the clock for posts without a scheduled time; nil means
	// time.Now.
	Now func() time.Time
	// Versions are extra data versions to stamp on reports ("news": the
	// index's freshest article, "calendar": its data version).
	Versions map[string]string
	// Precedents, when set, cites documented incidents beside the findings
	// they resemble (incidents.Finder).
	Precedents Precedents
}

// Precedents adds evidence from documented real incidents to a report's
// findings, so a marketer sees that the risk has happened to a brand before.
type Precedents interface {
	Annotate(rep *Report)
}

// Engine runs rules over posts. It is immutable after New and safe for
// concurrent use.
type Engine struct {
	rules    []*Rule
	profile  Profile
	calendar Calendar
	news     News
	now      func() time.Time
	versions map[string]string
	noNews   string
	cite     Precedents
	// calendarRegions are the regions the calendar has data for.
	calendarRegions map[string]bool
}

// New validates the rules (IDs unique and well-formed, descriptions
// complete) and the profile's rule settings, and returns an engine.
func New(cfg Config) (*Engine, error) {
	seen := make(map[string]bool, len(cfg.Rules))
	for _, r := range cfg.Rules {
		if err := r.Validate(); err != nil {
			return nil, err
		}
		if seen[r.ID] {
			return nil, fmt.Errorf("rule %q registered twice", r.ID)
		}
		seen[r.ID] = true
	}
	ids := make([]string, 0, len(cfg.Rules))
	for _, r := range cfg.Rules {
		ids = append(ids, r.ID)
	}
	for id, s := range cfg.Profile.Rules {
		if !seen[id] {
			return nil, Errorf(ECodeBadConfig, "rules."+id, "no rule has the ID %q%s; 'preflight rules' lists them", id, DidYouMean(id, ids))
		}
		if s.Severity != 0 && (s.Severity < SeverityLow || s.Severity > SeverityCritical) {
			return nil, Errorf(ECodeBadConfig, "rules."+id+".severity", "invalid severity (want low, medium, high or critical)")
		}
	}
	e := &Engine{rules: cfg.Rules, profile: cfg.Profile, calendar: cfg.Calendar, news: cfg.News, now: cfg.Now,
		versions: map[string]string{"rules": RulesVersion}, noNews: cfg.NoNewsReason, cite: cfg.Precedents}
	if e.noNews == "" {
		e.noNews = "no news index: import or poll news into the data folder (preflight news import)"
	}
	if e.now == nil {
		e.now = time.Now
	}
	if e.calendar != nil {
		e.calendarRegions = map[string]bool{}
		for _, r := range e.calendar.Regions() {
			e.calendarRegions[r] = true
		}
	}
	for k, v := range cfg.Versions {
		e.versions[k] = v
	}
	return e, nil
}

// Rules returns the engine's rules in registration order.
func (e *Engine) Rules() []*Rule { return e.rules }

// Profile returns the engine's profile.
func (e *Engine) Profile() Profile { return e.profile }

// Prepare fills a post's defaults from the profile and clock and validates
// it; Check calls it, and drivers call it to report input errors early.
func (e *Engine) Prepare(p *Post) error {
	if err := p.Validate(); err != nil {
		return err
	}
	e.profile.Apply(p, e.now())
	return nil
}

// Check runs every applicable rule over the post and scores the findings.
// A rule that fails is listed in Report.Skipped; the others still run. The
// error is for an invalid post only.
func (e *Engine) Check(ctx context.Context, p Post) (Report, error) {
	if err := e.Prepare(&p); err != nil {
		return Report{ID: p.ID}, err
	}
	doc := text.Analyse(p.Text, p.Language)
	alts := make([]*text.Doc, len(p.Media))
	for i, m := range p.Media {
		alts[i] = text.Analyse(m.Alt, doc.Language)
	}
	rep := Report{ID: p.ID, Post: p, Versions: e.versions}
	if e.calendar != nil {
		rep.Limits = regionLimits(p.Regions, e.calendarRegions)
	}
	if l := languageLimit(doc, p.Language); l != "" {
		rep.Limits = append(rep.Limits, l)
	}
	var findings []Finding
	// One pass serves every rule in turn (rules must not keep it): a
	// check allocates once, not once per rule.
	pass := &Pass{Context: ctx, Post: &p, Doc: doc, Alts: alts, Profile: &e.profile,
		Calendar: e.calendar, News: e.news, findings: &findings, shared: &shared{}}
	// The brand is looked up once per post: read it once for the rules'
	// settings too.
	b := pass.Brand()
	if n := brandNote(b); n != "" {
		rep.Notes = append(rep.Notes, n)
	}
	holds := has(pass)
	for _, r := range e.rules {
		if s, ok := ruleSetting(&e.profile, b, r.ID); ok && s.Disabled {
			continue
		}
		if r.OptIn && !optedIn(&e.profile, b, r.ID) {
			continue
		}
		// Work only what applies: a rule the post cannot trigger (a tag
		// rule on a post without hashtags) is not run.
		if !r.appliesTo(p.Kind) || !r.canTrigger(holds) {
			continue
		}
		if r.NeedsNews && e.news == nil {
			rep.Skipped = append(rep.Skipped, SkippedRule{Rule: r.ID, Reason: e.noNews})
			continue
		}
		if r.NeedsCalendar && e.calendar == nil {
			rep.Skipped = append(rep.Skipped, SkippedRule{Rule: r.ID, Reason: "no calendar configured"})
			continue
		}
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		before := len(findings)
		pass.Rule = r
		if err := runRule(r, pass); err != nil {
			findings = findings[:before] // a failed rule reports nothing
			rep.Skipped = append(rep.Skipped, SkippedRule{Rule: r.ID, Reason: err.Error()})
			continue
		}
		if s, ok := ruleSetting(&e.profile, b, r.ID); ok && s.Severity != 0 {
			for i := before; i < len(findings); i++ {
				findings[i].Severity = s.Severity
			}
		}
	}
	rep.Findings = tidy(findings)
	rep.Score, rep.Verdict = Score(rep.Findings)
	if e.cite != nil {
		e.cite.Annotate(&rep)
	}
	return rep, nil
}

// runRule runs one rule, turning a panic into an error so one faulty rule
// cannot take down a batch or the service.
func runRule(r *Rule, p *Pass) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("rule failed: %v", v)
		}
	}()
	return r.Run(p)
}

// tidy drops exact duplicates (same rule, span and field) and orders
// findings most severe first, then by position.
func tidy(fs []Finding) []Finding {
	type key struct {
		rule, field string
		start, end  int
	}
	seen := make(map[key]bool, len(fs))
	out := fs[:0]
	for _, f := range fs {
		k := key{rule: f.Rule, field: f.Field, start: -1, end: -1}
		if f.HasSpan() {
			k.start, k.end = *f.Start, *f.End
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, f)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Severity != out[j].Severity {
			return out[i].Severity > out[j].Severity
		}
		return pos(out[i]) < pos(out[j])
	})
	return out
}

func pos(f Finding) int {
	if f.Start == nil {
		return -1
	}
	return *f.Start
}
