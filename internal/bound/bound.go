// Package bound checks in tests that work on hostile input stays
// proportional to its size. Time is judged against a paired reference, an
// ordinary input of the same size run alternately in the same process, so
// a loaded machine (CI beside other jobs, the race detector) slows both
// alike and the check does not flake, while quadratic work, which is
// hundreds of times slower than the reference at a few kilobytes, fails.
package bound

import (
	"testing"
	"time"
)

// Paired runs ref and work alternately, rounds times each, and returns the
// fastest run of each.
func Paired(rounds int, ref, work func()) (refTook, workTook time.Duration) {
	refTook, workTook = time.Duration(1<<63-1), time.Duration(1<<63-1)
	for range max(rounds, 1) {
		start := time.Now()
		ref()
		refTook = min(refTook, time.Since(start))
		start = time.Now()
		work()
		workTook = min(workTook, time.Since(start))
	}
	return refTook, workTook
}

// Factor is how many times slower than its same-sized reference hostile
// input may be; Slack is added so that references of a few microseconds do
// not make the bound meaningless.
const (
	Factor = 100
	Slack  = 250 * time.Millisecond
)

// Time fails t when work takes more than Factor times ref plus Slack.
func Time(t testing.TB, what string, ref, work func()) {
	t.Helper()
	r, w := Paired(2, ref, work)
	if limit := Factor*r + Slack; w > limit {
		t.Errorf("%s took %v, more than %d× an ordinary input of the same size (%v) plus %v", what, w, Factor, r, Slack)
	}
}
