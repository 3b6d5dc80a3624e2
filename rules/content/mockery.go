package content

import (
	"fmt"

	"github.com/preflight-dev/preflight/checker"
)

// mockeryRule reports jokes about death, disaster or violence: a tragedy
// word in a post that jokes, celebrates or sells (a light-hearted signal, a
// laughing emoji, "lol", a sale), or a phrase that is such a joke in itself
// ("too soon?"). Idioms such as "killer deals" and "to die for" are not
// tragedy words.
func mockeryRule(o Options) (*checker.Rule, error) {
	lex, err := newCued("mockery.yaml", o.Mockery, checker.SeverityMedium, false)
	if err != nil {
		return nil, err
	}
	return &checker.Rule{
		ID:       "content.mockery",
		Category: checker.CategoryContent,
		Title:    "Mockery of death, disaster or violence",
		Doc: "Joking about bombings, shootings, disasters or deaths, or using them to sell, reads as mocking the " +
			"victims; such posts are the ones that end up in news stories about brand blunders.",
		Fix:   "Drop the joke or the tragedy reference; never pair a tragedy with a promotion.",
		Since: since,
		Run: func(p *checker.Pass) error {
			light := p.Doc.Signals.IsLightHearted() || p.Doc.Signals.IsPromotional()
			for _, t := range targets(p) {
				for _, h := range lex.Find(t.doc, light) {
					msg := fmt.Sprintf("%q%s refers to death, disaster or violence in a light-hearted or promotional post.", t.doc.Slice(h.Span), t.where())
					if h.Term.Category == "joke" {
						msg = fmt.Sprintf("%q%s jokes about a tragedy.", t.doc.Slice(h.Span), t.where())
					}
					t.report(p, h.Span, checker.Finding{Severity: h.Severity, Message: msg,
						Suggestion: "Remove the joke or the reference to the tragedy."})
				}
			}
			return nil
		},
	}, nil
}
