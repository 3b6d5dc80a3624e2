package content

import (
	"fmt"

	"github.com/preflight-dev/preflight/checker"
)

// intoxicationRule reports talk of getting drunk or high. Product talk
// ("wine pairing", "craft beer") is not listed; ambiguous words ("wasted",
// "420") count only next to a drinking or party cue.
func intoxicationRule(o Options) (*checker.Rule, error) {
	lex, err := newCued("intoxication.yaml", o.Intoxication, checker.SeverityMedium, true)
	if err != nil {
		return nil, err
	}
	return &checker.Rule{
		ID:       "content.intoxication",
		Category: checker.CategoryContent,
		Title:    "Alcohol, drug or intoxication talk",
		Doc: "A brand account that celebrates getting drunk or high reads as encouraging excess, breaks " +
			"alcohol-marketing codes and is a classic sign of a personal post sent from the wrong account.",
		Fix:   "Talk about the product, not about intoxication; check you are on the right account.",
		Since: since,
		Run: func(p *checker.Pass) error {
			for _, t := range targets(p) {
				for _, h := range lex.Find(t.doc, false) {
					kind := "alcohol"
					if h.Term.Category == "drugs" {
						kind = "drug"
					}
					msg := fmt.Sprintf("%q%s is %s or intoxication talk on a brand account.", t.doc.Slice(h.Span), t.where(), kind)
					if h.Term.Category == "spiking" {
						msg = fmt.Sprintf("%q%s reads as spiking someone's drink, which is a crime.", t.doc.Slice(h.Span), t.where())
					}
					t.report(p, h.Span, checker.Finding{Severity: h.Severity,
						Message:    msg,
						Suggestion: "Remove the reference to getting drunk or high, and check this is the brand account you meant to post from."})
				}
			}
			return nil
		},
	}, nil
}
