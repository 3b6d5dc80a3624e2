package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/preflight-dev/preflight/brand"
	"github.com/preflight-dev/preflight/calendars"
	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/incidents"
	"github.com/preflight-dev/preflight/news"
	"github.com/preflight-dev/preflight/queue"
)

// appOptions say how to open the application for one command.
type appOptions struct {
	dataDir string
	noNews  bool
	// createIndex creates an empty news index when there is none (serve,
	// news import); otherwise checks run without news.
	createIndex bool
	// adjust lets a command override the profile from preflight.yaml (the
	// check command's --brand, --region, --platform) and set the clock.
	adjust func(*checker.Profile) (func() time.Time, error)
	logger *slog.Logger
	// onNewsCommit hears of each batch of articles committed to the index
	// (serve: the queue re-checks the posts they reach).
	onNewsCommit func(news.Origin, []checker.Article)
}

// app is everything a command needs, wired from the data folder: the only
// place that knows every package.
type app struct {
	dataDir  string
	cfg      *settings
	book     *brand.Book
	engine   *checker.Engine
	calendar *calendars.Calendar
	index    *news.Index // nil when there is no index or noNews
	ecfg     checker.Config
	closers  []func() error
}

func openApp(ctx context.Context, o appOptions) (*app, error) {
	cfg, err := loadSettings(o.dataDir)
	if err != nil {
		return nil, err
	}
	a := &app{dataDir: o.dataDir, cfg: cfg}
	if a.calendar, err = calendars.New(cfg.CompanyDays); err != nil {
		return nil, cfg.Problem(err)
	}
	versions := map[string]string{"calendar": a.calendar.Version()}
	if !o.noNews && (o.createIndex || newsIndexExists(o.dataDir)) {
		nopts := cfg.NewsIndex
		nopts.OnCommit = o.onNewsCommit
		nopts.Now = clockFrom(ctx) // ingestion times follow the command's clock
		// Only serve adds to the index; the other commands read it
		// without Bleve's background merges.
		nopts.ReadOnly = !o.createIndex
		nopts.Preload = o.createIndex // serve: the first check of each month does not read it
		if a.index, err = news.Open(o.dataDir, nopts); err != nil {
			return nil, err
		}
		a.closers = append(a.closers, a.index.Close)
		if latest := a.index.Latest(); !latest.IsZero() {
			versions["news"] = latest.UTC().Format(time.RFC3339)
		}
	}
	profile := cfg.Profile
	var now func() time.Time
	if o.adjust != nil {
		if now, err = o.adjust(&profile); err != nil {
			return nil, err
		}
	}
	rs, err := cfg.BuildRules()
	if err != nil {
		a.Close()
		return nil, err
	}
	if a.book, err = openBook(cfg.File, cfg.Profile, rs); err != nil {
		a.Close()
		return nil, cfg.Problem(err)
	}
	profile.Book = a.book
	// The incident library is read when a finding first needs a precedent,
	// and a rule's data when the rule first runs; a command that keeps
	// running (serve, news import) reads them now, so that bad data stops
	// it at start-up and its first requests do not wait.
	precedents := incidents.NewDefaultLazyFinder()
	if o.createIndex {
		if err := precedents.Ready(); err != nil {
			a.Close()
			return nil, fmt.Errorf("incidents library: %w", err)
		}
		if err := checker.LoadRules(rs); err != nil {
			a.Close()
			return nil, err
		}
	}
	ecfg := checker.Config{Rules: rs, Profile: profile, Now: now, Calendar: a.calendar, Versions: versions,
		Precedents: precedents}
	if a.index != nil {
		ecfg.News = a.index
	} else if o.noNews {
		ecfg.NoNewsReason = "news checks turned off (--no-news)"
	}
	a.ecfg = ecfg
	a.engine, err = checker.New(ecfg)
	if err != nil {
		a.Close()
		return nil, cfg.Problem(err)
	}
	return a, nil
}

// Close releases the news index and anything else the app opened.
func (a *app) Close() error {
	var errs []error
	for i := len(a.closers) - 1; i >= 0; i-- {
		errs = append(errs, a.closers[i]())
	}
	return errors.Join(errs...)
}

// resolveDataDir returns the data folder: the flag, else $PREFLIGHT_DATA,
// else a per-user folder (~/.config/preflight on Linux).
func resolveDataDir(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	if d := os.Getenv("PREFLIGHT_DATA"); d != "" {
		return d
	}
	if d, err := os.UserConfigDir(); err == nil {
		return filepath.Join(d, "preflight")
	}
	return ".preflight"
}

// newsIndexExists reports whether dir holds a news index.
func newsIndexExists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "news.bleve", "index_meta.json"))
	return err == nil
}

// engineKnownAt is the app's engine judging with only the news the index
// had ingested by t (a replay of a past verdict).
func (a *app) engineKnownAt(t time.Time) (*checker.Engine, error) {
	cfg := a.ecfg
	if a.index != nil {
		cfg.News = queue.NewsKnownAt(a.index, t)
	}
	return checker.New(cfg)
}
