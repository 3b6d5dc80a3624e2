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

func TestBrandInTrouble(t *testing.T) {
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
	for _, c := range []struct {
		name, brand, text string
		want              string // "severity match", "" for no finding
		message           string
	}{
		{"invitation during trouble found through a product", "Harbor Telecom", "Got questions for our engineers? Ask us anything today!",
			"critical", "outage"},
		{"touches the product in trouble", "Harbor Telecom", "Stream the final tonight on SkyLink, no buffering!", "critical SkyLink", ""},
		{"touches the story's own words", "Harbor Telecom", "Never be offline again with our new phones.", "critical offline", ""},
		{"promotion during trouble", "Harbor Telecom", "Our autumn sale: 20% off all phones!", "high", ""},
		{"playful question during trouble", "Harbor Telecom", "Which emoji sums up your Monday?", "high", ""},
		{"plain post during trouble", "Harbor Telecom", "Our team will be at the Leeds trade fair on Friday.", "low", ""},
		{"chronic brand, open Q&A in a quiet week", "Brindle Air", "Ask us anything about our new routes, live at noon!", "high",
			"6 negative stories in the past year, the latest on 17 July 2026"},
		{"chronic brand, no invitation", "Brindle Air", "New routes to Lisbon this spring.", "", ""},
		{"quiet brand, same invitation", "Willowmere", "Ask us anything about our new routes, live at noon!", "", ""},
		{"chronic brand, Q&A read from the tag alone", "Brindle Air", "Our CEO answers at noon. #BrindleAirQandA", "high #BrindleAirQandA", ""},
		{"unknown small brand", "Little Kiln Bistro", "Ask us anything! #AskTheChef", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep, err := e.Check(context.Background(), checker.Post{Text: c.text, Brand: c.brand, ScheduledAt: at})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			var msg string
			for _, f := range rep.Findings {
				if f.Rule == "news.brand_in_trouble" {
					got = append(got, strings.TrimSpace(f.Severity.String()+" "+f.Match))
					msg = f.Message
					if len(f.Evidence) == 0 {
						t.Errorf("no headline as evidence: %+v", f)
					}
				}
			}
			want := []string{}
			if c.want != "" {
				want = []string{c.want}
			}
			if fmt.Sprint(got) != fmt.Sprint(want) && !(len(got) == 1 && len(want) == 1 && strings.HasPrefix(got[0], want[0])) {
				t.Errorf("%q: got %q, want %q%s", c.text, got, want, dump(rep.Findings))
			}
			if c.message != "" && !strings.Contains(msg, c.message) {
				t.Errorf("message %q lacks %q", msg, c.message)
			}
		})
	}
}
