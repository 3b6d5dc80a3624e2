// Package platform holds Preflight's platform rules.
package platform

import "github.com/preflight-dev/preflight/checker"

// Options configures the platform rules; it is the "platform" section of preflight.yaml.
type Options struct{}

// Rules builds the platform rules once, at start-up.
func Rules(opts Options) ([]*checker.Rule, error) { return nil, nil }
