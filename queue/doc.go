// Package queue keeps the scheduled posts a team has queued and re-checks
// them when the world changes, so a post written on a quiet day is held
// before it goes out into a crisis.
//
// A post enters the queue (API, hook, CLI import) and is checked at once;
// its status follows the verdict: clear, review, or held. When news is
// ingested or the calendar day turns, Recheck judges every queued post
// scheduled in the window ahead again, as of its own scheduled time, and
// holds each one whose verdict worsened, with the reason and the evidence.
// A hold never lifts by itself: a person releases the post. Every verdict
// is appended to the audit log.
//
// The queue depends only on the checker domain; the store is an interface
// with an embedded SQLite implementation (the default, in the data folder).
package queue
