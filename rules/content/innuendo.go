package content

import (
	"fmt"

	"github.com/preflight-dev/preflight/checker"
)

// innuendoRule reports sexual double meanings. Phrases that are usually
// innocent ("come inside") count only with a suggestive cue (a wink, an
// aubergine) or a second innuendo in the same text.
func innuendoRule(o Options) (*checker.Rule, error) {
	lex, err := newCued("innuendo.yaml", o.Innuendo, checker.SeverityMedium, true)
	if err != nil {
		return nil, err
	}
	return &checker.Rule{
		ID:       "content.innuendo",
		Category: checker.CategoryContent,
		Title:    "Sexual innuendo",
		Doc: "A phrase with a sexual second meaning turns a product post into a joke at the brand's expense; " +
			"readers look for the double meaning, especially next to a wink.",
		Fix:   "Rephrase so the sentence has only the meaning you intend.",
		Since: since,
		Run: func(p *checker.Pass) error {
			for _, t := range targets(p) {
				for _, h := range lex.Find(t.doc, false) {
					t.report(p, h.Span, checker.Finding{Severity: h.Severity,
						Message:    fmt.Sprintf("%q%s reads as sexual innuendo.", t.doc.Slice(h.Span), t.where()),
						Suggestion: "Rephrase to remove the double meaning."})
				}
			}
			return nil
		},
	}, nil
}
