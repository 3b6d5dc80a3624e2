package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/queue"
	"github.com/preflight-dev/preflight/web"
)

// BenchmarkHookAudit is the check path's latency with the audit log on
// and off, paired: each round sends the scheduler's pre-publish call for a
// queued post to a service with the queue (the verdict is appended to the
// audit log in SQLite) and the same post to a service without one, so
// both see the same machine load. It reports p50 and p99 of each (the
// goal: p99 under 1 ms with the audit on). Rules are the real ones; no news
// index, so the figure is the audit's cost over the rules'.
func BenchmarkHookAudit(b *testing.B) {
	ctx := context.Background()
	now := time.Date(2026, 6, 9, 8, 0, 0, 0, time.UTC)
	a, err := openApp(ctx, appOptions{dataDir: b.TempDir(), noNews: true})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	store, err := queue.OpenSQLite(ctx, filepath.Join(b.TempDir(), queueFile))
	if err != nil {
		b.Fatal(err)
	}
	q := queue.New(store, a.engine, func() time.Time { return now })
	defer q.Close()
	const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	server := func(q *queue.Queue) *web.Server {
		s, err := web.New(web.Deps{Engine: a.engine, Calendar: a.calendar, Now: func() time.Time { return now }, Queue: q,
			Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
			Options: web.Options{HookSecrets: []string{secret}, RateLimit: -1}, Getenv: func(string) string { return "" }})
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	on, off := server(q), server(nil)
	body := fmt.Sprintf(`{"id":"queued-1","text":%q,"scheduled_at":%q,"regions":["US","GB"],"brand":"Northway"}`,
		post280.Text, now.Add(2*time.Hour).Format(time.RFC3339))
	p, _ := checker.ParsePlatform("x")
	if _, err := q.Add(ctx, []checker.Post{{ID: "queued-1", Text: post280.Text, ScheduledAt: now.Add(2 * time.Hour),
		Regions: []string{"US", "GB"}, Brand: "Northway", Platform: p}}, "bench"); err != nil {
		b.Fatal(err)
	}
	signer, _ := standardwebhooks.NewWebhook(secret)
	n := 0
	call := func(s *web.Server) time.Duration {
		n++
		id := "bench-" + strconv.Itoa(n)
		sig, _ := signer.Sign(id, now, []byte(body))
		req := httptest.NewRequest("POST", "/v1/hooks/prepublish", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("webhook-id", id)
		req.Header.Set("webhook-timestamp", strconv.FormatInt(now.Unix(), 10))
		req.Header.Set("webhook-signature", sig)
		start := time.Now()
		resp, err := s.App().Test(req, -1)
		took := time.Since(start)
		if err != nil || resp.StatusCode != 200 {
			b.Fatalf("hook: %v %v", resp, err)
		}
		resp.Body.Close()
		return took
	}
	var withAudit, without []time.Duration
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 { // each goes first half the time
			withAudit = append(withAudit, call(on))
			without = append(without, call(off))
		} else {
			without = append(without, call(off))
			withAudit = append(withAudit, call(on))
		}
	}
	b.StopTimer()
	if err := q.Close(); err != nil {
		b.Fatal(err)
	}
	recs, err := store.Audit(ctx, queue.AuditFilter{PostID: "queued-1"})
	if err != nil || len(recs) != len(withAudit)+1 { // +1: the add
		b.Fatalf("audit has %d records for %d checks (%v)", len(recs), len(withAudit), err)
	}
	pct := func(ds []time.Duration, p float64) float64 {
		slices.Sort(ds)
		return float64(ds[int(p*float64(len(ds)-1))].Microseconds())
	}
	b.ReportMetric(pct(withAudit, 0.5), "p50-audit-µs")
	b.ReportMetric(pct(withAudit, 0.99), "p99-audit-µs")
	b.ReportMetric(pct(without, 0.5), "p50-noaudit-µs")
	b.ReportMetric(pct(without, 0.99), "p99-noaudit-µs")
}
