// Package queue keeps the scheduled posts a team has queued and re-checks
// them when the world changes, so a post written on a quiet day is held
// before it goes out into a crisis.
//
// A post enters the queue (API, hook, CLI import) and is checked at once;
// its status follows the verdict: clear, review, or held. When news is
// ingested or the calendar day turns, Recheck judges every queued post
// scheduled in the window ahead again, as of its own scheduled time, and
// holds each one whose verdict worsened, with the reason and the evidence.
// A Watcher runs those re-checks in a service (after each committed batch
// of news, only for the posts the articles can reach; at each midnight in
// an audience region's zone; on demand), and only while its Leader says
// this process leads. A hold never lifts by itself: a person releases the
// post. Every verdict is appended to the audit log with the news state it
// saw, so Replay can judge it again with the news known then.
//
// In a crisis (declared by an operator, or proposed by Preflight when a
// major event reaches an audience region and confirmed by a person) every
// promotional or light-hearted post in scope is held until the crisis
// ends; sober service posts are not. A Suppression lets one finding on one
// post go ("reviewed, publish anyway") until it expires. Holds, releases
// and crises are told to a Notifier (the alert package) after they are
// stored.
//
// The queue depends only on the checker domain and the text analysis; the
// store is an interface with an embedded SQLite implementation (the
// default, in the data folder). Crises and suppressions live in the store
// too, when it implements CrisisStore and SuppressionStore, and so do the
// idempotency keys of requests that queue posts (IdempotencyStore), so a
// retry gets the first answer on any replica and after a restart. The
// verdicts of checks made outside the queue (RecordCheck) are written to
// the audit log behind the request by a bounded buffer that Close drains.
package queue
