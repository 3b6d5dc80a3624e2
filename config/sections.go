package config

import (
	"github.com/preflight-dev/preflight/brand"
)

// Sections are the parts of preflight.yaml that describe the team's brands
// and its own rule packs. The adapters' sections (calendar, news_index,
// service) are read through LoadWith with the adapters' own types.
type Sections struct {
	// Brands are the profiles of the brands the team publishes for, keyed
	// by name; a post's brand field selects one.
	Brands brand.Config `yaml:"brands"`
	// Store is where the queue, holds and audit log live: empty or
	// "sqlite" for the file in the data folder, a postgres:// URL (or
	// ${ENV_NAME} holding one) when several replicas share them.
	Store string `yaml:"store"`
	// Packs are the team's own rule packs: files in the data folder or
	// packs written in place (see PackSource and rules/pack).
	Packs []PackSource `yaml:"packs"`
}
