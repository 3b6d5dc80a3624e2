package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/preflight-dev/preflight/postio"
	"github.com/preflight-dev/preflight/queue"
)

const crisisUsage = `usage: preflight crisis start --reason WHY [--regions GB,IE] [--brands …] [--platforms …] [--tags …] [--until TIME]
       preflight crisis list [--all]
       preflight crisis confirm ID
       preflight crisis end ID

A crisis holds every pending promotional or light-hearted post in its scope
(regions, brands, platforms, tags; empty means all; scheduled before --until)
until a person ends it; sober service posts are not held. Preflight proposes a
crisis when a major event reaches an audience region; confirm makes it real.`

// runCrisis is 'preflight crisis': the operator's side of crisis mode.
func runCrisis(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, crisisUsage)
		return usageError{"crisis: no subcommand given"}
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("crisis "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data folder")
	format := fs.String("format", "text", "output: text or json")
	by := fs.String("by", "", "who does this (recorded)")
	var regions, brands, platforms, tags, until, reason string
	var all bool
	switch sub {
	case "start":
		fs.StringVar(&regions, "regions", "", "regions in scope, comma-separated (empty: all)")
		fs.StringVar(&brands, "brands", "", "brands in scope (empty: all)")
		fs.StringVar(&platforms, "platforms", "", "platforms in scope (empty: all)")
		fs.StringVar(&tags, "tags", "", "hashtags in scope (empty: all)")
		fs.StringVar(&until, "until", "", "posts scheduled from this time on are out of scope (RFC 3339; empty: until ended)")
		fs.StringVar(&reason, "reason", "", "why (required; shown on every post it holds)")
	case "list":
		fs.BoolVar(&all, "all", false, "include ended crises")
	case "confirm", "end":
	default:
		return usageError{fmt.Sprintf("crisis: unknown subcommand %q (start, list, confirm, end)", sub)}
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usageError{err.Error()}
	}
	if *format != "text" && *format != "json" {
		return usageError{fmt.Sprintf("crisis: --format %q: want text or json", *format)}
	}
	if (sub == "confirm" || sub == "end") != (len(pos) == 1) || (sub != "confirm" && sub != "end" && len(pos) > 0) {
		return usageError{fmt.Sprintf("crisis %s: unexpected arguments %v", sub, pos)}
	}
	q, done, err := openQueue(ctx, resolveDataDir(*data), false)
	if err != nil {
		return err
	}
	defer done()
	var c queue.Crisis
	var es []queue.Entry
	switch sub {
	case "list":
		cs, ok := q.Store().(queue.CrisisStore)
		if !ok {
			return queue.ErrNoCrisisStore
		}
		list, err := cs.Crises(ctx, all)
		if err != nil {
			return err
		}
		return printCrises(stdout, *format, list)
	case "start":
		c = queue.Crisis{Regions: postio.SplitList(regions), Brands: postio.SplitList(brands), Platforms: postio.SplitList(platforms),
			Tags: postio.SplitList(tags), Reason: reason, By: who(*by)}
		if until != "" {
			if c.Until, err = postio.ParseTime(until); err != nil {
				return usageError{"crisis start: --until: " + err.Error()}
			}
		}
		if strings.TrimSpace(reason) == "" {
			return usageError{"crisis start: --reason is required (it is shown on every post the crisis holds)"}
		}
		c, es, err = q.StartCrisis(ctx, c)
	case "confirm":
		c, es, err = q.ConfirmCrisis(ctx, pos[0], who(*by))
	case "end":
		c, es, err = q.EndCrisis(ctx, pos[0], who(*by))
	}
	if errors.Is(err, queue.ErrNotFound) {
		return usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	if *format == "json" {
		ids := make([]string, 0, len(es))
		for _, e := range es {
			ids = append(ids, e.ID)
		}
		return json.NewEncoder(stdout).Encode(map[string]any{"crisis": c, "posts": ids})
	}
	if err := printCrises(stdout, "text", []queue.Crisis{c}); err != nil {
		return err
	}
	verb := "held"
	if sub == "end" {
		verb = "released from the crisis hold"
	}
	fmt.Fprintf(stdout, "%d posts %s\n", len(es), verb)
	return nil
}

func printCrises(w io.Writer, format string, cs []queue.Crisis) error {
	if format == "json" {
		if cs == nil {
			cs = []queue.Crisis{}
		}
		return json.NewEncoder(w).Encode(cs)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATUS\tREGIONS\tBRANDS\tUNTIL\tBY\tREASON")
	for _, c := range cs {
		u := "until ended"
		if !c.Until.IsZero() {
			u = c.Until.UTC().Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.Status, orAll(c.Regions), orAll(c.Brands), u, terminalSafe(c.By), terminalSafe(c.Reason))
	}
	return tw.Flush()
}

func orAll(l []string) string {
	if len(l) == 0 {
		return "all"
	}
	return terminalSafe(strings.Join(l, ","))
}

// runReplay is 'preflight replay SEQ': judge the post of an audit record
// again with exactly the news known then (articles ingested by the
// record's time, published by the post's time) and say whether the
// verdict is the same.
func runReplay(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("replay", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data folder")
	format := fs.String("format", "text", "output: text or json")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usageError{err.Error()}
	}
	if len(pos) != 1 {
		return usageError{"replay: give one audit record number (the seq of 'preflight audit')"}
	}
	var seq int64
	if _, err := fmt.Sscan(pos[0], &seq); err != nil || seq <= 0 {
		return usageError{fmt.Sprintf("replay: %q is not an audit record number", pos[0])}
	}
	dir := resolveDataDir(*data)
	var res queue.ReplayResult
	if svc := runningService(ctx, dir); svc != nil {
		// The service holds the news index: it replays with it.
		viaService(stderr, svc)
		err = svc.do(ctx, func() (*http.Request, error) {
			req, err := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/v1/audit/%d/replay", svc.base, seq), nil)
			if err == nil {
				svc.authorize(req, cmp.Or(svc.token, svc.apiKey))
			}
			return req, err
		}, &res)
		if se := (*serviceError)(nil); errors.As(err, &se) && se.Status == http.StatusNotFound {
			err = queue.ErrNotFound
		}
	} else {
		res, err = replayLocal(ctx, dir, seq)
	}
	if errors.Is(err, queue.ErrNotFound) {
		return usageError{fmt.Sprintf("replay: no audit record %d", seq)}
	}
	if err != nil {
		return err
	}
	known := res.Record.KnownAt()
	if *format == "json" {
		return json.NewEncoder(stdout).Encode(res)
	}
	same := "the same verdict"
	if !res.Same {
		same = "a DIFFERENT verdict"
	}
	fmt.Fprintf(stdout, "record %d (%s of post %s at %s): was %s, replayed with the news known at %s: %s — %s\n",
		seq, res.Record.Trigger, terminalSafe(res.Record.PostID), res.Record.At.UTC().Format(time.RFC3339), res.Record.Verdict,
		known.UTC().Format(time.RFC3339), res.Verdict, same)
	if !res.Same {
		return errVerdictChanged
	}
	return nil
}

// replayLocal replays an audit record with the data folder's own news
// index (no service holds it).
func replayLocal(ctx context.Context, dir string, seq int64) (queue.ReplayResult, error) {
	q, done, err := openQueue(ctx, dir, false)
	if err != nil {
		return queue.ReplayResult{}, err
	}
	defer done()
	a, err := openApp(ctx, appOptions{dataDir: dir})
	if err != nil {
		return queue.ReplayResult{}, err
	}
	defer a.Close()
	return replayer(a, q)(ctx, seq)
}

// replayer judges an audit record again with the app's rules and only the
// news its index had ingested by the record's news state. The CLI uses it
// with the index it opened; serve with the one it holds, for POST
// /v1/audit/{seq}/replay.
func replayer(a *app, q *queue.Queue) func(context.Context, int64) (queue.ReplayResult, error) {
	return func(ctx context.Context, seq int64) (queue.ReplayResult, error) {
		recs, err := q.Store().Audit(ctx, queue.AuditFilter{Seq: seq, Limit: 1})
		if err != nil {
			return queue.ReplayResult{}, err
		}
		if len(recs) == 0 {
			return queue.ReplayResult{}, fmt.Errorf("%w: no audit record %d", queue.ErrNotFound, seq)
		}
		eng, err := a.engineKnownAt(recs[0].KnownAt())
		if err != nil {
			return queue.ReplayResult{}, err
		}
		return q.Replay(ctx, seq, eng)
	}
}

// errVerdictChanged makes replay exit non-zero when the verdict differs.
var errVerdictChanged = errors.New("replay: the verdict differs from the record")
