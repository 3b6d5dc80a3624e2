package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/preflight-dev/preflight/connect"
	"github.com/preflight-dev/preflight/connect/buffer"
	"github.com/preflight-dev/preflight/connect/hootsuite"
	"github.com/preflight-dev/preflight/connect/mastodon"
)

const connectUsage = `usage: preflight connect NAME [--test | --sync | --listen ADDR] [--data DIR]

Connects Preflight to a scheduler. Without a flag it explains what the
connector needs and how to write it in preflight.yaml.

  --test         verify the credentials in preflight.yaml
  --sync         (mastodon, buffer) read the scheduler's queue once: queue
                 and check its posts, hold or report what Preflight holds
  --listen ADDR  (hootsuite) receive Hootsuite's message events at
                 http://ADDR/hootsuite/events until interrupted

connectors:`

func runConnect(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	usage := func(w io.Writer) {
		fmt.Fprintln(w, connectUsage)
		for _, s := range connect.Schedulers {
			fmt.Fprintf(w, "  %-10s %s\n", s.Name, s.Summary)
		}
	}
	fs := flag.NewFlagSet("connect", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { usage(stderr) }
	data := fs.String("data", "", "data folder with preflight.yaml (default $PREFLIGHT_DATA or ~/.config/preflight)")
	test := fs.Bool("test", false, "verify the credentials")
	sync := fs.Bool("sync", false, "read the scheduler's queue once")
	listen := fs.String("listen", "", "hootsuite: address to receive events on")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usageError{err.Error()}
	}
	if len(pos) != 1 {
		usage(stderr)
		return usageError{"connect: give one connector name"}
	}
	name := strings.ToLower(pos[0])
	var names []string
	var setup string
	for _, s := range connect.Schedulers {
		names = append(names, s.Name)
		if s.Name == name {
			setup = s.Setup
		}
	}
	if setup == "" {
		return usageError{fmt.Sprintf("connect: unknown connector %q (want %s)", pos[0], strings.Join(names, ", "))}
	}
	modes := 0
	for _, on := range []bool{*test, *sync, *listen != ""} {
		if on {
			modes++
		}
	}
	if modes > 1 {
		return usageError{"connect: give one of --test, --sync, --listen"}
	}
	if (*sync && name == "hootsuite") || (*listen != "" && name != "hootsuite") {
		return usageError{fmt.Sprintf("connect %s: --sync is for mastodon and buffer, --listen for hootsuite", name)}
	}
	if modes == 0 {
		fmt.Fprintln(stdout, setup)
		return nil
	}
	dir := resolveDataDir(*data)
	cfg, err := loadSettings(dir)
	if err != nil {
		return err
	}
	if *test {
		who, err := verifyConnector(ctx, name, cfg)
		if err != nil {
			return cfg.Problem(fmt.Errorf("connect %s: %w", name, err))
		}
		fmt.Fprintf(stdout, "%s: credentials work (%s)\n", name, who)
		return nil
	}
	q, done, err := openQueue(ctx, dir, true)
	if err != nil {
		return err
	}
	defer done()
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	switch name {
	case "mastodon":
		c, err := mastodon.New(cfg.Connect.Mastodon, nil, clockFrom(ctx))
		if err != nil {
			return err
		}
		sum, err := c.Sync(ctx, q)
		if err != nil {
			return err
		}
		return enc.Encode(sum)
	case "buffer":
		c, err := buffer.New(cfg.Connect.Buffer, nil)
		if err != nil {
			return err
		}
		sum, err := c.Sync(ctx, q)
		if err != nil {
			return err
		}
		return enc.Encode(sum)
	}
	r, err := hootsuite.New(cfg.Connect.Hootsuite, q, nil)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/hootsuite/events", r)
	srv := &http.Server{Addr: *listen, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	fmt.Fprintf(stderr, "hootsuite: receiving events at http://%s/hootsuite/events\n", *listen)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// verifyConnector checks one connector's credentials and says whose they are.
func verifyConnector(ctx context.Context, name string, cfg *settings) (string, error) {
	switch name {
	case "mastodon":
		c, err := mastodon.New(cfg.Connect.Mastodon, nil, nil)
		if err != nil {
			return "", err
		}
		return c.Verify(ctx)
	case "hootsuite":
		r, err := hootsuite.New(cfg.Connect.Hootsuite, nil, nil)
		if err != nil {
			return "", err
		}
		return r.Verify(ctx)
	}
	c, err := buffer.New(cfg.Connect.Buffer, nil)
	if err != nil {
		return "", err
	}
	return c.Verify(ctx)
}
