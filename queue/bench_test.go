package queue

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// BenchmarkAuditAppend is the audit log's cost per check: one record with
// the post and a report of two findings with evidence, in its own
// transaction (as a single check writes it).
func BenchmarkAuditAppend(b *testing.B) {
	ctx := context.Background()
	store, err := OpenSQLite(ctx, b.TempDir()+"/q.db")
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	now := time.Date(2026, 6, 9, 8, 0, 0, 0, time.UTC)
	p := checker.Post{ID: "p", Text: "Weekend in Lakeport? Our harbour rooftop bar opens tonight with 2-for-1 cocktails!", ScheduledAt: now.Add(10 * time.Hour), Regions: []string{"GB"}}
	rep := checker.Report{Verdict: checker.VerdictBlock, Score: 100, Findings: []checker.Finding{
		{Rule: "news.tragedy_overlap", Severity: checker.SeverityCritical, Message: "names Lakeport, in the news", Evidence: []checker.Evidence{{Type: "news", Title: "Ferry fire in Lakeport harbour kills 14", URL: "https://news.example/x"}}},
		{Rule: "content.party", Severity: checker.SeverityMedium, Message: "party content"}}}
	raw, _ := json.Marshal(rep)
	q := New(store, nil, func() time.Time { return now })
	e := Entry{ID: p.ID, Post: p, Verdict: rep.Verdict, Score: rep.Score, Report: raw, Status: StatusHeld, CheckedAt: now, UpdatedAt: now}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		e.ID = fmt.Sprint("p", i)
		i++
		if err := store.Append(ctx, []AuditRecord{q.record(e, "hook", "", "")}); err != nil {
			b.Fatal(err)
		}
	}
}
