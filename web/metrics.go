package web

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/preflight-dev/preflight/checker"
)

// metrics holds the service's Prometheus metrics, written in the text
// exposition format by hand: a handful of counters and one histogram do
// not justify the client library's dependencies.
type metrics struct {
	checks   [3]atomic.Uint64 // by verdict: pass, review, block
	latency  histogram
	mu       sync.Mutex
	requests map[reqKey]uint64
}

type reqKey struct {
	route  string
	status int
}

var verdicts = [3]checker.Verdict{checker.VerdictPass, checker.VerdictReview, checker.VerdictBlock}

// latencyBuckets are the check-latency histogram's upper bounds in seconds.
var latencyBuckets = []float64{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5}

type histogram struct {
	counts [15]atomic.Uint64 // len(latencyBuckets)+1 (+Inf)
	sumNs  atomic.Uint64
}

func newMetrics() *metrics { return &metrics{requests: map[reqKey]uint64{}} }

func (m *metrics) checked(v checker.Verdict, d time.Duration) {
	if i := slices.Index(verdicts[:], v); i >= 0 {
		m.checks[i].Add(1)
	}
	sec := d.Seconds()
	i, _ := slices.BinarySearch(latencyBuckets, sec)
	m.latency.counts[i].Add(1)
	m.latency.sumNs.Add(uint64(d.Nanoseconds()))
}

func (m *metrics) request(route string, status int) {
	m.mu.Lock()
	m.requests[reqKey{route, status}]++
	m.mu.Unlock()
}

// write renders the metrics in the Prometheus text format.
func (m *metrics) write(w io.Writer, newsLatest time.Time, haveNews bool, now time.Time) {
	fmt.Fprintln(w, "# HELP preflight_checks_total Posts checked, by verdict.")
	fmt.Fprintln(w, "# TYPE preflight_checks_total counter")
	for i, v := range verdicts {
		fmt.Fprintf(w, "preflight_checks_total{verdict=%q} %d\n", v, m.checks[i].Load())
	}
	fmt.Fprintln(w, "# HELP preflight_check_duration_seconds Time to check one post.")
	fmt.Fprintln(w, "# TYPE preflight_check_duration_seconds histogram")
	var cum uint64
	for i, le := range latencyBuckets {
		cum += m.latency.counts[i].Load()
		fmt.Fprintf(w, "preflight_check_duration_seconds_bucket{le=%q} %d\n", strconv.FormatFloat(le, 'g', -1, 64), cum)
	}
	cum += m.latency.counts[len(latencyBuckets)].Load()
	fmt.Fprintf(w, "preflight_check_duration_seconds_bucket{le=\"+Inf\"} %d\n", cum)
	fmt.Fprintf(w, "preflight_check_duration_seconds_sum %g\n", float64(m.latency.sumNs.Load())/1e9)
	fmt.Fprintf(w, "preflight_check_duration_seconds_count %d\n", cum)

	fmt.Fprintln(w, "# HELP preflight_news_latest_timestamp_seconds Publication time of the freshest article in the news index (0 when empty or absent).")
	fmt.Fprintln(w, "# TYPE preflight_news_latest_timestamp_seconds gauge")
	age := math.NaN()
	ts := 0.0
	if haveNews && !newsLatest.IsZero() {
		ts = float64(newsLatest.Unix())
		age = now.Sub(newsLatest).Seconds()
	}
	fmt.Fprintf(w, "preflight_news_latest_timestamp_seconds %g\n", ts)
	fmt.Fprintln(w, "# HELP preflight_news_age_seconds How old the freshest article in the news index is (NaN when none): alert when polling stops.")
	fmt.Fprintln(w, "# TYPE preflight_news_age_seconds gauge")
	fmt.Fprintf(w, "preflight_news_age_seconds %s\n", promFloat(age))

	fmt.Fprintln(w, "# HELP preflight_http_requests_total HTTP requests, by route and status.")
	fmt.Fprintln(w, "# TYPE preflight_http_requests_total counter")
	m.mu.Lock()
	keys := make([]reqKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b reqKey) int {
		if c := strings.Compare(a.route, b.route); c != 0 {
			return c
		}
		return a.status - b.status
	})
	for _, k := range keys {
		fmt.Fprintf(w, "preflight_http_requests_total{route=%q,status=\"%d\"} %d\n", k.route, k.status, m.requests[k])
	}
	m.mu.Unlock()
}

func promFloat(f float64) string {
	if math.IsNaN(f) {
		return "NaN"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// handleMetrics is GET /metrics.
func (s *Server) handleMetrics(c *fiber.Ctx) error {
	var latest time.Time
	if s.news != nil {
		latest = s.news.Latest()
	}
	var b strings.Builder
	s.metrics.write(&b, latest, s.news != nil, s.now())
	c.Set(fiber.HeaderContentType, "text/plain; version=0.0.4; charset=utf-8")
	return c.SendString(b.String())
}
