package config

// Sections are the parts of preflight.yaml that configure adapters rather
// than rules; filled in as the adapters land.
type Sections struct{}
