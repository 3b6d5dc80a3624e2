package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/postio"
	"github.com/preflight-dev/preflight/web"
)

// builders are the functions that compile a regular expression or a
// lexicon: they belong to start-up (or a first use), never to each check.
var builders = []string{"regexp.compile", "regexp/syntax.Parse", "text.NewLexiconWith", "text.compilePhrase",
	"rules/internal/lexicon.New", "rules/internal/pack.Compile"}

// builderAllocs is how many allocations the memory profile attributes to
// each builder so far (cumulative since the process started).
func builderAllocs() map[string]int64 {
	runtime.GC()
	runtime.GC() // the profile is published one cycle late
	var recs []runtime.MemProfileRecord
	n, _ := runtime.MemProfile(nil, true)
	for {
		recs = make([]runtime.MemProfileRecord, n+50)
		var ok bool
		if n, ok = runtime.MemProfile(recs, true); ok {
			recs = recs[:n]
			break
		}
	}
	out := map[string]int64{}
	for _, r := range recs {
		frames := runtime.CallersFrames(r.Stack())
		for {
			f, more := frames.Next()
			for _, b := range builders {
				if strings.HasSuffix(f.Function, b) || strings.Contains(f.Function, b+".") || strings.Contains(f.Function, b+"[") {
					out[b] += r.AllocObjects
				}
			}
			if !more {
				break
			}
		}
	}
	return out
}

// The hot path of a check (reading the post, every rule, writing the
// report), in the CLI and in the service's POST /v1/check, compiles no
// regular expression and builds no lexicon: those are built once, at
// start-up or on first use. The memory profile records every allocation
// while the posts are checked a second time.
func TestNoRegexpOrLexiconPerCheck(t *testing.T) {
	old := runtime.MemProfileRate
	runtime.MemProfileRate = 1
	defer func() { runtime.MemProfileRate = old }()
	a, err := openApp(context.Background(), appOptions{dataDir: t.TempDir(), noNews: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	lines := []string{
		`{"text":"Our winter sale starts today: 30% off coats at https://shop.example.com #WinterSale #AskNorthway @northway","brand":"Northway","regions":["US","GB"],"scheduled_at":"2026-05-25T10:00:00Z"}`,
		`{"text":"So sorry to hear that, DM us your order number and email sam@example.com","kind":"reply","brand":"Northway"}`,
		`{"text":"Happy Memorial Day! Enjoy 20% off, lol what a f*cking deal 🎉","regions":["US"],"scheduled_at":"2026-05-25T10:00:00Z","media":[{"alt":""}]}`,
		`{"text":"God jul og godt nytt år fra oss alle! #julesalg","language":"no","regions":["NO"],"scheduled_at":"2026-12-24T10:00:00Z"}`,
		`{"text":"Thinking of everyone affected by the storm tonight. #prayers","scheduled_at":"2026-06-01T20:00:00Z"}`,
	}
	// The service's check path: the same posts through POST /v1/check.
	srv, err := web.New(web.Deps{Engine: a.engine, Calendar: a.calendar, Options: web.Options{RateLimit: -1, APIKeys: []string{"k-hot"}},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Getenv: func(string) string { return "" },
		Now: func() time.Time { return time.Date(2026, 5, 20, 9, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	run := func() {
		for _, l := range lines {
			req := httptest.NewRequest("POST", "/v1/check", strings.NewReader(l))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer k-hot")
			resp, err := srv.App().Test(req, -1)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Fatalf("POST /v1/check: %d %s", resp.StatusCode, body)
			}
		}
		for _, l := range lines {
			p, err := postio.DecodePost([]byte(l))
			if err != nil {
				t.Fatal(err)
			}
			rep, err := a.engine.Check(context.Background(), p)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := rep.AppendJSON(nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	run() // first use may build what it needs once
	before := builderAllocs()
	if before["regexp.compile"] == 0 || before["text.NewLexiconWith"] == 0 {
		t.Fatalf("the profile shows no start-up compiles (%v): it could not show one per check either", before)
	}
	run()
	after := builderAllocs()
	for _, b := range builders {
		if d := after[b] - before[b]; d > 0 {
			t.Errorf("checking %d posts twice (CLI path and service) allocated %d objects in %s: something is compiled per check", len(lines), d, b)
		}
	}
}

// BenchmarkCheckBatchJSONL is the batch path of preflight check over
// 10,000 posts: stream JSONL, check on every core, write JSONL in order.
// The figure to compare with peers is CPU per post (cpu-ns/post).
func BenchmarkCheckBatchJSONL(b *testing.B) {
	var in bytes.Buffer
	texts := []string{
		"@115712 I understand. I would like to assist you. We would need to get you into a private secured link to further assist.",
		"Our winter sale starts today: 30% off coats https://shop.example.com #WinterSale",
		"So sorry about the delay! Please DM us your order number and we'll look into it right away.",
		"Tell us your favourite recipe in the comments! #RecipeFriday",
	}
	for i := range 10_000 {
		in.WriteString(`{"id":"p` + time.Duration(i).String() + `","text":"` + texts[i%len(texts)] + `","kind":"reply","brand":"sprintcare","regions":["US"],"scheduled_at":"2026-03-01T10:00:00Z"}` + "\n")
	}
	dir := b.TempDir()
	b.ReportAllocs()
	start, posts := cpuTime(), 0
	for b.Loop() {
		err := run(context.Background(), []string{"check", "--data", dir, "--no-news", "--format", "jsonl", "-"}, bytes.NewReader(in.Bytes()), discard{}, discard{})
		if err != nil && err != errBlocked {
			b.Fatal(err)
		}
		posts += 10_000
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(posts), "cpu-ns/post")
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
