package main

import (
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/config"
	"github.com/preflight-dev/preflight/postio"
	"github.com/preflight-dev/preflight/queue"
)

// queueFile is the queue's database in the data folder.
const queueFile = "queue.db"

// openQueue opens the data folder's queue; withEngine also opens the rules,
// calendars and news to judge posts (import and recheck need them), or,
// when a running 'preflight serve' holds the news index, judges through it.
func openQueue(ctx context.Context, dataDir string, withEngine bool) (*queue.Queue, func(), error) {
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, nil, err
	}
	cfg, err := config.Load(dataDir)
	if err != nil {
		return nil, nil, err
	}
	store, err := openStore(ctx, dataDir, cfg)
	if err != nil {
		return nil, nil, err
	}
	var check queue.Checker = refuseChecks{}
	closeAll := func() { store.Close() }
	if withEngine {
		if svc := runningService(ctx, dataDir); svc != nil {
			return queue.New(store, remoteChecker{svc: svc, flags: &checkFlags{}}, clockFrom(ctx)), closeAll, nil
		}
		a, err := openApp(ctx, appOptions{dataDir: dataDir})
		if err != nil {
			store.Close()
			return nil, nil, err
		}
		check = a.engine
		closeAll = func() { a.Close(); store.Close() }
	}
	return queue.New(store, check, clockFrom(ctx)), closeAll, nil
}

// refuseChecks is the checker of queue commands that only read or change
// statuses: they never judge.
type refuseChecks struct{}

func (refuseChecks) Check(context.Context, checker.Post) (checker.Report, error) {
	return checker.Report{}, errors.New("this command does not check posts")
}

func runQueue(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: preflight queue import|list|show|hold|release|cancel|published|suppress|recheck [flags]")
		return usageError{"queue: no subcommand given"}
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("queue "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data folder (default $PREFLIGHT_DATA or ~/.config/preflight)")
	format := fs.String("format", "text", "output: text or json")
	by := fs.String("by", "", "who does this (recorded in the audit log)")
	reason := fs.String("reason", "", "why (hold, suppress: required)")
	until := fs.String("until", "", "hold: when to look again (RFC 3339)")
	var statuses, brand, region, input, rule string
	if sub == "list" {
		fs.StringVar(&statuses, "status", "", "only these statuses (comma-separated)")
		fs.StringVar(&brand, "brand", "", "only this brand")
		fs.StringVar(&region, "region", "", "only posts to this region")
	}
	if sub == "suppress" {
		fs.StringVar(&rule, "rule", "", "suppress: the rule ID of the finding a person reviewed")
	}
	if sub == "import" {
		fs.StringVar(&input, "input", "auto", "input format: auto, json, jsonl or csv")
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usageError{err.Error()}
	}
	if *format != "text" && *format != "json" {
		return usageError{fmt.Sprintf("queue: --format %q: want text or json", *format)}
	}
	dir := resolveDataDir(*data)
	needsID := map[string]bool{"show": true, "hold": true, "release": true, "cancel": true, "published": true, "suppress": true}
	if needsID[sub] && len(pos) != 1 {
		return usageError{fmt.Sprintf("queue %s: give one post ID", sub)}
	}
	switch sub {
	case "import":
		return queueImport(ctx, dir, input, pos, stdin, stdout, stderr, *format)
	case "recheck":
		var sum queue.RecheckSummary
		if svc := runningService(ctx, dir); svc != nil {
			// The service re-checks, as its leader, with the index it holds.
			viaService(stderr, svc)
			err = svc.do(ctx, func() (*http.Request, error) {
				req, err := http.NewRequest(http.MethodPost, svc.base+"/v1/queue/recheck", nil)
				if err == nil {
					svc.authorize(req, cmp.Or(svc.token, svc.apiKey))
				}
				return req, err
			}, &sum)
		} else {
			q, done, oerr := openQueue(ctx, dir, true)
			if oerr != nil {
				return oerr
			}
			defer done()
			sum, err = q.Recheck(ctx, "request", nil)
		}
		if err != nil {
			return err
		}
		if *format == "json" {
			return json.NewEncoder(stdout).Encode(sum)
		}
		fmt.Fprintf(stdout, "re-checked %d posts: %d newly held %v, %d eased, %d failed\n", sum.Checked, len(sum.Held), sum.Held, sum.Eased, sum.Failed)
		return nil
	}
	q, done, err := openQueue(ctx, dir, false)
	if err != nil {
		return err
	}
	defer done()
	var e queue.Entry
	switch sub {
	case "list":
		f := queue.Filter{Brand: brand, Region: region}
		for _, s := range postio.SplitList(statuses) {
			st, err := queue.ParseStatus(s)
			if err != nil {
				return usageError{"queue list: --status: " + err.Error()}
			}
			f.Statuses = append(f.Statuses, st)
		}
		es, err := q.Store().List(ctx, f)
		if err != nil {
			return err
		}
		return printEntries(stdout, *format, es)
	case "show":
		e, err = q.Store().Get(ctx, pos[0])
	case "hold":
		if strings.TrimSpace(*reason) == "" {
			return usageError{"queue hold: --reason is required (it is shown to whoever releases the post)"}
		}
		var u time.Time
		if *until != "" {
			if u, err = postio.ParseTime(*until); err != nil {
				return usageError{"queue hold: --until: " + err.Error()}
			}
		}
		e, err = q.Hold(ctx, pos[0], who(*by), *reason, u)
	case "release":
		e, err = q.Release(ctx, pos[0], who(*by), *reason)
	case "cancel":
		e, err = q.Cancel(ctx, pos[0], who(*by), *reason)
	case "published":
		e, err = q.Published(ctx, pos[0], who(*by))
	case "suppress":
		if *until == "" {
			return usageError{"queue suppress: --until is required (a review lapses; at most 30 days ahead)"}
		}
		u, perr := postio.ParseTime(*until)
		if perr != nil {
			return usageError{"queue suppress: --until: " + perr.Error()}
		}
		sp, err := q.Suppress(ctx, queue.Suppression{PostID: pos[0], Rule: rule, By: who(*by), Why: *reason, Until: u})
		if errors.Is(err, queue.ErrNotFound) {
			return usageError{err.Error()}
		}
		var ce *checker.Error
		if errors.As(err, &ce) {
			flagOf := map[string]string{"why": "reason", "rule": "rule", "until": "until", "by": "by"}
			return usageError{"queue suppress: --" + flagOf[ce.Field] + ": " + ce.Message}
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "suppressed %s on %s until %s (from its next check)\n", sp.Rule, sp.PostID, sp.Until.UTC().Format(time.RFC3339))
		return nil
	default:
		return usageError{fmt.Sprintf("queue: unknown subcommand %q%s", sub,
			checker.DidYouMean(sub, []string{"import", "list", "show", "hold", "release", "cancel", "published", "suppress", "recheck"}))}
	}
	if errors.Is(err, queue.ErrNotFound) {
		return usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	return printEntries(stdout, *format, []queue.Entry{e})
}

// parseInterspersed parses flags wherever they stand among the arguments
// ("hold ID --reason …" as well as "hold --reason … ID") and returns the
// others in order.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// who names the person acting from the command line.
func who(by string) string {
	if by != "" {
		return by
	}
	return "cli"
}

func queueImport(ctx context.Context, dir, input string, files []string, stdin io.Reader, stdout, stderr io.Writer, format string) error {
	fmtIn, err := postio.ParseFormat(input)
	if err != nil {
		return usageError{"queue import: --input: " + err.Error()}
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	var posts []checker.Post
	bad := false
	for _, name := range files {
		recs, err := readInput(name, stdin, postio.Options{Format: fmtIn})
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", displayName(name), err)
			bad = true
			continue
		}
		for _, r := range recs {
			if r.Err == nil && r.Post.ID == "" {
				r.Err = &checker.Error{Code: checker.ECodeInvalid, Field: "id", Message: "required to queue a post (the scheduler's post ID)"}
			}
			if r.Err == nil && r.Post.ScheduledAt.IsZero() {
				r.Err = &checker.Error{Code: checker.ECodeInvalid, Field: "scheduled_at", Message: "required to queue a post"}
			}
			if r.Err != nil {
				fmt.Fprintf(stderr, "%s:%d: %v\n", displayName(name), r.Line, r.Err)
				bad = true
				continue
			}
			posts = append(posts, r.Post)
		}
	}
	q, done, err := openQueue(ctx, dir, true)
	if err != nil {
		return err
	}
	defer done()
	es, err := q.Add(ctx, posts, "import")
	if err != nil {
		return err
	}
	if err := printEntries(stdout, format, es); err != nil {
		return err
	}
	if bad {
		return errInputProblems
	}
	return nil
}

func printEntries(w io.Writer, format string, es []queue.Entry) error {
	if format == "json" {
		if es == nil {
			es = []queue.Entry{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(es)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSCHEDULED\tSTATUS\tVERDICT\tBRAND\tREGIONS\tHOLD")
	for _, e := range es {
		hold := ""
		if e.Hold != nil {
			hold = terminalSafe(e.Hold.By + ": " + e.Hold.Reason)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", terminalSafe(e.ID), e.Post.ScheduledAt.UTC().Format("2006-01-02 15:04Z"), e.Status,
			e.Verdict, terminalSafe(e.Post.Brand), strings.Join(e.Post.Regions, ","), hold)
	}
	return tw.Flush()
}

// runAudit lists the audit log: every verdict with its post, trigger and
// who acted, as JSONL or CSV.
func runAudit(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("audit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data folder")
	post := fs.String("post", "", "only this post ID")
	verdict := fs.String("verdict", "", "only this verdict (pass, review, block)")
	from := fs.String("from", "", "from this time (RFC 3339)")
	to := fs.String("to", "", "before this time (RFC 3339)")
	format := fs.String("format", "jsonl", "jsonl or csv")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usageError{err.Error()}
	}
	f := queue.AuditFilter{PostID: *post, Verdict: checker.Verdict(*verdict)}
	switch f.Verdict {
	case "", checker.VerdictPass, checker.VerdictReview, checker.VerdictBlock:
	default:
		return usageError{fmt.Sprintf("audit: --verdict %q: want pass, review or block", *verdict)}
	}
	for _, t := range []struct {
		flag string
		dst  *time.Time
	}{{*from, &f.From}, {*to, &f.To}} {
		if t.flag == "" {
			continue
		}
		v, err := postio.ParseTime(t.flag)
		if err != nil {
			return usageError{"audit: " + err.Error()}
		}
		*t.dst = v
	}
	q, done, err := openQueue(ctx, resolveDataDir(*data), false)
	if err != nil {
		return err
	}
	defer done()
	recs, err := q.Store().Audit(ctx, f)
	if err != nil {
		return err
	}
	switch *format {
	case "jsonl":
		enc := json.NewEncoder(stdout)
		for _, r := range recs {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	case "csv":
		cw := csv.NewWriter(stdout)
		cw.Write([]string{"seq", "at", "post_id", "trigger", "verdict", "status", "by", "note", "suppressed", "text_hash"})
		for _, r := range recs {
			cw.Write(csvSafe([]string{fmt.Sprint(r.Seq), r.At.UTC().Format(time.RFC3339), r.PostID, r.Trigger, string(r.Verdict),
				string(r.Status), r.By, r.Note, strings.Join(r.Suppressed, " "), r.TextHash}))
		}
		cw.Flush()
		return cw.Error()
	}
	return usageError{fmt.Sprintf("audit: --format %q: want jsonl or csv", *format)}
}

// csvSafe neutralises cells a spreadsheet would run as formulas.
func csvSafe(cells []string) []string {
	for i, c := range cells {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			cells[i] = "'" + c
		}
	}
	return cells
}

// terminalSafe drops control characters (escape sequences included) from
// text that came from outside, before it reaches a terminal.
func terminalSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || (r >= 0x7f && r < 0xa0) {
			return -1
		}
		return r
	}, s)
}
