package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/preflight-dev/preflight/checker"
)

// runRules lists the rules (with the pack that declared each), explains
// one as staticcheck's -explain does, or tests packs' examples (rules
// test).
func runRules(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data folder with preflight.yaml")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: preflight rules [--data DIR] [RULE-ID...]\n       preflight rules [--data DIR] test PACK-FILE|PACK-NAME...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return nil
		}
		return usageError{err.Error()}
	}
	if fs.Arg(0) == "test" {
		return runRulesTest(ctx, resolveDataDir(*data), fs.Args()[1:], stdout)
	}
	a, err := openApp(ctx, appOptions{dataDir: resolveDataDir(*data), noNews: true})
	if err != nil {
		return err
	}
	defer a.Close()
	if fs.NArg() == 0 {
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "RULE\tCATEGORY\tPACK\tTITLE")
		for _, r := range sortedRules(a.engine) {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Category, packLabel(r), r.Title)
		}
		return tw.Flush()
	}
	for _, id := range fs.Args() {
		found := false
		for _, r := range a.engine.Rules() {
			if r.ID != id {
				continue
			}
			found = true
			fmt.Fprintf(stdout, "%s: %s\n\n%s\n", r.ID, r.Title, r.Doc)
			if r.Pack != "" {
				fmt.Fprintf(stdout, "\nPack: %s\n", packLabel(r))
			}
			if r.Fix != "" {
				fmt.Fprintf(stdout, "\nHow to fix: %s\n", r.Fix)
			}
			if r.Since != "" {
				fmt.Fprintf(stdout, "\nSince: %s\n", r.Since)
			}
		}
		if !found {
			var ids []string
			for _, r := range a.engine.Rules() {
				ids = append(ids, r.ID)
			}
			return usageError{fmt.Sprintf("no rule has the ID %q%s; 'preflight rules' lists them", id, checker.DidYouMean(id, ids))}
		}
	}
	return nil
}

// packLabel names the pack a rule comes from for listings: "-" for a rule
// written in Go, and whether it is opt-in.
func packLabel(r *checker.Rule) string {
	switch {
	case r.Pack == "":
		return "-"
	case r.OptIn:
		return r.Pack + " (opt-in)"
	}
	return r.Pack
}
