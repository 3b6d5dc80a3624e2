package hashtag

import (
	"fmt"
	"unicode"

	"github.com/preflight-dev/preflight/checker"
)

// defaultMaxTags is the advised number of hashtags per post by platform;
// more reads as spam (Instagram's own limit of 30 is checked elsewhere).
var defaultMaxTags = map[checker.Platform]int{checker.PlatformX: 3, checker.PlatformLinkedIn: 3,
	checker.PlatformFacebook: 3, checker.PlatformThreads: 3, checker.PlatformBluesky: 3,
	checker.PlatformMastodon: 5, checker.PlatformTikTok: 5, checker.PlatformInstagram: 10}

func (p *pack) style() *checker.Rule {
	return &checker.Rule{
		ID:       "hashtag.style",
		Needs:    checker.NeedsHashtags,
		Category: checker.CategoryHashtag,
		Title:    "Hashtag style",
		Doc: "Too many tags read as spam and lower reach; very long tags are hard to read; an all-lower-case " +
			"tag of several words is hard to read and screen readers spell it out or misread it " +
			"(#throwbackthursday). Advice only: it never changes the verdict.",
		Fix:   "Keep a few short tags, written in CamelCase (#ThrowbackThursday).",
		Since: "2026.11.0",
		Run: func(pass *checker.Pass) error {
			hs := tags(pass)
			limit := defaultMaxTags[pass.Post.Platform]
			if n, ok := p.opts.MaxTags[string(pass.Post.Platform)]; ok && n > 0 {
				limit = n
			}
			if limit == 0 {
				limit = 3
			}
			if len(hs) > limit {
				pass.ReportSpan(hs[limit].Span, checker.Finding{Severity: checker.SeverityLow,
					Message:    fmt.Sprintf("%d hashtags; more than %d on %s reads as spam.", len(hs), limit, pass.Post.Platform),
					Suggestion: fmt.Sprintf("Keep the %d that matter most.", limit)})
			}
			twoFaced := map[string]bool{} // tags double_reading rewrites, read once a post
			for _, h := range hs {
				n := len([]rune(h.Text))
				if n > p.opts.MaxLength {
					pass.ReportSpan(h.Span, checker.Finding{Severity: checker.SeverityLow,
						Message:    fmt.Sprintf("#%s is %d characters; tags longer than %d are hard to read.", h.Text, n, p.opts.MaxLength),
						Suggestion: "Use a shorter tag."})
					continue
				}
				if s := p.camelSuggestion(h.Text); s != "" && !p.readsTwoWays(h.Text, pass.Brand(), twoFaced) {
					pass.ReportSpan(h.Span, checker.Finding{Severity: checker.SeverityLow,
						Message:    fmt.Sprintf("#%s is several words in lower case: hard to read, and screen readers misread it.", h.Text),
						Suggestion: "Write it as " + s + "."})
				}
			}
			return nil
		},
	}
}

// readsTwoWays is true when double_reading flags the tag: its fix
// (#Susan_Album_Party) is the one to follow, and CamelCase advice beside it
// would lead to a tag that still reads two ways in lower case. seen keeps
// the answers of the post's tags.
func (p *pack) readsTwoWays(body string, b *checker.Brand, seen map[string]bool) bool {
	r, ok := seen[body]
	if !ok {
		r = p.assess(body) != nil || p.brandMisreading(body, b) != nil
		seen[body] = r
	}
	return r
}

// camelSuggestion returns the CamelCase form of an all-lower-case tag of
// several known words, or "".
func (p *pack) camelSuggestion(body string) string {
	for _, r := range body {
		if unicode.IsUpper(r) || r == '_' {
			return ""
		}
	}
	if _, ok := p.seg.Known(body); ok {
		return "" // one word (#tacofredag, #therapist)
	}
	rs := p.seg.Readings(body, 1)
	if len(rs) == 0 || rs[0].Unknown > 0 || len(rs[0].Words) < 2 {
		return ""
	}
	letters := 0
	for _, w := range rs[0].Words {
		if !isNumber(w) {
			letters++
		}
	}
	if letters < 2 {
		return ""
	}
	return camel(rs[0])
}
