package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/preflight-dev/preflight/alert"
	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/news"
	"github.com/preflight-dev/preflight/newsdb"
	"github.com/preflight-dev/preflight/queue"
	"github.com/preflight-dev/preflight/rules/platform"
	"github.com/preflight-dev/preflight/web"
)

const serveUsage = `usage: preflight serve [--addr 127.0.0.1:8080] [--data DIR] [--no-poll] [--feeds FILE] [--every 5m]

Starts the HTTP API (/v1/check, /v1/check/batch, /v1/calendar, /v1/news/search),
the scheduler hook (/v1/hooks/prepublish, signed with PREFLIGHT_HOOK_SECRET),
the queue of scheduled posts (/v1/queue, /v1/crises, the /queue page; re-checked
after every batch of news and when the day turns in an audience region),
Prometheus metrics (/metrics), the OpenAPI document (/openapi.json) and the web
form (/) and batch page (/batch). News feeds are polled into the index in the
background unless --no-poll. Stops gracefully on interrupt, finishing requests
in flight.

While it runs it holds the data folder's news index and keeps serve.json there
(its address, process id and a local token, readable by you only): 'preflight
check', 'news import' and 'news search' on the same folder find it and go
through it (news import by POST /v1/news/import, with the token).`

func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, serveUsage+"\n\nflags:")
		fs.PrintDefaults()
	}
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (host:port); without API keys only loopback clients are served")
	data := fs.String("data", "", "data folder with preflight.yaml and the news index (default $PREFLIGHT_DATA, else a per-user folder)")
	noPoll := fs.Bool("no-poll", false, "do not poll news feeds in the background")
	feedsFile := fs.String("feeds", "", "feed list to poll: YAML ([{name, url, language, regions}]) or one URL a line (default: the built-in list)")
	every := fs.Duration("every", 5*time.Minute, "time between polling rounds")
	logFormat := fs.String("log", "text", "log format on stderr: text or json")
	verbose := fs.Bool("v", false, "log every request, not only errors")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("serve: unexpected argument %q", fs.Arg(0))}
	}
	if *every < 10*time.Second {
		return usageError{fmt.Sprintf("serve: --every %s is too short (at least 10s)", *every)}
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	var handler slog.Handler
	switch *logFormat {
	case "text":
		handler = slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level})
	case "json":
		handler = slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level})
	default:
		return usageError{fmt.Sprintf("serve: --log %q: want text or json", *logFormat)}
	}
	logger := slog.New(handler)

	feeds := news.DefaultFeeds()
	if *feedsFile != "" {
		b, err := os.ReadFile(*feedsFile)
		if err != nil {
			return usageError{fmt.Sprintf("serve: --feeds: %v", err)}
		}
		if feeds, err = news.ParseFeeds(b); err != nil {
			return usageError{fmt.Sprintf("serve: --feeds %s: %v", *feedsFile, err)}
		}
	}

	defer serveCollector()()

	dir := resolveDataDir(*data)
	// The queue's watcher hears of every committed batch of news (polled,
	// imported through the API); it is made once the engine exists.
	var served atomic.Pointer[servedQueue]
	onCommit := func(origin news.Origin, arts []checker.Article) {
		if sq := served.Load(); sq != nil {
			sq.newsCommitted(ctx, origin, arts, logger)
		}
	}
	a, err := openApp(ctx, appOptions{dataDir: dir, createIndex: true, logger: logger, onNewsCommit: onCommit})
	if err != nil {
		return err
	}
	defer a.Close()
	if a.index != nil {
		// Event facts an index opened from its snapshot leaves for first
		// use are computed in the background, so first checks do not pay.
		go a.index.WarmFacts(ctx)
	}
	sq, err := startQueue(ctx, a, logger)
	if err != nil {
		return err
	}
	defer sq.close()
	served.Store(sq)

	// The service section of preflight.yaml (no API keys: loopback only;
	// hook secrets also from the environment).
	opts := serviceOptions(a)
	meter, err := platform.NewMeter(a.cfg.Limits)
	if err != nil {
		return err
	}
	deps := web.Deps{Engine: a.engine, Calendar: a.calendar, Logger: logger, Options: opts, Meter: meter, DataDir: dir,
		Queue: sq.queue, Recheck: sq.recheck, Replay: replayer(a, sq.queue)}
	if a.index != nil {
		deps.News = a.index // never a nil *news.Index inside the interface
	}
	srv, err := web.New(deps)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	// The discovery file lets check, news import and news search on this
	// data folder go through this service while it holds the index.
	token, removeDiscovery, err := writeDiscovery(dir, ln.Addr())
	if err != nil {
		ln.Close()
		return err
	}
	defer removeDiscovery()
	if a.index != nil {
		srv.EnableNewsImport(newsImporter(a.index), token)
	}
	fmt.Fprintf(stdout, "Preflight is serving on http://%s/ (data: %s)\n", ln.Addr(), dir)
	if !srv.HookConfigured() {
		logger.Info("the prepublish hook is off: set " + web.HookSecretEnv + "=whsec_<base64> to enable it")
	}

	var wg sync.WaitGroup
	pollCtx, stopPoll := context.WithCancel(ctx)
	defer func() {
		stopPoll()
		wg.Wait()
	}()
	if a.index != nil && !*noPoll && !opts.NoPoll {
		p := news.NewPoller(a.index, feeds, news.PollOptions{Every: *every, Logger: logger, Retention: a.cfg.NewsIndex.Retention})
		wg.Add(1)
		go func() {
			defer wg.Done()
			logger.Info("news poller starting", "feeds", len(feeds), "every", every.String())
			if err := p.Run(pollCtx); err != nil && !errors.Is(err, context.Canceled) {
				logger.Error("news poller stopped", "err", err)
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		sq.run(pollCtx)
	}()
	if err := srv.Serve(ctx, ln); err != nil {
		return err
	}
	logger.Info("stopped")
	return nil
}

// serveGCPercent is the garbage collector's target while the service
// runs. A check allocates ~50 KB and keeps none of it, over a live heap of
// tens of MB (rules, the news snapshot's months): at Go's default (100)
// collecting was 15-20% of the CPU of a check against a 100k-article
// index; at 300 the heap between collections grows by three times the
// live heap instead of once. GOGC, when set, wins.
const serveGCPercent = 300

// serveCollector sets the collector's target for serve, unless GOGC is
// set, and returns what restores the previous one.
func serveCollector() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	prev := debug.SetGCPercent(serveGCPercent)
	return func() { debug.SetGCPercent(prev) }
}

// serviceOptions returns the service section of preflight.yaml.
func serviceOptions(a *app) web.Options { return a.cfg.Service }

// newsImporter is POST /v1/news/import's work: the news package's readers
// (every format `news import` reads) into the index, as origin "api".
func newsImporter(idx *news.Index) web.NewsImporter {
	return func(ctx context.Context, r io.Reader) (web.NewsImportResult, error) {
		var res web.NewsImportResult
		format, err := news.ReadEach(r, 5000, func(arts []checker.Article, probs []news.Problem) error {
			for _, p := range probs {
				if len(res.Problems) < web.MaxImportProblems {
					res.Problems = append(res.Problems, web.NewsImportProblem{Line: p.Line, Item: p.Item, Message: p.Message})
				}
			}
			res.Rejected += len(probs)
			st, err := idx.AddFrom(ctx, news.OriginAPI, arts)
			res.Added += st.Added
			res.Duplicates += st.Duplicates
			res.Rejected += st.Rejected
			res.Clamped += st.Clamped
			if err != nil {
				return addError{err}
			}
			return nil
		})
		res.Format = string(format)
		var aerr addError
		switch {
		case errors.As(err, &aerr):
			return res, aerr.err
		case err != nil:
			return res, fmt.Errorf("%w: %v", web.ErrUnreadableNews, err)
		}
		res.Articles, _ = idx.Count()
		return res, nil
	}
}

// servedQueue is the queue as serve runs it: the store, the service, the
// watcher that re-checks it and the alerts it sends.
type servedQueue struct {
	queue   *queue.Queue
	watcher *queue.Watcher
	alerts  *alert.Dispatcher // nil when no alert destination is configured
	store   queue.Store
	ticks   func() (<-chan time.Time, func())
	// shared is set when replicas share a PostgreSQL store: the news goes
	// through its articles table, and the leading replica re-checks.
	shared *sharedNews
	log    *slog.Logger
}

// sharedNews is what replicas on one PostgreSQL database share: every
// committed batch is recorded in the articles table, every replica's index
// follows the table, and the replica that leads turns new articles into
// re-check jobs (newsdb).
type sharedNews struct {
	archive   *newsdb.Archive
	rechecker *newsdb.Rechecker
}

// sharedNewsEvery is how often a replica follows the articles table and,
// when it leads, re-checks for what is new.
const sharedNewsEvery = 2 * time.Second

// newsCommitted hears of a batch of news this process committed: a single
// process re-checks at once; a replica records it for all (the leader
// re-checks when its round comes).
func (sq *servedQueue) newsCommitted(ctx context.Context, origin news.Origin, arts []checker.Article, log *slog.Logger) {
	if sq.shared == nil {
		sq.watcher.NewsCommitted(arts)
		return
	}
	if _, _, err := sq.shared.archive.Record(ctx, origin, arts); err != nil {
		log.Error("recording news for the other replicas failed; they will not see this batch until it is imported again", "err", err, "articles", len(arts))
	}
}

// dayCheckEvery is how often serve looks whether the day has turned in an
// audience region's zone.
const dayCheckEvery = time.Minute

// startQueue opens the data folder's queue for serve: re-checks after
// every committed news batch and when the day turns in any audience
// region's zone (its clock is the command's), only while this process
// leads (the store's own lock when it has one), and alerts if configured.
func startQueue(ctx context.Context, a *app, logger *slog.Logger) (*servedQueue, error) {
	store, err := openStore(ctx, a.dataDir, a.cfg.File)
	if err != nil {
		return nil, err
	}
	q := queue.New(store, a.engine, clockFrom(ctx))
	q.Configure(a.cfg.Queue.Options)
	if a.index != nil {
		q.NewsLatest = a.index.Latest
	}
	sq := &servedQueue{queue: q, store: store, log: logger, ticks: func() (<-chan time.Time, func()) {
		t := time.NewTicker(dayCheckEvery)
		return t.C, t.Stop
	}}
	sinks, err := a.cfg.Queue.Alerts.Sinks(os.Getenv)
	if err != nil {
		store.Close()
		return nil, usageError{fmt.Sprintf("%s: %v", filepath.Join(a.dataDir, "preflight.yaml"), err)}
	}
	if len(sinks) > 0 {
		sq.alerts = alert.New(alert.Options{PerMinute: a.cfg.Queue.Alerts.PerMinute, Logger: logger}, sinks...)
		q.Notify = sq.alerts
	}
	var leader queue.Leader = &queue.LocalLeader{}
	if pg, ok := store.(*queue.Postgres); ok && a.index != nil {
		// Replicas: the day-turn and on-demand re-checks lead with one
		// advisory lock, the news re-checks with another (newsdb).
		url := storeSetting(a.cfg.File)
		leader = queue.NewPostgresLeader(url, "recheck-day")
		archive, err := newsdb.Open(ctx, pg.Pool(), clockFrom(ctx))
		if err != nil {
			store.Close()
			return nil, err
		}
		follower := newsdb.NewFollower(archive, a.index)
		sq.shared = &sharedNews{archive: archive,
			rechecker: newsdb.NewRechecker(archive, follower, q, queue.NewPostgresLeader(url, "recheck-news"), clockFrom(ctx))}
	}
	regions := a.cfg.Profile.Regions
	var zones []*time.Location
	for _, r := range regions {
		if z := a.calendar.Location(r); z != nil && !slices.Contains(zones, z) {
			zones = append(zones, z)
		}
	}
	sq.watcher = queue.NewWatcher(q, queue.WatchOptions{Leader: leader, Zones: zones, Audience: regions, Logger: logger})
	return sq, nil
}

// run re-checks and sends alerts until ctx ends.
func (sq *servedQueue) run(ctx context.Context) {
	if sq.alerts != nil {
		go sq.alerts.Run(ctx)
	}
	if sq.shared != nil {
		go sq.shared.rechecker.Run(ctx, sharedNewsEvery, func(j *newsdb.Job, err error) {
			if err != nil {
				sq.log.Warn("shared news re-check round failed; it is tried again", "err", err)
			}
		})
	}
	ticks, stop := sq.ticks()
	defer stop()
	sq.watcher.Run(ctx, ticks)
}

// recheck is the on-demand re-check (POST /v1/queue/recheck).
func (sq *servedQueue) recheck(ctx context.Context) (queue.RecheckSummary, error) {
	sum, ok, err := sq.watcher.Recheck(ctx, "request")
	if err == nil && !ok {
		return sum, &checker.Error{Code: checker.ECodeConflict, Message: "another re-check is running; try again when it ends"}
	}
	return sum, err
}

func (sq *servedQueue) close() {
	// The audit records still waiting are written before the store closes.
	if err := sq.queue.Close(); err != nil {
		sq.log.Error("audit log", "err", err)
	}
	sq.store.Close()
}
