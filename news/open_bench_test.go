package news_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/news"
)

// BenchmarkOpen measures opening an on-disk index of 100k synthetic
// articles (1M with PREFLIGHT_BENCH_1M=1), as a one-post CLI check does,
// then (first-check) opening it and asking what the news rules ask of a
// post's window for the first time: a week's events and three days of
// crisis articles. Neither must grow with the archive. PREFLIGHT_BENCH_INDEX
// names a data folder to build once and reuse across runs (and binaries).
func BenchmarkOpen(b *testing.B) {
	n := 100_000
	if os.Getenv("PREFLIGHT_BENCH_1M") == "1" {
		n = 1_000_000
	}
	dir := os.Getenv("PREFLIGHT_BENCH_INDEX")
	if dir == "" {
		dir = b.TempDir()
	}
	if _, err := os.Stat(dir + "/news.bleve/index_meta.json"); err != nil {
		ix, err := news.Open(dir, news.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for start := 0; start < n; start += 50_000 {
			if _, err := ix.Add(context.Background(), news.Synthetic(min(50_000, n-start), int64(start+1))); err != nil {
				b.Fatal(err)
			}
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
	}
	for _, first := range []bool{false, true} {
		name := fmt.Sprintf("articles=%d", n)
		if first {
			name += "/first-check"
		}
		b.Run(name, func(b *testing.B) { benchOpen(b, dir, first) })
	}
}

func benchOpen(b *testing.B, dir string, firstCheck bool) {
	ctx := context.Background()
	at := news.SyntheticStart.Add(200*24*time.Hour + 7*time.Hour)
	var peak uint64
	for b.Loop() {
		var before runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		ix, err := news.Open(dir, news.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if firstCheck {
			if _, err := ix.Events(ctx, checker.EventQuery{At: at, Window: 7 * 24 * time.Hour, MinSeverity: 0.45, Limit: 12}); err != nil {
				b.Fatal(err)
			}
			if _, err := ix.Search(ctx, checker.NewsQuery{At: at, Window: 72 * time.Hour, Terms: []string{"Houston"}}); err != nil {
				b.Fatal(err)
			}
		}
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		peak = max(peak, after.TotalAlloc-before.TotalAlloc)
		ix.Close()
	}
	b.ReportMetric(float64(peak)/(1<<20), "alloc-MiB/op")
}
