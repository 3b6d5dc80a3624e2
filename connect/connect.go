package connect

import (
	"github.com/preflight-dev/preflight/connect/buffer"
	"github.com/preflight-dev/preflight/connect/hootsuite"
	"github.com/preflight-dev/preflight/connect/mastodon"
)

// Config is the "connect" section of preflight.yaml: one block per
// scheduler. A secret may be written as ${NAME} to read it from the
// environment instead of the file.
type Config struct {
	Mastodon  mastodon.Config  `yaml:"mastodon"`
	Hootsuite hootsuite.Config `yaml:"hootsuite"`
	Buffer    buffer.Config    `yaml:"buffer"`
}

// Scheduler names one connector and says how to set it up.
type Scheduler struct {
	Name    string
	Summary string
	Setup   string
}

// Schedulers lists the connectors, in the order help shows them.
var Schedulers = []Scheduler{
	{"mastodon", "read scheduled posts; hold by moving them a year ahead, restore on release", mastodon.Setup},
	{"hootsuite", "review posts waiting for approval; reject held ones with the reason", hootsuite.Setup},
	{"buffer", "poll each profile's pending updates; report holds", buffer.Setup},
}
