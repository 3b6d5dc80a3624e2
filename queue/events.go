package queue

import (
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// EventKind names what an alert is about.
type EventKind string

// The events the queue tells the team about.
const (
	EventHold           EventKind = "hold"            // a post was held (by a re-check, a crisis or a person)
	EventRelease        EventKind = "release"         // a person released a held post
	EventCrisisProposed EventKind = "crisis.proposed" // Preflight proposes a crisis; a person must confirm it
	EventCrisisStarted  EventKind = "crisis.started"  // a crisis is in force
	EventCrisisEnded    EventKind = "crisis.ended"    // a crisis ended; its holds were lifted
)

// Event is one thing the team should hear about. Events are sent after
// the change they report is stored, so an alert that fails never loses
// the change.
type Event struct {
	Kind      EventKind          `json:"kind"`
	At        time.Time          `json:"at"`
	PostID    string             `json:"post_id,omitempty"`
	Brand     string             `json:"brand,omitempty"`
	Regions   []string           `json:"regions,omitempty"`
	Scheduled time.Time          `json:"scheduled_at,omitzero"`
	By        string             `json:"by,omitempty"`
	Reason    string             `json:"reason,omitempty"`
	Evidence  []checker.Evidence `json:"evidence,omitempty"`
	CrisisID  string             `json:"crisis_id,omitempty"`
}

// Key identifies the event for deduplication: the same kind about the
// same post (or crisis) with the same reason is one alert.
func (e Event) Key() string {
	return string(e.Kind) + "|" + e.PostID + "|" + e.CrisisID + "|" + e.Reason
}

// Notifier hears about holds, releases and crises. Notify must not block
// for long (the alert package queues and sends in the background).
type Notifier interface {
	Notify(Event)
}

// holdEvent is the event for an entry that was just held.
func holdEvent(e Entry) Event {
	ev := Event{Kind: EventHold, At: e.UpdatedAt, PostID: e.ID, Brand: e.Post.Brand, Regions: e.Post.Regions, Scheduled: e.Post.ScheduledAt}
	if e.Hold != nil {
		ev.By, ev.Reason, ev.Evidence, ev.CrisisID = e.Hold.By, e.Hold.Reason, e.Hold.Evidence, e.Hold.Crisis
	}
	return ev
}

// notify sends events when the queue has a notifier.
func (q *Queue) notify(evs ...Event) {
	if q.Notify == nil {
		return
	}
	for _, ev := range evs {
		q.Notify.Notify(ev)
	}
}
