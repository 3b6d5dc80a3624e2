package config

import (
	"github.com/preflight-dev/preflight/brand"
	"github.com/preflight-dev/preflight/calendars"
	"github.com/preflight-dev/preflight/connect"
	"github.com/preflight-dev/preflight/news"
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
	// Store is where the queue, holds and audit log live: empty or
	// "sqlite" for the file in the data folder, a postgres:// URL (or
	// ${ENV_NAME} holding one) when several replicas share them.
	Store string `yaml:"store"`
	// Connect configures the connectors to schedulers (preflight connect).
	Connect connect.Config `yaml:"connect"`
}
