package reply

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/grammar"
	"github.com/preflight-dev/preflight/rules/internal/pack"
	"github.com/preflight-dev/preflight/text"
)

// tone reads a reply's sentence patterns once for every reply rule: who is
// addressed and what is asserted (data/tone.yaml). A pattern's family (the
// part of its id before the dot) is the rule that reports it.
type tone struct {
	g   *grammar.Grammar
	sev map[string]checker.Severity
}

// toneKey keys the per-post reading in Pass.Memo.
type toneKey struct{}

// family findings of one post.
type toneReading map[string][]grammar.Match

func loadTone() (*tone, error) {
	var f grammar.File
	if err := readFile("tone.yaml", &f); err != nil {
		return nil, err
	}
	g, err := grammar.New(f.Classes, f.Patterns)
	if err != nil {
		return nil, fmt.Errorf("reply: data/tone.yaml: %w", err)
	}
	for _, p := range f.Patterns {
		if fam, _, ok := strings.Cut(p.ID, "."); !ok || rulesOfFamily[fam] == "" {
			return nil, fmt.Errorf("reply: data/tone.yaml: pattern %q: the id must be <family>.<name> with a known family", p.ID)
		}
		if p.Message == "" {
			return nil, fmt.Errorf("reply: data/tone.yaml: pattern %s: a message and a suggestion are required", p.ID)
		}
	}
	sev, err := grammar.Severities(f.Patterns)
	if err != nil {
		return nil, fmt.Errorf("reply: data/tone.yaml: %w", err)
	}
	t := &tone{g: g, sev: sev}
	return t, nil
}

// rulesOfFamily maps a pattern family to the rule that reports it.
var rulesOfFamily = map[string]string{
	"condescension": "reply.personal_attack", "argue": "reply.argue", "blame": "reply.blame",
	"sarcasm": "reply.sarcasm", "owns": "reply.owns_the_page", "flirt": "reply.flirt", "pitch": "reply.sales_pitch",
	"threat": "reply.legal_threat", "mock": "reply.personal_attack",
}

// read returns the post's matches by family, read once per post. A "_weak"
// pattern counts only beside another pattern of its family; a "context_"
// pattern is never reported, it only lets the weak ones count.
func (t *tone) read(p *checker.Pass) toneReading {
	return p.Memo(toneKey{}, func() any { return t.find(p.Doc) }).(toneReading)
}

// find groups d's matches by family and keeps those that are reported.
func (t *tone) find(d *text.Doc) toneReading {
	out := toneReading{}
	for _, m := range t.g.Find(t.g.Read(d)) {
		fam, _, _ := strings.Cut(m.Pattern.ID, ".")
		out[fam] = append(out[fam], m)
	}
	for fam, ms := range out {
		strong, names := false, map[string]bool{}
		for _, m := range ms {
			names[m.Pattern.ID] = true
			strong = strong || !weak(m.Pattern.ID)
		}
		var kept []grammar.Match
		for _, m := range ms {
			if (weak(m.Pattern.ID) && !strong && len(names) < 2) || contextOnly(m.Pattern.ID) {
				continue
			}
			kept = append(kept, m)
		}
		out[fam] = kept
	}
	return out
}

// outermost drops the matches inside another match of the family that is
// at least as severe ("try the gym" inside "maybe try the gym"): one
// finding for one stretch. Of matches with one span, a later one is
// dropped for an earlier one as severe. Sorted by start, then widest
// first (ties in order), a match is inside another when one before it, as
// severe or more, ends at or after it: n log n in the matches, which a
// long reply may have thousands of.
func (t *tone) outermost(ms []grammar.Match) []grammar.Match {
	order := make([]int, len(ms))
	for i := range order {
		order[i] = i
	}
	sev := func(i int) checker.Severity { return t.sev[ms[i].Pattern.ID] }
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := ms[i].Span, ms[j].Span
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(b.End, a.End))
	})
	// reach[s] is the furthest end of a match seen so far of severity s
	// or more.
	var reach [checker.SeverityCritical + 1]int
	for i := range reach {
		reach[i] = -1
	}
	inside := make([]bool, len(ms))
	for _, i := range order {
		s := min(max(sev(i), 0), checker.SeverityCritical)
		inside[i] = reach[s] >= ms[i].Span.End
		for k := checker.Severity(0); k <= s; k++ {
			reach[k] = max(reach[k], ms[i].Span.End)
		}
	}
	out := ms[:0:0]
	for i, m := range ms {
		if !inside[i] {
			out = append(out, m)
		}
	}
	return out
}

func weak(id string) bool        { return strings.HasSuffix(id, "_weak") || contextOnly(id) }
func contextOnly(id string) bool { return strings.Contains(id, ".context_") }

// report records a family's findings on the post.
func (t *tone) report(p *checker.Pass, fam string) {
	for _, m := range t.outermost(t.read(p)[fam]) {
		p.ReportSpan(m.Span, checker.Finding{Severity: t.sev[m.Pattern.ID],
			Message:    strings.ReplaceAll(m.Pattern.Message, "{match}", fmt.Sprintf("%q", p.Doc.Slice(m.Span))),
			Suggestion: m.Pattern.Suggestion})
	}
}

// withTone runs a phrase pack and then the tone patterns of its families,
// read from data/tone.yaml on first use.
func withTone(c *pack.Check, tone func() (*tone, error), fams ...string) *checker.Rule {
	r := c.Rule()
	r.Run = func(p *checker.Pass) error {
		t, err := tone()
		if err != nil {
			return err
		}
		c.Run(p)
		for _, fam := range fams {
			t.report(p, fam)
		}
		return nil
	}
	r.Load = func() error {
		_, err := tone()
		return err
	}
	return r
}

// toneRule is a rule made only of tone patterns, read from data/tone.yaml
// on first use.
func toneRule(tone func() (*tone, error), fam, id, title, doc, fix string) *checker.Rule {
	return &checker.Rule{ID: id, Category: checker.CategoryReply, Title: title, Doc: doc, Fix: fix,
		Since: "2026.12.0", Kinds: replyOnly,
		Run: func(p *checker.Pass) error {
			t, err := tone()
			if err != nil {
				return err
			}
			t.report(p, fam)
			return nil
		},
		Load: func() error {
			_, err := tone()
			return err
		}}
}
