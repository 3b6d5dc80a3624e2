package content

import (
	"fmt"

	"github.com/preflight-dev/preflight/checker"
)

// helpForSharesRule reports help promised per retweet, like or share ("For
// every retweet we'll give $1 to the quake victims", "1 RT = 1 breakfast
// for a vulnerable child"): when the help is for people in need or victims
// the post is reviewed, since their help waits on the brand's reach; for a
// cause (a food bank, trees) it is a common campaign and gets advice.
// Help per sale counts only when it is for victims (selling on a
// disaster). The pledge and the beneficiaries are sentence patterns and
// word classes in data/help_for_shares.yaml.
func helpForSharesRule(o Options) (*checker.Rule, error) {
	g, _, err := loadGrammar("help_for_shares.yaml")
	if err != nil {
		return nil, err
	}
	return &checker.Rule{
		ID:       "content.help_for_shares",
		Category: checker.CategoryContent,
		Title:    "Help made to depend on shares",
		Doc: "Promising a donation per retweet, like or share makes help for people in need wait on the brand's " +
			"reach; after a disaster it reads as using victims for engagement (Bing and the 2011 Japan earthquake, " +
			"Kellogg's \"1 RT = 1 breakfast for a vulnerable child\", 2013).",
		Fix:   "Give the donation outright and invite people to give too; do not tie it to retweets, likes or sales.",
		Since: "2026.12.0",
		Kinds: []checker.Kind{checker.KindPost},
		Run: func(p *checker.Pass) error {
			r := g.Read(p.Doc)
			ms := g.Find(r)
			if len(ms) == 0 {
				return nil
			}
			needy := r.Has("needy")
			giving := needy || r.Has("give") || len(p.Doc.Cues.Charity) > 0 || hasPrice(p.Doc.Raw)
			if !giving {
				return nil
			}
			for _, m := range ms {
				perSale := m.Pattern.ID == "per_purchase"
				switch {
				case perSale && !needy:
					continue
				case perSale:
					p.ReportSpan(m.Span, checker.Finding{Severity: checker.SeverityMedium,
						Message:    fmt.Sprintf("%q makes help for people in need depend on sales: it reads as selling on their misfortune.", p.Doc.Slice(m.Span)),
						Suggestion: "Donate a fixed sum outright and say so; invite people to give directly to the relief appeal."})
				case needy:
					p.ReportSpan(m.Span, checker.Finding{Severity: checker.SeverityMedium,
						Message:    fmt.Sprintf("%q makes help for people in need depend on the brand's retweets, likes or shares.", p.Doc.Slice(m.Span)),
						Suggestion: "Give the donation outright (\"We're giving $100,000 to the relief appeal\") and invite people to give too, with a link."})
				default:
					p.ReportSpan(m.Span, checker.Finding{Severity: checker.SeverityLow,
						Message:    fmt.Sprintf("%q ties a donation to engagement; fine for a cause campaign, but some readers see it as bait.", p.Doc.Slice(m.Span)),
						Suggestion: "Consider pledging the full sum and asking people to share to spread the word."})
				}
				return nil // one finding per post
			}
			return nil
		},
	}, nil
}
