package hashtag

import (
	"context"
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

// run checks the findings of one rule on each case, for the Go tests that
// build their posts (lengths at the segmenter's cap); every other case is
// in testdata/*.txtar.
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

func TestDoubleReadingMessage(t *testing.T) {
	e := engine(t, Options{}, nil, checker.Profile{})
	rep, _ := e.Check(context.Background(), checker.Post{Text: "#susanalbumparty", ScheduledAt: day})
	f := rep.Findings[0]
	if !strings.Contains(f.Message, `"susan album party"`) || !strings.Contains(f.Message, `"sus anal bum party"`) ||
		!strings.Contains(f.Suggestion, "#Susan_Album_Party") {
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

// TestDoubleReadingCamelMessage checks what a CamelCase tag's finding
// says: the reading as written, the lower-case letters and their risky
// reading, and a fix that works in lower case (underscores between the
// writer's words when the risky word crosses them, else another tag).
func TestDoubleReadingCamelMessage(t *testing.T) {
	e := engine(t, Options{}, nil, checker.Profile{})
	for _, c := range []struct{ text, message, fix string }{
		{"Find us: #PenIsland today", `reads as "pen island" as written, but many apps show tags in lower case, and there #penisland also reads as "penis land" (sexual).`,
			"Write it as #Pen_Island"},
		{"Find us: #TherapistFinder today", `#therapistfinder also reads as "the rapist finder" (sexual).`,
			`Choose another tag: however it is written, its letters also read as "the rapist finder".`},
		{"Find us: #penisland today", `#penisland reads as "pen island" but also as "penis land"`, "Write it as #Pen_Island"},
		{"Find us: #MoleStation today", `#molestation also reads as "molestation" (crime).`, "Write it as #Mole_Station"},
		{"Find us at penisland.net", `The link's name penisland.net reads as "pen island" but also as "penis land"`, "(pen-island.net)"},
		{"Find us at PenIsland.net", `browsers show domain names in lower case, and there it also reads as "penis land"`, "(pen-island.net)"},
	} {
		rep, err := e.Check(context.Background(), checker.Post{Text: c.text, ScheduledAt: day})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range rep.Findings {
			if f.Rule != "hashtag.double_reading" {
				continue
			}
			found = true
			if !strings.Contains(f.Message, c.message) || !strings.Contains(f.Suggestion, c.fix) {
				t.Errorf("%q: message %q, suggestion %q", c.text, f.Message, f.Suggestion)
			}
		}
		if !found {
			t.Errorf("%q: not flagged", c.text)
		}
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

// TestDataListsStrict: a data file's misspelt category is an error, not
// a list of words silently left out.
func TestDataListsStrict(t *testing.T) {
	if _, err := parseLists([]byte("vulgar: [a]\nsexaul: [b]\n"), riskyCategories); err == nil || !strings.Contains(err.Error(), `"sexaul"`) {
		t.Errorf("misspelt category: %v", err)
	}
	if _, err := parseLists([]byte("vulgar: {a: b}\n"), riskyCategories); err == nil {
		t.Error("a mapping for a list: no error")
	}
	if l, err := parseLists([]byte("vulgar: [a]\n"), riskyCategories); err != nil || l["vulgar"][0] != "a" {
		t.Errorf("good list: %v, %v", l, err)
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

// Building the rules reads no word list: a post without a hashtag, a link
// or a brand never needs them, and a one-post check paid for reading them
// at start-up (about 20,000 allocations). The first post that needs them
// reads them once.
func TestRulesReadDataOnFirstUse(t *testing.T) {
	allocs := testing.AllocsPerRun(3, func() {
		if _, err := Rules(Options{}); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 500 {
		t.Errorf("Rules allocates %.0f times: it reads the data before a post needs it", allocs)
	}
	e := engine(t, Options{}, nil, checker.Profile{})
	for range 2 {
		rep, err := e.Check(context.Background(), checker.Post{Text: "Visit penisland.net today", ScheduledAt: day})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range rep.Findings {
			found = found || f.Rule == "hashtag.double_reading"
		}
		if !found {
			t.Error("the double reading did not run once its data was read")
		}
	}
}
