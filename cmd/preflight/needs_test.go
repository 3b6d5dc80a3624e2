package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// needsPosts are posts of every shape: with and without hashtags, media,
// links and a brand, promotional, light-hearted, replies.
var needsPosts = []checker.Post{
	{Text: "Our winter sale starts today: 30% off coats. Tag a friend who needs one! Ask us anything."},
	{Text: "Ask us anything about our new range, tell us your stories and share your favourite look!", Brand: "Northway"},
	{Text: "So sorry to hear that. DM us your order number and we'll sort it.", Kind: checker.KindReply, Brand: "Northway"},
	{Text: "Happy holidays from all of us, enjoy the break 🎉 lol", Brand: "British Gas"},
	{Text: "New photos from the launch https://example.com/launch", Brand: "Northway"},
	{Text: "Thinking of everyone affected by the storm tonight."},
	{Text: "#AskNorthway #BlackLivesMatter #metoo #susanalbumparty #WinterSale", Brand: "Northway", Media: []checker.Media{{Alt: "coats"}}},
	{Text: "Flash sale! #MondayMotivation #StopAsianHate", Media: []checker.Media{{}}},
}

// Every built-in rule that declares Needs finds nothing on a post that
// lacks what it needs, when it is made to run anyway: the engine skips
// only rules that could not have fired. The 2,222 brand replies of
// ../shared/data are added when present.
func TestRuleNeedsAreHonest(t *testing.T) {
	a, err := openApp(context.Background(), appOptions{dataDir: t.TempDir(), noNews: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	var all []*checker.Rule
	needs, anyOf := map[string]checker.Needs{}, map[string]checker.Needs{}
	for _, r := range a.engine.Rules() {
		c := *r
		if c.Needs != 0 {
			needs[c.ID] = c.Needs
			c.Needs = 0
		}
		if c.NeedsAnyOf != 0 {
			anyOf[c.ID] = c.NeedsAnyOf
			c.NeedsAnyOf = 0
		}
		all = append(all, &c)
	}
	if len(needs) == 0 || len(anyOf) == 0 {
		t.Fatal("no built-in rule declares Needs or NeedsAnyOf")
	}
	e, err := checker.New(checker.Config{Rules: all, Profile: a.engine.Profile(), Calendar: a.calendar,
		Now: func() time.Time { return time.Date(2026, 6, 20, 12, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	posts := append([]checker.Post(nil), needsPosts...)
	if f, err := os.Open("../../../shared/data/brand-replies/twcs_brand_replies.jsonl"); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var p struct {
				Text  string   `json:"text"`
				Brand string   `json:"brand"`
				Regs  []string `json:"regions"`
			}
			if json.Unmarshal(sc.Bytes(), &p) == nil {
				posts = append(posts, checker.Post{Text: p.Text, Brand: p.Brand, Regions: p.Regs, Kind: checker.KindReply})
			}
		}
	} else {
		t.Log("../shared/data/brand-replies absent: checking the built-in posts only")
	}
	checked := 0
	for _, p := range posts {
		rep, err := e.Check(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		d := text.Analyse(p.Text, "")
		var holds checker.Needs
		if len(d.Hashtags) > 0 {
			holds |= checker.NeedsHashtags
		}
		if len(p.Media) > 0 {
			holds |= checker.NeedsMedia
		}
		if p.Brand != "" {
			holds |= checker.NeedsBrand
		}
		if len(d.URLs) > 0 {
			holds |= checker.NeedsLinks
		}
		for _, f := range rep.Findings {
			if n, ok := needs[f.Rule]; ok && n&^holds != 0 {
				t.Errorf("%s declares needs %b but found %q in a post without them: %q", f.Rule, n, f.Message, p.Text)
			}
			if n, ok := anyOf[f.Rule]; ok && n&holds == 0 {
				t.Errorf("%s needs one of %b but found %q in a post with none: %q", f.Rule, n, f.Message, p.Text)
			}
		}
		checked++
	}
	t.Logf("%d posts, %d rules with needs", checked, len(needs))
}

// BenchmarkWorkOnlyWhatApplies checks a reply without hashtags, media or
// links with the built-in rules as declared ("skip") and with every
// rule's Needs cleared ("run-all"): the difference is the work the engine
// saves by not running rules the post cannot trigger.
func BenchmarkWorkOnlyWhatApplies(b *testing.B) {
	a, err := openApp(context.Background(), appOptions{dataDir: b.TempDir(), noNews: true})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	var cleared []*checker.Rule
	for _, r := range a.engine.Rules() {
		c := *r
		c.Needs, c.NeedsAnyOf = 0, 0
		cleared = append(cleared, &c)
	}
	all, err := checker.New(checker.Config{Rules: cleared, Profile: a.engine.Profile(), Calendar: a.calendar})
	if err != nil {
		b.Fatal(err)
	}
	p := checker.Post{Text: "@115712 I understand. I would like to assist you. We would need to get you into a private secured link to further assist.",
		Kind: checker.KindReply, Brand: "sprintcare", Regions: []string{"US"}, ScheduledAt: time.Date(2017, 10, 31, 22, 10, 47, 0, time.UTC)}
	for _, c := range []struct {
		name string
		e    *checker.Engine
	}{{"skip", a.engine}, {"run-all", all}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.e.Check(context.Background(), p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
