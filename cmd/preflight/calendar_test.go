package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func runCal(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), append([]string{"calendar"}, args...), strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), err
}

func TestCalendarJSON(t *testing.T) {
	out, _, err := runCal(t, "--region", "US", "--region", "gb,NO", "--from", "2026-09-01", "--to", "2026-09-30", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var days []struct {
		Date, Name, Kind, Tone, Region string
		Regions                        []string
	}
	if err := json.Unmarshal([]byte(out), &days); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	found := map[string]bool{}
	for _, d := range days {
		if d.Date < "2026-09-01" || d.Date > "2026-09-30" || d.Name == "" || d.Kind == "" || d.Tone == "" || len(d.Regions) == 0 {
			t.Errorf("bad entry %+v", d)
		}
		found[d.Region+" "+d.Date+" "+d.Name] = true
	}
	for _, want := range []string{"US 2026-09-11 Patriot Day (September 11)", "US 2026-09-21 Yom Kippur", "GB 2026-09-21 Yom Kippur"} {
		if !found[want] {
			t.Errorf("missing %q in %v", want, found)
		}
	}
	out, _, err = runCal(t, "--region", "NO", "--from", "2026-02-01", "--to", "2026-02-02", "--format", "json")
	if err != nil || strings.TrimSpace(out) != "[]" {
		t.Errorf("an empty range is an empty array, got %q, %v", out, err)
	}
}

func TestCalendarTextAndICS(t *testing.T) {
	out, _, err := runCal(t, "--region", "NO", "--from", "2026-05-17", "--to", "2026-05-17")
	if err != nil || !strings.Contains(out, "2026-05-17  NO") || !strings.Contains(out, "Grunnlovsdag") {
		t.Errorf("text: %v\n%s", err, out)
	}
	out, _, err = runCal(t, "--region", "US", "--from", "2026-12-24", "--to", "2026-12-25", "--format", "ics")
	if err != nil || !strings.HasPrefix(out, "BEGIN:VCALENDAR\r\n") || !strings.Contains(out, "DTSTART;VALUE=DATE:20261225\r\n") {
		t.Errorf("ics: %v\n%s", err, out)
	}
}

func TestCalendarCompanyDays(t *testing.T) {
	dir := t.TempDir()
	yml := "regions: [CA]\ncalendar:\n  days:\n    - name: Plant fire anniversary\n      rule: \"03-14\"\n      tone: solemn\n"
	if err := os.WriteFile(filepath.Join(dir, "preflight.yaml"), []byte(yml), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCal(t, "--data", dir, "--from", "2026-03-14", "--to", "2026-03-14")
	if err != nil || !strings.Contains(out, "Plant fire anniversary") || !strings.Contains(out, " CA ") {
		t.Errorf("company day from preflight.yaml: %v\n%s", err, out)
	}
	bad := "calendar:\n  days:\n    - name: Broken\n      rule: every tuesday\n"
	if err := os.WriteFile(filepath.Join(dir, "preflight.yaml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCal(t, "--data", dir); err == nil || !strings.Contains(err.Error(), "calendar.days[0].rule") {
		t.Errorf("want an error naming calendar.days[0].rule, got %v", err)
	}
}

func TestCalendarUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--format", "xml"}, {"--from", "14.03.2026"}, {"--to", "soon"}, {"--region", "XX"},
		{"--from", "2026-03-02", "--to", "2026-03-01"}, {"--bogus"}, {"extra"},
	} {
		_, _, err := runCal(t, args...)
		var ue usageError
		if !errors.As(err, &ue) {
			t.Errorf("%v: got %v, want a usage error (exit 2)", args, err)
		}
	}
	if _, _, err := runCal(t, "-h"); err != nil {
		t.Errorf("-h: %v", err)
	}
}

// TestCalendarDefaultsFromClock: with no --from the range starts on the
// command's clock's day, and the ICS stamp is that clock, so the output is
// the same whatever day the test runs.
func TestCalendarDefaultsFromClock(t *testing.T) {
	pinned := time.Date(2026, 12, 24, 15, 4, 5, 0, time.UTC)
	var out, errb bytes.Buffer
	ctx := withClock(context.Background(), func() time.Time { return pinned })
	if err := run(ctx, []string{"calendar", "--region", "US", "--format", "ics"}, strings.NewReader(""), &out, &errb); err != nil {
		t.Fatal(err, errb.String())
	}
	ics := out.String()
	if !strings.Contains(ics, "DTSTART;VALUE=DATE:20261225\r\n") || !strings.Contains(ics, "DTSTAMP:20261224T150405Z\r\n") {
		t.Errorf("calendar does not follow the injected clock:\n%.600s", ics)
	}
	if strings.Contains(ics, "DTSTART;VALUE=DATE:20261223") {
		t.Errorf("range starts before the clock's day")
	}
}

// --regions lists every region with its zones and subdivisions; a
// subdivision may be listed like a country.
func TestCalendarRegions(t *testing.T) {
	out, _, err := runCal(t, "--regions", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var regions []regionInfo
	if err := json.Unmarshal([]byte(out), &regions); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(regions) < 60 {
		t.Errorf("%d regions, want at least 60", len(regions))
	}
	for _, r := range regions {
		if r.Code == "US" && (len(r.Zones) < 6 || len(r.Subdivisions) != 51 || !strings.Contains(r.Source, "rickar/cal us")) {
			t.Errorf("US: %+v", r)
		}
		if r.Code == "KR" && (r.Name != "South Korea" || r.Source != "data/days.yaml") {
			t.Errorf("KR: %+v", r)
		}
	}
	out, _, err = runCal(t, "--regions")
	if err != nil || !strings.Contains(out, "AU    Australia") || !strings.Contains(out, "regions; a post may also name a subdivision") {
		t.Errorf("text: %v\n%s", err, out)
	}
	if _, _, err := runCal(t, "--regions", "--format", "ics"); err == nil {
		t.Errorf("--regions --format ics: want a usage error")
	}
	out, _, err = runCal(t, "--region", "au-wa", "--from", "2026-06-01", "--to", "2026-06-01")
	if err != nil || !strings.Contains(out, "AU-WA") || !strings.Contains(out, "Western Australia") {
		t.Errorf("--region au-wa: %v\n%s", err, out)
	}
}

// A post is judged in its audience's own zones: 21:30 on 11 September in
// Los Angeles is 9/11 there and anywhere in the US, not in New York, where
// it is already the 12th.
func TestCheckJudgesSubdivisionsInTheirZone(t *testing.T) {
	dir := t.TempDir()
	for region, want := range map[string]bool{"US-CA": true, "US": true, "US-NY": false} {
		post := `{"text":"Flash sale! 50% off everything today only 🎉","regions":["` + region + `"],"scheduled_at":"2026-09-12T04:30:00Z"}`
		out, errs, code := runCLI(t, post, "check", "--data", dir, "--no-news", "--format", "jsonl")
		if code == 2 || code == 3 {
			t.Fatalf("%s: exit %d: %s", region, code, errs)
		}
		if got := strings.Contains(out, "calendar.solemn_day"); got != want {
			t.Errorf("%s: solemn-day finding %v, want %v\n%s", region, got, want, out)
		}
		if strings.Contains(out, "no calendar for") {
			t.Errorf("%s: a subdivision of a supported country has a calendar\n%s", region, out)
		}
	}
}

// TestCalendarReadsConfigStrictly: the calendar command reads
// preflight.yaml as strictly as the others: a misspelt key of a company
// day is an error on its line, not a day silently left without regions.
func TestCalendarReadsConfigStrictly(t *testing.T) {
	dir := t.TempDir()
	cfg := "regions: [NO]\ncalendar:\n  days:\n    - name: Founders Day\n      date: 2026-03-01\n      region: [NO]\n"
	if err := os.WriteFile(filepath.Join(dir, "preflight.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs, code := runCLI(t, "", "calendar", "--data", dir, "--from", "2026-03-01", "--to", "2026-03-02")
	if code != 2 || !strings.Contains(errs, "preflight.yaml:6:") || !strings.Contains(errs, `did you mean "regions"?`) {
		t.Errorf("exit %d, stderr %q: want 2 and the misspelt key on line 6", code, errs)
	}
}
