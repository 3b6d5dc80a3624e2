package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/preflight-dev/preflight/calendars"
	"github.com/preflight-dev/preflight/checker"
)

// regionFlags collects repeated --region flags; each may also be a
// comma-separated list or "all".
type regionFlags []string

func (r *regionFlags) String() string { return strings.Join(*r, ",") }

func (r *regionFlags) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*r = append(*r, p)
		}
	}
	return nil
}

func runCalendar(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("calendar", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var regions regionFlags
	fs.Var(&regions, "region", "region code (US, GB, NO, ...), repeatable or comma-separated; \"all\" for every supported region (default: the regions in DIR/preflight.yaml, else US)")
	from := fs.String("from", "", "first date to list, YYYY-MM-DD (default: today)")
	to := fs.String("to", "", "last date to list, inclusive, YYYY-MM-DD (default: 30 days after --from)")
	format := fs.String("format", "text", "output format: text (aligned table), json (array of days), ics (iCalendar for Google Calendar/Outlook)")
	data := fs.String("data", "", "data folder; its preflight.yaml supplies default regions and company days (calendar.days)")
	listRegions := fs.Bool("regions", false, "list the supported regions (code, name, time zones, subdivisions, where the public holidays come from) and exit")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: preflight calendar [--region CC|CC-SUB]... [--from DATE] [--to DATE] [--format text|json|ics] [--data DIR]")
		fmt.Fprintln(stderr, "       preflight calendar --regions [--format text|json]")
		fmt.Fprintln(stderr, "\nLists public holidays, observances, solemn and religious days with their tone, per region.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("calendar: unexpected argument %q", fs.Arg(0))}
	}
	switch *format {
	case "text", "json", "ics":
	default:
		return usageError{fmt.Sprintf("calendar: unknown --format %q (want text, json or ics)", *format)}
	}

	if *listRegions {
		if *format == "ics" {
			return usageError{"calendar: --regions lists as text or json, not ics"}
		}
		return writeRegions(stdout, *format)
	}

	// The profile's regions (the default audience) and the company's own
	// days, read as strictly as every command reads preflight.yaml.
	var days calendars.Options
	var defaultRegions []string
	if *data != "" {
		s, err := loadSettings(*data)
		if err != nil {
			return err
		}
		days, defaultRegions = s.CompanyDays, s.Regions
	}
	cal, err := calendars.New(days)
	if err != nil {
		return fmt.Errorf("calendar: preflight.yaml: %w", err)
	}

	codes, err := regionCodes(cal, regions, defaultRegions)
	if err != nil {
		return err
	}

	now := clockFrom(ctx)()
	start, end, err := dateRange(now, *from, *to)
	if err != nil {
		return err
	}

	// List the days whose date falls in [start, end] in each region.
	first, last := start.Format("2006-01-02"), end.Format("2006-01-02")
	var obs []checker.Observance
	for _, r := range codes {
		if err := ctx.Err(); err != nil {
			return err
		}
		for _, o := range cal.Between(r, start.AddDate(0, 0, -2), end.AddDate(0, 0, 2)) {
			if o.Date >= first && o.Date <= last {
				obs = append(obs, o)
			}
		}
	}
	sortByDate(obs)

	return writeObservances(stdout, *format, obs, now, first, last, codes)
}

// regionCodes resolves the regions asked for ("all", codes, else the
// profile's, else US) against the calendar.
func regionCodes(cal *calendars.Calendar, regions regionFlags, defaults []string) ([]string, error) {
	if len(regions) == 0 {
		regions = defaults
	}
	if len(regions) == 0 {
		regions = regionFlags{"US"}
	}
	var codes []string
	for _, r := range checker.NormaliseRegions(regions) {
		if r == "ALL" {
			codes = cal.Regions()
			break
		}
		if calendars.RegionName(r) == "" {
			return nil, usageError{fmt.Sprintf("calendar: unsupported region %q (supported: %s, or all)", r, strings.Join(cal.Regions(), ", "))}
		}
		codes = append(codes, r)
	}
	return codes, nil
}

// dateRange reads --from and --to: today (on the command's clock) and 30
// days after by default, at most ten years.
func dateRange(now time.Time, from, to string) (start, end time.Time, err error) {
	start = now.UTC()
	start = time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)
	if from != "" {
		if start, err = time.Parse("2006-01-02", from); err != nil {
			return start, end, usageError{fmt.Sprintf("calendar: --from %q is not a YYYY-MM-DD date", from)}
		}
	}
	end = start.AddDate(0, 0, 30)
	if to != "" {
		if end, err = time.Parse("2006-01-02", to); err != nil {
			return start, end, usageError{fmt.Sprintf("calendar: --to %q is not a YYYY-MM-DD date", to)}
		}
	}
	if end.Before(start) {
		return start, end, usageError{"calendar: --to is before --from"}
	}
	if end.Sub(start) > 10*366*24*time.Hour {
		return start, end, usageError{"calendar: the range is limited to ten years"}
	}

	return start, end, nil
}

// writeObservances prints the days as a table, JSON or iCalendar (stamped
// with now).
func writeObservances(stdout io.Writer, format string, obs []checker.Observance, now time.Time, first, last string, codes []string) error {
	switch format {
	case "json":
		if obs == nil {
			obs = []checker.Observance{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(obs)
	case "ics":
		return calendars.WriteICS(stdout, obs, now)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tREGION\tNAME\tKIND\tTONE\tLOCAL NAME")
	for _, o := range obs {
		name := o.Name
		if !o.Start.IsZero() && o.Start.Hour() == 18 {
			name += " (from the evening before)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", o.Date, o.Region, name, o.Kind, o.Tone, o.LocalName)
	}
	if len(obs) == 0 {
		fmt.Fprintf(tw, "no days between %s and %s in %s\n", first, last, strings.Join(codes, ", "))
	}
	return tw.Flush()
}

// sortByDate orders by (date, region), stable: a year of every region is
// thousands of days.
func sortByDate(obs []checker.Observance) {
	sort.SliceStable(obs, func(i, j int) bool { return less(obs[i], obs[j]) })
}

// regionInfo is one line of "preflight calendar --regions".
type regionInfo struct {
	Code         string   `json:"code"`
	Name         string   `json:"name"`
	Zones        []string `json:"zones"`
	Subdivisions []string `json:"subdivisions,omitempty"`
	Source       string   `json:"source"`
}

// writeRegions lists the calendar's regions: a post may name a country or
// one of its subdivisions (US-CA); a country is judged in every zone.
func writeRegions(w io.Writer, format string) error {
	cal, err := calendars.New(calendars.Options{})
	if err != nil {
		return fmt.Errorf("calendar: %w", err)
	}
	var out []regionInfo
	for _, code := range cal.Regions() {
		out = append(out, regionInfo{Code: code, Name: calendars.RegionName(code), Zones: calendars.Zones(code),
			Subdivisions: calendars.Subdivisions(code), Source: calendars.Source(code)})
	}
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tNAME\tZONES\tSUBDIVISIONS\tPUBLIC HOLIDAYS FROM")
	for _, r := range out {
		zones := r.Zones[0]
		if len(r.Zones) > 1 {
			zones += fmt.Sprintf(" (+%d)", len(r.Zones)-1)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", r.Code, r.Name, zones, len(r.Subdivisions), r.Source)
	}
	fmt.Fprintf(tw, "%d regions; a post may also name a subdivision (US-CA, AU-WA, CA-QC, BR-SP): judged in its own zone\n", len(out))
	return tw.Flush()
}

func less(a, b checker.Observance) bool {
	if a.Date != b.Date {
		return a.Date < b.Date
	}
	return a.Region < b.Region
}
