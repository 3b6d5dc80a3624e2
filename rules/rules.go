// Package rules assembles Preflight's built-in rule set from the category
// packages below it. The list is explicit (no init-time registries) and is
// validated by checker.New at start-up.
package rules

import (
	"fmt"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/calendar"
	"github.com/preflight-dev/preflight/rules/content"
	"github.com/preflight-dev/preflight/rules/hashtag"
	"github.com/preflight-dev/preflight/rules/news"
	"github.com/preflight-dev/preflight/rules/platform"
	"github.com/preflight-dev/preflight/rules/reply"
)

// Options configures every category; each field is a section of
// preflight.yaml.
type Options struct {
	Content  content.Options  `yaml:"content"`
	Reply    reply.Options    `yaml:"reply"`
	Limits   platform.Options `yaml:"platform_rules"`
	News     news.Options     `yaml:"news"`
	Calendar calendar.Options `yaml:"calendar_rules"`
	Hashtag  hashtag.Options  `yaml:"hashtags"`
}

// All builds every built-in rule, in report order of category.
func All(opts Options) ([]*checker.Rule, error) {
	var all []*checker.Rule
	for _, b := range []struct {
		name  string
		build func() ([]*checker.Rule, error)
	}{
		{"content", func() ([]*checker.Rule, error) { return content.Rules(opts.Content) }},
		{"reply", func() ([]*checker.Rule, error) { return reply.Rules(opts.Reply) }},
		{"platform", func() ([]*checker.Rule, error) { return platform.Rules(opts.Limits) }},
		{"news", func() ([]*checker.Rule, error) { return news.Rules(opts.News) }},
		{"calendar", func() ([]*checker.Rule, error) { return calendar.Rules(opts.Calendar) }},
		{"hashtag", func() ([]*checker.Rule, error) { return hashtag.Rules(opts.Hashtag) }},
	} {
		rs, err := b.build()
		if err != nil {
			return nil, fmt.Errorf("%s rules: %w", b.name, err)
		}
		all = append(all, rs...)
	}
	return all, nil
}
