package news

import (
	"fmt"
	"strings"

	"github.com/preflight-dev/preflight/checker"
)

// shockClasses are the crises that put a whole country in shock.
var shockClasses = []checker.CrisisClass{checker.CrisisAttack, checker.CrisisShooting, checker.CrisisDisaster,
	checker.CrisisMourning, checker.CrisisDeath, checker.CrisisUnrest}

func (r *reader) audienceInShock() *checker.Rule {
	o := r.opts
	return &checker.Rule{
		ID:       "news.audience_in_shock",
		Category: checker.CategoryNews,
		Title:    "Cheerful promotion while the audience's country is in shock",
		Doc: fmt.Sprintf("The day after a mass-casualty attack, a deadly disaster or the death of a head of state, "+
			"a flash sale or a joke reads as tone-deaf to everyone in that country, even when it mentions nothing "+
			"of the news. The rule looks for a major crisis (severity %.2f or more) in one of the post's audience "+
			"regions published in the %s before the scheduled time, and sends promotional or light-hearted posts "+
			"to review. Posts that only offer sympathy pass, and a crisis in another country does not count.",
			o.ShockMinSeverity, o.ShockWindow),
		Fix:       "Postpone the promotion for a day or two, or pause scheduled posts for the affected region.",
		Since:     "2026.11.0",
		Kinds:     []checker.Kind{checker.KindPost}, // replies answer one customer, not the country
		NeedsNews: true,
		Run: func(p *checker.Pass) error {
			if len(p.Post.Regions) == 0 {
				return nil
			}
			t := r.toneOf(p.Doc)
			if !t.selling() {
				return nil
			}
			arts, err := p.News.Search(p.Context, checker.NewsQuery{At: p.At(), Window: o.ShockWindow,
				Regions: p.Post.Regions, Classes: shockClasses, MinSeverity: o.ShockMinSeverity, Limit: 3})
			if err != nil {
				return fmt.Errorf("news index: %w", err)
			}
			if len(arts) == 0 {
				return nil
			}
			a := arts[0]
			f := checker.Finding{
				Severity: checker.SeverityHigh,
				Message: fmt.Sprintf("The audience in %s is living through a major crisis: %s, published %s the scheduled time. "+
					"A promotional or light-hearted post now reads as tone-deaf.",
					strings.Join(a.Regions, ", "), headline(a), timeAgo(p.At(), a.Published)),
				Suggestion: "Postpone the post until the news has passed, or pause the campaign in this region.",
				Evidence:   evidence(arts, 3),
			}
			if s, ok := firstSpan(t.promo, t.light); ok {
				p.ReportSpan(s, f)
			} else {
				p.Report(f)
			}
			return nil
		},
	}
}
