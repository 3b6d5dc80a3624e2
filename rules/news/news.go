// Package news holds Preflight's news rules.
package news

import "github.com/preflight-dev/preflight/checker"

// Options configures the news rules; it is the "news" section of preflight.yaml.
type Options struct{}

// Rules builds the news rules once, at start-up.
func Rules(opts Options) ([]*checker.Rule, error) { return nil, nil }
