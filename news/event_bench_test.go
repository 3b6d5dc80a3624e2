package news

import (
	"context"
	"fmt"
	"math/rand"
	"sort"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// BenchmarkEvents measures grouping a week of crisis news into events, as
// the news rules ask for it once per post, at the density of an index of
// 100,000 and of 1,000,000 articles a year (about 100 and 1,000 crisis
// articles in the week). Each query's week ends at another time in a
// month of news, as posts spread over time ask: an answer is seldom the
// one remembered for the previous post.
func BenchmarkEvents(b *testing.B) {
	for _, perYear := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("articles-per-year=%d", perYear), func(b *testing.B) {
			n := perYear * 5 / 52 // five weeks
			arts := synthetic(n, 3)
			start := at("2031-03-01T00:00:00Z")
			for i := range arts {
				arts[i].Published = start.Add(time.Duration(i) * 35 * 24 * time.Hour / time.Duration(n))
			}
			ix := memIndex(b, arts)
			q := checker.EventQuery{Window: 7 * 24 * time.Hour, MinSeverity: 0.45,
				Classes: []checker.CrisisClass{checker.CrisisAttack, checker.CrisisShooting, checker.CrisisDisaster,
					checker.CrisisDeath, checker.CrisisUnrest, checker.CrisisMourning},
				Countries: []string{"US", "CA", "MX"}, Limit: 12}
			r := rand.New(rand.NewSource(1))
			samples := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				q.At = start.Add(7*24*time.Hour + time.Duration(r.Int63n(int64(28*24*time.Hour))))
				t0 := time.Now()
				if _, err := ix.Events(context.Background(), q); err != nil {
					b.Fatal(err)
				}
				samples = append(samples, time.Since(t0))
			}
			b.StopTimer()
			sort.Slice(samples, func(i, j int) bool { return samples[i] < samples[j] })
			b.ReportMetric(float64(samples[len(samples)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(samples[len(samples)*99/100].Microseconds()), "p99-µs")
		})
	}
}
