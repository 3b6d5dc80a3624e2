package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/config"
	"github.com/preflight-dev/preflight/rules"
)

// appOptions say how to open the application for one command.
type appOptions struct {
	dataDir string
	noNews  bool
	// adjust lets a command override the profile from preflight.yaml (the
	// check command's --brand, --region, --platform) and set the clock.
	adjust func(*checker.Profile) (func() time.Time, error)
	logger *slog.Logger
}

// app is everything a command needs, wired from the data folder: the only
// place that knows every package.
type app struct {
	cfg      *config.File
	engine   *checker.Engine
	calendar checker.Calendar
	closers  []func() error
}

func openApp(ctx context.Context, o appOptions) (*app, error) {
	cfg, err := config.Load(o.dataDir)
	if err != nil {
		return nil, err
	}
	a := &app{cfg: cfg}
	profile := cfg.Profile
	var now func() time.Time
	if o.adjust != nil {
		if now, err = o.adjust(&profile); err != nil {
			return nil, err
		}
	}
	rs, err := rules.All(cfg.Options)
	if err != nil {
		return nil, err
	}
	ecfg := checker.Config{Rules: rs, Profile: profile, Now: now, Calendar: a.calendar}
	a.engine, err = checker.New(ecfg)
	if err != nil {
		var ce *checker.Error
		if errors.As(err, &ce) {
			return nil, fmt.Errorf("%s/%s: %w", o.dataDir, config.FileName, err)
		}
		return nil, err
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
