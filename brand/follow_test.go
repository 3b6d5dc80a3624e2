package brand

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// feed is a news index that hands over articles as they come in
// (mentionFeed), counting what it hands over; refuse makes it answer
// ErrUnsupported, as for a name too common to follow.
type feed struct {
	generational
	handed int
	pruned uint64 // the cursor a prune happened at
	refuse bool
}

func (f *feed) MentionsSince(_ context.Context, _ []string, since uint64) ([]checker.Article, uint64, bool, error) {
	if f.refuse {
		return nil, 0, false, errors.ErrUnsupported
	}
	reset := since > 0 && since <= f.pruned
	if reset {
		since = 0
	}
	var out []checker.Article
	for i, a := range f.arts {
		if uint64(i) >= since {
			out = append(out, a)
		}
	}
	f.handed += len(out)
	return out, uint64(len(f.arts)), reset, nil
}

// TestStandingFollowsTheBrand: through a mentionFeed each article is read
// once however many posts and days ask; an article that comes in later is
// added; each post counts only the stories published in its year, never
// later; a prune starts over; a refused feed falls back to Search.
func TestStandingFollowsTheBrand(t *testing.T) {
	r := reader(t)
	bk, _ := New(Config{}, checker.Profile{})
	day := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	f := &feed{generational: generational{arts: []checker.Article{
		{ID: "a", Title: "Glimmerware recalls kettles after burns", Published: day.Add(9 * time.Hour), Entities: []string{"Glimmerware"}},
		{ID: "b", Title: "Glimmerware fined over kettle recall", Published: day.Add(15 * time.Hour), Entities: []string{"Glimmerware"}},
		{ID: "old", Title: "Glimmerware hit by strike", Published: day.Add(-400 * 24 * time.Hour), Entities: []string{"Glimmerware"}},
	}}}
	var got []int
	rule := &checker.Rule{ID: "news.a", Category: checker.CategoryNews, Title: "t", Doc: "t", Run: func(p *checker.Pass) error {
		s, err := r.Standing(p, 30*24*time.Hour)
		n := 0
		if s != nil {
			n = s.YearCount()
		}
		got = append(got, n)
		return err
	}}
	e, _ := checker.New(checker.Config{Rules: []*checker.Rule{rule}, News: f, Profile: checker.Profile{Book: bk}})
	check := func(at time.Time) {
		if _, err := e.Check(context.Background(), checker.Post{Text: "hi", Brand: "Glimmerware", ScheduledAt: at}); err != nil {
			t.Fatal(err)
		}
	}
	check(day.Add(12 * time.Hour))
	check(day.Add(18 * time.Hour))
	check(day.Add(40 * 24 * time.Hour))
	if f.handed != 3 || f.asked != 0 || !slices.Equal(got, []int{1, 2, 2}) {
		t.Fatalf("handed %d, searched %d, stories %v: want 3 handed once, no search, 1 at noon, 2 in the evening and later", f.handed, f.asked, got)
	}
	f.arts = append(f.arts, checker.Article{ID: "c", Title: "Glimmerware outage leaves users offline", Published: day.Add(16 * time.Hour), Entities: []string{"Glimmerware"}})
	check(day.Add(18 * time.Hour))
	if f.handed != 4 || got[3] != 3 {
		t.Errorf("after a commit: handed %d, stories %v: want the new one read and counted", f.handed, got)
	}
	f.arts, f.pruned = f.arts[1:], 4 // "a" pruned
	check(day.Add(18 * time.Hour))
	if got[4] != 2 {
		t.Errorf("after a prune: stories %v, want 2", got)
	}
	f.refuse = true
	check(day.Add(18 * time.Hour))
	if f.asked == 0 || got[5] != 2 {
		t.Errorf("refused: searched %d, stories %v, want Search to answer 2", f.asked, got)
	}
}
