package hashtag

import (
	"fmt"

	"github.com/preflight-dev/preflight/checker"
)

func (p *pack) inTheNews() *checker.Rule {
	return &checker.Rule{
		ID:       "hashtag.in_the_news",
		Category: checker.CategoryHashtag,
		Title:    "Hashtag is in crisis news",
		Doc: "A tag that is in the news for a tragedy means that tragedy to everyone reading it: DiGiorno " +
			"joked with #WhyIStayed while abuse survivors were telling their stories under it; a shop used " +
			"#Aurora for a sale on the day of the cinema shooting. The rule looks the tag and its words up in " +
			"the news of the last days; a promotional or light-hearted post using it is blocked.",
		Fix:       "Drop the tag, or hold the post until you have read what the tag is being used for.",
		Since:     "2026.11.0",
		NeedsNews: true,
		Run: func(pass *checker.Pass) error {
			found := map[string][]checker.Article{} // one news search per distinct tag
			for _, h := range tags(pass) {
				arts, ok := found[h.Text]
				if !ok {
					if err := pass.Context.Err(); err != nil {
						return err
					}
					if rs := p.seg.Readings(h.Text, 1); len(rs) > 0 {
						var err error
						if arts, err = p.tagNews(pass, h.Text, rs[0], nil, hours(p.opts.NewsHours)); err != nil {
							return err
						}
					}
					found[h.Text] = arts
				}
				if len(arts) == 0 {
					continue
				}
				f := checker.Finding{Severity: checker.SeverityHigh,
					Message:    fmt.Sprintf("#%s is in crisis news: %q.", h.Text, arts[0].Title),
					Suggestion: "Read what #" + h.Text + " is being used for right now; drop it unless the post is about that story.",
					Evidence:   newsEvidence(arts, 3)}
				switch {
				case p.cue(pass, "promotional") || p.cue(pass, "light_hearted"):
					f.Severity = checker.SeverityCritical
					f.Message += " Using it to sell or joke will read as exploiting the tragedy."
				case pass.Doc.Signals.IsCondolence():
					f.Severity = checker.SeverityMedium
				}
				pass.ReportSpan(h.Span, f)
			}
			return nil
		},
	}
}
