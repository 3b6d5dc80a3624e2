package main

import (
	"github.com/preflight-dev/preflight/alert"
	"github.com/preflight-dev/preflight/calendars"
	"github.com/preflight-dev/preflight/config"
	"github.com/preflight-dev/preflight/connect"
	"github.com/preflight-dev/preflight/news"
	"github.com/preflight-dev/preflight/queue"
	"github.com/preflight-dev/preflight/web"
)

// adapterSettings are the sections of preflight.yaml that configure the
// adapters, in the adapters' own types: config reads them with the rest of
// the file (strictly, errors on their lines) without importing them.
type adapterSettings struct {
	// CompanyDays adds the company's own days (blackouts, anniversaries).
	CompanyDays calendars.Options `yaml:"calendar"`
	// NewsIndex tunes the news index (retention, batch size).
	NewsIndex news.Options `yaml:"news_index"`
	// Service configures preflight serve: API keys, hook secrets, limits.
	Service web.Options `yaml:"service"`
	// Connect configures the connectors to schedulers (preflight connect).
	Connect connect.Config `yaml:"connect"`
	// Queue tunes the queue of scheduled posts: the re-check window, the
	// audit log's privacy, and where alerts go.
	Queue queueSettings `yaml:"queue"`
}

// queueSettings is the queue section of preflight.yaml.
type queueSettings struct {
	queue.Options `yaml:",inline"`
	Alerts        alert.Config `yaml:"alerts"`
}

// settings is the whole of preflight.yaml as the commands use it.
type settings struct {
	*config.File
	adapterSettings
}

// loadSettings reads the data folder's preflight.yaml with every section.
func loadSettings(dir string) (*settings, error) {
	s := &settings{}
	f, err := config.LoadWith(dir, &s.adapterSettings)
	if err != nil {
		return nil, err
	}
	s.File = f
	return s, nil
}
