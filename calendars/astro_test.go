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
