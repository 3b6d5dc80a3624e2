package calendar

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/calendars"
	"github.com/preflight-dev/preflight/checker"
)

func engine(t testing.TB, opts Options) *checker.Engine {
	t.Helper()
	rules, err := Rules(opts)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := calendars.New(calendars.Options{Days: []calendars.CustomDay{
		{Name: "Riverside fire anniversary", Rule: "03-14", Regions: []string{"US"}, Tone: "solemn", Aliases: []string{"Riverside fire"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	e, err := checker.New(checker.Config{Rules: rules, Calendar: cal,
		Profile: checker.Profile{Brand: "Northway", Aliases: []string{"@northway"}}})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Each case: the post, when, where, and the findings expected as
// "rule:severity" (sorted); none means the post must pass the calendar
// rules.
var cases = []struct {
	name    string
	text    string
	when    string
	regions []string
	want    []string
	match   string // a finding must point at these words
}{
	// calendar.solemn_day: ties → block.
	{"spaghettios pearl harbor", "Take a moment to remember #PearlHarbor with us.", "2013-12-07T17:00:00Z", []string{"US"},
		[]string{"solemn_day:critical"}, "#PearlHarbor"},
	{"sale on pearl harbor day without naming it", "Holiday deals: 30% off all ornaments.", "2026-12-07T17:00:00Z", []string{"US"},
		[]string{"solemn_day:medium"}, "deals"},
	{"yom kippur sale in the US is a review", "Yom Kippur sale: 20% off!", "2026-09-21T14:00:00Z", []string{"US"},
		[]string{"solemn_day:high"}, "Yom Kippur"},
	{"yom hashoah sale is blocked", "Yom HaShoah sale, 20% off", "2026-04-14T14:00:00Z", []string{"US"},
		[]string{"solemn_day:critical"}, "Yom HaShoah"},
	{"twin tower sale two days before", "Twin Tower sale! Any size mattress at twin price. We'll never forget.", "2016-09-09T15:00:00Z", []string{"US"},
		[]string{"solemn_day:critical"}, "Twin Tower"},
	{"9/11 product shot", "Never forget. 📱 Our new phone, now in stores.", "2013-09-11T14:00:00Z", []string{"US"},
		[]string{"solemn_day:critical"}, "Never forget"},
	{"memorial day sale", "Memorial Day sale: 30% off all grills this weekend!", "2026-05-23T15:00:00Z", []string{"US"},
		[]string{"solemn_day:critical"}, "Memorial Day"},
	{"happy memorial day grills", "Happy Memorial Day! 40% off grills", "2026-05-25T14:00:00Z", []string{"US"},
		[]string{"solemn_day:critical", "solemn_greeting:high"}, "Happy Memorial Day"},
	{"anzac brand tie", "Lest we forget. Brought to you by Northway Beer.", "2026-04-25T01:00:00Z", []string{"AU"},
		[]string{"solemn_day:critical"}, "Lest we forget"},
	{"brand name beside the day is a review", "Northway remembers the fallen this Memorial Day.", "2026-05-25T14:00:00Z", []string{"US"},
		[]string{"solemn_day:high"}, "Memorial Day"},
	{"join us in remembering 9/11 is a review", "Join us in remembering the heroes of 9/11.", "2026-09-11T14:00:00Z", []string{"US"},
		[]string{"solemn_day:high"}, "9/11"},
	{"remember with us is a block", "Remember the heroes of 9/11 with us today.", "2026-09-11T14:00:00Z", []string{"US"},
		[]string{"solemn_day:critical"}, "9/11"},
	{"father's day in june for norway", "Happy Father's Day, dads!", "2026-06-21T12:00:00Z", []string{"NO"},
		[]string{"wrong_day_greeting:medium"}, "Happy Father's Day"},
	{"independence day greeting checked per region", "Happy Independence Day!", "2026-07-04T12:00:00Z", []string{"IN"},
		[]string{"wrong_day_greeting:medium"}, ""},
	{"never forget in a promo near 9/11 is not a mention", "Never forget your sunscreen: 20% off this weekend.", "2026-09-09T15:00:00Z", []string{"US"}, nil, ""},
	{"a deadline date is not a mention", "Sale ends September 11! 20% off.", "2026-09-09T15:00:00Z", []string{"US"}, nil, ""},
	{"never forget with a promo on 9/11 itself", "Never forget your sunscreen: 20% off today.", "2026-09-11T15:00:00Z", []string{"US"},
		[]string{"solemn_day:critical"}, "Never forget"},
	{"selling for the cause is a review", "Remembrance Day poppy pins on sale in store, all proceeds to the Royal British Legion.", "2026-11-10T09:00:00Z", []string{"GB"},
		[]string{"solemn_day:high"}, ""},
	{"pointing to the cause passes", "Remembrance Day poppy pins are in store, all proceeds to the Royal British Legion.", "2026-11-10T09:00:00Z", []string{"GB"}, nil, ""},
	{"company solemn day", "Spring deals! 20% off everything.", "2026-03-14T15:00:00Z", []string{"US"},
		[]string{"solemn_day:high"}, "deals"},
	// calendar.solemn_day: promotion or levity on the day → review.
	{"sale on 9/11 without naming it", "Flash sale: 25% off all phones today only!", "2026-09-11T15:00:00Z", []string{"US"},
		[]string{"solemn_day:high"}, "sale"},
	{"brunch on yom kippur in the US", "Bottomless brunch this Monday: book your table now!", "2026-09-21T14:00:00Z", []string{"US"},
		[]string{"solemn_day:medium"}, ""},
	{"brunch on yom kippur in Israel", "Bottomless brunch today: book your table now!", "2026-09-21T07:00:00Z", []string{"IL"},
		[]string{"solemn_day:high"}, ""},
	{"sale in norway on 22 july", "Sommersalg! 50% på alt i dag.", "2026-07-22T08:00:00Z", []string{"NO"},
		[]string{"solemn_day:high"}, ""},
	{"party on remembrance day", "Friday party night 🎉 DJ from 9!", "2026-11-11T12:00:00Z", []string{"GB"},
		[]string{"solemn_day:high"}, "party"},
	{"veterans discount is not blocked", "Veterans Day: veterans get 20% off all week. Thank you for your service.", "2026-11-11T15:00:00Z", []string{"US"},
		[]string{"solemn_day:high"}, ""},
	{"a joke on veterans day without naming it passes", "Monday mood: coffee first 😂", "2026-11-11T15:00:00Z", []string{"US"}, nil, ""},
	{"reply: a joke on 9/11 passes", "Ha, we'll fix that for you today 😂", "2026-09-11T15:00:00Z", []string{"US"}, nil, ""},
	// calendar.solemn_greeting.
	{"happy 9/11", "Happy 9/11 everyone!", "2026-09-11T15:00:00Z", []string{"US"},
		[]string{"solemn_greeting:high"}, "Happy 9/11"},
	{"happy yom kippur", "Happy Yom Kippur to all our friends!", "2026-09-20T15:00:00Z", []string{"US"},
		[]string{"solemn_greeting:high"}, "Happy Yom Kippur"},
	{"happy memorial day a month early", "Happy Memorial Day from the team", "2026-04-20T15:00:00Z", []string{"US"},
		[]string{"solemn_greeting:high"}, "Happy Memorial Day"},
	{"party tone naming anzac day", "Anzac Day long weekend, let's party! 🍻", "2026-04-24T05:00:00Z", []string{"AU"},
		[]string{"solemn_greeting:high"}, ""},
	// calendar.wrong_day_greeting.
	{"mothers day in march for the US", "Happy Mother's Day to all the amazing moms!", "2026-03-15T12:00:00Z", []string{"US"},
		[]string{"wrong_day_greeting:medium"}, "Happy Mother's Day"},
	{"mothers day in march for US and GB", "Happy Mother’s Day!", "2026-03-15T12:00:00Z", []string{"US", "GB"},
		[]string{"wrong_day_greeting:medium"}, "Happy Mother’s Day"},
	{"merry christmas in july", "Merry Christmas from all of us!", "2026-07-10T12:00:00Z", []string{"GB"},
		[]string{"wrong_day_greeting:medium"}, "Merry Christmas"},
	{"happy new year in march", "Happy New Year! Fresh start, fresh menu.", "2026-03-02T12:00:00Z", []string{"US"},
		[]string{"wrong_day_greeting:medium"}, ""},
	{"god 17. mai on the 16th of june", "God 17. mai alle sammen!", "2026-06-16T08:00:00Z", []string{"NO"},
		[]string{"wrong_day_greeting:medium"}, "God 17. mai"},
	{"eid mubarak a month early", "Eid Mubarak to everyone celebrating!", "2026-02-20T12:00:00Z", []string{"GB"},
		[]string{"wrong_day_greeting:medium"}, ""},
	{"thanksgiving greeting to Britain", "Happy Thanksgiving from all of us!", "2026-11-26T12:00:00Z", []string{"GB"},
		[]string{"wrong_day_greeting:medium"}, "Happy Thanksgiving"},
	{"fourth of july to Britain", "Happy 4th of July! Fireworks sale on now.", "2026-07-04T12:00:00Z", []string{"GB"},
		[]string{"wrong_day_greeting:medium"}, ""},

	// Near-misses that must pass.
	{"thanksgiving to the US and Britain", "Happy Thanksgiving from all of us!", "2026-11-26T12:00:00Z", []string{"US", "GB"}, nil, ""},
	{"diwali where it is not a public day", "Happy Diwali to everyone celebrating!", "2026-11-08T12:00:00Z", []string{"NO"}, nil, ""},
	{"christmas in Japan", "Merry Christmas!", "2026-12-25T12:00:00Z", []string{"JP"}, nil, ""},
	{"mothering sunday in GB", "Happy Mother's Day to all the amazing mums!", "2026-03-15T12:00:00Z", []string{"GB"}, nil, ""},
	{"mothers day in may US", "Happy Mother's Day to all the amazing moms!", "2026-05-10T12:00:00Z", []string{"US"}, nil, ""},
	{"mothers day on the friday before", "Happy Mother's Day weekend! Flowers delivered by Sunday.", "2026-05-08T12:00:00Z", []string{"US"}, nil, ""},
	{"valentines promo ahead of the day", "Valentine's Day dinner for two: book your table now.", "2026-02-10T15:00:00Z", []string{"US"}, nil, ""},
	{"thanksgiving on thanksgiving", "Happy Thanksgiving from our family to yours!", "2026-11-26T14:00:00Z", []string{"US"}, nil, ""},
	{"god 17. mai", "Gratulerer med dagen! God 17. mai!", "2026-05-17T08:00:00Z", []string{"NO"}, nil, ""},
	{"god jul og godt nytt år", "God jul og godt nytt år fra alle oss!", "2025-12-24T10:00:00Z", []string{"NO"}, nil, ""},
	{"st patricks day", "Happy St. Patrick's Day! Green cupcakes are in every store today.", "2026-03-17T13:00:00Z", []string{"US"}, nil, ""},
	{"new year on new year", "Happy New Year from all of us! Thanks for a wonderful year.", "2026-01-01T12:00:00Z", []string{"US"}, nil, ""},
	{"new year greeting on 3 january", "Happy New Year! Our January sale starts now.", "2026-01-03T12:00:00Z", []string{"US"}, nil, ""},
	{"merry christmas in december", "Merry Christmas and happy holidays!", "2026-12-20T12:00:00Z", []string{"US", "GB"}, nil, ""},
	{"ramadan mubarak during ramadan", "Ramadan Mubarak! Our iftar menu is served from sunset.", "2026-03-01T12:00:00Z", []string{"AE"}, nil, ""},
	{"happy ramadan is a greeting", "Happy Ramadan to all who observe it!", "2026-02-20T12:00:00Z", []string{"GB"}, nil, ""},
	{"offer during ramadan is not a party", "Ramadan offers: 20% off dates and sweets.", "2026-03-01T12:00:00Z", []string{"SA"}, nil, ""},
	{"respectful 9/11 message", "Today we remember the lives lost on 9/11. #NeverForget", "2026-09-11T13:00:00Z", []string{"US"}, nil, ""},
	{"respectful memorial day", "This Memorial Day we honor those who gave their lives in service to our country.", "2026-05-25T13:00:00Z", []string{"US"}, nil, ""},
	{"sale two days before 9/11 not naming it", "Weekend sale: 20% off all mattresses.", "2016-09-09T15:00:00Z", []string{"US"}, nil, ""},
	{"sale on 22 july in the US", "Sommersalg! 50% off everything today.", "2026-07-22T15:00:00Z", []string{"US"}, nil, ""},
	{"happy veterans day", "Happy Veterans Day! Thank you for your service.", "2026-11-11T15:00:00Z", []string{"US"}, nil, ""},
	{"promo on good friday in the US", "Spring sale: 20% off everything.", "2026-04-03T15:00:00Z", []string{"US"}, nil, ""},
	{"happy customers", "Happy customers are our favourite thing. New menu today!", "2026-05-25T20:00:00Z", []string{"GB"}, nil, ""},
	{"no regions default US", "Happy Thanksgiving!", "2026-11-26T14:00:00Z", nil, nil, ""},
	{"thanksgiving greeting where it is not kept", "Happy Thanksgiving!", "2026-03-26T14:00:00Z", []string{"NO"}, []string{"wrong_day_greeting:medium"}, "Happy Thanksgiving"},
	{"indian independence day", "Happy Independence Day, India!", "2026-08-15T06:00:00Z", []string{"IN"}, nil, ""},
	{"national day in singapore", "Happy National Day, Singapore!", "2026-08-09T02:00:00Z", []string{"SG"}, nil, ""},
	{"diwali on diwali", "Happy Diwali! May the festival of lights bring you joy.", "2026-11-08T06:00:00Z", []string{"IN"}, nil, ""},
	{"lunar new year in the fortnight", "Happy Lunar New Year! Gong xi fa cai!", "2026-02-20T06:00:00Z", []string{"SG"}, nil, ""},
	{"halloween week", "Happy Halloween! Spooky treats in store.", "2026-10-28T15:00:00Z", []string{"US"}, nil, ""},
}

// casePost builds a case's post; a case named "reply: ..." is a reply.
func casePost(name, text, when string, regions []string) checker.Post {
	p := checker.Post{Text: text, ScheduledAt: at(when), Regions: regions, Brand: "Northway"}
	if strings.HasPrefix(name, "reply:") {
		p.Kind = checker.KindReply
	}
	return p
}

// The day named only in an image's alt text, beside an offer in the text,
// is reported on the alt text.
func TestSolemnDayInAltText(t *testing.T) {
	e := engine(t, Options{})
	p := casePost("", "New mattresses, 30% off this weekend.", "2026-09-11T14:00:00Z", []string{"US"})
	p.Media = []checker.Media{{Alt: "A mattress tower shaped like the Twin Towers"}}
	rep, err := e.Check(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Verdict != checker.VerdictBlock || len(rep.Findings) == 0 || rep.Findings[0].Field != "media[0].alt" || rep.Findings[0].Match != "Twin Towers" {
		t.Errorf("want a block on the alt text's \"Twin Towers\", got %s %+v", rep.Verdict, rep.Findings)
	}
}

// AT&T's 9/11 post: two words of text, the product in the picture.
func TestProductInPictureOnSolemnDay(t *testing.T) {
	e := engine(t, Options{})
	p := casePost("", "Never forget.", "2013-09-11T14:00:00Z", []string{"US"})
	p.Media = []checker.Media{{Alt: "A hand holding a phone, photographing the Tribute in Light over Manhattan"}}
	rep, err := e.Check(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Verdict != checker.VerdictBlock {
		t.Errorf("want block, got %s %+v", rep.Verdict, rep.Findings)
	}
	p.Media = []checker.Media{{Alt: "The Tribute in Light over Manhattan"}}
	if rep, _ := e.Check(context.Background(), p); rep.Verdict != checker.VerdictPass {
		t.Errorf("a plain remembrance with a memorial picture passes, got %s %+v", rep.Verdict, rep.Findings)
	}
}

func TestRules(t *testing.T) {
	e := engine(t, Options{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := e.Check(context.Background(), casePost(tc.name, tc.text, tc.when, tc.regions))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			matched := tc.match == ""
			for _, f := range rep.Findings {
				got = append(got, strings.TrimPrefix(f.Rule, "calendar.")+":"+f.Severity.String())
				if strings.Contains(f.Match, tc.match) {
					matched = true
				}
				if len(f.Evidence) == 0 || f.Evidence[0].Type != "observance" || f.Evidence[0].Date == "" {
					t.Errorf("finding without observance evidence: %+v", f)
				}
				if f.Suggestion == "" {
					t.Errorf("finding without suggestion: %+v", f)
				}
			}
			sort.Strings(got)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("findings %v, want %v", got, tc.want)
				for _, f := range rep.Findings {
					t.Logf("  %s %s %q: %s", f.Rule, f.Severity, f.Match, f.Message)
				}
			}
			if !matched {
				t.Errorf("no finding points at %q", tc.match)
				for _, f := range rep.Findings {
					t.Logf("  %s %q", f.Rule, f.Match)
				}
			}
		})
	}
}

// The calendar rules must cost under 10 µs a post: the calendar computes a
// (region, year) once and the rules scan a few days around the post.
// BenchmarkEngineBaseline measures the same engine with no rules (text
// analysis and scoring) so the difference is the rules' cost.
var benchPosts = []checker.Post{
	{Text: "Weekend sale: 20% off all mattresses. Free delivery!", ScheduledAt: at("2026-09-09T15:00:00Z"), Regions: []string{"US"}},
	{Text: "Happy Mother's Day to all the amazing moms! 💐", ScheduledAt: at("2026-05-10T12:00:00Z"), Regions: []string{"US", "GB"}},
	{Text: "Our new autumn menu is here, come and try it.", ScheduledAt: at("2026-09-21T12:00:00Z"), Regions: []string{"US"}},
}

func BenchmarkCalendarRules(b *testing.B) {
	e := engine(b, Options{})
	ctx := context.Background()
	for _, p := range benchPosts {
		e.Check(ctx, p) // warm the (region, year) cache
	}
	b.ReportAllocs()
	cpu := cpuTime()
	i := 0
	for b.Loop() {
		e.Check(ctx, benchPosts[i%len(benchPosts)])
		i++
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(i), "cpu-ns/op")
}

func BenchmarkEngineBaseline(b *testing.B) {
	e, err := checker.New(checker.Config{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	cpu := cpuTime()
	i := 0
	for b.Loop() {
		e.Check(ctx, benchPosts[i%len(benchPosts)])
		i++
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(i), "cpu-ns/op")
}

// cpuTime is the process's CPU time in nanoseconds: on a shared machine it
// measures the work done rather than the wait for a core.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
