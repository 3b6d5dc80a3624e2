package news_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/brand"
	"github.com/preflight-dev/preflight/checker"
	newsindex "github.com/preflight-dev/preflight/news"
	"github.com/preflight-dev/preflight/rules/news"
)

// brandWorld is invented news about invented brands: Harbor Telecom's
// SkyLink product is in an outage three days before the posts (the story
// does not name the company); Brindle Air had six negative stories over
// the past year but none in the last month; Willowmere only good news.
func brandWorld(at time.Time) []checker.Article {
	arts := []checker.Article{
		{ID: "skylink", Title: "SkyLink broadband outage leaves thousands offline for a second day",
			Summary: "Engineers worked overnight as the SkyLink network stayed down.", URL: "https://example.test/skylink",
			Published: at.Add(-3 * 24 * time.Hour)},
		{ID: "willowmere", Title: "Willowmere opens its largest store in Leeds", URL: "https://example.test/willowmere",
			Published: at.Add(-5 * 24 * time.Hour)},
	}
	for i, title := range []string{"Brindle Air flight cancellations leave thousands stranded",
		"Brindle Air fined over refund delays", "Brindle Air cabin crew vote to strike",
		"Passenger dragged off Brindle Air flight in viral video", "Brindle Air sued by passengers over lost bags",
		"Brindle Air raises prices on checked bags", "Brindle Air hit by strike, years ago"} {
		days := 60 + 45*i
		if i == 6 {
			days = 500 // older than a year: not in the memory
		}
		arts = append(arts, checker.Article{ID: fmt.Sprint("brindle-", i), Title: title, URL: fmt.Sprint("https://example.test/brindle-", i),
			Published: at.Add(-time.Duration(days) * 24 * time.Hour)})
	}
	return arts
}

// TestBrandInTroubleMessages: the message names the trouble (the story,
// or the count and date of a chronic brand's stories).
func TestBrandInTroubleMessages(t *testing.T) {
	at := mustTime("2026-09-15T12:00:00Z")
	idx, err := newsindex.OpenMem(newsindex.Options{Now: testIngestClock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	if _, err := idx.Add(context.Background(), brandWorld(at)); err != nil {
		t.Fatal(err)
	}
	bk, err := brand.New(brand.Config{"Harbor Telecom": {Products: []string{"SkyLink"}, People: []string{"Dana Okafor"}}},
		checker.Profile{})
	if err != nil {
		t.Fatal(err)
	}
	rules, err := news.Rules(news.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e, err := checker.New(checker.Config{Rules: rules, News: idx, Profile: checker.Profile{Book: bk}})
	if err != nil {
		t.Fatal(err)
	}
	// The findings are testdata/brand_in_trouble.txtar's; here, that the
	// message says what the trouble is.
	for _, c := range []struct{ brand, text, message string }{
		{"Harbor Telecom", "Got questions for our engineers? Ask us anything today!", "outage"},
		{"Brindle Air", "Ask us anything about our new routes, live at noon!", "6 negative stories in the past year, the latest on 17 July 2026"},
	} {
		rep, err := e.Check(context.Background(), checker.Post{Text: c.text, Brand: c.brand, ScheduledAt: at})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range rep.Findings {
			found = found || f.Rule == "news.brand_in_trouble" && strings.Contains(f.Message, c.message)
		}
		if !found {
			t.Errorf("%q: no news.brand_in_trouble message with %q%s", c.text, c.message, dump(rep.Findings))
		}
	}
}
