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
	"sync"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/news"
	"github.com/preflight-dev/preflight/rules/platform"
	"github.com/preflight-dev/preflight/web"
)

const serveUsage = `usage: preflight serve [--addr 127.0.0.1:8080] [--data DIR] [--no-poll] [--feeds FILE] [--every 5m]

Starts the HTTP API (/v1/check, /v1/check/batch, /v1/calendar, /v1/news/search),
the scheduler hook (/v1/hooks/prepublish, signed with PREFLIGHT_HOOK_SECRET),
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

	dir := resolveDataDir(*data)
	a, err := openApp(ctx, appOptions{dataDir: dir, createIndex: true, logger: logger})
	if err != nil {
		return err
	}
	defer a.Close()

	// The service section of preflight.yaml (no API keys: loopback only;
	// hook secrets also from the environment).
	opts := serviceOptions(a)
	meter, err := platform.NewMeter(a.cfg.Limits)
	if err != nil {
		return err
	}
	deps := web.Deps{Engine: a.engine, Calendar: a.calendar, Logger: logger, Options: opts, Meter: meter, DataDir: dir}
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
	if err := srv.Serve(ctx, ln); err != nil {
		return err
	}
	logger.Info("stopped")
	return nil
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
