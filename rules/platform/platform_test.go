package platform

import (
	"context"
	"encoding/json"
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

// TestGolden checks whole reports of the posts in testdata/posts.jsonl;
// go test ./rules/platform -update rewrites reports.golden.jsonl.
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
