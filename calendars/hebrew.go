package calendars

import "time"

// The Hebrew calendar, computed with the published arithmetic (the molad of
// Tishri and the four dehiyyot, as set out in Dershowitz and Reingold,
// "Calendrical Calculations", ch. 8). Months are numbered from Nisan = 1 to
// Adar (Adar I in a leap year) = 12 and Adar II = 13; the year begins on
// 1 Tishri (month 7).

// Hebrew month numbers.
const (
	hNisan    = 1
	hIyyar    = 2
	hSivan    = 3
	hTammuz   = 4
	hAv       = 5
	hElul     = 6
	hTishri   = 7
	hHeshvan  = 8
	hKislev   = 9
	hTevet    = 10
	hShevat   = 11
	hAdar     = 12
	hAdarII   = 13
	rdUnix    = 719163   // RD (fixed) day number of 1970-01-01
	rdHebrew0 = -1373427 // RD of 1 Tishri AM 1 (Julian 7 October 3761 BCE)
)

// hebrewLeap reports whether Hebrew year y has thirteen months.
func hebrewLeap(y int) bool { return mod(7*y+1, 19) < 7 }

// hebrewElapsedDays is the number of days from the epoch to the molad of
// Tishri of year y, postponed by the molad-zaken and lo ADU rosh rules.
func hebrewElapsedDays(y int) int {
	months := floorDiv(235*y-234, 19)
	parts := 12084 + 13753*months
	day := 29*months + floorDiv(parts, 25920)
	if mod(3*(day+1), 7) < 3 {
		day++
	}
	return day
}

// hebrewYearLengthCorrection applies the remaining two dehiyyot (GaTaRaD and
// BeTUTaKPaT) so that no year has an impossible length.
func hebrewYearLengthCorrection(y int) int {
	ny0, ny1, ny2 := hebrewElapsedDays(y-1), hebrewElapsedDays(y), hebrewElapsedDays(y+1)
	switch {
	case ny2-ny1 == 356:
		return 2
	case ny1-ny0 == 382:
		return 1
	}
	return 0
}

// hebrewNewYear is the RD day number of 1 Tishri of year y.
func hebrewNewYear(y int) int {
	return rdHebrew0 + hebrewElapsedDays(y) + hebrewYearLengthCorrection(y)
}

func hebrewDaysInYear(y int) int { return hebrewNewYear(y+1) - hebrewNewYear(y) }

func hebrewDaysInMonth(y, m int) int {
	switch {
	case m == hIyyar || m == hTammuz || m == hElul || m == hTevet || m == hAdarII:
		return 29
	case m == hAdar && !hebrewLeap(y):
		return 29
	case m == hHeshvan && hebrewDaysInYear(y)%10 != 5:
		return 29
	case m == hKislev && hebrewDaysInYear(y)%10 == 3:
		return 29
	}
	return 30
}

func hebrewLastMonth(y int) int {
	if hebrewLeap(y) {
		return hAdarII
	}
	return hAdar
}

// hebrewToRD converts a Hebrew date to an RD day number. Month hAdar in a
// leap year is Adar I; pass hAdarII for Adar II.
func hebrewToRD(y, m, d int) int {
	rd := hebrewNewYear(y) + d - 1
	if m < hTishri {
		for i := hTishri; i <= hebrewLastMonth(y); i++ {
			rd += hebrewDaysInMonth(y, i)
		}
		for i := hNisan; i < m; i++ {
			rd += hebrewDaysInMonth(y, i)
		}
	} else {
		for i := hTishri; i < m; i++ {
			rd += hebrewDaysInMonth(y, i)
		}
	}
	return rd
}

// rdToDate returns the civil date of an RD day number as a UTC midnight.
func rdToDate(rd int) time.Time {
	return time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rd-rdUnix)
}

// hebrewDate returns the Gregorian date of a Hebrew month and day falling in
// Gregorian year gy (the later one if two do, which cannot happen for a
// single day of the year). Adar (12) means Adar II in a leap year, the month
// in which Purim is kept.
func hebrewDate(gy, m, d int) time.Time {
	var out time.Time
	for hy := gy + 3760; hy <= gy+3761; hy++ {
		mm := m
		if mm == hAdar && hebrewLeap(hy) {
			mm = hAdarII
		}
		if t := rdToDate(hebrewToRD(hy, mm, d)); t.Year() == gy {
			out = t
		}
	}
	return out
}

// yomHaShoah is 27 Nisan, moved to Thursday when it falls on a Friday and
// to Monday when it falls on a Sunday (Knesset law of 1959, amended 1997).
func yomHaShoah(gy int) time.Time {
	t := hebrewDate(gy, hNisan, 27)
	switch t.Weekday() {
	case time.Friday:
		return t.AddDate(0, 0, -1)
	case time.Sunday:
		return t.AddDate(0, 0, 1)
	}
	return t
}

// yomHaAtzmaut is 5 Iyyar, brought forward to Thursday when it falls on a
// Friday or Saturday and moved to Tuesday when it falls on a Monday (so that
// Yom HaZikaron, the day before, never follows Shabbat).
func yomHaAtzmaut(gy int) time.Time {
	t := hebrewDate(gy, hIyyar, 5)
	switch t.Weekday() {
	case time.Friday:
		return t.AddDate(0, 0, -1)
	case time.Saturday:
		return t.AddDate(0, 0, -2)
	case time.Monday:
		if gy >= 2004 {
			return t.AddDate(0, 0, 1)
		}
	}
	return t
}

// yomHaZikaron is the day before Yom HaAtzmaut.
func yomHaZikaron(gy int) time.Time { return yomHaAtzmaut(gy).AddDate(0, 0, -1) }

// tishaBAv is 9 Av, postponed to Sunday when it falls on Shabbat.
func tishaBAv(gy int) time.Time {
	t := hebrewDate(gy, hAv, 9)
	if t.Weekday() == time.Saturday {
		return t.AddDate(0, 0, 1)
	}
	return t
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func mod(a, b int) int {
	m := a % b
	if m < 0 {
		m += b
	}
	return m
}
