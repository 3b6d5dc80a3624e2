// Package platform holds Preflight's platform rules: a post must fit the
// length the platform allows, counted the way that platform counts it;
// Instagram refuses more than 30 hashtags; links should show where they
// go; and images need alt text that fits.
//
// Limits and how each platform counts (checked November 2026):
//
//	platform   limit   unit                                           source
//	x          280     weighted characters: twitter-text v3, URLs 23,  developer.x.com counting-characters,
//	                   emoji 2, CJK 2, NFC                             twitter-text config/v3.json
//	bluesky    300     grapheme clusters                               atproto app.bsky.feed.post lexicon (maxGraphemes 300)
//	threads    500     characters                                      Threads help centre
//	mastodon   500     characters; every http(s) link counts 23,       Mastodon docs (instance default), status length validator
//	                   a remote @user@domain counts as @user
//	instagram  2,200   characters; at most 30 hashtags                 Instagram help centre, Graph API docs
//	linkedin   3,000   characters (a post)                             LinkedIn help
//	facebook   63,206  characters                                      Facebook post limit
//	tiktok     2,200   characters (caption)                            TikTok help (newer apps allow more; set limits.tiktok)
//
// "Characters" are Unicode code points. Instances and accounts differ
// (Mastodon servers raise the limit, X Premium allows long posts): set
// platform_rules.limits in preflight.yaml.
package platform

import (
	"embed"
	"fmt"
	"strings"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/strictyaml"
)

//go:embed data/shorteners.yaml
var data embed.FS

// Options configures the platform rules; it is the "platform_rules" section
// of preflight.yaml. The zero value means the documented defaults.
type Options struct {
	// Limits overrides a platform's length limit, by platform name
	// ("mastodon": 5000 for an instance that allows more, "x": 25000 for
	// X Premium).
	Limits map[string]int `yaml:"limits"`
	// MaxHashtags overrides a platform's hashtag limit ("instagram": 30 by
	// default; others have none).
	MaxHashtags map[string]int `yaml:"max_hashtags"`
	// Shorteners adds URL-shortener domains to the built-in list.
	Shorteners []string `yaml:"shorteners"`
	// AllowShorteners lists short domains the team uses on purpose (its
	// own branded short links), which link_hygiene then accepts.
	AllowShorteners []string `yaml:"allow_shorteners"`
	// AltLimits overrides a platform's alt-text limit ("x": 1000 and
	// "mastodon": 1500 by default).
	AltLimits map[string]int `yaml:"alt_limits"`
}

// defaultLimits are the length limits by platform.
var defaultLimits = map[checker.Platform]int{
	checker.PlatformX:         280,
	checker.PlatformBluesky:   300,
	checker.PlatformThreads:   500,
	checker.PlatformMastodon:  500,
	checker.PlatformInstagram: 2200,
	checker.PlatformLinkedIn:  3000,
	checker.PlatformFacebook:  63206,
	checker.PlatformTikTok:    2200,
}

// defaultMaxHashtags are the hard hashtag limits: more and the platform
// refuses the post or drops the caption.
var defaultMaxHashtags = map[checker.Platform]int{checker.PlatformInstagram: 30}

// config is the compiled options the rules share; it is immutable.
type config struct {
	altLimits   map[checker.Platform]int
	limits      map[checker.Platform]int
	maxHashtags map[checker.Platform]int
	shorteners  map[string]bool
}

// Rules builds the platform rules once, at start-up.
func Rules(opts Options) ([]*checker.Rule, error) {
	c, err := compile(opts)
	if err != nil {
		return nil, err
	}
	return []*checker.Rule{c.length(), c.hashtagCount(), c.linkHygiene(), c.altText()}, nil
}

func compile(opts Options) (*config, error) {
	c := &config{limits: map[checker.Platform]int{}, maxHashtags: map[checker.Platform]int{}, shorteners: map[string]bool{},
		altLimits: map[checker.Platform]int{}}
	for p, n := range altLimits {
		c.altLimits[p] = n
	}
	for name, n := range opts.AltLimits {
		p, err := checker.ParsePlatform(name)
		if err != nil {
			return nil, fmt.Errorf("platform_rules.alt_limits: %w", err)
		}
		if n <= 0 {
			return nil, fmt.Errorf("platform_rules.alt_limits.%s: %d is not a positive length", name, n)
		}
		c.altLimits[p] = n
	}
	for p, n := range defaultLimits {
		c.limits[p] = n
	}
	for p, n := range defaultMaxHashtags {
		c.maxHashtags[p] = n
	}
	for name, n := range opts.Limits {
		p, err := checker.ParsePlatform(name)
		if err != nil {
			return nil, fmt.Errorf("platform_rules.limits: %w", err)
		}
		if n <= 0 {
			return nil, fmt.Errorf("platform_rules.limits.%s: %d is not a positive length", name, n)
		}
		c.limits[p] = n
	}
	for name, n := range opts.MaxHashtags {
		p, err := checker.ParsePlatform(name)
		if err != nil {
			return nil, fmt.Errorf("platform_rules.max_hashtags: %w", err)
		}
		if n < 0 {
			return nil, fmt.Errorf("platform_rules.max_hashtags.%s: %d is negative", name, n)
		}
		c.maxHashtags[p] = n
	}
	b, err := data.ReadFile("data/shorteners.yaml")
	if err != nil {
		return nil, err
	}
	var list struct {
		Source  string   `yaml:"source"`
		Licence string   `yaml:"licence"`
		Domains []string `yaml:"domains"`
	}
	if err := strictyaml.Decode(b, &list); err != nil {
		return nil, fmt.Errorf("shorteners.yaml: %w", err)
	}
	for _, d := range append(list.Domains, opts.Shorteners...) {
		c.shorteners[hostKey(d)] = true
	}
	for _, d := range opts.AllowShorteners {
		delete(c.shorteners, hostKey(d))
	}
	return c, nil
}

// hostKey lower-cases a domain and drops "www.".
func hostKey(d string) string {
	return strings.TrimPrefix(strings.ToLower(strings.TrimSpace(d)), "www.")
}

// platformName is how messages name a platform.
var platformName = map[checker.Platform]string{
	checker.PlatformX: "X", checker.PlatformBluesky: "Bluesky", checker.PlatformThreads: "Threads",
	checker.PlatformMastodon: "Mastodon", checker.PlatformInstagram: "Instagram", checker.PlatformLinkedIn: "LinkedIn",
	checker.PlatformFacebook: "Facebook", checker.PlatformTikTok: "TikTok",
}

func nameOf(p checker.Platform) string {
	if n, ok := platformName[p]; ok {
		return n
	}
	return string(p)
}
