package web

import (
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
// until they are there.
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
	n = math.Min(n, l.burst)
	if b.tokens >= n {
		b.tokens -= n
		return true, 0
	}
	return false, time.Duration((n - b.tokens) / l.rate * float64(time.Second))
}

// sweep drops buckets that have refilled completely.
func (l *limiter) sweep(now time.Time) {
	full := time.Duration(l.burst / l.rate * float64(time.Second))
	for k, b := range l.buckets {
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

// take charges n tokens to a client's bucket of l (nil: no limit), or says
// when to retry.
func (s *Server) take(l *limiter, client string, n float64) error {
	if l == nil {
		return nil
	}
	if ok, wait := l.take(client, n); !ok {
		secs := int(math.Ceil(wait.Seconds()))
		return &apiError{Status: http.StatusTooManyRequests, Code: CodeRateLimited, RetryAfter: max(1, secs),
			Message: "too many requests; retry after the number of seconds in Retry-After"}
	}
	return nil
}
