package news

import (
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// TestLiveEventsFollowGrowth: the live events kept for a shared answer are
// told apart by what changes as an event grows, not by its ID alone, so a
// commit that adds an article is seen.
func TestLiveEventsFollowGrowth(t *testing.T) {
	at := time.Date(2034, 1, 28, 0, 0, 0, 0, time.UTC)
	ev := func(articles int, until time.Time) []checker.Event {
		return []checker.Event{
			{ID: "e1", Articles: articles, Last: at.Add(-time.Hour), Until: until, Headline: "one"},
			{ID: "e2", Articles: 1, Last: at.Add(-48 * time.Hour), Until: at.Add(-time.Hour), Headline: "over"},
		}
	}
	first := liveEvents(ev(1, at.Add(24*time.Hour)), at)
	grown := liveEvents(ev(2, at.Add(48*time.Hour)), at)
	if len(first) != 1 || len(grown) != 1 {
		t.Fatalf("live: %d and %d events, want 1 each", len(first), len(grown))
	}
	if first[0].Articles != 1 || grown[0].Articles != 2 {
		t.Errorf("the grown event was answered from the cache: %d articles", grown[0].Articles)
	}
}
