// Package hashtag holds Preflight's hashtag rules.
package hashtag

import "github.com/preflight-dev/preflight/checker"

// Options configures the hashtag rules; it is the "hashtag" section of preflight.yaml.
type Options struct{}

// Rules builds the hashtag rules once, at start-up.
func Rules(opts Options) ([]*checker.Rule, error) { return nil, nil }
