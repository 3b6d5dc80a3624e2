package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/news"
)

const newsUsage = `usage: preflight news COMMAND [flags]

commands:
  import [--data DIR] FILE...   add articles from JSONL, RSS, Atom or JSON Feed files
  poll   [--data DIR] [--feeds FILE] [--every 5m] [--once]
                                fetch news feeds into the index (until interrupted)
  search [--data DIR] [--at TIME] [--limit N] [--format text|json] QUERY
                                show what the index knows about QUERY as of TIME

Run 'preflight news COMMAND -h' for a command's flags.`

func runNews(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, newsUsage)
		return usageError{"news: no command given"}
	}
	switch args[0] {
	case "import":
		return runNewsImport(ctx, args[1:], stdout, stderr)
	case "poll":
		return runNewsPoll(ctx, args[1:], stdout, stderr)
	case "search":
		return runNewsSearch(ctx, args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprintln(stdout, newsUsage)
		return nil
	}
	fmt.Fprintln(stderr, newsUsage)
	return usageError{fmt.Sprintf("news: unknown command %q", args[0])}
}

// newsFlags builds a flag set with the --data flag every news command has.
func newsFlags(name, usage string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("news "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, usage+"\n\nflags:")
		fs.PrintDefaults()
	}
	data := fs.String("data", "", "data folder holding the news index (default $PREFLIGHT_DATA, else a per-user folder)")
	return fs, data
}

// parseFlags parses args, allowing flags after the positional arguments
// ("news search Kobe --at 2020-01-27"); "--" ends the flags. (true, nil)
// means -h was asked for and printed. The positional arguments are left in
// fs.Args().
func parseFlags(fs *flag.FlagSet, args []string) (bool, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return true, nil
			}
			return false, usageError{err.Error()}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	// Leave the positional arguments where fs.Args() finds them.
	if err := fs.Parse(append([]string{"--"}, pos...)); err != nil {
		return false, usageError{err.Error()}
	}
	return false, nil
}

// openIndex opens (creating when missing) the news index in the data
// folder, with the news_index options of its preflight.yaml.
func openIndex(dir string) (*news.Index, *settings, error) {
	cfg, err := loadSettings(dir)
	if err != nil {
		return nil, nil, err
	}
	idx, err := news.Open(dir, cfg.NewsIndex)
	return idx, cfg, err
}

func runNewsImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newsFlags("import", "usage: preflight news import [--data DIR] FILE...\n\n"+
		"Adds articles to the news index from JSONL (one article a line: id, title, summary, body, url, source,\n"+
		"published, language, regions), RSS 2.0, Atom or JSON Feed files, detected by content. Articles already\n"+
		"indexed (same URL, or same id) are skipped. Bad lines are reported as FILE:LINE and skipped.\n"+
		"Exit 0: all imported; 2: some lines were rejected (the rest was imported).", stderr)
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError{"news import: no FILE given"}
	}
	dir := resolveDataDir(*data)
	var add func(context.Context, []checker.Article) (news.AddStats, error)
	finish := func() error { return nil } // waits for what add handed over
	var held uint64
	if svc := runningService(ctx, dir); svc != nil {
		viaService(stderr, svc)
		add = svc.adder(&held)
	} else {
		cfg, err := loadSettings(dir)
		if err != nil {
			return err
		}
		opts := cfg.NewsIndex
		opts.Now = clockFrom(ctx) // ingestion times follow the command's clock
		idx, err := news.Open(dir, opts)
		if err != nil {
			return err
		}
		defer idx.Close()
		if idx.LegacyDates() {
			fmt.Fprintf(stderr, "note: the news index in %s was created by an earlier Preflight; it keeps working, "+
				"but a new one imports about twice as fast (import into another --data folder, or move news.bleve and news.snapshot aside and import again)\n", dir)
		}
		// One writer for every file: each chunk read is prepared while
		// the one before is committed.
		w := idx.NewWriter(news.OriginImport)
		defer w.Close()
		add = w.Add
		finish = func() error {
			err := w.Close()
			held, _ = idx.Count()
			return err
		}
	}
	var total news.AddStats
	problems := false
	for _, name := range fs.Args() {
		st, rejected, err := importFile(ctx, add, name, stderr)
		total.Added += st.Added
		total.Duplicates += st.Duplicates
		total.Rejected += st.Rejected
		total.Clamped += st.Clamped
		if rejected {
			problems = true
		}
		if err != nil {
			if ctx.Err() != nil {
				return err
			}
			var rerr readError
			if errors.As(err, &rerr) {
				fmt.Fprintf(stderr, "%s: %s\n", name, termSafe(rerr.err.Error()))
				problems = true
				continue
			}
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	if err := finish(); err != nil {
		return fmt.Errorf("news import: %w", err)
	}
	fmt.Fprintf(stdout, "added %d, duplicates %d, rejected %d; the index holds %d articles\n",
		total.Added, total.Duplicates, total.Rejected, held)
	if total.Clamped > 0 {
		fmt.Fprintf(stderr, "%d articles were dated more than %s in the future; they are dated at their import instead\n", total.Clamped, news.MaxClockSkew)
	}
	if problems {
		return errInputProblems
	}
	return nil
}

// readError is a file that could not be read at all (missing, not a
// feed): reported, and the other files still import.
type readError struct{ err error }

func (e readError) Error() string { return e.err.Error() }

// importFile streams one file into the index, printing its bad lines as
// FILE:LINE: message, with a progress bar (by bytes) when stderr is a
// terminal. rejected says whether any record was refused.
func importFile(ctx context.Context, add func(context.Context, []checker.Article) (news.AddStats, error), name string, stderr io.Writer) (news.AddStats, bool, error) {
	var total news.AddStats
	var r io.Reader = os.Stdin
	var size int64 = -1
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return total, true, readError{err}
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil {
			size = fi.Size()
		}
		r = f
	}
	var bar *progressbar.ProgressBar
	if size > 1<<20 && isTerminal(stderr) {
		bar = progressbar.NewOptions64(size, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("importing "+name),
			progressbar.OptionShowBytes(true), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
		r = io.TeeReader(r, bar)
	}
	rejected := false
	_, err := news.ReadEach(r, 2500, func(arts []checker.Article, probs []news.Problem) error {
		for _, p := range probs {
			if bar != nil {
				_ = bar.Clear()
			}
			fmt.Fprintf(stderr, "%s:%s: %s\n", name, p.Where(), termSafe(p.Message))
		}
		total.Rejected += len(probs)
		st, err := add(ctx, arts)
		total.Added += st.Added
		total.Clamped += st.Clamped
		total.Duplicates += st.Duplicates
		total.Rejected += st.Rejected
		if len(probs) > 0 || st.Rejected > 0 {
			rejected = true
		}
		if err != nil {
			return addError{err}
		}
		return nil
	})
	if bar != nil {
		_ = bar.Finish()
	}
	var aerr addError
	switch {
	case err == nil:
	case errors.As(err, &aerr):
		err = aerr.err
	default:
		rejected, err = true, readError{err}
	}
	return total, rejected, err
}

// addError is an index write failure: it stops the import.
type addError struct{ err error }

func (e addError) Error() string { return e.err.Error() }

func runNewsPoll(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newsFlags("poll", "usage: preflight news poll [--data DIR] [--feeds FILE] [--every 5m] [--once]\n\n"+
		"Fetches news feeds into the index with conditional GET, timeouts, size limits and per-feed backoff,\n"+
		"until interrupted. Without --feeds, a built-in list of major public feeds is used.", stderr)
	feedsFile := fs.String("feeds", "", "feed list: YAML ([{name, url, language, regions}]) or one URL a line")
	every := fs.Duration("every", 5*time.Minute, "time between polling rounds")
	once := fs.Bool("once", false, "poll every feed once, print the counts and exit")
	verbose := fs.Bool("v", false, "log every feed, not only problems and round summaries")
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("news poll: unexpected argument %q", fs.Arg(0))}
	}
	if *every < 10*time.Second {
		return usageError{fmt.Sprintf("news poll: --every %s is too short (at least 10s; be kind to the publishers)", *every)}
	}
	feeds := news.DefaultFeeds()
	if *feedsFile != "" {
		b, err := os.ReadFile(*feedsFile)
		if err != nil {
			return usageError{fmt.Sprintf("news poll: --feeds: %v", err)}
		}
		if feeds, err = news.ParseFeeds(b); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", *feedsFile, err)
			return errInputProblems
		}
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	idx, cfg, err := openIndex(resolveDataDir(*data))
	if err != nil {
		return err
	}
	defer idx.Close()
	p := news.NewPoller(idx, feeds, news.PollOptions{Every: *every, Logger: logger, Retention: cfg.NewsIndex.Retention})
	if *once {
		st := p.PollOnce(ctx)
		fmt.Fprintf(stdout, "feeds %d: fetched %d, not modified %d, failed %d; added %d, duplicates %d, rejected %d\n",
			st.Feeds, st.Fetched, st.NotModified, st.Failed, st.Added, st.Duplicates, st.Rejected)
		if st.Failed > 0 {
			return errInputProblems
		}
		return ctx.Err()
	}
	logger.Info("news poll starting", "feeds", len(feeds), "every", every.String())
	return p.Run(ctx)
}

func runNewsSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newsFlags("search", "usage: preflight news search [--data DIR] [--at TIME] [--limit N] [--format text|json] QUERY\n\n"+
		"Shows the articles the index finds for QUERY (words, names, #hashtags), newest relevant first, as of\n"+
		"TIME: what a check scheduled then could see.", stderr)
	at := fs.String("at", "", "only articles published at or before this time (RFC 3339 or YYYY-MM-DD; default: no limit)")
	limit := fs.Int("limit", 20, "at most this many articles")
	format := fs.String("format", "text", "output: text or json")
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usageError{fmt.Sprintf("news search: --format %q: want text or json", *format)}
	}
	if *limit <= 0 {
		return usageError{"news search: --limit must be positive"}
	}
	var when time.Time
	if *at != "" {
		t, err := news.ParseTime(*at)
		if err != nil {
			return usageError{"news search: --at: " + err.Error()}
		}
		if len(strings.TrimSpace(*at)) == len("2006-01-02") {
			t = t.Add(24*time.Hour - time.Nanosecond) // a date means the whole day
		}
		when = t
	}
	q := strings.Join(fs.Args(), " ")
	dir := resolveDataDir(*data)
	if !newsIndexExists(dir) {
		return fmt.Errorf("no news index in %s: run 'preflight news import' or 'preflight news poll' first", dir)
	}
	var arts []checker.Article
	if svc := runningService(ctx, dir); svc != nil {
		viaService(stderr, svc)
		var err error
		if arts, err = svc.search(ctx, q, when, *limit); err != nil {
			return err
		}
	} else {
		idx, _, err := openIndex(dir)
		if err != nil {
			return err
		}
		defer idx.Close()
		if arts, err = idx.Lookup(ctx, q, when, *limit); err != nil {
			return err
		}
	}
	if *format == "json" {
		if arts == nil {
			arts = []checker.Article{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(arts)
	}
	if len(arts) == 0 {
		fmt.Fprintln(stdout, "no articles found")
		return nil
	}
	for _, a := range arts {
		class := "-"
		if a.Crisis != "" {
			class = fmt.Sprintf("%s %.2f", a.Crisis, a.Severity)
		}
		fmt.Fprintf(stdout, "%s  [%s]  %s\n", a.Published.UTC().Format("2006-01-02 15:04"), termSafe(class), termSafe(a.Title))
		var meta []string
		if a.URL != "" {
			meta = append(meta, a.URL)
		}
		if len(a.Regions) > 0 {
			meta = append(meta, "regions "+strings.Join(a.Regions, ","))
		}
		if len(a.Entities) > 0 {
			meta = append(meta, "names "+strings.Join(a.Entities, "; "))
		}
		fmt.Fprintf(stdout, "    %s\n", termSafe(strings.Join(meta, "  ")))
	}
	return nil
}

// termSafe makes text from the news (feed titles, names, reader messages
// that quote a feed) safe to print on a terminal: escape sequences and
// control characters removed, line breaks and tabs turned into spaces, so
// a feed can neither drive the terminal nor forge extra output lines.
// Articles indexed before ingestion cleaned them may still carry them.
func termSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || r == '\r' {
			return ' '
		}
		return r
	}, news.CleanText(s))
}

// runningService returns the `preflight serve` that holds the data folder
// dir, or nil (see findService). preflight.yaml gives the API key to use.
func runningService(ctx context.Context, dir string) *service {
	cfg, err := loadSettings(dir)
	if err != nil {
		cfg = nil
	}
	return findService(ctx, dir, cfg)
}
