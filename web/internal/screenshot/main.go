// Command screenshot renders the web form with the real rules, calendar
// and a small in-memory news index of fictional articles, types a risky
// draft into it in headless Chromium and saves a PNG for the README:
//
//	go run ./web/internal/screenshot -o docs/form.png
//
// It serves on a loopback port only and needs Debian's chromium.
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
	"os/exec"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/preflight-dev/preflight/calendars"
	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/news"
	"github.com/preflight-dev/preflight/rules"
	"github.com/preflight-dev/preflight/rules/platform"
	"github.com/preflight-dev/preflight/web"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "screenshot:", err)
		os.Exit(1)
	}
}

// at is the moment the screenshot pretends it is.
var at = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// articles are fictional news the draft collides with.
var articles = []checker.Article{
	{ID: "shot-1", Title: "Flash floods sweep through Riverton; at least 12 dead", URL: "https://news.example/riverton-floods",
		Source: "Example Wire", Summary: "Rescue teams searched for missing residents after record rain flooded Riverton, Texas.",
		Published: at.Add(-9 * time.Hour), Regions: []string{"US"}},
	{ID: "shot-2", Title: "Governor declares state of emergency after Riverton floods", URL: "https://news.example/riverton-emergency",
		Source: "Example Wire", Published: at.Add(-5 * time.Hour), Regions: []string{"US"}},
	{ID: "shot-3", Title: "City council approves new harbour plan", URL: "https://news.example/harbour",
		Source: "Example Wire", Published: at.Add(-3 * time.Hour)},
}

func run() error {
	out := flag.String("o", "docs/form.png", "PNG file to write")
	draft := flag.String("draft", "Riverton, get ready to make a splash! 🌊 Our flood of deals starts now: 30% off everything #RivertonStrong", "the draft to type")
	flag.Parse()
	bin := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		return errors.New("no chromium binary found (apt-get install chromium)")
	}

	idx, err := news.OpenMem(news.Options{Retention: -1})
	if err != nil {
		return err
	}
	defer idx.Close()
	if _, err := idx.Add(context.Background(), articles); err != nil {
		return err
	}
	rs, err := rules.All(rules.Options{})
	if err != nil {
		return err
	}
	cal, err := calendars.New(calendars.Options{})
	if err != nil {
		return err
	}
	now := func() time.Time { return at }
	eng, err := checker.New(checker.Config{Rules: rs, Calendar: cal, News: idx, Now: now,
		Profile: checker.Profile{Brand: "Acme Outdoor", Regions: []string{"US"}}})
	if err != nil {
		return err
	}
	meter, err := platform.NewMeter(platform.Options{})
	if err != nil {
		return err
	}
	srv, err := web.New(web.Deps{Engine: eng, Calendar: cal, News: idx, Now: now, Meter: meter,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	defer func() { stop(); <-served }()

	profile, err := os.MkdirTemp("", "preflight-shot-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile), chromedp.WindowSize(1360, 900))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	bctx, cancelTimeout := context.WithTimeout(bctx, 60*time.Second)
	defer cancelTimeout()
	if err := chromedp.Do(bctx,
		chromedp.Navigate("http://"+ln.Addr().String()+"/"),
		chromedp.WaitVisible(chromedp.ID("text")),
		chromedp.SetValue(chromedp.ID("scheduled"), at.Add(time.Hour).Format("2006-01-02T15:04")),
		chromedp.SendKeys(chromedp.ID("text"), *draft),
	); err != nil {
		return err
	}
	if _, err := chromedp.Run(bctx, chromedp.Poll[bool](`document.querySelector('#marked mark') !== null`,
		chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		return fmt.Errorf("the live check did not mark anything: %w", err)
	}
	if err := chromedp.Do(bctx, chromedp.Sleep(700*time.Millisecond)); err != nil {
		return err
	}
	png, err := chromedp.Run(bctx, chromedp.CaptureScreenshot())
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, png, 0o644); err != nil {
		return err
	}
	fmt.Println("wrote", *out)
	return nil
}
