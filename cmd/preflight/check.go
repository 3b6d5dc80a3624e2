package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/postio"
)

// regionList is a repeatable --region flag that also takes "US,GB".
type regionList []string

func (r *regionList) String() string { return strings.Join(*r, ",") }
func (r *regionList) Set(s string) error {
	for _, c := range postio.SplitList(s) {
		if err := checker.CheckRegion(c); err != nil {
			return err
		}
		*r = append(*r, c)
	}
	return nil
}

// checkFlags are preflight check's options.
type checkFlags struct {
	data, format, input, at, brand, platform, kind, dateOrder, tz string
	regions                                                       regionList
	workers                                                       int
	noNews                                                        bool
}

func parseCheckFlags(args []string, stderr io.Writer) (*checkFlags, []string, error) {
	var f checkFlags
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: preflight check [flags] [FILE|-]...\n\nChecks posts from .jsonl, .json, .csv (Hootsuite, Buffer, Sprout Social or Preflight columns)\nor plain-text files (.txt: the whole file is one post). No FILE, or '-', reads stdin: JSON,\nJSONL and CSV are recognised by their content, anything else is one post's text\n(--input says which). Exit 0: nothing blocked; 1: a post is blocked; 2: usage, input or\nconfiguration errors; 3: anything else.\n\nflags:")
		fs.PrintDefaults()
	}
	fs.StringVar(&f.data, "data", "", "data folder with the news index and preflight.yaml (default $PREFLIGHT_DATA, else a per-user folder)")
	fs.StringVar(&f.format, "format", "text", "output: text, json, jsonl or sarif")
	fs.StringVar(&f.input, "input", "auto", "input format: auto (by extension, else by content), text (one post), json, jsonl or csv")
	fs.StringVar(&f.at, "at", "", "scheduled time (RFC 3339) for posts that have none (default: now)")
	fs.StringVar(&f.brand, "brand", "", "brand for posts that name none")
	fs.Var(&f.regions, "region", "audience region (ISO 3166-1 alpha-2) for posts that name none; repeatable")
	fs.StringVar(&f.platform, "platform", "", "platform for posts that name none: x, linkedin, facebook, instagram, threads, bluesky, mastodon, tiktok")
	fs.StringVar(&f.kind, "kind", "", "post or reply, for posts that say neither")
	fs.StringVar(&f.dateOrder, "date-order", "", "CSV dates: dmy or mdy (default: detect, else mdy)")
	fs.StringVar(&f.tz, "tz", "UTC", "time zone of CSV times that carry none (IANA name)")
	fs.IntVar(&f.workers, "workers", runtime.GOMAXPROCS(0), "posts checked in parallel")
	fs.BoolVar(&f.noNews, "no-news", false, "check without the news index")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, nil, nil
		}
		return nil, nil, usageError{err.Error()}
	}
	switch f.format {
	case "text", "json", "jsonl", "sarif":
	default:
		return nil, nil, usageError{fmt.Sprintf("--format %q: want text, json, jsonl or sarif", f.format)}
	}
	if _, err := postio.ParseFormat(f.input); err != nil {
		return nil, nil, usageError{"--input: " + strings.TrimPrefix(err.Error(), "input: ")}
	}
	switch f.dateOrder {
	case "", "dmy", "mdy":
	default:
		return nil, nil, usageError{fmt.Sprintf("--date-order %q: want dmy or mdy", f.dateOrder)}
	}
	if f.workers < 1 {
		f.workers = 1
	}
	return &f, fs.Args(), nil
}

// overrides applies the command line's defaults to the profile from
// preflight.yaml: a post's own fields win over flags, flags over the file.
func (f *checkFlags) overrides(pr *checker.Profile) (now func() time.Time, err error) {
	if f.brand != "" {
		pr.Brand = f.brand
	}
	if len(f.regions) > 0 {
		pr.Regions = checker.NormaliseRegions(f.regions)
	}
	if f.platform != "" {
		p, err := checker.ParsePlatform(f.platform)
		if err != nil {
			return nil, usageError{"--platform: " + err.Error()}
		}
		pr.Platform = p
	}
	if f.at != "" {
		t, err := postio.ParseTime(f.at)
		if err != nil {
			return nil, usageError{"--at: " + err.Error()}
		}
		return func() time.Time { return t }, nil
	}
	return nil, nil
}

func runCheck(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	f, files, err := parseCheckFlags(args, stderr)
	if err != nil || f == nil {
		return err
	}
	var kind checker.Kind
	if f.kind != "" {
		if kind, err = checker.ParseKind(f.kind); err != nil {
			return usageError{"--kind: " + err.Error()}
		}
	}
	loc, err := time.LoadLocation(f.tz)
	if err != nil {
		return usageError{fmt.Sprintf("--tz %q: %v", f.tz, err)}
	}
	dir := resolveDataDir(f.data)
	// A running service holds the news index: check through it.
	var svc *service
	if !f.noNews && newsIndexExists(dir) {
		svc = runningService(ctx, dir)
	}
	a, err := openApp(ctx, appOptions{dataDir: dir, noNews: f.noNews || svc != nil, adjust: f.overrides})
	if err != nil {
		return err
	}
	defer a.Close()
	var engine postChecker = a.engine
	if svc != nil {
		viaService(stderr, svc)
		engine = remoteChecker{svc: svc, flags: f}
	}

	if len(files) == 0 {
		if f, ok := stdin.(*os.File); ok && isTerminal(f) {
			return usageError{"no input: give FILE... or pipe a post's text to stdin (preflight check -h)"}
		}
		files = []string{"-"}
	}
	var batch []item
	bad := false
	for _, name := range files {
		format, _ := postio.ParseFormat(f.input)
		recs, err := readInput(name, stdin, postio.Options{Format: format, DateOrder: f.dateOrder, Location: loc})
		if err != nil {
			if line := errorLine(err); line > 0 {
				fmt.Fprintf(stderr, "%s:%d: %v\n", displayName(name), line, err)
			} else {
				fmt.Fprintf(stderr, "%s: %v\n", displayName(name), err)
			}
			bad = true
			continue
		}
		for _, r := range recs {
			if r.Err != nil {
				line := r.Line
				if l := errorLine(r.Err); l > 0 {
					line = l
				}
				fmt.Fprintf(stderr, "%s:%d: %v\n", displayName(name), line, r.Err)
				bad = true
				continue
			}
			if r.Post.Kind == "" {
				r.Post.Kind = kind
			}
			batch = append(batch, item{file: displayName(name), rec: r, post: r.Post})
		}
	}
	out := newReporter(f.format, stdout, a.engine)
	progress := newProgress(stderr, len(batch))
	blocked := false
	err = checkAll(ctx, engine, batch, f.workers, func(it item, rep checker.Report, err error) error {
		progress.Add(1)
		if err != nil {
			fmt.Fprintf(stderr, "%s:%d: %v\n", it.file, it.rec.Line, err)
			bad = true
			return nil
		}
		if rep.Verdict == checker.VerdictBlock {
			blocked = true
		}
		return out.Report(it, rep)
	})
	progress.Finish()
	if err != nil {
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	switch {
	case bad:
		return errInputProblems
	case blocked:
		return errBlocked
	}
	return nil
}

func displayName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return name
}

func readInput(name string, stdin io.Reader, opts postio.Options) ([]postio.Record, error) {
	if name == "-" {
		return postio.ReadWith(stdin, name, opts)
	}
	fh, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	return postio.ReadWith(fh, name, opts)
}

// postChecker checks one post: the engine, or a running service.
type postChecker interface {
	Check(ctx context.Context, p checker.Post) (checker.Report, error)
}

// item is one post of a batch with where it came from: the record knows
// its line, CSV row and where its text is in the file.
type item struct {
	file string
	rec  postio.Record
	post checker.Post
}

// errorLine is the line an input error names, or 0.
func errorLine(err error) int {
	var ce *checker.Error
	if errors.As(err, &ce) {
		return ce.Line
	}
	return 0
}

// checkAll checks items on workers goroutines and hands the reports to emit
// in input order.
func checkAll(ctx context.Context, e postChecker, items []item, workers int, emit func(item, checker.Report, error) error) error {
	type result struct {
		rep checker.Report
		err error
	}
	results := make([]chan result, len(items))
	for i := range results {
		results[i] = make(chan result, 1)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				rep, err := e.Check(ctx, items[i].post)
				results[i] <- result{rep, err}
			}
		}()
	}
	go func() {
		defer close(next)
		for i := range items {
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	var err error
	for i := range items {
		var r result
		select {
		case r = <-results[i]:
		case <-ctx.Done():
			err = ctx.Err()
		}
		if err != nil {
			break
		}
		if err = emit(items[i], r.rep, r.err); err != nil {
			break
		}
	}
	cancel()
	wg.Wait()
	return err
}
