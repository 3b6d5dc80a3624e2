package content

import (
	"fmt"

	"github.com/preflight-dev/preflight/checker"
)

// politicalRule reports partisan political content: candidates, parties,
// campaign slogans and hashtags, and calls to vote for a side (US, UK,
// Norway). "vote for" alone counts only next to another political term.
func politicalRule(o Options) (*checker.Rule, error) {
	lex, err := newCued("political.yaml", o.Political, checker.SeverityMedium, true)
	if err != nil {
		return nil, err
	}
	return &checker.Rule{
		ID:       "content.political",
		Category: checker.CategoryContent,
		Title:    "Partisan political content",
		Doc: "Naming candidates or parties, or using campaign slogans, makes the brand take a side and invites " +
			"boycotts from the other; it also ties the brand to whatever the politician does next.",
		Fix:   "Leave politics out unless taking this position is a deliberate, approved brand decision.",
		Since: since,
		Run: func(p *checker.Pass) error {
			for _, t := range targets(p) {
				for _, h := range lex.Find(t.doc, false) {
					t.report(p, h.Span, checker.Finding{Severity: h.Severity,
						Message:    fmt.Sprintf("%q%s is partisan political content.", t.doc.Slice(h.Span), t.where()),
						Suggestion: "Remove the political reference, or get explicit sign-off for taking this position."})
				}
			}
			return nil
		},
	}, nil
}
