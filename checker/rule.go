package checker

import (
	"context"
	"fmt"
	"regexp"
	"sync"
	"time"

	"github.com/preflight-dev/preflight/text"
)

// Rule is a static description of one check plus the function that runs it,
// in the manner of go/analysis' Analyzer. Its ID is public API: stable,
// documented, never reused.
type Rule struct {
	ID       string   // "content.profanity": category, dot, snake_case name
	Category Category // must match the ID's prefix
	Title    string   // a short name for listings
	Doc      string   // why the rule exists: what goes wrong when it is ignored
	Fix      string   // how to fix what it finds
	Since    string   // the rules version that introduced it
	// Kinds restricts the rule to posts of these kinds; empty means every kind.
	Kinds []Kind
	// NeedsNews and NeedsCalendar make the engine skip the rule (reported
	// as skipped) when that part of the world is not configured.
	NeedsNews     bool
	NeedsCalendar bool
	// Pack names the rule pack that declared the rule (a named team pack,
	// a team pack's file, a built-in pack's name); empty for rules written
	// in Go.
	Pack string
	// OptIn makes the rule run only for posts whose brand's rule settings
	// (or the profile's) enable it: a team pack for some clients only.
	OptIn bool
	// Needs lists what a post must hold for the rule to find anything (a
	// hashtag, media, a brand); the engine does not run the rule on a post
	// without it. Unlike NeedsNews, this is not a skip worth reporting:
	// the rule could not have fired.
	Needs Needs
	// NeedsAnyOf lists things of which a post must hold at least one for
	// the rule to apply (a hashtag or a link: the names a tag rule reads);
	// zero means no such condition.
	NeedsAnyOf Needs
	// Run reports findings through the pass. It must not mutate the rule,
	// read the wall clock or keep the pass.
	Run func(*Pass) error
	// Load, when set, builds now what Run otherwise builds on its first
	// run (word lists, patterns: see Deferred). LoadRules calls it for a
	// command that keeps running, so that its first posts do not wait and
	// a fault in the data stops it at start-up.
	Load func() error
}

// LoadRules builds what each rule builds on first use (Rule.Load) now.
func LoadRules(rs []*Rule) error {
	for _, r := range rs {
		if r.Load == nil {
			continue
		}
		if err := r.Load(); err != nil {
			return fmt.Errorf("rule %s: %w", r.ID, err)
		}
	}
	return nil
}

var ruleID = regexp.MustCompile(`^(content|reply|platform|news|calendar|hashtag)\.[a-z][a-z0-9_]*$`)

// teamID is a rule a team declared in its own pack: "team." and a
// snake_case name, never colliding with a built-in ID.
var teamID = regexp.MustCompile(`^team\.[a-z][a-z0-9_]*$`)

// categoryName is one of the categories above.
var categoryName = regexp.MustCompile(`^(content|reply|platform|news|calendar|hashtag)$`)

// Validate checks the rule's static description.
func (r *Rule) Validate() error {
	if teamID.MatchString(r.ID) {
		if !categoryName.MatchString(string(r.Category)) {
			return fmt.Errorf("rule %q: unknown category %q", r.ID, r.Category)
		}
	} else if !ruleID.MatchString(r.ID) {
		return fmt.Errorf("rule %q: ID must look like category.snake_name or team.snake_name", r.ID)
	} else if string(r.Category)+"." != r.ID[:len(r.Category)+1] {
		return fmt.Errorf("rule %q: category %q does not match the ID", r.ID, r.Category)
	}
	if r.Title == "" || r.Doc == "" || r.Run == nil {
		return fmt.Errorf("rule %q: Title, Doc and Run are required", r.ID)
	}
	return nil
}

// Needs is a set of things a post must hold for a rule to apply.
type Needs uint8

// What a rule may need of a post.
const (
	NeedsHashtags Needs = 1 << iota // the text has a hashtag
	NeedsMedia                      // the post has images or videos
	NeedsBrand                      // the post's brand has a profile
	NeedsLinks                      // the text has a URL
)

// has is what the post holds, as a Needs set.
func has(p *Pass) Needs {
	var n Needs
	if len(p.Doc.Hashtags) > 0 {
		n |= NeedsHashtags
	}
	if len(p.Post.Media) > 0 {
		n |= NeedsMedia
	}
	if p.Brand() != nil {
		n |= NeedsBrand
	}
	if len(p.Doc.URLs) > 0 {
		n |= NeedsLinks
	}
	return n
}

// canTrigger reports whether a post holding holds can trigger the rule
// (Needs and NeedsAnyOf).
func (r *Rule) canTrigger(holds Needs) bool {
	return r.Needs&^holds == 0 && (r.NeedsAnyOf == 0 || r.NeedsAnyOf&holds != 0)
}

func (r *Rule) appliesTo(k Kind) bool {
	if len(r.Kinds) == 0 {
		return true
	}
	for _, q := range r.Kinds {
		if q == k {
			return true
		}
	}
	return false
}

// Pass is what one rule sees while checking one post.
type Pass struct {
	Context context.Context
	Rule    *Rule
	Post    *Post
	// Doc is the analysed post text; Alts are the analysed media alt texts,
	// index-aligned with Post.Media.
	Doc  *text.Doc
	Alts []*text.Doc
	// Profile is the team's configuration (brand aliases, competitors).
	Profile  *Profile
	Calendar Calendar // nil when not configured
	News     News     // nil when not configured

	findings *[]Finding
	shared   *shared
}

// Report records a finding; the rule's ID and category are filled in.
func (p *Pass) Report(f Finding) {
	if f.Rule == "" {
		f.Rule = p.Rule.ID
	}
	if f.Category == "" {
		f.Category = p.Rule.Category
	}
	if f.Severity == 0 {
		f.Severity = SeverityMedium
	}
	if f.HasSpan() && f.Match == "" && f.Field == "" {
		f.Match = p.Doc.Slice(text.Span{Start: *f.Start, End: *f.End})
	}
	*p.findings = append(*p.findings, f)
}

// ReportSpan records a finding about the words at s in the post's text.
func (p *Pass) ReportSpan(s text.Span, f Finding) {
	p.Report(f.At(s.Start, s.End))
}

// ReportAlt records a finding about words in media i's alt text; spans
// there are offsets into the alt text, and Field names it.
func (p *Pass) ReportAlt(i int, s text.Span, f Finding) {
	f.Field = fmt.Sprintf("media[%d].alt", i)
	f.Match = p.Alts[i].Slice(s)
	p.Report(f.At(s.Start, s.End))
}

// At is the instant the post is judged as of: its scheduled time. Rules use
// it instead of the wall clock.
func (p *Pass) At() time.Time { return p.Post.ScheduledAt }

// BuildRules calls each builder with the category's options and returns
// the rules in order, stopping at the first error: the shape of every
// category package's Rules function.
func BuildRules[O any](opts O, builders ...func(O) (*Rule, error)) ([]*Rule, error) {
	rules := make([]*Rule, 0, len(builders))
	for _, b := range builders {
		r, err := b(opts)
		if err != nil {
			return nil, err
		}
		rules = append(rules, r)
	}
	return rules, nil
}

// Deferred returns the described rules with a Run that builds the rules
// with build on the first run of any of them and runs the built rule of
// the same ID: what a rule reads (word lists, patterns, tables) is then
// built only when a post needs it, so a rule no post triggers (a news rule
// without news, a reply rule in a check of posts) costs nothing. described
// are the rules' descriptions, made without their data; build must return
// rules of the same IDs in the same order, or every Run fails with an
// error saying so. A category whose configured options may be wrong builds
// them at start-up instead, so that the mistake stops it.
func Deferred(described []*Rule, build func() ([]*Rule, error)) []*Rule {
	built := sync.OnceValues(func() ([]*Rule, error) {
		rs, err := build()
		if err != nil {
			return nil, err
		}
		if len(rs) != len(described) {
			return nil, fmt.Errorf("built %d rules for the %d described", len(rs), len(described))
		}
		for i, r := range rs {
			if r.ID != described[i].ID {
				return nil, fmt.Errorf("built rule %q where %q was described", r.ID, described[i].ID)
			}
		}
		return rs, nil
	})
	for i, r := range described {
		r.Run = func(p *Pass) error {
			rs, err := built()
			if err != nil {
				return err
			}
			return rs[i].Run(p)
		}
		r.Load = func() error {
			rs, err := built()
			if err == nil && rs[i].Load != nil {
				err = rs[i].Load()
			}
			return err
		}
	}
	return described
}
