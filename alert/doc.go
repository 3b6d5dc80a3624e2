// Package alert tells a team what the queue did: a post held, a crisis
// proposed, a post released. It sends queue.Events to a Slack-compatible
// incoming webhook and to a generic outgoing webhook signed as Standard
// Webhooks, in the background: deduplicated, rate-limited, and retried
// with bounded backoff. The queue stores every change before it raises the
// event, so an alert that cannot be delivered never loses a hold; it is
// counted and logged.
package alert
