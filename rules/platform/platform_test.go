package platform

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/golden"
)

var at = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

func engine(t testing.TB, opts Options) *checker.Engine {
	t.Helper()
	rs, err := Rules(opts)
	if err != nil {
		t.Fatal(err)
	}
	e, err := checker.New(checker.Config{Rules: rs, Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func check(t testing.TB, e *checker.Engine, p checker.Post) checker.Report {
	t.Helper()
	if p.ScheduledAt.IsZero() {
		p.ScheduledAt = at
	}
	r, err := e.Check(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// finding is a compact view of a finding for table tests.
func finding(f checker.Finding) string {
	s := fmt.Sprintf("%s %s", f.Rule, f.Severity)
	if f.HasSpan() {
		s += fmt.Sprintf(" [%d,%d)", *f.Start, *f.End)
	}
	return s
}

func TestLength(t *testing.T) {
	e := engine(t, Options{})
	x := func(n int) string { return strings.Repeat("x", n) }
	for _, c := range []struct {
		name     string
		platform checker.Platform
		text     string
		want     string // "" for no finding
		message  string // a part of the message
	}{
		{"x at the limit", checker.PlatformX, x(280), "", ""},
		{"x one over", checker.PlatformX, x(281), "platform.length high [280,281)", "281 characters on X, over the limit of 280"},
		{"x CJK weighs 2", checker.PlatformX, strings.Repeat("日", 141), "platform.length high [140,141)", "282 characters"},
		{"x emoji weigh 2", checker.PlatformX, strings.Repeat("🎉", 140), "", ""},
		{"x emoji over", checker.PlatformX, strings.Repeat("🎉", 141), "platform.length high [140,141)", "282"},
		{"x a long link counts 23", checker.PlatformX, x(250) + " https://example.com/" + x(100), "", ""},
		{"bluesky 300 graphemes", checker.PlatformBluesky, strings.Repeat("👍🏽", 300), "", ""},
		{"bluesky 301 graphemes", checker.PlatformBluesky, strings.Repeat("e\u0301", 301), "platform.length high [600,602)", "301 characters on Bluesky"},
		{"threads 500", checker.PlatformThreads, x(500), "", ""},
		{"threads 501", checker.PlatformThreads, x(501), "platform.length high [500,501)", "501 characters on Threads"},
		{"mastodon links count 23", checker.PlatformMastodon, x(470) + " https://example.com/" + x(100), "", ""},
		{"mastodon remote mention", checker.PlatformMastodon, "@alice@mastodon.example.social " + x(490), "", ""},
		{"mastodon 501", checker.PlatformMastodon, x(501), "platform.length high [500,501)", "Mastodon counts each link as 23"},
		{"instagram 2,200", checker.PlatformInstagram, x(2200), "", ""},
		{"instagram 2,201", checker.PlatformInstagram, x(2201), "platform.length high [2200,2201)", "2,201 characters on Instagram, over the limit of 2,200"},
		{"linkedin 3,001", checker.PlatformLinkedIn, x(3001), "platform.length high [3000,3001)", "LinkedIn"},
		{"linkedin 3,000", checker.PlatformLinkedIn, x(3000), "", ""},
		{"facebook long is fine", checker.PlatformFacebook, x(10000), "", ""},
		{"tiktok 2,201", checker.PlatformTikTok, x(2201), "platform.length high [2200,2201)", "TikTok"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := check(t, e, checker.Post{Text: c.text, Platform: c.platform})
			var got []string
			for _, f := range r.Findings {
				if f.Rule == "platform.length" {
					got = append(got, finding(f))
					if c.message != "" && !strings.Contains(f.Message, c.message) {
						t.Errorf("message %q lacks %q", f.Message, c.message)
					}
				}
			}
			want := []string{}
			if c.want != "" {
				want = append(want, c.want)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

func TestLengthReplyMentions(t *testing.T) {
	e := engine(t, Options{})
	body := strings.Repeat("x", 270)
	lead := "@alice @bob_the_builder @carol "
	r := check(t, e, checker.Post{Text: lead + body, Kind: checker.KindReply})
	if len(r.Findings) != 0 {
		t.Errorf("reply: leading @names counted: %v", r.Findings)
	}
	r = check(t, e, checker.Post{Text: lead + body, Kind: checker.KindPost})
	if len(r.Findings) != 1 {
		t.Errorf("post: @names not counted: %v", r.Findings)
	}
	r = check(t, e, checker.Post{Text: lead + body + strings.Repeat("y", 20), Kind: checker.KindReply})
	if len(r.Findings) != 1 || *r.Findings[0].Start != len(lead)+280 {
		t.Errorf("reply over the limit: %v", r.Findings)
	}
}

func TestLengthCustomLimits(t *testing.T) {
	e := engine(t, Options{Limits: map[string]int{"mastodon": 5000, "x": 25000}})
	if r := check(t, e, checker.Post{Text: strings.Repeat("x", 4000), Platform: checker.PlatformMastodon}); len(r.Findings) != 0 {
		t.Errorf("mastodon with a 5,000 limit: %v", r.Findings)
	}
	r := check(t, e, checker.Post{Text: strings.Repeat("x", 25010), Platform: checker.PlatformX})
	if len(r.Findings) != 1 || *r.Findings[0].Start != 25000 {
		t.Errorf("x with a 25,000 limit: %v", r.Findings)
	}
	if _, err := Rules(Options{Limits: map[string]int{"myspace": 10}}); err == nil {
		t.Error("unknown platform in limits: no error")
	}
	if _, err := Rules(Options{Limits: map[string]int{"x": 0}}); err == nil {
		t.Error("zero limit: no error")
	}
}

func TestHashtagCount(t *testing.T) {
	e := engine(t, Options{})
	tags := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "#tag%d ", i)
		}
		return "New in! " + b.String()
	}
	for _, c := range []struct {
		platform checker.Platform
		text     string
		want     int
	}{
		{checker.PlatformInstagram, tags(30), 0},
		{checker.PlatformInstagram, tags(31), 1},
		{checker.PlatformInstagram, tags(45), 1},
		{checker.PlatformX, tags(31), 0},
		{checker.PlatformLinkedIn, tags(40), 0},
	} {
		r := check(t, e, checker.Post{Text: c.text, Platform: c.platform})
		n := 0
		for _, f := range r.Findings {
			if f.Rule == "platform.hashtag_count" {
				n++
				if f.Severity != checker.SeverityHigh || !strings.HasPrefix(f.Match, "#tag30") {
					t.Errorf("%s: finding %+v", c.platform, f)
				}
			}
		}
		if n != c.want {
			t.Errorf("%s with %d chars: %d findings, want %d", c.platform, len(c.text), n, c.want)
		}
	}
}

func TestLinkHygiene(t *testing.T) {
	e := engine(t, Options{AllowShorteners: []string{"acme.co"}, Shorteners: []string{"go.acme.com"}})
	for _, c := range []struct {
		text string
		want []string // "severity match"
	}{
		{"Details: http://192.168.10.4/login", []string{"medium http://192.168.10.4/login"}},
		{"Visit 10.0.0.1:8080/admin.", []string{"medium 10.0.0.1:8080/admin"}},
		{`Login at "http://1.2.3.4/x", then (see http://5.6.7.8/a?b=c).`, []string{"medium http://1.2.3.4/x", "medium http://5.6.7.8/a?b=c"}},
		{"Read more https://bit.ly/3xYz", []string{"low https://bit.ly/3xYz"}},
		{"Copied from X: https://t.co/abc123", []string{"low https://t.co/abc123"}},
		{"Read more bit.ly/3xYz and tinyurl.com/abc", []string{"low bit.ly/3xYz", "low tinyurl.com/abc"}},
		{"Our link go.acme.com/x", []string{"low go.acme.com/x"}},
		{"Plain http://example.com/page", []string{"low http://example.com/page"}},
		{"Look-alike https://xn--pple-43d.com/login", []string{"medium https://xn--pple-43d.com/login"}},
		// Near misses.
		{"Version 1.2.3.4 is out, see https://example.com/release", nil},
		{"Our branded link acme.co/sale", nil},
		{"Visit https://www.example.com/shop", nil},
		{"Meet us at 10.30 on 1.2.2026", nil},
	} {
		r := check(t, e, checker.Post{Text: c.text, Platform: checker.PlatformLinkedIn})
		var got []string
		for _, f := range r.Findings {
			if f.Rule == "platform.link_hygiene" {
				got = append(got, f.Severity.String()+" "+f.Match)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
}

// TestGolden checks whole reports of a few posts against testdata/*.json;
// go test ./rules/platform -update rewrites them.
func TestAltText(t *testing.T) {
	e := engine(t, Options{})
	long := strings.Repeat("a", 1005)
	for _, c := range []struct {
		platform checker.Platform
		media    []checker.Media
		want     []string // "severity field"
	}{
		{checker.PlatformX, []checker.Media{{URL: "a.jpg", Alt: "A red coat on a hanger"}}, nil},
		{checker.PlatformX, []checker.Media{{URL: "a.jpg"}, {URL: "b.jpg", Alt: "  "}}, []string{"low media[0].alt", "low media[1].alt"}},
		{checker.PlatformX, []checker.Media{{URL: "a.jpg", Alt: long}}, []string{"medium media[0].alt"}},
		{checker.PlatformMastodon, []checker.Media{{URL: "a.jpg", Alt: long}}, nil},
		{checker.PlatformLinkedIn, []checker.Media{{URL: "a.jpg", Alt: long}}, nil},
	} {
		r := check(t, e, checker.Post{Text: "New in", Platform: c.platform, Media: c.media})
		var got []string
		for _, f := range r.Findings {
			if f.Rule == "platform.alt_text" {
				got = append(got, f.Severity.String()+" "+f.Field)
				if f.Severity == checker.SeverityMedium && (*f.Start != 1000 || *f.End != 1005) {
					t.Errorf("overflow span [%d,%d), want [1000,1005)", *f.Start, *f.End)
				}
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s %v: got %q, want %q", c.platform, len(c.media), got, c.want)
		}
	}
}

func TestLinkHygieneTcoOnX(t *testing.T) {
	e := engine(t, Options{})
	r := check(t, e, checker.Post{Text: "More at https://t.co/abc123", Platform: checker.PlatformX})
	if len(r.Findings) != 0 {
		t.Errorf("t.co on X flagged: %v", r.Findings)
	}
}

func TestGolden(t *testing.T) {
	e := engine(t, Options{})
	b, err := os.ReadFile(filepath.Join("testdata", "posts.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for line := range strings.SplitSeq(strings.TrimSpace(string(b)), "\n") {
		var p checker.Post
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Fatal(err)
		}
		r := check(t, e, p)
		r.Versions = nil
		j, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		out.Write(j)
		out.WriteByte('\n')
	}
	golden.Check(t, filepath.Join("testdata", "reports.golden.jsonl"), out.String())
}

// BenchmarkPlatformRules checks a 280-character X post with a link,
// hashtags and emoji through the platform rules (text analysis included).
func BenchmarkPlatformRules(b *testing.B) {
	e := engine(b, Options{})
	p := checker.Post{Text: "Friday feels! 🎉 Our summer sale is ON: save 30% on every jacket and get free shipping on orders over $50. " +
		"Shop now at https://shop.example.com/sale?utm=x before Sunday. Tag @ExampleBrand with #SummerSale #OOTD and tell us " +
		"your favourite look 😍 Limited time only, while stock lasts!!", Platform: checker.PlatformX, ScheduledAt: at}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Check(context.Background(), p); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMeterAgreesWithTheRule checks the exported meter counts as
// platform.length does and applies configured limits.
func TestMeterAgreesWithTheRule(t *testing.T) {
	m, err := NewMeter(Options{Limits: map[string]int{"mastodon": 5000}})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		s    string
		p    checker.Platform
		want int
	}{
		{"hello 👋🏽 https://example.com/a/very/long/path/that/goes/on", checker.PlatformX, 6 + 2 + 1 + 23},
		{"👋🏽👋🏽", checker.PlatformBluesky, 2},
		{"see https://example.com/a/very/long/path", checker.PlatformMastodon, 4 + 23},
		{"abc", checker.PlatformLinkedIn, 3},
		{"日本語", checker.PlatformX, 6},
		{"👨‍👩‍👧‍👦", checker.PlatformX, 2},
		{"café", checker.PlatformX, 4},
		{"👨‍👩‍👧‍👦a", checker.PlatformBluesky, 2},
		{"日本語", checker.PlatformLinkedIn, 3},
	}
	for _, c := range cases {
		if got := m.Length(c.s, c.p); got != c.want {
			t.Errorf("Length(%q, %s) = %d, want %d", c.s, c.p, got, c.want)
		}
	}
	if m.Limit(checker.PlatformMastodon) != 5000 || m.Limit(checker.PlatformX) != 280 {
		t.Errorf("limits: mastodon %d, x %d", m.Limit(checker.PlatformMastodon), m.Limit(checker.PlatformX))
	}
	if _, err := NewMeter(Options{Limits: map[string]int{"myspace": 1}}); err == nil {
		t.Error("unknown platform accepted")
	}
}
