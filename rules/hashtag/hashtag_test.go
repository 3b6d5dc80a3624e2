package hashtag

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// fakeNews is an in-memory news index: an article matches when it was
// published in the window, has a wanted crisis class, and mentions a term.
type fakeNews []checker.Article

func (n fakeNews) Search(_ context.Context, q checker.NewsQuery) ([]checker.Article, error) {
	var out []checker.Article
	for _, a := range n {
		if a.Published.After(q.At) || !a.Published.After(q.At.Add(-q.Window)) {
			continue
		}
		if len(q.Classes) > 0 && !slices.Contains(q.Classes, a.Crisis) || len(q.Classes) == 0 && a.Crisis == "" && !q.AnyClass {
			continue
		}
		txt := strings.ToLower(a.Title + " " + a.Summary)
		hit := len(q.Terms) == 0
		for _, t := range q.Terms {
			if strings.Contains(txt, strings.ToLower(t)) {
				hit = true
			}
		}
		if hit {
			out = append(out, a)
		}
	}
	return out, nil
}

var day = time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC)

var testNews = fakeNews{
	{ID: "thatcher", Title: "Margaret Thatcher, Britain's first female prime minister, dies aged 87",
		Published: day.Add(-2 * time.Hour), Crisis: checker.CrisisDeath},
	{ID: "stayed", Title: "#WhyIStayed: survivors of domestic abuse share their stories", Hashtags: []string{"WhyIStayed"},
		Published: day.Add(-5 * time.Hour), Crisis: checker.CrisisTrending},
	{ID: "aurora", Title: "Gunman kills 12 at cinema in Aurora, Colorado", Published: day.Add(-20 * time.Hour), Crisis: checker.CrisisShooting},
	{ID: "acme", Title: "Acme Bank fined $900m over trading losses", Published: day.Add(-20 * 24 * time.Hour), Crisis: checker.CrisisScandal},
	{ID: "monday", Title: "Storm hits the coast on Monday, killing four", Published: day.Add(-3 * time.Hour), Crisis: checker.CrisisDisaster},
	{ID: "old", Title: "Floods in Cairo", Published: day.Add(-10 * 24 * time.Hour), Crisis: checker.CrisisDisaster},
	{ID: "cairo", Title: "Clashes in Cairo leave dozens dead", Summary: "Protesters and police fought as women and children fled.",
		Published: day.Add(-30 * time.Hour), Crisis: checker.CrisisUnrest},
	{ID: "future", Title: "Riots in Sandy", Published: day.Add(2 * time.Hour), Crisis: checker.CrisisUnrest},
}

func engine(t testing.TB, opts Options, news checker.News, profile checker.Profile) *checker.Engine {
	t.Helper()
	rs, err := Rules(opts)
	if err != nil {
		t.Fatal(err)
	}
	cfg := checker.Config{Rules: rs, Profile: profile, Now: func() time.Time { return day }}
	if news != nil {
		cfg.News = news
	}
	e, err := checker.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

type ruleCase struct {
	name  string
	text  string
	brand string
	plat  checker.Platform
	want  []string // "rule severity match", for every finding of the rules checked
}

func run(t *testing.T, rule string, cases []ruleCase, news checker.News) {
	t.Helper()
	e := engine(t, Options{SensitiveTags: []SensitiveTag{{Tag: "SaveOurPier", Category: "movement"}}}, news,
		checker.Profile{Brand: "Acme Bank", Aliases: []string{"Acme"}})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, err := e.Check(context.Background(), checker.Post{Text: c.text, Brand: c.brand, Platform: c.plat, ScheduledAt: day})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range rep.Findings {
				if f.Rule == rule {
					got = append(got, f.Rule+" "+f.Severity.String()+" "+f.Match)
				}
			}
			slices.Sort(got)
			want := slices.Clone(c.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%q\n got %q\nwant %q", c.text, got, want)
				for _, f := range rep.Findings {
					if f.Rule == rule {
						t.Logf("  %s: %s | %s", f.Rule, f.Message, f.Suggestion)
					}
				}
			}
		})
	}
}

// nearMisses must pass every risk rule.
var nearMisses = []string{"#MondayMotivation", "#ThrowbackThursday", "#NowHiring", "#TBT", "#WomenInSTEM",
	"#ThanksGiving", "#SuperBowl", "#Scunthorpe", "#therapist", "#ExpertsExchange", "#PenIsland", "#analysis",
	"#cocktailhour", "#classicrock", "#Essex", "#tacofredag", "#17mai", "#buddies", "#grapefruit", "#superbowl"}

func TestDoubleReading(t *testing.T) {
	cases := []ruleCase{
		{name: "susan", text: "Join us for #susanalbumparty tonight!", want: []string{"hashtag.double_reading high #susanalbumparty"}},
		{name: "penisland", text: "Visit #penisland for pens", want: []string{"hashtag.double_reading high #penisland"}},
		{name: "experts", text: "#expertsexchange answers", want: []string{"hashtag.double_reading high #expertsexchange"}},
		{name: "whore", text: "Guess #whorepresents", want: []string{"hashtag.double_reading high #whorepresents"}},
		{name: "kidsexpo", text: "See you at #kidsexpo", want: []string{"hashtag.double_reading high #kidsexpo"}},
		{name: "thatcher in news", text: "Everyone's talking about it. #nowthatchersdead",
			want: []string{"hashtag.double_reading critical #nowthatchersdead"}},
		{name: "camelcase intended", text: "#SusanAlbumParty tonight"},
		{name: "intended vulgar is content's business", text: "#fuckmondays"},
	}
	for _, tag := range nearMisses {
		cases = append(cases, ruleCase{name: tag, text: "Big day " + tag})
	}
	run(t, "hashtag.double_reading", cases, testNews)
}

func TestDoubleReadingWithoutNews(t *testing.T) {
	run(t, "hashtag.double_reading", []ruleCase{
		{name: "thatcher", text: "#nowthatchersdead", want: []string{"hashtag.double_reading high #nowthatchersdead"}},
	}, nil)
}

func TestDoubleReadingMessage(t *testing.T) {
	e := engine(t, Options{}, nil, checker.Profile{})
	rep, _ := e.Check(context.Background(), checker.Post{Text: "#susanalbumparty", ScheduledAt: day})
	f := rep.Findings[0]
	if !strings.Contains(f.Message, `"susan album party"`) || !strings.Contains(f.Message, `"sus anal bum party"`) ||
		!strings.Contains(f.Suggestion, "#SusanAlbumParty") {
		t.Errorf("message %q, suggestion %q", f.Message, f.Suggestion)
	}
	if *f.Start != 0 || *f.End != 16 {
		t.Errorf("span %d-%d", *f.Start, *f.End)
	}
	rep, _ = e.Check(context.Background(), checker.Post{Text: "Wow. #nowthatchersdead", ScheduledAt: day})
	f = rep.Findings[0]
	if f.Rule != "hashtag.double_reading" || !strings.Contains(f.Message, `"now that chers dead"`) ||
		!strings.Contains(f.Suggestion, "#NowThatchersDead") || *f.Start != 5 {
		t.Errorf("%s: message %q, suggestion %q", f.Rule, f.Message, f.Suggestion)
	}
}

// brandNews is the record of two brands no code names: Brindle Air has
// six negative stories over the past year but none in the last 90 days;
// Oxley Foods recalled a product ten days ago.
var brandNews = func() fakeNews {
	n := append(fakeNews(nil), testNews...)
	for i, title := range []string{"Brindle Air flight cancellations leave thousands stranded",
		"Brindle Air fined over refund delays", "Brindle Air cabin crew vote to strike",
		"Passenger dragged off Brindle Air flight in viral video", "Brindle Air sued by passengers over lost bags",
		"Brindle Air raises prices on checked bags"} {
		n = append(n, checker.Article{ID: fmt.Sprint("brindle-", i), Title: title,
			Published: day.Add(-time.Duration(100+40*i) * 24 * time.Hour)})
	}
	n = append(n, checker.Article{ID: "willowmere", Title: "Willowmere faces backlash over delivery fees",
		Published: day.Add(-200 * 24 * time.Hour)})
	return append(n, checker.Article{ID: "oxley", Title: "Crunch Bites recalled over salmonella fears",
		Summary: "Oxley Foods pulls its snack from shelves.", Published: day.Add(-10 * 24 * time.Hour)})
}()

func TestHijackRisk(t *testing.T) {
	cases := []ruleCase{
		{name: "one story in the past year", text: "Questions for the team? #AskWillowmere", brand: "Willowmere",
			want: []string{"hashtag.hijack_risk medium #AskWillowmere"}},
		{name: "ask brand, trouble", text: "Questions about our future? Ask us with #AskAcme.", brand: "Acme Bank",
			want: []string{"hashtag.hijack_risk critical #AskAcme"}},
		{name: "ask, quiet record: advice", text: "Questions? Ask us with #AskBP.", brand: "BP",
			want: []string{"hashtag.hijack_risk low #AskBP"}},
		{name: "reasons about the brand", text: "Finish this sentence: I shop at Waitrose because... #WaitroseReasons", brand: "Waitrose",
			want: []string{"hashtag.hijack_risk medium #WaitroseReasons"}},
		{name: "distinctive word", text: "Got a question for Robin? Tweet it with #AskThicke", brand: "Robin Thicke",
			want: []string{"hashtag.hijack_risk low #AskThicke"}},
		{name: "derived initials", text: "Tweet us your questions for our leadership with #AskJPM", brand: "J.P. Morgan",
			want: []string{"hashtag.hijack_risk low #AskJPM"}},
		{name: "two-letter initials, chronic record", text: "Our CEO answers live at noon #AskBA", brand: "Brindle Air",
			want: []string{"hashtag.hijack_risk high #AskBA"}},
		{name: "trouble found through a product", text: "Snack time! #OxleyStories", brand: "Oxley Foods",
			want: []string{"hashtag.hijack_risk critical #OxleyStories"}},
		{name: "stories shape only", text: "Our 50 years. #PierStories", brand: "Pier",
			want: []string{"hashtag.hijack_risk medium #PierStories"}},
		{name: "brand tag with call, quiet", text: "Share your photos with #Pier", brand: "Pier",
			want: []string{"hashtag.hijack_risk low #Pier"}},
		{name: "brand tag no call", text: "New menu today #Pier", brand: "Pier"},
		{name: "short key inside word", text: "Tell us your #bpm record", brand: "BP"},
		{name: "other brand's tag", text: "Ask us anything #AskReddit", brand: "Pier"},
		{name: "ordinary ask tag of a small brand", text: "Ask us anything! #AskTheChef", brand: "Little Kiln Bistro"},
		{name: "chronic brand, no invitation", text: "New routes to Lisbon this spring #BrindleAir", brand: "Brindle Air"},
	}
	for _, tag := range nearMisses {
		cases = append(cases, ruleCase{name: tag, text: "Tell us! " + tag, brand: "Pier"})
	}
	run(t, "hashtag.hijack_risk", cases, brandNews)
}

// Without a brand no tag is the brand's, so none can be hijacked from it.
func TestHijackNoBrand(t *testing.T) {
	e := engine(t, Options{}, nil, checker.Profile{})
	for _, text := range []string{"Ask us anything with #AskTheCEO", "Our CEO's notes #AskTheCEO", "Tell us! #AskingForAFriend"} {
		rep, _ := e.Check(context.Background(), checker.Post{Text: text, ScheduledAt: day})
		if slices.ContainsFunc(rep.Findings, func(f checker.Finding) bool { return f.Rule == "hashtag.hijack_risk" }) {
			t.Errorf("%q: flagged without a brand", text)
		}
	}
}

func TestInTheNews(t *testing.T) {
	cases := []ruleCase{
		{name: "whyistayed promo", text: "#WhyIStayed You had pizza. 20% off today", want: []string{"hashtag.in_the_news critical #WhyIStayed"}},
		{name: "aurora sale", text: "Shop the #Aurora collection, 30% off", want: []string{"hashtag.in_the_news critical #Aurora"}},
		{name: "aurora plain", text: "Thinking of everyone in #Aurora", want: []string{"hashtag.in_the_news high #Aurora"}},
		{name: "thatcher", text: "#nowthatchersdead", want: []string{"hashtag.in_the_news high #nowthatchersdead"}},
		{name: "old news", text: "Sale in #Sandy"},
		{name: "future news", text: "Sale in #Sandy"},
		{name: "generic word", text: "Sale this #Monday"},
		{name: "word in passing", text: "Celebrating #women in tech"},
		{name: "proper noun", text: "Party in #Cairo tonight 🎉", want: []string{"hashtag.in_the_news critical #Cairo"}},
		{name: "joining in with a place in the news", text: "Tell us what you think: #Cairo", want: []string{"hashtag.in_the_news critical #Cairo"}},
		{name: "a tag inviting stories about a place in the news", text: "#CairoStories", want: []string{"hashtag.in_the_news critical #CairoStories"}},
	}
	for _, tag := range nearMisses {
		cases = append(cases, ruleCase{name: tag, text: "Sale! " + tag})
	}
	run(t, "hashtag.in_the_news", cases, testNews)
}

// politicalNews are political and judicial stories no crisis class
// covers: a verdict, a disputed election.
var politicalNews = append(fakeNews{
	{ID: "verdict", Title: "Jury reaches verdict in Delmont bridge trial", Summary: "The former mayor Harlan Voss was acquitted.",
		Published: day.Add(-6 * time.Hour)},
	{ID: "election", Title: "Opposition calls for recount as Varnia election result disputed", Published: day.Add(-30 * time.Hour)},
	{ID: "delmont-fair", Title: "Delmont county fair opens", Published: day.Add(-3 * time.Hour)},
}, testNews...)

func TestPoliticalHijack(t *testing.T) {
	cases := []ruleCase{
		{name: "a person in a verdict, to sell", text: "Free as #HarlanVoss: 30% off everything today!",
			want: []string{"hashtag.in_the_news critical #HarlanVoss"}},
		{name: "a disputed election, to join in", text: "Tell us who you're voting for! #Varnia",
			want: []string{"hashtag.in_the_news critical #Varnia"}},
		{name: "a place in a trial, as an invitation tag", text: "#DelmontStories", brand: "Northway",
			want: []string{"hashtag.in_the_news critical #DelmontStories"}},
		// near misses: plain talk about the news, and a tag only in ordinary news
		{name: "plain mention of the election", text: "Polls close at eight in #Varnia."},
		{name: "place in ordinary news only", text: "Come to the fair! 20% off rides #DelmontFair"},
		{name: "unrelated place, selling", text: "Summer sale in #Lisbon, 30% off"},
	}
	run(t, "hashtag.in_the_news", cases, politicalNews)
}

func TestSensitive(t *testing.T) {
	cases := []ruleCase{
		{name: "memorial promo", text: "#NeverForget 20% off all mattresses", want: []string{"hashtag.sensitive high #NeverForget"}},
		{name: "pearl harbor joke", text: "lol #PearlHarbor", want: []string{"hashtag.sensitive high #PearlHarbor"}},
		{name: "political alone", text: "#BringBackOurCountry", want: []string{"hashtag.sensitive medium #BringBackOurCountry"}},
		{name: "movement alone", text: "We stand with #BlackLivesMatter", want: []string{"hashtag.sensitive medium #BlackLivesMatter"}},
		{name: "company list", text: "Sale now #save_our_pier", want: []string{"hashtag.sensitive high #save_our_pier"}},
		{name: "norwegian", text: "Ny uke på kontoret. #aldriglemme #22juli", want: []string{"hashtag.sensitive low #aldriglemme", "hashtag.sensitive low #22juli"}},
		{name: "norwegian promo", text: "50% rabatt i dag! #22juli", want: []string{"hashtag.sensitive high #22juli"}},
		{name: "condolence", text: "Our thoughts are with everyone affected. #NeverForget"},
		{name: "rip promo", text: "RIP old prices! Sale #RIP", want: []string{"hashtag.sensitive high #RIP"}},
	}
	for _, tag := range nearMisses {
		cases = append(cases, ruleCase{name: tag, text: "Sale! " + tag})
	}
	run(t, "hashtag.sensitive", cases, nil)
}

func TestStyle(t *testing.T) {
	run(t, "hashtag.style", []ruleCase{
		{name: "lowercase", text: "#throwbackthursday", want: []string{"hashtag.style low #throwbackthursday"}},
		{name: "camel", text: "#ThrowbackThursday #TBT"},
		{name: "one word", text: "#therapist #tacofredag #2026"},
		{name: "too many x", text: "#a1 #b2 #c3 #d4", plat: checker.PlatformX, want: []string{"hashtag.style low #d4"}},
		{name: "instagram ok", text: "#a1 #b2 #c3 #d4", plat: checker.PlatformInstagram},
		{name: "long", text: "#ThisIsAVeryLongHashtagNobodyCanRead", want: []string{"hashtag.style low #ThisIsAVeryLongHashtagNobodyCanRead"}},
	}, nil)
}

// Style advice alone never changes the verdict.
func TestStyleKeepsPass(t *testing.T) {
	e := engine(t, Options{}, nil, checker.Profile{})
	rep, _ := e.Check(context.Background(), checker.Post{Text: "#throwbackthursday #mondaymotivation #a #b #c", ScheduledAt: day})
	if rep.Verdict != checker.VerdictPass || len(rep.Findings) == 0 {
		t.Errorf("verdict %s, findings %v", rep.Verdict, rep.Findings)
	}
}

func TestOptionsValidated(t *testing.T) {
	if _, err := Rules(Options{RiskyWords: []RiskyWord{{Word: "x", Category: "bad"}}}); err == nil {
		t.Error("bad risky category accepted")
	}
	if _, err := Rules(Options{SensitiveTags: []SensitiveTag{{Tag: "x", Category: "other"}}}); err == nil {
		t.Error("bad sensitive category accepted")
	}
	e := engine(t, Options{Allow: []string{"penisland"}}, nil, checker.Profile{})
	rep, _ := e.Check(context.Background(), checker.Post{Text: "#penisland", ScheduledAt: day})
	for _, f := range rep.Findings {
		if f.Rule == "hashtag.double_reading" {
			t.Error("allowed tag flagged")
		}
	}
}

func BenchmarkRulesOnPost(b *testing.B) {
	e := engine(b, Options{}, testNews, checker.Profile{Brand: "Acme Bank"})
	p := checker.Post{Text: "Finish this sentence! Tell us with #AskAcme #susanalbumparty #ThrowbackThursday #nowhiring",
		ScheduledAt: day, Brand: "Acme Bank"}
	b.ReportAllocs()
	for b.Loop() {
		e.Check(context.Background(), p)
	}
}

func readTags(t *testing.T, name string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(l, "#") {
			out = append(out, strings.Fields(l)...)
		}
	}
	return out
}

// TestDoubleReadingLists runs double_reading's assessment over lists of
// innocent and risky tags.
func TestDoubleReadingLists(t *testing.T) {
	p, err := loadPack(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range readTags(t, "innocent_tags.txt") {
		if tr := p.assess(tag); tr != nil {
			t.Errorf("#%s flagged: %q", tag, tr.risky[0].reading.String())
		}
	}
	for _, tag := range readTags(t, "risky_tags.txt") {
		if p.assess(tag) == nil {
			t.Errorf("#%s not flagged", tag)
		}
	}
}

// BenchmarkEngineBaseline is the same post through an engine with no rules:
// text analysis and engine overhead, to subtract from BenchmarkRulesOnPost.
func BenchmarkEngineBaseline(b *testing.B) {
	e, err := checker.New(checker.Config{Now: func() time.Time { return day }})
	if err != nil {
		b.Fatal(err)
	}
	p := checker.Post{Text: "Finish this sentence! Tell us with #AskAcme #susanalbumparty #ThrowbackThursday #nowhiring",
		ScheduledAt: day, Brand: "Acme Bank"}
	for b.Loop() {
		e.Check(context.Background(), p)
	}
}
