// Package calendar holds Preflight's calendar rules.
package calendar

import "github.com/preflight-dev/preflight/checker"

// Options configures the calendar rules; it is the "calendar" section of preflight.yaml.
type Options struct{}

// Rules builds the calendar rules once, at start-up.
func Rules(opts Options) ([]*checker.Rule, error) { return nil, nil }
