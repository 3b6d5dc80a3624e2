package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/preflight-dev/preflight/brand"
	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/config"
)

// openBook builds the brand book from preflight.yaml's brands section and
// the file's default profile (a --brand flag picks a profile, it does not
// make one), checks its per-brand rule settings against the rules and
// turns on the opt-in packs each brand lists.
func openBook(cfg *config.File, profile checker.Profile, rs []*checker.Rule) (*brand.Book, error) {
	bk, err := brand.New(cfg.Brands, profile)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	if err := bk.CheckRules(ids); err != nil {
		return nil, err
	}
	return bk, bk.EnablePacks(rs)
}

// runBrands lists the brand profiles (brands list) or shows one with every
// name it is known by, configured and derived (brands show NAME).
func runBrands(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("brands", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data folder with preflight.yaml")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: preflight brands [--data DIR] list | show NAME")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return nil
		}
		return usageError{err.Error()}
	}
	sub := fs.Arg(0)
	if sub == "" {
		sub = "list"
	}
	if sub != "list" && sub != "show" || sub == "show" && fs.NArg() < 2 {
		fs.Usage()
		return usageError{"want 'brands list' or 'brands show NAME'"}
	}
	a, err := openApp(ctx, appOptions{dataDir: resolveDataDir(*data), noNews: true})
	if err != nil {
		return err
	}
	defer a.Close()
	if sub == "list" {
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "BRAND\tALIASES\tHANDLES\tREGIONS")
		bs := append([]*checker.Brand(nil), a.book.Brands()...)
		sort.SliceStable(bs, func(i, j int) bool { return strings.ToLower(bs[i].Name) < strings.ToLower(bs[j].Name) })
		for _, b := range bs {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", b.Name, orNone(b.Aliases), orNone(b.Handles), orNone(b.Regions))
		}
		return tw.Flush()
	}
	name := strings.Join(fs.Args()[1:], " ")
	b := a.book.Lookup(name)
	if b == nil || !b.Known {
		fmt.Fprintf(stdout, "%s has no profile in preflight.yaml; posts naming it are checked with the default profile and these names:\n\n", name)
	} else {
		fmt.Fprintf(stdout, "%s\n\n", b.Name)
		for _, f := range []struct {
			label string
			vals  []string
		}{{"aliases", b.Aliases}, {"handles", b.Handles}, {"hashtags", b.Hashtags}, {"initials", b.Initials},
			{"products", b.Products}, {"people", b.People}, {"competitors", b.Competitors}, {"regions", b.Regions},
			{"languages", b.Languages}, {"sensitive topics", b.Topics}, {"packs", b.Packs}} {
			if len(f.vals) > 0 {
				fmt.Fprintf(stdout, "%-17s %s\n", f.label+":", strings.Join(f.vals, ", "))
			}
		}
		ids := make([]string, 0, len(b.Rules))
		for id := range b.Rules {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			s := b.Rules[id]
			switch {
			case s.Disabled:
				fmt.Fprintf(stdout, "rule %s: off\n", id)
			case s.Enabled && s.Severity != 0:
				fmt.Fprintf(stdout, "rule %s: on, severity %s\n", id, s.Severity)
			case s.Enabled:
				fmt.Fprintf(stdout, "rule %s: on\n", id)
			case s.Severity != 0:
				fmt.Fprintf(stdout, "rule %s: severity %s\n", id, s.Severity)
			}
		}
		fmt.Fprintln(stdout)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tKIND\tDERIVED")
	for _, v := range b.Variants {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", v.Text, v.Kind, orDash(v.Derived))
	}
	return tw.Flush()
}

func orNone(xs []string) string {
	if len(xs) == 0 {
		return "-"
	}
	return strings.Join(xs, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
