package main

import (
	"context"
	"time"
)

// clockKey carries the command's clock in its context.
type clockKey struct{}

// withClock returns a context whose commands read "now" from now: tests pin
// the clock this way, so no command's output depends on the day it runs.
func withClock(ctx context.Context, now func() time.Time) context.Context {
	return context.WithValue(ctx, clockKey{}, now)
}

// clockFrom is the command's clock: the one withClock set, else the wall
// clock. Every default that means "today" or "now" goes through it.
func clockFrom(ctx context.Context) func() time.Time {
	if now, ok := ctx.Value(clockKey{}).(func() time.Time); ok && now != nil {
		return now
	}
	return time.Now
}
