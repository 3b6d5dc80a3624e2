package news_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/news"
)

// sharedEvents answers every Events query with the same slice, as the news
// index hands out the answers it remembers.
type sharedEvents struct{ evs []checker.Event }

func (s *sharedEvents) Search(context.Context, checker.NewsQuery) ([]checker.Article, error) {
	return nil, nil
}

func (s *sharedEvents) Events(context.Context, checker.EventQuery) ([]checker.Event, error) {
	return s.evs, nil
}

// The news rules read Events' answer without changing it: an event that
// is over is left out of their copy, not of the shared slice.
func TestEventsAnswerUnchanged(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	mk := func(id string, until time.Time) checker.Event {
		return checker.Event{ID: id, Headline: "Flooding swamps Houston; thousands evacuated", Class: checker.CrisisDisaster,
			First: at.Add(-48 * time.Hour), Last: at.Add(-24 * time.Hour), Until: until, Severity: 0.8, Salience: 0.5,
			Articles: 3, Sources: 2, Countries: []string{"US"}, Places: []string{"Houston"}, Kinds: []string{"flood"}}
	}
	src := &sharedEvents{evs: []checker.Event{mk("over", at.Add(-time.Hour)), mk("live", at.Add(72*time.Hour)), mk("over2", at.Add(-2*time.Hour))}}
	want := make([]checker.Event, len(src.evs))
	copy(want, src.evs)
	rs, err := news.Rules(news.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e, err := checker.New(checker.Config{Rules: rs, News: src})
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"Houston, flash sale: a flood of savings, 40% off today!", "Thinking of everyone in Houston today."} {
		if _, err := e.Check(context.Background(), checker.Post{Text: text, ScheduledAt: at, Regions: []string{"US"}}); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(src.evs, want) {
			t.Fatalf("after checking %q the shared answer changed: %+v", text, src.evs)
		}
	}
}
