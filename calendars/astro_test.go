package calendars

import (
	"math"
	"slices"
	"testing"
	"time"
)

// The low-precision Sun and Moon against published phases (NASA's
// six-millennium catalogue of phases, UTC): the elongation is 0° at a new
// moon and 180° at a full moon, within a few hundredths of a degree.
func TestMoonPhases(t *testing.T) {
	for _, c := range []struct {
		at   time.Time
		want float64
	}{
		{time.Date(2024, 1, 11, 11, 57, 0, 0, time.UTC), 0},
		{time.Date(2024, 1, 25, 17, 54, 0, 0, time.UTC), 180},
		{time.Date(2025, 3, 29, 10, 58, 0, 0, time.UTC), 0},
		{time.Date(2017, 8, 21, 18, 30, 0, 0, time.UTC), 0}, // the total eclipse
	} {
		got := elongationLongitude(c.at)
		if d := math.Abs(math.Remainder(got-c.want, 360)); d > 0.1 {
			t.Errorf("%s: elongation %.3f°, want %.0f°", c.at, got, c.want)
		}
	}
	// Sunset in Singapore is near 19:10 local time all year.
	for _, d := range []time.Time{time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)} {
		s := sunset(d, mabimsLat, mabimsLon).Add(8 * time.Hour)
		if s.Hour() != 19 || s.Minute() > 20 {
			t.Errorf("sunset in Singapore on %s at %s", d.Format("2006-01-02"), s.Format("15:04"))
		}
	}
}

// Hijri dates as Indonesia, Malaysia and Singapore announced them (their
// governments' holiday lists), which Umm al-Qura misses by a day in these
// years, and Deepavali as Singapore kept it (Ministry of Manpower lists).
func TestMabimsAndDeepavaliSouth(t *testing.T) {
	c := newCal(t, Options{})
	for _, tc := range []struct{ region, id, date string }{
		{"ID", "eid-al-fitr", "2019-06-05"},      // Umm al-Qura: 4 June
		{"ID", "eid-al-fitr", "2023-04-22"},      // Umm al-Qura: 21 April
		{"ID", "eid-al-adha", "2023-06-29"},      // Umm al-Qura: 28 June
		{"ID", "eid-al-adha", "2015-09-24"},      // Umm al-Qura: 23 September
		{"ID", "islamic-new-year", "2019-09-01"}, // Umm al-Qura: 31 August
		{"SG", "eid-al-adha", "2024-06-17"},      // Umm al-Qura: 16 June
		{"SG", "eid-al-adha", "2018-08-22"},
		{"MY", "eid-al-fitr", "2025-03-31"}, // Umm al-Qura: 30 March
		{"SG", "diwali", "2015-11-10"},      // North India: 11 November
		{"SG", "diwali", "2024-10-31"},      // North India: 1 November
		{"SG", "diwali", "2019-10-27"},      // the same day
		{"MY", "diwali", "2017-10-18"},      // North India: 19 October
	} {
		y := 0
		for _, ch := range tc.date[:4] {
			y = y*10 + int(ch-'0')
		}
		if got := dateOf(c, tc.region, tc.id, y); !slices.Contains(got, tc.date) {
			t.Errorf("%s %s %d: got %v, want %s", tc.region, tc.id, y, got, tc.date)
		}
	}
	// Saudi Arabia keeps Umm al-Qura.
	if got := dateOf(c, "SA", "eid-al-adha", 2024); !slices.Contains(got, "2024-06-16") {
		t.Errorf("SA Eid al-Adha 2024: %v", got)
	}
}

// India's Islamic holidays as the central government kept them 2015-2026
// (python-holidays' India list, MIT, whose years 2001-2026 are confirmed
// against the gazetted lists): a day after Umm al-Qura in most years,
// which the second-evening rule (hijri-india) reproduces in all but the
// four days named below; Umm al-Qura plus one misses five.
func TestIndiaHijri(t *testing.T) {
	c := newCal(t, Options{})
	kept := map[string][]string{
		"eid-al-fitr": {"2015-07-18", "2016-07-06", "2017-06-26", "2018-06-16", "2019-06-05", "2020-05-25", "2021-05-14", "2022-05-03", "2023-04-22", "2024-04-11", "2025-03-31", "2026-03-21"},
		"eid-al-adha": {"2015-09-25", "2016-09-12", "2017-09-02", "2018-08-22", "2019-08-12", "2020-08-01", "2021-07-21", "2022-07-10", "2023-06-29", "2024-06-17", "2025-06-07", "2026-05-27"},
		"ashura":      {"2015-10-24", "2016-10-12", "2017-10-01", "2018-09-21", "2019-09-10", "2020-08-30", "2021-08-19", "2022-08-09", "2023-07-29", "2024-07-17", "2025-07-06", "2026-06-26"},
		"mawlid":      {"2015-01-04", "2015-12-24", "2016-12-13", "2017-12-02", "2018-11-21", "2019-11-10", "2020-10-30", "2021-10-19", "2022-10-09", "2023-09-28", "2024-09-16", "2025-09-05", "2026-08-26"},
	}
	// Sighting is weather: in these India saw the crescent a day later
	// (2015) or earlier than the rule says, or the gazette's provisional
	// date (2026) may yet move.
	known := map[string]string{"eid-al-adha 2015-09-25": "2015-09-24", "eid-al-adha 2026-05-27": "2026-05-28",
		"ashura 2021-08-19": "2021-08-20", "mawlid 2017-12-02": "2017-12-01"}
	for id, dates := range kept {
		for _, want := range dates {
			y := 0
			for _, ch := range want[:4] {
				y = y*10 + int(ch-'0')
			}
			got := dateOf(c, "IN", id, y)
			if alt, ok := known[id+" "+want]; ok {
				if !slices.Contains(got, alt) {
					t.Errorf("IN %s %d: got %v; the documented difference was %s (kept %s): update CONFORMANCE.md", id, y, got, alt, want)
				}
				continue
			}
			if !slices.Contains(got, want) {
				t.Errorf("IN %s %d: got %v, want %s", id, y, got, want)
			}
		}
	}
	// Deepavali: the North Indian day nationally, Naraka Chaturdashi in
	// the southern states (2024: 1 November and 31 October).
	if got := dateOf(c, "IN", "diwali", 2024); !slices.Equal(got, []string{"2024-11-01"}) {
		t.Errorf("IN Diwali 2024: %v", got)
	}
	if got := dateOf(c, "IN-TN", "diwali", 2024); !slices.Contains(got, "2024-10-31") {
		t.Errorf("IN-TN Deepavali 2024: %v, want 2024-10-31 among them", got)
	}
}
