package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"runtime"
	"runtime/debug"
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
	// Start-up allocates mostly what it keeps (the rules' tables), so
	// collecting before the first post is checked frees little and cost a
	// fifth of a one-post check's CPU: the collector waits, with a memory
	// limit as a backstop, until a second post is reported (a batch), and
	// then runs at the batch's setting. Opening a news index keeps what it reads
	// too but may need far more than the backstop: it collects as usual.
	// GOGC, when set, wins; GOMEMLIMIT, when set, stays the limit.
	endStartup := func() {}
	if os.Getenv("GOGC") == "" {
		prevPct, prevLimit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
		if os.Getenv("GOMEMLIMIT") == "" {
			debug.SetMemoryLimit(startupMemoryLimit)
		}
		defer func() {
			debug.SetMemoryLimit(prevLimit)
			debug.SetGCPercent(prevPct)
		}()
		endStartup = sync.OnceFunc(func() {
			debug.SetMemoryLimit(prevLimit)
			debug.SetGCPercent(batchGCPercent)
		})
		if !f.noNews && svc == nil && newsIndexExists(dir) {
			endStartup()
		}
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
	format, _ := postio.ParseFormat(f.input)
	opts := postio.Options{Format: format, DateOrder: f.dateOrder, Location: loc}
	out := newReporter(f.format, stdout, a.engine)
	progress := newProgress(stderr)
	bad, blocked, written := false, false, 0
	// Read, check and write overlap: the files are read on one goroutine,
	// posts checked (and their JSON rendered) on f.workers, and the
	// reports written here in input order, a bounded window at a time.
	err = checker.Pipeline(ctx, readItems(files, stdin, opts, kind), f.workers, func(ctx context.Context, it item) checked {
		return checkItem(ctx, engine, out, it)
	}, func(it item, c checked) error {
		if it.err != nil {
			if it.rec.Line > 0 {
				fmt.Fprintf(stderr, "%s:%d: %v\n", it.file, it.rec.Line, it.err)
			} else {
				fmt.Fprintf(stderr, "%s: %v\n", it.file, it.err)
			}
			bad = true
			return nil
		}
		progress.Add(1)
		if c.err != nil {
			fmt.Fprintf(stderr, "%s:%d: %v\n", it.file, it.rec.Line, c.err)
			bad = true
			return nil
		}
		if c.rep.Verdict == checker.VerdictBlock {
			blocked = true
		}
		if written++; written == 2 {
			endStartup() // a batch: collect as batches do
		}
		return out.Report(it, c.rep, c.rendered)
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

// readItems streams the posts of every file in turn (postio.Stream), with
// the command line's kind for posts that give none; a file that cannot be
// read and a record that is not a usable post are items with err set.
func readItems(files []string, stdin io.Reader, opts postio.Options, kind checker.Kind) iter.Seq[item] {
	return func(yield func(item) bool) {
		for _, name := range files {
			file := displayName(name)
			more := true
			err := streamFile(name, stdin, opts, func(r postio.Record) bool {
				it := item{file: file, rec: r, post: r.Post, err: r.Err}
				if it.err != nil {
					if l := errorLine(it.err); l > 0 {
						it.rec.Line = l
					}
				} else if it.post.Kind == "" {
					it.post.Kind = kind
				}
				more = yield(it)
				return more
			})
			if !more {
				return
			}
			if err != nil {
				it := item{file: file, err: err}
				it.rec.Line = errorLine(err)
				if !yield(it) {
					return
				}
			}
		}
	}
}

// readInput reads a whole file (or stdin, "-") into records.
func readInput(name string, stdin io.Reader, opts postio.Options) ([]postio.Record, error) {
	var recs []postio.Record
	err := streamFile(name, stdin, opts, func(r postio.Record) bool { recs = append(recs, r); return true })
	return recs, err
}

func streamFile(name string, stdin io.Reader, opts postio.Options, yield func(postio.Record) bool) error {
	if name == "-" {
		return postio.Stream(stdin, name, opts, yield)
	}
	fh, err := os.Open(name)
	if err != nil {
		return err
	}
	defer fh.Close()
	return postio.Stream(fh, name, opts, yield)
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
	err  error // the file or the record could not be read; not checked
}

// errorLine is the line an input error names, or 0.
func errorLine(err error) int {
	var ce *checker.Error
	if errors.As(err, &ce) {
		return ce.Line
	}
	return 0
}

// batchGCPercent is the garbage collector's target while a batch runs. A
// batch keeps nothing of a post once it is written, so the live heap stays
// the rule set's however long the batch: letting the heap grow to 4x that
// between collections costs a constant ~60 MB and saves ~12% of the CPU.
const batchGCPercent = 300

// startupMemoryLimit bounds the heap while the collector waits for a
// second post (runCheck); a one-post check without news allocates about a
// quarter of it.
const startupMemoryLimit = 64 << 20

// checked is one item's outcome: its report, rendered by the reporter on
// the worker when the output format allows, or why it could not be
// checked.
type checked struct {
	rep      checker.Report
	rendered []byte
	err      error
}

// checkItem checks one item and renders its report on the calling worker.
func checkItem(ctx context.Context, e postChecker, out reporter, it item) checked {
	if it.err != nil {
		return checked{}
	}
	rep, err := e.Check(ctx, it.post)
	if err != nil {
		return checked{err: err}
	}
	b, err := out.Render(it, rep)
	return checked{rep: rep, rendered: b, err: err}
}
