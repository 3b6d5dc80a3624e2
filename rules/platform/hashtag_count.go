package platform

import (
	"fmt"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

func (c *config) hashtagCount() *checker.Rule {
	return &checker.Rule{
		ID:       "platform.hashtag_count",
		Needs:    checker.NeedsHashtags,
		Category: checker.CategoryPlatform,
		Title:    "More hashtags than the platform accepts",
		Doc: "Instagram accepts at most 30 hashtags in a post: with more, the post fails to publish or the " +
			"caption is dropped. (Advice on fewer, better tags is hashtag.style's job; this rule is the hard limit.)",
		Fix:   "Remove hashtags until the post is within the limit; keep the ones people search for.",
		Since: "2026.11.0",
		Run: func(pass *checker.Pass) error {
			p := pass.Post.Platform
			max, ok := c.maxHashtags[p]
			hs := pass.Doc.Hashtags
			if !ok || max <= 0 || len(hs) <= max {
				return nil
			}
			pass.ReportSpan(text.Span{Start: hs[max].Start, End: hs[len(hs)-1].End}, checker.Finding{
				Severity:   checker.SeverityHigh,
				Message:    fmt.Sprintf("This post has %d hashtags; %s accepts at most %d.", len(hs), nameOf(p), max),
				Suggestion: fmt.Sprintf("Remove at least %d hashtags (the marked ones are over the limit).", len(hs)-max),
			})
			return nil
		},
	}
}
