package hashtag

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/bound"
	"github.com/preflight-dev/preflight/segment"
)

// TestDoubleReadingLongTag checks that a tag too long to be read as words
// is reported as not read (low, advice only) instead of being segmented: a
// 65 KB "#isisis…" once took 15.5 GB and 18 minutes.
func TestDoubleReadingLongTag(t *testing.T) {
	long := "#" + strings.Repeat("is", 2048)
	atCap := "#" + strings.Repeat("penisland", segment.MaxLetters/9)
	run(t, "hashtag.double_reading", []ruleCase{
		{name: "4 KB tag", text: "Look " + long, want: []string{"hashtag.double_reading low " + long}},
		{name: "over the cap by one", text: "#" + strings.Repeat("a", segment.MaxLetters+1),
			want: []string{"hashtag.double_reading low #" + strings.Repeat("a", segment.MaxLetters+1)}},
		{name: "at the cap, still read", text: atCap, want: []string{"hashtag.double_reading high " + atCap}},
	}, testNews)
}

// Bounds on a whole check (text analysis and every hashtag rule) per byte
// of post: allocation within checkAllocPerByte·len + checkAllocFixed
// (about 900 B/byte measured on the worst shapes), and time within a
// paired bound against an ordinary post of the same length (internal/bound).
const (
	checkAllocPerByte = 4096
	checkAllocFixed   = 8 << 20
)

// checkBounded checks s within the bounds; mustCheck says the post is
// valid, so an error fails the test.
func checkBounded(t *testing.T, e *checker.Engine, name, s string, mustCheck bool) {
	t.Helper()
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	_, err := e.Check(context.Background(), checker.Post{Text: s, ScheduledAt: day})
	runtime.ReadMemStats(&b)
	if err != nil {
		if mustCheck {
			t.Fatalf("%s: %v", name, err)
		}
		return // refused before any rule ran (too long, no text)
	}
	if got, limit := b.TotalAlloc-a.TotalAlloc, uint64(checkAllocPerByte*len(s)+checkAllocFixed); got > limit {
		t.Errorf("%s: checking %d bytes allocated %d bytes, more than %d", name, len(s), got, limit)
	}
	const line = "Our spring menu is here, come and taste it #SpringMenu #Fresh "
	ref := strings.Repeat(line, len(s)/len(line)+1)[:len(s)]
	check := func(text string) func() {
		return func() { e.Check(context.Background(), checker.Post{Text: text, ScheduledAt: day}) }
	}
	bound.Time(t, fmt.Sprintf("%s: checking %d bytes", name, len(s)), check(ref), check(s))
}

// hostilePosts are 64 KB posts shaped against the hashtag rules: one huge
// tag, many tags of the longest length still read (in one case and in
// CamelCase), many risky tags, a domain that never ends.
func hostilePosts() map[string]string {
	n := 64<<10 - 16
	tag := func(body string) string { return "#" + body + " " }
	risky := tag(strings.Repeat("analsexpenisland", 7)[:segment.MaxLetters])
	camelRisky := tag(strings.Repeat("AnalSexPenIsland", 7)[:segment.MaxLetters])
	var distinct, distinctCamel strings.Builder
	for i := 0; distinct.Len() < n-200; i++ {
		suffix := string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676%26))
		distinct.WriteString(tag(strings.Repeat("penis", 19) + suffix))
		distinctCamel.WriteString(tag(strings.Repeat("PenIs", 19) + suffix))
	}
	return map[string]string{
		"one huge tag":         "#" + strings.Repeat("is", n/2),
		"huge tag with breaks": "#" + strings.Repeat("is_", n/3),
		"longest risky tags":   strings.Repeat(risky, n/len(risky)),
		"distinct long tags":   distinct.String(),
		// CamelCase tags are read as their lower-case letters as well.
		"longest risky CamelCase tags": strings.Repeat(camelRisky, n/len(camelRisky)),
		"distinct long CamelCase tags": distinctCamel.String(),
		"many short tags":              strings.Repeat(tag("susanalbumparty"), n/17),
		"domain without end":           "a@b" + strings.Repeat("K", n-8) + ".com",
	}
}

// TestCheckBounded checks hostile 64 KB posts within the bounds.
func TestCheckBounded(t *testing.T) {
	e := engine(t, Options{}, testNews, checker.Profile{Brand: "Acme Bank"})
	for name, s := range hostilePosts() {
		checkBounded(t, e, name, s, true)
	}
}

// FuzzCheckBounded checks any post within the bounds; its seed corpus
// (testdata/fuzz/FuzzCheckBounded) holds hostile shapes of 4 KB.
func FuzzCheckBounded(f *testing.F) {
	f.Add("Join us #susanalbumparty at shop.example.com")
	e := engine(f, Options{}, testNews, checker.Profile{Brand: "Acme Bank"})
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		checkBounded(t, e, "fuzz input", s, false)
	})
}

// The time and memory of checking a 64 KB post of each hostile shape
// (go test -bench Check64K -benchmem ./rules/hashtag/).
func BenchmarkCheck64K(b *testing.B) {
	e := engine(b, Options{}, testNews, checker.Profile{Brand: "Acme Bank"})
	for name, s := range hostilePosts() {
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				if _, err := e.Check(context.Background(), checker.Post{Text: s, ScheduledAt: day}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// countingNews counts the searches made through it.
type countingNews struct {
	fakeNews
	searches *int
}

func (n countingNews) Search(ctx context.Context, q checker.NewsQuery) ([]checker.Article, error) {
	*n.searches++
	return n.fakeNews.Search(ctx, q)
}

// TestOneNewsSearchPerTag checks that a tag repeated throughout a post is
// looked up in the news once, not once per occurrence, and that every
// occurrence is still reported.
func TestOneNewsSearchPerTag(t *testing.T) {
	searches := 0
	e := engine(t, Options{}, countingNews{testNews, &searches}, checker.Profile{})
	rep, err := e.Check(context.Background(), checker.Post{Text: strings.Repeat("#WhyIStayed #Aurora ", 500) + "Sale!", ScheduledAt: day})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range rep.Findings {
		if f.Rule == "hashtag.in_the_news" {
			n++
		}
	}
	if n != 1000 {
		t.Errorf("%d in_the_news findings, want one per occurrence (1000)", n)
	}
	if searches > 10 {
		t.Errorf("%d news searches for two distinct tags", searches)
	}
}

// TestOneGrievanceSearchPerPost checks that the brand's Q&A tag repeated
// throughout a post looks the week's grievances up once, and that every
// occurrence is still reported as one.
func TestOneGrievanceSearchPerPost(t *testing.T) {
	searches := 0
	news := fakeNews{{ID: "water", Title: "Water bills to rise 20% as regulator approves price hikes",
		Published: day.Add(-28 * time.Hour), Regions: []string{"GB"}, Crisis: checker.CrisisScandal}}
	e := engine(t, Options{}, countingNews{news, &searches}, checker.Profile{Brand: "Northvale Water"})
	post := "Questions about your water bill? Our CEO answers live tomorrow. " + strings.Repeat("#AskNorthvale ", 500)
	rep, err := e.Check(context.Background(), checker.Post{Text: post, ScheduledAt: day, Regions: []string{"GB"}})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range rep.Findings {
		if f.Rule == "hashtag.hijack_risk" && f.Severity == checker.SeverityHigh {
			n++
		}
	}
	if n != 500 {
		t.Errorf("%d high hijack_risk findings, want one per occurrence (500)", n)
	}
	if searches > 10 {
		t.Errorf("%d news searches for one post", searches)
	}
}
