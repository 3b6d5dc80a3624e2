package calendars

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// A country spans its zones: 9/11 is over in New York at 05:00 UTC on
// 12 September but still in force in Los Angeles, so a post to the US is
// still on 9/11; a post to US-NY is not, one to US-CA is.
func TestCountryIsJudgedInEveryZone(t *testing.T) {
	c := newCal(t, Options{})
	at := time.Date(2026, 9, 12, 5, 0, 0, 0, time.UTC)
	for region, want := range map[string]bool{"US": true, "US-CA": true, "us-ca": true, "US-NY": false, "US-ZZ": true} {
		if got := hasID(c.At(region, at), "september-11"); got != want {
			t.Errorf("%s at %s: on 9/11 = %v, want %v", region, at, got, want)
		}
	}
	// The country's span starts at its first zone's midnight.
	early := time.Date(2026, 9, 11, 4, 30, 0, 0, time.UTC) // 00:30 in New York
	if !hasID(c.At("US", early), "september-11") || hasID(c.At("US-CA", early), "september-11") {
		t.Errorf("00:30 in New York is 9/11 in the US, not yet in California")
	}
	// Observances of a subdivision name it and sit in its zone.
	for _, o := range c.Between("US-CA", at.Add(-24*time.Hour), at) {
		if o.Region != "US-CA" || o.Start.Location().String() != "America/Los_Angeles" {
			t.Errorf("US-CA observance %s in %s, zone %s", o.ID, o.Region, o.Start.Location())
		}
	}
	// Russia spans eleven hours: New Year's Day is in force somewhere in
	// Russia from 12:00 UTC on 31 December (midnight in Kamchatka).
	if !hasID(c.At("RU", time.Date(2025, 12, 31, 12, 30, 0, 0, time.UTC)), "new-year") &&
		len(c.At("RU", time.Date(2025, 12, 31, 12, 30, 0, 0, time.UTC))) == 0 {
		t.Errorf("New Year has begun in Kamchatka at 12:30 UTC on 31 December")
	}
	if hasID(c.At("RU-MOW", time.Date(2025, 12, 31, 12, 30, 0, 0, time.UTC)), "new-year") {
		t.Errorf("New Year has not begun in Moscow at 12:30 UTC on 31 December")
	}
}

// A subdivision keeps its own public holidays (rickar/cal's state lists):
// Western Australia Day in AU-WA, not in AU-NSW nor in AU as a whole.
func TestSubdivisionHolidays(t *testing.T) {
	c := newCal(t, Options{})
	day := time.Date(2026, 6, 1, 3, 0, 0, 0, time.UTC) // 1st Monday of June, 11:00 in Perth
	named := func(region string) bool {
		for _, o := range c.At(region, day) {
			if strings.Contains(o.Name, "Western Australia") {
				return true
			}
		}
		return false
	}
	if !named("AU-WA") || named("AU-NSW") || named("AU") {
		t.Errorf("Western Australia Day: AU-WA %v, AU-NSW %v, AU %v", named("AU-WA"), named("AU-NSW"), named("AU"))
	}
	// Subdivisions also keep the country's days from days.yaml.
	if !hasID(c.At("US-TX", time.Date(2026, 9, 11, 17, 0, 0, 0, time.UTC)), "september-11") {
		t.Errorf("US-TX keeps the US's solemn days")
	}
}

func TestRegionListing(t *testing.T) {
	c := newCal(t, Options{})
	if n := len(c.Regions()); n < 60 {
		t.Errorf("%d regions, want at least 60", n)
	}
	for _, r := range c.Regions() {
		if strings.Contains(r, "-") {
			t.Errorf("Regions() lists subdivision %s", r)
		}
		if RegionName(r) == "" || len(Zones(r)) == 0 || Source(r) == "" || c.Location(r) == nil {
			t.Errorf("%s: name %q zones %v source %q", r, RegionName(r), Zones(r), Source(r))
		}
	}
	for country, want := range map[string]int{"US": 51, "AU": 8, "CA": 13, "BR": 27, "MX": 32, "ID": 34} {
		if got := len(Subdivisions(country)); got != want {
			t.Errorf("%s: %d subdivisions, want %d", country, got, want)
		}
	}
	if z := Zones("US"); z[0] != "America/New_York" || !slices.Contains(z, "Pacific/Honolulu") || !slices.Contains(z, "America/Boise") {
		t.Errorf("US zones %v: want New York first, with Honolulu and every state's zone", z)
	}
	if z := Zones("AU-WA"); len(z) != 1 || z[0] != "Australia/Perth" {
		t.Errorf("AU-WA zones %v", z)
	}
	if Zones("XX") != nil || RegionName("ZZ-1") != "" || Subdivisions("US-CA") != nil {
		t.Errorf("unknown regions have no zones, names or subdivisions")
	}
}

// parseRegions refuses malformed entries with the entry named, and
// checkZones a zone that does not load.
func TestParseRegionsErrors(t *testing.T) {
	for in, want := range map[string]string{
		"us: {name: x, zones: [UTC]}": "us:",
		"XX: {name: x}":               "XX:",
		"XX: {name: x, zones: [UTC], subdivisions: {YY-1: {name: y, zone: UTC}}}": `"YY-1"`,
	} {
		_, err := parseRegions([]byte(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want an error naming %s", in, err, want)
		}
	}
}

// Days in lieu: a public day on a rest day gives the next free day, never
// one that is already a holiday.
func TestSubstituteDays(t *testing.T) {
	c := newCal(t, Options{})
	for _, tc := range []struct{ region, id, date string }{
		{"HK", "new-year-observed", "2023-01-02"},              // 1 January 2023 was a Sunday
		{"HK", "christmas-observed", "2022-12-27"},             // Sunday; the 26th is Boxing Day
		{"SG", "sg-national-day-observed", "2026-08-10"},       // Sunday
		{"KR", "seollal-observed", "2024-02-12"},               // 9-11 February, the 11th a Sunday
		{"TW", "tw-peace-memorial-day-observed", "2026-02-27"}, // Saturday: the Friday before
		{"NG", "ng-independence-day-observed", "2023-10-02"},
		{"US-NY", "us-lincolns-birthday-observed", "2022-02-11"}, // Saturday: the Friday before
		{"US-NY", "us-lincolns-birthday-observed", "2023-02-13"}, // Sunday: the Monday after
		// 1 January 2017 a Sunday: New Year observed on Monday the 2nd,
		// Scotland's 2 January holiday moves to the 3rd.
		{"GB-SCT", "gb-sct-2-january-observed", "2017-01-03"}, // Sunday
	} {
		y := 0
		fmt.Sscan(tc.date[:4], &y)
		if got := dateOf(c, tc.region, tc.id, y); !slices.Contains(got, tc.date) {
			t.Errorf("%s %s: got %v, want %s", tc.region, tc.id, got, tc.date)
		}
	}
	// Buddha's Birthday fell on Children's Day in 2025: one day in lieu,
	// 6 May, not two.
	var inLieu []string
	for _, o := range c.year("KR", 2025) {
		if strings.HasSuffix(o.ID, "-observed") && o.Date >= "2025-05-05" && o.Date <= "2025-05-09" {
			inLieu = append(inLieu, o.Date)
		}
	}
	if strings.Join(inLieu, ",") != "2025-05-06" {
		t.Errorf("KR May 2025 days in lieu %v, want [2025-05-06]", inLieu)
	}
	// Saturday is a working day for the Sunday rule: no HK substitute for
	// Labour Day 2021 (a Saturday).
	if got := dateOf(c, "HK", "labour-day-observed", 2021); len(got) != 0 {
		t.Errorf("HK Labour Day 2021 on a Saturday has no day in lieu, got %v", got)
	}
	b := &builtin{tables: map[string]map[int]string{}}
	if _, err := b.compile(dayDef{ID: "x", Name: "x", Kind: "public", Tone: "neutral"}, placeDef{Rule: "01-01", Substitute: "monday"}); err == nil ||
		!strings.Contains(err.Error(), "substitute") {
		t.Errorf("an unknown substitute rule is refused, got %v", err)
	}
}

// Nyepi is a whole-island day of silence in Bali and a day off elsewhere in
// Indonesia: solemn for every audience in Bali, a minority's day (below the
// solemn rule's weight) for Indonesia as a whole. Dates: dated.yaml.
func TestNyepi(t *testing.T) {
	c := newCal(t, Options{})
	find := func(region string, y int) *checker.Observance {
		for _, o := range c.year(region, y) {
			if o.ID == "nyepi" {
				return &o
			}
		}
		return nil
	}
	for y := 2015; y <= 2035; y++ {
		ba, id := find("ID-BA", y), find("ID", y)
		if ba == nil || id == nil {
			t.Fatalf("Nyepi %d: ID-BA %v, ID %v", y, ba, id)
		}
		if ba.Date != id.Date || ba.Date[5:7] != "03" && ba.Date[5:7] != "04" {
			t.Errorf("Nyepi %d: ID-BA %s, ID %s", y, ba.Date, id.Date)
		}
		if ba.Kind != checker.DayPublic || ba.Tone != checker.ToneSolemn || ba.Weight != 1 {
			t.Errorf("Nyepi %d in Bali: kind %v tone %v weight %v, want public, solemn, 1", y, ba.Kind, ba.Tone, ba.Weight)
		}
		if id.Kind != checker.DayPublic || id.Weight >= 0.2 {
			t.Errorf("Nyepi %d in Indonesia: kind %v weight %v, want public, a minority's weight", y, id.Kind, id.Weight)
		}
	}
	if got := dateOf(c, "ID", "nyepi", 2026); !slices.Contains(got, "2026-03-19") {
		t.Errorf("Nyepi 2026: %v, want 2026-03-19", got)
	}
	// In Bali the day is in force all day, local time (UTC+8).
	if !hasID(c.At("ID-BA", time.Date(2026, 3, 19, 1, 0, 0, 0, time.UTC)), "nyepi") {
		t.Errorf("Nyepi not in force in Bali at 09:00 WITA on 19 March 2026")
	}
}

// A subdivision's own entry for a day its country also keeps wins on the
// same date: St Patrick's Day is a public holiday in Northern Ireland
// (weight 1), an observance of weight 0.6 in the rest of the UK.
func TestSubdivisionEntryOverridesCountry(t *testing.T) {
	c := newCal(t, Options{})
	for _, tc := range []struct {
		region string
		kind   checker.DayKind
		weight float64
	}{{"GB-NIR", checker.DayPublic, 1}, {"GB", checker.DayObservance, 0.6}} {
		var got *checker.Observance
		for _, o := range c.year(tc.region, 2026) {
			if o.ID == "st-patricks-day" {
				got = &o
			}
		}
		if got == nil || got.Kind != tc.kind || got.Weight != tc.weight {
			t.Errorf("%s St Patrick's Day 2026: %+v, want kind %v weight %v", tc.region, got, tc.kind, tc.weight)
		}
	}
}

// Days in lieu cross the year boundary both ways and are listed in the
// year they fall in: Taiwan's 1 January 2022 (a Saturday) gives Friday
// 31 December 2021; a public day on Saturday 31 December 2022 under the
// weekend rule gives Monday 2 January 2023.
func TestSubstituteAcrossYears(t *testing.T) {
	c := newCal(t, Options{})
	if got := dateOf(c, "TW", "new-year-observed", 2021); !slices.Contains(got, "2021-12-31") {
		t.Errorf("TW New Year 2022 in lieu: year 2021 has %v, want 2021-12-31", got)
	}
	if got := dateOf(c, "TW", "new-year-observed", 2022); slices.Contains(got, "2021-12-31") {
		t.Errorf("TW: 2021-12-31 listed in 2022: %v", got)
	}
	b := &builtin{tables: map[string]map[int]string{}, specs: map[string][]spec{}}
	s, err := b.compile(dayDef{ID: "eve", Name: "Eve", Kind: "public", Tone: "neutral"}, placeDef{Rule: "12-31", Substitute: "weekend"})
	if err != nil {
		t.Fatal(err)
	}
	b.specs["NG"] = []spec{s}
	syn := &Calendar{data: b, custom: map[string][]spec{}, years: map[yearKey][]checker.Observance{}, bases: map[yearKey]*yearBase{}}
	if got := dateOf(syn, "NG", "eve-observed", 2023); !slices.Equal(got, []string{"2023-01-02"}) {
		t.Errorf("31 December 2022 (Saturday) in lieu: year 2023 has %v, want [2023-01-02]", got)
	}
	if got := dateOf(syn, "NG", "eve-observed", 2022); len(got) != 0 {
		t.Errorf("year 2022 lists a day in lieu that falls in 2023: %v", got)
	}
}

// checkZones names the region whose zone does not load; a region using
// one anyway is placed in the zones that do load, else UTC.
func TestCheckZones(t *testing.T) {
	for _, tc := range []struct {
		zones []string
		want  string
	}{{[]string{"Mars/Olympus"}, "Mars/Olympus"}, {[]string{"UTC", "Nope"}, "Nope"}} {
		r := &region{code: "XX-1", zoneNames: tc.zones}
		err := checkZones(map[string]*region{"XX-1": r, "XX": {code: "XX", zoneNames: []string{"UTC"}}})
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "XX-1") {
			t.Errorf("%v: got %v, want an error naming XX-1 and %s", tc.zones, err, tc.want)
		}
		r.loadZones()
		if r.loc != time.UTC || len(r.zones) != 1 {
			t.Errorf("%v: loaded %v %v, want UTC alone", tc.zones, r.loc, r.zones)
		}
	}
}

// Every zone data/regions.yaml names loads: the table itself loads a
// region's zones only when the region is first used.
func TestRegionZonesLoad(t *testing.T) {
	if err := checkZones(regionTable()); err != nil {
		t.Fatal(err)
	}
	if _, ok := regionTable()["US"]; !ok {
		t.Fatal("no US")
	}
	r, _ := lookupRegion("US")
	if r.loc == nil || r.loc.String() != "America/New_York" || len(r.zones) < 4 {
		t.Errorf("US zones not loaded: %v %v", r.loc, r.zones)
	}
}

// The generated countries are those with a file in data/pyholidays, which
// knownRegion looks for instead of decoding the index: the index names
// exactly those, and nothing else is taken for one (the index itself).
func TestGeneratedFilesAreTheIndex(t *testing.T) {
	idx, err := pyIndex()
	if err != nil {
		t.Fatal(err)
	}
	files, err := fs.Glob(pyFS, "data/pyholidays/*.json")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		code := strings.TrimSuffix(path.Base(f), ".json")
		if code == "index" {
			continue
		}
		n++
		if _, ok := idx.Regions[code]; !ok {
			t.Errorf("%s has no entry in index.json", f)
		}
	}
	if n != len(idx.Regions) {
		t.Errorf("%d country files for the index's %d countries", n, len(idx.Regions))
	}
	for code := range idx.Regions {
		if !knownRegion(code) {
			t.Errorf("%s: in the index but not known", code)
		}
	}
	if codes := generatedCodes(); len(codes) != len(idx.Regions) {
		t.Errorf("%d generated codes listed for the index's %d countries", len(codes), len(idx.Regions))
	}
	for _, code := range []string{"index", "INDEX", "in", "XX", "", "US-CA"} {
		if generatedFile(code) {
			t.Errorf("%q taken for a generated country", code)
		}
	}
}
