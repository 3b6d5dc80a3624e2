package platform

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// altLimits are the alt-text limits where the platform documents one: X
// 1,000 characters (help.x.com, "How to make images accessible"),
// Mastodon 1,500 (the server's default description limit).
var altLimits = map[checker.Platform]int{checker.PlatformX: 1000, checker.PlatformMastodon: 1500}

func (c *config) altText() *checker.Rule {
	return &checker.Rule{
		ID:       "platform.alt_text",
		Needs:    checker.NeedsMedia,
		Category: checker.CategoryPlatform,
		Title:    "Image description missing or too long",
		Doc: "People who use screen readers hear an image's alt text instead of seeing it; without one they " +
			"miss the picture, and platforms rank accessible posts no lower for it. X cuts alt text at 1,000 " +
			"characters and Mastodon at 1,500, so the end of a longer description is lost.",
		Fix:   "Describe each image in a sentence or two: what it shows and why it is in the post.",
		Since: "2026.11.0",
		Run: func(pass *checker.Pass) error {
			limit := c.altLimits[pass.Post.Platform]
			for i, m := range pass.Post.Media {
				alt := strings.TrimSpace(m.Alt)
				if alt == "" {
					pass.Report(checker.Finding{
						Severity:   checker.SeverityLow,
						Field:      fmt.Sprintf("media[%d].alt", i),
						Message:    fmt.Sprintf("Image %d has no alt text: people using screen readers will not know what it shows.", i+1),
						Suggestion: "Add a short description of the image.",
					})
					continue
				}
				if n := utf8.RuneCountInString(m.Alt); limit > 0 && n > limit {
					pass.ReportAlt(i, text.Span{Start: limit, End: n}, checker.Finding{
						Severity:   checker.SeverityMedium,
						Message:    fmt.Sprintf("The alt text of image %d is %s characters; %s keeps %s.", i+1, thousands(n), nameOf(pass.Post.Platform), thousands(limit)),
						Suggestion: fmt.Sprintf("Shorten it by %s characters; the marked end would be cut off.", thousands(n-limit)),
					})
				}
			}
			return nil
		},
	}
}
