// Package connect holds the connectors to real schedulers (connect/mastodon,
// connect/hootsuite, connect/buffer) and their section of preflight.yaml.
// Each connector reads the scheduler's queued posts through its documented
// API, maps them to checker.Post and feeds queue.Queue.Add; what it can do
// about a hold depends on the scheduler: Mastodon's posts are moved far
// ahead and moved back on release, Hootsuite's are rejected with the reason
// shown to the author, Buffer's are reported.
package connect
