package web

import (
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"mvdan.cc/xurls/v2"

	"github.com/preflight-dev/preflight/checker"
)

// Limits are the platforms' post length limits, in the unit Length counts.
var Limits = map[checker.Platform]int{
	checker.PlatformX: 280, checker.PlatformBluesky: 300, checker.PlatformThreads: 500,
	checker.PlatformMastodon: 500, checker.PlatformInstagram: 2200, checker.PlatformLinkedIn: 3000,
	checker.PlatformFacebook: 63206, checker.PlatformTikTok: 2200,
}

var urlPattern = xurls.Relaxed()

// Length is the service's built-in length counter for the form: X's
// weighted length (twitter-text v3: most scripts' letters count 1, CJK and
// emoji 2, every URL 23), graphemes on Bluesky, code points with URLs as 23
// on Mastodon, code points elsewhere. cmd/preflight may pass the platform
// rules' exact counter instead (Deps.Length).
func Length(text string, p checker.Platform) int {
	switch p {
	case checker.PlatformBluesky:
		return uniseg.GraphemeClusterCount(text)
	case checker.PlatformX, "":
		return xWeighted(text)
	case checker.PlatformMastodon:
		n := utf8.RuneCountInString(text)
		for _, loc := range urlPattern.FindAllStringIndex(text, -1) {
			n += 23 - utf8.RuneCountInString(text[loc[0]:loc[1]])
		}
		return n
	}
	return utf8.RuneCountInString(text)
}

// xWeighted is twitter-text v3's weighted length divided by its scale.
func xWeighted(text string) int {
	weight := 0
	last := 0
	for _, loc := range urlPattern.FindAllStringIndex(text, -1) {
		weight += weightedRunes(text[last:loc[0]]) + 2300
		last = loc[1]
	}
	weight += weightedRunes(text[last:])
	return (weight + 99) / 100
}

func weightedRunes(s string) int {
	w := 0
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		rs := g.Runes()
		if isEmojiSequence(rs) {
			w += 200
			continue
		}
		for _, r := range rs {
			w += runeWeight(r)
		}
	}
	return w
}

func runeWeight(r rune) int {
	switch {
	case r <= 4351, r >= 8192 && r <= 8205, r >= 8208 && r <= 8223, r >= 8242 && r <= 8247:
		return 100
	}
	return 200
}

// isEmojiSequence recognises a multi-code-point emoji (ZWJ family, skin
// tone, flag, keycap, variation selector), which X counts as one emoji.
func isEmojiSequence(rs []rune) bool {
	if len(rs) < 2 {
		return false
	}
	for _, r := range rs[1:] {
		switch {
		case r == 0x200D, r == 0xFE0F, r == 0x20E3, r >= 0x1F3FB && r <= 0x1F3FF, r >= 0x1F1E6 && r <= 0x1F1FF, r >= 0xE0020 && r <= 0xE007F:
			return true
		}
	}
	return false
}
