package calendars

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/checker"
)

// TestGeneratedRegions: every country in data/pyholidays/index.json loads
// (zones, file) and has public days in 2026, and none shadows a hand-kept
// region.
func TestGeneratedRegions(t *testing.T) {
	c := newCal(t, Options{})
	codes := generatedCodes()
	if len(codes) < 150 {
		t.Fatalf("only %d generated countries", len(codes))
	}
	for _, code := range codes {
		r, ok := lookupRegion(code)
		if !ok || !r.generated || len(r.zones) == 0 {
			t.Errorf("%s: not loaded as a generated region (%v)", code, ok)
			continue
		}
		idx, _ := pyIndex()
		if len(r.zones) != len(idx.Regions[code].Zones) {
			t.Errorf("%s: %d of %d zones load", code, len(r.zones), len(idx.Regions[code].Zones))
		}
		if _, err := generatedDays(code); err != nil {
			t.Errorf("%s: %v", code, err)
		}
		public := 0
		for _, o := range c.year(code, 2026) {
			if o.Kind == checker.DayPublic {
				public++
			}
		}
		if public == 0 {
			t.Errorf("%s: no public day in 2026", code)
		}
	}
}

// TestGeneratedDays: known days of generated countries, with the kind and
// tone the solemn words give them (reference: the countries' holiday laws,
// as python-holidays lists them).
func TestGeneratedDays(t *testing.T) {
	c := newCal(t, Options{})
	for _, tc := range []struct {
		region, date, id string
		kind             checker.DayKind
		tone             checker.Tone
	}{
		{"AM", "2026-04-24", "am-day-of-remembrance-of-the-victims-of-armenian-genocide", checker.DayPublic, checker.ToneSolemn},
		{"RW", "2026-04-07", "rw-memorial-day-of-genocide-perpetrated-against-the-tutsi-in-1994", checker.DayPublic, checker.ToneSolemn},
		{"BD", "2026-02-21", "bd-martyrs-day-and-international-mother-language-day", checker.DayPublic, checker.ToneSolemn},
		{"AZ", "2026-09-27", "az-memorial-day", checker.DaySolemn, checker.ToneSolemn},
		{"KZ", "2026-12-16", "kz-independence-day", checker.DayPublic, checker.ToneNeutral},
		{"GE", "2026-05-26", "ge-independence-day", checker.DayPublic, checker.ToneNeutral},
		// A day days.yaml knows by name shares its id and greeting.
		{"KH", "2026-01-01", "kh-international-new-year-day", checker.DayPublic, checker.ToneNeutral},
		{"LK", "2026-12-25", "christmas", checker.DayPublic, checker.ToneCelebratory},
	} {
		var got *checker.Observance
		for _, o := range c.year(tc.region, 2026) {
			if o.Date == tc.date && o.ID == tc.id {
				got = &o
				break
			}
		}
		if got == nil {
			t.Errorf("%s %s: no %s", tc.region, tc.date, tc.id)
			continue
		}
		if got.Kind != tc.kind || got.Tone != tc.tone {
			t.Errorf("%s %s %s: kind %v tone %v, want %v %v", tc.region, tc.date, tc.id, got.Kind, got.Tone, tc.kind, tc.tone)
		}
		if len(got.Regions) == 0 {
			t.Errorf("%s %s: no regions listed", tc.region, tc.id)
		}
	}
	// A days.yaml day kept in a generated country lists it among its
	// keepers, wherever it is asked.
	for _, o := range c.year("SA", 2026) {
		if o.ID == "ramadan" && !slices.Contains(o.Regions, "BD") {
			t.Errorf("ramadan regions %v lack BD", o.Regions)
		}
	}
	if got := Source("AM"); !strings.Contains(got, "python-holidays") {
		t.Errorf("Source(AM) = %q", got)
	}
	if RegionName("RW") != "Rwanda" || Zones("KZ")[0] != "Asia/Almaty" {
		t.Errorf("RW %q, KZ zones %v", RegionName("RW"), Zones("KZ"))
	}
	if c.Location("AM-ER") == nil {
		t.Error("a subdivision of a generated country is not judged as the country")
	}
}

// TestGeneratedPythonFixtures checks generated countries against the
// python-holidays snapshots in ../shared/data/holidays where one exists
// for them; the workspace holds snapshots of hand-kept regions only, so
// each country without one is skipped with a message.
func TestGeneratedPythonFixtures(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "python-holidays")
	c := newCal(t, Options{})
	compared := 0
	for _, code := range generatedCodes() {
		b, err := os.ReadFile(filepath.Join(dir, code+"_COMMON.json"))
		if err != nil {
			continue
		}
		var days map[string]string
		if err := json.Unmarshal(b, &days); err != nil {
			t.Fatal(err)
		}
		var res conformance
		for date, name := range days {
			if date >= "2015-01-01" && date <= "2040-12-31" {
				res.check(c, code, date, name, false)
			}
		}
		compared++
		t.Logf("python-holidays %s: %s", code, &res)
		if res.hit != res.total {
			t.Errorf("%s: %d of %d python-holidays days; the generated data should hold them all", code, res.hit, res.total)
		}
	}
	if compared == 0 {
		t.Skipf("no python-holidays snapshot in %s for any generated country (it holds US, GB, NO, AU): the generated data is checked by TestConformanceDateHolidaysAll and TestGeneratedDays", dir)
	}
}

// TestSolemnWords: the word file parses, and names read as a day of
// mourning or remembrance in several languages, but not a victory.
func TestSolemnWords(t *testing.T) {
	if _, err := solemnWords(); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{
		"Day of Remembrance of the Victims of Armenian Genocide": true,
		"Martyrs' Day":                                   true,
		"Volkstrauertag":                                 true,
		"Jour du Souvenir":                               true,
		"Día de Duelo Nacional":                          true,
		"День памяти и скорби":                           true,
		"শহীদ দিবস":                                      true,
		"Day of Sorrow":                                  true,
		"Victory and Remembrance":                        false,
		"Independence Day":                               false,
		"Memorandum of Trade Week":                       false,
		"Labour Day":                                     false,
		"Constitution Memorial Day":                      false,
		"Commemoration of Atatürk, Youth and Sports Day": false,
	} {
		if got := solemnName(name); got != want {
			t.Errorf("solemnName(%q) = %v, want %v", name, got, want)
		}
	}
	for _, bad := range []string{"words: [\"mid*dle\"]\n", "words: [\"a b*\"]\n", "words: [\"!!\"]\n", "wrods: [x]\n"} {
		if _, err := parseSolemnWords([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestGeneratedCompanyDays: a company day in a generated country is placed
// in order among the shared days, a company day on a built-in id gives
// that day's regions the company's regions too, and a calendar's company
// days never leak into another calendar's shared year.
func TestGeneratedCompanyDays(t *testing.T) {
	plain := newCal(t, Options{})
	withDay := newCal(t, Options{Days: []CustomDay{{Name: "Founders' Day", Rule: "03-14", Regions: []string{"CR"}}}})
	base := plain.year("CR", 2026)
	got := withDay.year("CR", 2026)
	if len(got) != len(base)+1 {
		t.Fatalf("CR 2026: %d days with the company day, %d without", len(got), len(base))
	}
	found := false
	for i, o := range got {
		if i > 0 && compareObservances(&got[i-1], &o) > 0 {
			t.Errorf("CR 2026 out of order at %d: %s after %s", i, o.ID, got[i-1].ID)
		}
		found = found || o.ID == "company-founders-day" && o.Date == "2026-03-14"
	}
	if !found {
		t.Error("company day missing from CR 2026")
	}
	if again := newCal(t, Options{}).year("CR", 2026); len(again) != len(base) {
		t.Errorf("a plain calendar sees %d days after a company calendar, want %d", len(again), len(base))
	}
	shared := newCal(t, Options{Days: []CustomDay{{ID: "christmas", Name: "Christmas", Rule: "12-25", Regions: []string{"IS"}}}})
	for _, o := range shared.year("CR", 2026) {
		if o.ID == "christmas" && (!slices.Contains(o.Regions, "IS") || !slices.Contains(o.Regions, "CR")) {
			t.Errorf("CR christmas regions %v lack the company's IS or CR itself", o.Regions)
		}
	}
	for _, o := range plain.year("CR", 2026) {
		if o.ID == "christmas" && slices.Contains(o.Regions, "IS") {
			t.Errorf("CR christmas regions %v: another calendar's company day leaked in", o.Regions)
		}
	}
}
