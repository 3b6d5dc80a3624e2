package calendars

import (
	"testing"
	"time"
)

// The postponement rules guarantee properties any correct implementation
// must show for every year: Rosh Hashanah never on Sunday, Wednesday or
// Friday (lo ADU rosh), so Yom Kippur never on Friday or Sunday and the
// first day of Passover never on Monday, Wednesday or Friday; and a year is
// 353-355 days long, or 383-385 in a leap year.
func TestHebrewInvariants(t *testing.T) {
	for gy := 1940; gy <= 2075; gy++ {
		rh := hebrewDate(gy, hTishri, 1)
		switch rh.Weekday() {
		case time.Sunday, time.Wednesday, time.Friday:
			t.Errorf("%d: Rosh Hashanah on %s", gy, rh.Weekday())
		}
		if wd := hebrewDate(gy, hTishri, 10).Weekday(); wd == time.Friday || wd == time.Sunday {
			t.Errorf("%d: Yom Kippur on %s", gy, wd)
		}
		switch hebrewDate(gy, hNisan, 15).Weekday() {
		case time.Monday, time.Wednesday, time.Friday:
			t.Errorf("%d: Passover on %s", gy, hebrewDate(gy, hNisan, 15).Weekday())
		}
		hy := gy + 3761
		n := hebrewDaysInYear(hy)
		ok := n >= 353 && n <= 355
		if hebrewLeap(hy) {
			ok = n >= 383 && n <= 385
		}
		if !ok {
			t.Errorf("Hebrew year %d has %d days (leap %v)", hy, n, hebrewLeap(hy))
		}
		// Passover is 163 days before the next Rosh Hashanah.
		if d := hebrewDate(gy, hTishri, 1).Sub(hebrewDate(gy, hNisan, 15)).Hours() / 24; d != 163 {
			t.Errorf("%d: %v days from Passover to Rosh Hashanah, want 163", gy, d)
		}
		// Yom HaShoah is never on Friday, Saturday or Sunday.
		switch yomHaShoah(gy).Weekday() {
		case time.Friday, time.Saturday, time.Sunday:
			t.Errorf("%d: Yom HaShoah on %s", gy, yomHaShoah(gy).Weekday())
		}
		// Yom HaZikaron never falls on a Friday, Saturday or Sunday either.
		if gy >= 2004 {
			switch yomHaZikaron(gy).Weekday() {
			case time.Friday, time.Saturday, time.Sunday:
				t.Errorf("%d: Yom HaZikaron on %s", gy, yomHaZikaron(gy).Weekday())
			}
		}
	}
}
