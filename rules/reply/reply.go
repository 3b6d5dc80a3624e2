// Package reply holds Preflight's reply rules.
package reply

import "github.com/preflight-dev/preflight/checker"

// Options configures the reply rules; it is the "reply" section of preflight.yaml.
type Options struct{}

// Rules builds the reply rules once, at start-up.
func Rules(opts Options) ([]*checker.Rule, error) { return nil, nil }
