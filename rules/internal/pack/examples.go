package pack

import (
	"context"
	"fmt"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// exampleAt is the instant examples are checked as of: fixed, so a pack's
// examples never depend on today's date.
var exampleAt = time.Date(2026, 1, 21, 15, 0, 0, 0, time.UTC)

// Failure is an example its rule got wrong: a post it should flag and did
// not, or a near miss it flagged.
type Failure struct {
	Rule     string
	Text     string
	WantFlag bool
}

// Error describes the failure for a test log or `preflight rules test`.
func (f Failure) Error() string {
	if f.WantFlag {
		return fmt.Sprintf("%s: example not flagged: %q", f.Rule, f.Text)
	}
	return fmt.Sprintf("%s: near miss flagged: %q", f.Rule, f.Text)
}

// TestExamples checks every rule's examples with the built rules (from
// Build or Load, in the pack's order), each rule on its own: a positive
// must get a finding of that rule, a near miss none. A rule without
// examples on either side is a failure too, so every rule carries both.
func (p *Pack) TestExamples(ctx context.Context, rules []*checker.Rule) ([]Failure, error) {
	byID := map[string]*checker.Rule{}
	for _, r := range rules {
		byID[r.ID] = r
	}
	var out []Failure
	for _, s := range p.Rules {
		r, ok := byID[s.ID]
		if !ok {
			return nil, fmt.Errorf("rule %q of the pack was not built", s.ID)
		}
		// An opt-in rule is switched on: its examples are about its words,
		// not about which brands enable it.
		on := checker.Profile{Rules: map[string]checker.RuleSetting{r.ID: {Enabled: true}}}
		e, err := checker.New(checker.Config{Rules: []*checker.Rule{r}, Profile: on, Now: func() time.Time { return exampleAt }})
		if err != nil {
			return nil, err
		}
		if len(s.Examples.Flag) == 0 || len(s.Examples.Pass) == 0 {
			out = append(out, Failure{Rule: s.ID, Text: "(the rule needs examples to flag and near misses to pass)", WantFlag: len(s.Examples.Flag) == 0})
		}
		kind := checker.KindPost
		if len(s.PostKinds) > 0 {
			kind = s.PostKinds[0]
		}
		for _, set := range []struct {
			texts []string
			flag  bool
		}{{s.Examples.Flag, true}, {s.Examples.Pass, false}} {
			for _, txt := range set.texts {
				rep, err := e.Check(ctx, checker.Post{Text: txt, Kind: kind, ScheduledAt: exampleAt})
				if err != nil {
					return nil, fmt.Errorf("rule %q example %q: %w", s.ID, txt, err)
				}
				if (len(rep.Findings) > 0) != set.flag {
					out = append(out, Failure{Rule: s.ID, Text: txt, WantFlag: set.flag})
				}
			}
		}
	}
	return out, nil
}
