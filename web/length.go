package web

import (
	"unicode/utf8"

	"mvdan.cc/xurls/v2"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// Limits are the platforms' post length limits, in the unit Length counts.
var Limits = map[checker.Platform]int{
	checker.PlatformX: text.XMaxWeightedLength, checker.PlatformBluesky: 300, checker.PlatformThreads: 500,
	checker.PlatformMastodon: 500, checker.PlatformInstagram: 2200, checker.PlatformLinkedIn: 3000,
	checker.PlatformFacebook: 63206, checker.PlatformTikTok: 2200,
}

var urlPattern = xurls.Relaxed()

// Length is the form's length counter: X's weighted length (twitter-text
// v3, as the platform rules count it), graphemes on Bluesky, code points
// with every URL as 23 on Mastodon, code points elsewhere.
func Length(s string, p checker.Platform) int {
	switch p {
	case checker.PlatformX, "":
		return text.WeightedLength(s)
	case checker.PlatformBluesky:
		return text.Graphemes(s)
	case checker.PlatformMastodon:
		n := utf8.RuneCountInString(s)
		for _, loc := range urlPattern.FindAllStringIndex(s, -1) {
			n += 23 - utf8.RuneCountInString(s[loc[0]:loc[1]])
		}
		return n
	}
	return utf8.RuneCountInString(s)
}
