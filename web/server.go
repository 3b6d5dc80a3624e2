package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/queue"
)

// NewsIndex is what the service needs of the news index: the rules' Search,
// plus a free-text Lookup for /v1/news/search and the time of the freshest
// article for readiness and metrics. *news.Index implements it.
type NewsIndex interface {
	checker.News
	Lookup(ctx context.Context, query string, at time.Time, limit int) ([]checker.Article, error)
	Latest() time.Time
}

// Record is one post read from an uploaded file, with the line (or row) it
// came from; Err is set when that record could not be read.
type Record struct {
	Line int
	Post checker.Post
	Err  error
}

// PostReader reads posts from a JSONL, JSON or CSV (Hootsuite, Buffer,
// Sprout Social) upload; name is the file name, whose extension picks the
// format, and opts say how to read CSV dates. It returns an error only when
// nothing can be read.
type PostReader func(r io.Reader, name string, opts ReadOptions) ([]Record, error)

// LengthMeter counts a text's length as a platform does and knows the
// platform's limit (0 when none).
type LengthMeter interface {
	Length(text string, p checker.Platform) int
	Limit(p checker.Platform) int
}

// Deps is what a Server is built from. Engine is required.
type Deps struct {
	Engine   *checker.Engine
	Calendar checker.Calendar // optional: /v1/calendar and the week ahead
	// News is optional; a nil pointer in the interface counts as none.
	News NewsIndex
	// ReadPosts reads batch-page uploads; nil means postio.Read (JSONL,
	// JSON, and the Hootsuite, Buffer and Sprout Social CSV formats).
	ReadPosts PostReader
	// Meter counts a draft's length as each platform does, for the form's
	// counters (cmd/preflight passes the platform rules' meter, so the
	// counter and platform.length agree); nil shows no counters.
	Meter   LengthMeter
	Logger  *slog.Logger
	Options Options
	// Now is the clock (tests pin it); nil means time.Now.
	Now func() time.Time
	// Getenv reads PREFLIGHT_HOOK_SECRET; nil means os.Getenv.
	Getenv func(string) string
	// DataDir is the data folder, where the hook keeps the webhook-ids it
	// has answered (DeliveriesFile) across restarts; empty keeps them in
	// memory only.
	DataDir string
	// Queue is the queue of scheduled posts (/v1/queue, /v1/crises, the
	// queue page, the hook's registrations); nil answers those with 503.
	Queue *queue.Queue
	// Recheck runs an on-demand re-check (the service's queue watcher, so
	// it respects the leader); nil re-checks through Queue directly.
	Recheck func(ctx context.Context) (queue.RecheckSummary, error)
	// Replay judges an audit record's post again with the news known when
	// it was judged (POST /v1/audit/{seq}/replay), with the index this
	// service holds; nil answers that route with 503.
	Replay func(ctx context.Context, seq int64) (queue.ReplayResult, error)
}

// Server is the HTTP service. Build it with New; it is safe for concurrent
// use.
type Server struct {
	engine   *checker.Engine
	calendar checker.Calendar
	news     NewsIndex
	read     PostReader
	meter    LengthMeter
	log      *slog.Logger
	opts     Options
	now      func() time.Time
	keys     *keyring
	hook     *verifier
	limiter  *limiter
	// hookLimiter is the signed hook deliveries' budget, apart from
	// everything else so no flood can spend it.
	hookLimiter *limiter
	deliveries  *deliveryStore
	batchSlots  *batchSlots
	// turns admits Options.CheckConcurrency checks at once; the others
	// wait on it in arrival order (a channel's blocked senders are
	// served first come, first served).
	turns   chan struct{}
	metrics *metrics
	pages   *pages
	batches *batchStore
	zone    *time.Location
	isLocal func(net.IP) bool
	// listenAddr is the address Serve listens on, for the Host check.
	listenAddr atomic.Pointer[net.TCPAddr]
	app        *fiber.App
	imports    *newsImport // POST /v1/news/import; nil until EnableNewsImport
	queue      *queue.Queue
	recheck    func(ctx context.Context) (queue.RecheckSummary, error)
	replay     func(ctx context.Context, seq int64) (queue.ReplayResult, error)
	idem       *idempotency
}

// The hook remembers at most maxDeliveries answers and maxDeliveryBytes of
// answer bodies (the oldest go first; a retry of a forgotten id is checked
// again).
const (
	maxDeliveries    = 20000
	maxDeliveryBytes = 32 << 20
)

// HookSecretEnv is the environment variable with the hook's signing
// secrets, comma-separated.
const HookSecretEnv = "PREFLIGHT_HOOK_SECRET"

// New builds the service and its routes.
func New(d Deps) (*Server, error) {
	if d.Engine == nil {
		return nil, errors.New("web: Deps.Engine is required")
	}
	if d.News != nil {
		// A nil *news.Index inside the interface would panic on first use.
		if v := reflect.ValueOf(d.News); v.Kind() == reflect.Pointer && v.IsNil() {
			d.News = nil
		}
	}
	s := &Server{engine: d.Engine, calendar: d.Calendar, news: d.News, read: d.ReadPosts, meter: d.Meter,
		log: d.Logger, opts: d.Options.withDefaults(), now: d.Now, isLocal: isLoopback,
		queue: d.Queue, recheck: d.Recheck, replay: d.Replay, idem: newIdempotency(10000, 24*time.Hour)}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.read == nil {
		s.read = readPostio
	}
	getenv := d.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	zone, err := time.LoadLocation(s.opts.Timezone)
	if err != nil {
		return nil, fmt.Errorf("service.timezone: %w", err)
	}
	s.zone = zone
	s.keys = newKeyring(s.opts.APIKeys)
	secrets := splitSecrets(append([]string{getenv(HookSecretEnv)}, s.opts.HookSecrets...)...)
	if s.hook, err = newVerifier(secrets, s.opts.HookTolerance, s.now); err != nil {
		return nil, err
	}
	s.limiter = newLimiter(s.opts.RateLimit, s.opts.RateBurst, time.Now)
	s.hookLimiter = newLimiter(s.opts.RateLimit, s.opts.RateBurst, time.Now)
	s.batchSlots = newBatchSlots(s.opts.BatchConcurrency, s.opts.BatchConcurrencyTotal)
	s.turns = make(chan struct{}, s.opts.CheckConcurrency)
	storePath := ""
	if d.DataDir != "" && len(s.hook.keys) > 0 { // no hook, no file
		storePath = filepath.Join(d.DataDir, DeliveriesFile)
	}
	if s.deliveries, err = newDeliveryStore(maxDeliveries, maxDeliveryBytes, storePath, s.now(), s.log); err != nil {
		return nil, err
	}
	s.metrics = newMetrics()
	if s.pages, err = newPages(); err != nil {
		return nil, err
	}
	s.batches = newBatchStore(32, time.Hour)
	s.app = fiber.New(fiber.Config{
		AppName:               "preflight",
		Immutable:             true,
		BodyLimit:             s.opts.BatchBodyLimit,
		ReadTimeout:           s.opts.ReadTimeout,
		WriteTimeout:          s.opts.WriteTimeout,
		IdleTimeout:           s.opts.IdleTimeout,
		ErrorHandler:          s.handleError,
		DisableStartupMessage: true,
	})
	s.routes()
	return s, nil
}

// handleError is Fiber's ErrorHandler. Errors the HTTP server raises before
// a route runs (a body over the limit, a request that took too long to
// arrive, headers too large) carry no trustworthy path, so they are
// answered as JSON, like every other API error, unless the client asked for
// HTML; a body over the limit names the limit.
func (s *Server) handleError(c *fiber.Ctx, err error) error {
	var fe *fiber.Error
	if !errors.As(err, &fe) {
		return s.errorHandler(c, err)
	}
	switch fe.Code {
	case fiber.StatusRequestEntityTooLarge:
		err = &apiError{Status: fe.Code, Code: CodeTooLarge, err: err,
			Message: fmt.Sprintf("the request body is larger than the %d bytes this service accepts (service.batch_body_limit)", s.opts.BatchBodyLimit)}
	case fiber.StatusRequestTimeout, fiber.StatusRequestHeaderFieldsTooLarge:
	default:
		return s.errorHandler(c, err)
	}
	if isPage(c) && strings.Contains(c.Get(fiber.HeaderAccept), "text/html") {
		return s.errorHandler(c, err)
	}
	p := problem(err)
	if fe.Code == fiber.StatusRequestHeaderFieldsTooLarge {
		p = &apiError{Status: fe.Code, Code: CodeTooLarge, Message: "the request headers are larger than this service accepts", err: err}
	}
	return c.Status(p.Status).JSON(p)
}

// App returns the Fiber app, for tests (app.Test) and embedding.
func (s *Server) App() *fiber.App { return s.app }

// HookConfigured reports whether the scheduler hook has a signing secret.
func (s *Server) HookConfigured() bool { return len(s.hook.keys) > 0 }

// Listen serves on addr until ctx ends, then shuts down gracefully.
func (s *Server) Listen(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx ends. Then it stops accepting connections,
// lets in-flight requests finish (up to Options.ShutdownTimeout) and
// returns nil.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	tcp, _ := ln.Addr().(*net.TCPAddr)
	if tcp != nil {
		s.listenAddr.Store(tcp)
	}
	if tcp != nil && len(s.keys.hashes) == 0 && !tcp.IP.IsLoopback() {
		s.log.Warn("serving on a non-loopback address without API keys: only requests from this machine are answered; set service.api_keys in preflight.yaml to open the service to the network", "addr", tcp.String())
	}
	errc := make(chan error, 1)
	go func() { errc <- s.app.Listener(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down; finishing in-flight requests", "timeout", s.opts.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), s.opts.ShutdownTimeout)
	defer cancel()
	if err := s.app.ShutdownWithContext(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	// When ctx ends before the server has taken ln, Shutdown does not know
	// it; closing it ends the Accept loop either way.
	ln.Close()
	if err := <-errc; err != nil && !errors.Is(err, net.ErrClosed) {
		return err
	}
	return s.Close()
}

// Close releases the hook's delivery file. Serve calls it on shutdown.
func (s *Server) Close() error { return s.deliveries.close() }

// routes registers every route. The JSON API routes must match
// openapi.json (a test keeps them in step).
func (s *Server) routes() {
	a := s.app
	a.Use(s.recoverPanic, s.observe, s.checkHost)
	api := s.authenticate(false)
	page := s.authenticate(true)
	form := contentTypes(false, fiber.MIMEApplicationForm, fiber.MIMEMultipartForm)
	upload := contentTypes(false, fiber.MIMEMultipartForm)
	jsonBody := contentTypes(false, fiber.MIMEApplicationJSON, "+json")
	batchBody := contentTypes(false, fiber.MIMEApplicationJSON, "+json", "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "text/csv")
	hookBody := contentTypes(true, fiber.MIMEApplicationJSON, "+json", fiber.MIMEApplicationForm)

	// Liveness stays open for probes; readiness, metrics and the API
	// description tell an outsider what runs here (rules, news age, request
	// counts), so with keys configured they need one, as /v1 does.
	a.Get("/healthz", s.handleHealth)
	a.Get("/readyz", api, s.handleReady)
	a.Get("/metrics", api, s.handleMetrics)
	a.Get("/openapi.json", page, s.handleOpenAPI)

	a.Post("/v1/check", api, jsonBody, s.rateLimit, s.handleCheck)
	a.Post("/v1/check/batch", api, batchBody, s.batchAdmit, s.handleBatch)
	a.Get("/v1/calendar", api, s.rateLimit, s.handleCalendar)
	a.Get("/v1/news/search", api, s.rateLimit, s.handleNewsSearch)
	a.Post("/v1/news/import", s.authenticateImport, s.rateLimit, s.handleNewsImport)
	// The hook charges its own budgets: see handleHook.
	a.Post("/v1/hooks/prepublish", hookBody, s.handleHook)

	q := s.queueEnabled
	a.Post("/v1/queue", api, q, jsonBody, s.rateLimit, s.handleQueueAdd)
	a.Get("/v1/queue", api, q, s.rateLimit, s.handleQueueList)
	a.Post("/v1/queue/recheck", api, q, s.rateLimit, s.handleQueueRecheck)
	a.Post("/v1/audit/:seq/replay", api, q, s.rateLimit, s.handleReplay)
	a.Get("/v1/queue/:id", api, q, s.rateLimit, s.handleQueueGet)
	a.Post("/v1/queue/:id/suppress", api, q, jsonBody, s.rateLimit, s.handleSuppress)
	for _, act := range []string{"hold", "release", "cancel", "published"} {
		a.Post("/v1/queue/:id/"+act, api, q, s.rateLimit, s.handleQueueAction(act))
	}
	a.Get("/v1/crises", api, q, s.rateLimit, s.handleCrisisList)
	a.Post("/v1/crises", api, q, jsonBody, s.rateLimit, s.handleCrisisStart)
	a.Post("/v1/crises/:id/confirm", api, q, s.rateLimit, s.handleCrisisAction("confirm"))
	a.Post("/v1/crises/:id/end", api, q, s.rateLimit, s.handleCrisisAction("end"))
	a.Get("/queue", page, s.handleQueuePage)
	a.Post("/queue/crisis", page, s.sameOrigin, form, q, s.rateLimit, s.handleQueuePageCrisis)
	a.Post("/queue/crisis/:id/:action", page, s.sameOrigin, form, q, s.rateLimit, s.handleQueuePageCrisisAction)
	a.Post("/queue/:id/:action", page, s.sameOrigin, form, q, s.rateLimit, s.handleQueuePageAction)

	a.Get("/", page, s.handleForm)
	a.Post("/", page, s.sameOrigin, form, s.rateLimit, s.handleFormPost)
	a.Get("/batch", page, s.handleBatchPage)
	a.Post("/batch", page, s.sameOrigin, upload, s.batchAdmit, s.handleBatchUpload)
	a.Get("/batch/:token.:format", page, s.handleBatchDownload)
	a.Get("/static/:file", s.handleStatic)
}

// recoverPanic turns a handler panic into a 500 with a logged stack.
func (s *Server) recoverPanic(c *fiber.Ctx) (err error) {
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("panic in handler", "request_id", requestID(c), "path", c.Path(), "panic", v)
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	return c.Next()
}

// requestSeq numbers requests that arrive without an X-Request-ID.
var requestSeq atomic.Uint64

// requestID returns the request's X-Request-ID, assigning one if needed.
func requestID(c *fiber.Ctx) string {
	if id, ok := c.Locals(requestIDKey).(string); ok {
		return id
	}
	id := c.Get(fiber.HeaderXRequestID)
	if id == "" || len(id) > 128 {
		id = fmt.Sprintf("%s-%d", processTag, requestSeq.Add(1))
	}
	c.Locals(requestIDKey, id)
	return id
}

// processTag tells apart request ids of different runs.
var processTag = strconv.FormatInt(time.Now().UnixNano()%1e9, 36)

// observe logs each request and counts it; it tags the response with its
// X-Request-ID, which every log line about the request carries.
func (s *Server) observe(c *fiber.Ctx) error {
	start := time.Now()
	c.Set(fiber.HeaderXRequestID, requestID(c))
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	err := c.Next()
	status := c.Response().StatusCode()
	if err != nil {
		status = problem(err).Status
	}
	route := c.Route().Path
	s.metrics.request(route, status)
	if s.log.Enabled(c.UserContext(), slog.LevelDebug) || status >= 400 {
		lvl := slog.LevelDebug
		if status >= 500 {
			lvl = slog.LevelError
		} else if status >= 400 {
			lvl = slog.LevelInfo
		}
		s.log.Log(c.UserContext(), lvl, "request", "request_id", requestID(c), "method", c.Method(), "path", c.Path(), "status", status,
			"duration_ms", float64(time.Since(start).Microseconds())/1000, "ip", c.IP())
	}
	return err
}

// check runs the engine over one post with the check timeout, and counts it.
func (s *Server) check(c *fiber.Ctx, p checker.Post) (checker.Report, error) {
	ctx, cancel := context.WithTimeout(c.UserContext(), s.opts.CheckTimeout)
	defer cancel()
	return s.checkCtx(ctx, p)
}

func (s *Server) checkCtx(ctx context.Context, p checker.Post) (checker.Report, error) {
	start := time.Now()
	select {
	case s.turns <- struct{}{}:
	case <-ctx.Done():
		return checker.Report{}, fmt.Errorf("waiting for a turn to check: %w", context.Cause(ctx))
	}
	rep, err := s.engine.Check(ctx, p)
	<-s.turns
	if err != nil {
		return rep, err
	}
	s.metrics.checked(rep.Verdict, time.Since(start))
	return rep, nil
}

func itoa(i int) string { return strconv.Itoa(i) }
