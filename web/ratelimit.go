package web

import (
	"fmt"
	"math"
	"net/http"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
)

// limiter is a token bucket per client (API key or IP). Buckets idle long
// enough to be full again are forgotten, so the map stays bounded by the
// number of clients active in the last few seconds.
type limiter struct {
	rate  float64 // tokens per second
	burst float64
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

// maxBuckets caps the map even under a flood of distinct clients; beyond
// it, new clients share one bucket.
const maxBuckets = 100000

func newLimiter(rate float64, burst int, now func() time.Time) *limiter {
	if rate <= 0 {
		return nil
	}
	return &limiter{rate: rate, burst: float64(burst), now: now, buckets: map[string]*bucket{}}
}

// take removes n tokens from the client's bucket, or says how long to wait
// until they (or, for n over the burst, a full bucket) are there.
func (l *limiter) take(client string, n float64) (ok bool, wait time.Duration) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > time.Minute || len(l.buckets) >= maxBuckets {
		l.sweep(now)
	}
	b := l.buckets[client]
	if b == nil {
		if len(l.buckets) >= maxBuckets {
			client = "overflow"
			b = l.buckets[client]
		}
		if b == nil {
			b = &bucket{tokens: l.burst, last: now}
			l.buckets[client] = b
		}
	}
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens = math.Min(l.burst, b.tokens+el*l.rate)
	}
	b.last = now
	// A charge larger than the bucket (a batch of many posts) is let in
	// when the bucket is full and leaves it in debt: the client then waits
	// until the posts are paid for, so the sustained rate holds per post.
	need := math.Max(1, math.Min(n, l.burst))
	if b.tokens >= need {
		b.tokens -= n
		return true, 0
	}
	return false, time.Duration((need - b.tokens) / l.rate * float64(time.Second))
}

// sweep drops buckets that have refilled completely (debts included).
func (l *limiter) sweep(now time.Time) {
	for k, b := range l.buckets {
		full := time.Duration((l.burst - b.tokens) / l.rate * float64(time.Second))
		if now.Sub(b.last) > full {
			delete(l.buckets, k)
		}
	}
	l.swept = now
}

// rateLimit is the middleware: one token a request.
func (s *Server) rateLimit(c *fiber.Ctx) error {
	if err := s.take(s.limiter, client(c), 1); err != nil {
		return err
	}
	return c.Next()
}

// batchAdmit is the rate-limit middleware of the batch routes: it lets a
// request in when the client's bucket has a token but charges nothing; the
// handler charges one token per post once it has counted them.
func (s *Server) batchAdmit(c *fiber.Ctx) error {
	if err := s.take(s.limiter, client(c), 0); err != nil {
		return err
	}
	return c.Next()
}

// take charges n tokens to a client's bucket of l (nil: no limit), or says
// when to retry; n = 0 only checks that the bucket has a token.
func (s *Server) take(l *limiter, client string, n float64) error {
	if l == nil || client == localClient {
		return nil
	}
	if ok, wait := l.take(client, n); !ok {
		secs := int(math.Ceil(wait.Seconds()))
		return &apiError{Status: http.StatusTooManyRequests, Code: CodeRateLimited, RetryAfter: max(1, secs),
			Message: "too many requests; retry after the number of seconds in Retry-After"}
	}
	return nil
}

// batchSlots caps the batches in flight, per client and in all, so
// parallel batches cannot hold unbounded memory: each holds its body and
// its decoded posts until its last line is written.
type batchSlots struct {
	mu        sync.Mutex
	perClient int
	total     int
	inFlight  map[string]int
	all       int
}

func newBatchSlots(perClient, total int) *batchSlots {
	return &batchSlots{perClient: perClient, total: total, inFlight: map[string]int{}}
}

// acquire takes a slot for client, or returns the error to answer; release
// must be called exactly once after a successful acquire.
func (b *batchSlots) acquire(client string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.inFlight[client] >= b.perClient {
		return &apiError{Status: http.StatusTooManyRequests, Code: CodeRateLimited, RetryAfter: 5,
			Message: fmt.Sprintf("%d batches from this client are already running (service.batch_concurrency); wait for one to finish", b.perClient)}
	}
	if b.all >= b.total {
		return &apiError{Status: http.StatusServiceUnavailable, Code: CodeUnavailable, RetryAfter: 5,
			Message: fmt.Sprintf("the service is running %d batches, its limit (service.batch_concurrency_total); retry shortly", b.total)}
	}
	b.inFlight[client]++
	b.all++
	return nil
}

func (b *batchSlots) release(client string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.inFlight[client]--; b.inFlight[client] <= 0 {
		delete(b.inFlight, client)
	}
	b.all--
}
