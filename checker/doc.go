// Package checker is Preflight's domain: the draft Post, the Finding a rule
// reports, the Report with its Verdict and score, the Rule and the Pass a rule
// sees, the Engine that runs every rule over a post, and the interfaces the
// engine needs from the world (a Calendar, a News index, a clock).
//
// It imports nothing else from this module except the text-analysis leaf
// package, so rules (rules/...), adapters (calendars, news) and drivers
// (cmd/preflight, web) all depend on it and never on each other.
package checker
