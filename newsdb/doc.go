// Package newsdb keeps the news in PostgreSQL when several replicas share
// one database, so that every replica judges with the same news.
//
// A replica that ingests an article (poll, import, API) records it in the
// articles table (Archive.Record); every replica's Bleve index follows that
// table (Follower.Sync adds what it has not seen through the news package).
// The one replica that leads (an advisory lock, queue.PostgresLeader) turns
// each run of new articles into a re-check job (Rechecker.Round): the job is
// recorded before it starts and marked done when it ends, and a replica that
// takes over an unfinished job skips the posts the audit log shows it already
// re-checked, so no post is re-checked twice or skipped.
//
// Only cmd/preflight wires it; with the default SQLite store there is one
// process and none of this is needed.
package newsdb
