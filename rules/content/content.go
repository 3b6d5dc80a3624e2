// Package content holds Preflight's content rules.
package content

import "github.com/preflight-dev/preflight/checker"

// Options configures the content rules; it is the "content" section of preflight.yaml.
type Options struct{}

// Rules builds the content rules once, at start-up.
func Rules(opts Options) ([]*checker.Rule, error) { return nil, nil }
