package calendar

import (
	"context"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

func engine(t testing.TB, opts Options) *checker.Engine {
	t.Helper()
	rules, err := Rules(opts)
	if err != nil {
		t.Fatal(err)
	}
	e, err := checker.New(checker.Config{Rules: rules, Calendar: testCalendar(t), Profile: testProfile})
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
