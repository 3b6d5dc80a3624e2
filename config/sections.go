package config

import (
	"github.com/preflight-dev/preflight/alert"
	"github.com/preflight-dev/preflight/brand"
	"github.com/preflight-dev/preflight/calendars"
	"github.com/preflight-dev/preflight/news"
	"github.com/preflight-dev/preflight/queue"
	"github.com/preflight-dev/preflight/web"
)

// Sections are the parts of preflight.yaml that configure adapters rather
// than rules.
type Sections struct {
	// Calendar adds the company's own days (blackouts, anniversaries).
	CompanyDays calendars.Options `yaml:"calendar"`
	// NewsIndex tunes the news index (retention, batch size).
	NewsIndex news.Options `yaml:"news_index"`
	// Service configures preflight serve: API keys, hook secrets, limits.
	Service web.Options `yaml:"service"`
	// Brands are the profiles of the brands the team publishes for, keyed
	// by name; a post's brand field selects one.
	Brands brand.Config `yaml:"brands"`
	// Queue tunes the queue of scheduled posts: the re-check window, the
	// audit log's privacy, and where alerts go.
	Queue QueueSection `yaml:"queue"`
}

// QueueSection is the queue section of preflight.yaml.
type QueueSection struct {
	queue.Options `yaml:",inline"`
	Alerts        alert.Config `yaml:"alerts"`
}
