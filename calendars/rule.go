package calendars

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/golang-module/carbon/v2/calendar/lunar"
	"github.com/hablullah/go-hijri"
)

// A dateRule computes the civil date a day falls on in a Gregorian year;
// ok is false when the day does not occur that year. It is parsed once from
// the short rule language documented in data/days.yaml.
type dateRule struct {
	kind    ruleKind
	month   time.Month
	day     int
	year    int          // for one-off dates
	weekday time.Weekday // for nth-weekday and weekday-after rules
	nth     int          // 1..5, or -1 for "last"
	table   string
	offset  int  // days added after the calculation
	evening bool // Jewish and Islamic days begin at sunset the evening before
	// move shifts the date by its weekday (a law that moves a holiday to
	// a Monday or a Friday); only keeps the date only on these weekdays.
	move moveRule
	only weekdaySet
}

// weekdaySet is a set of weekdays (bit 1<<Weekday); empty means every day.
type weekdaySet uint8

func (w weekdaySet) has(d time.Weekday) bool { return w == 0 || w&(1<<d) != 0 }

// moveRule is a law that moves a holiday by the weekday it falls on.
type moveRule uint8

const (
	moveNone moveRule = iota
	// moveMondayAR: Tuesday and Wednesday move to the Monday before,
	// Thursday and Friday to the Monday after (Argentina, the
	// "feriados trasladables" of law 27.399, art. 6, as of decree
	// 1584/2010 before it).
	moveMondayAR
	// moveMondayCL: Tuesday, Wednesday and Thursday move to the Monday of
	// the same week, Friday to the Monday after (Chile, law 19.668).
	moveMondayCL
	// moveFridayCL: Tuesday moves to the Friday before, Wednesday to the
	// Friday after (Chile's Reformation Day, law 20.299 as amended).
	moveFridayCL
)

var moveRules = map[string]moveRule{"monday-ar": moveMondayAR, "monday-cl": moveMondayCL, "friday-cl": moveFridayCL}

// apply moves t by the rule.
func (m moveRule) apply(t time.Time) time.Time {
	wd := t.Weekday()
	switch {
	case m == moveMondayAR && (wd == time.Tuesday || wd == time.Wednesday),
		m == moveMondayCL && wd >= time.Tuesday && wd <= time.Thursday:
		return t.AddDate(0, 0, -int(wd-time.Monday))
	case (m == moveMondayAR || m == moveMondayCL) && (wd == time.Thursday || wd == time.Friday):
		return t.AddDate(0, 0, 8-int(wd))
	case m == moveFridayCL && wd == time.Tuesday:
		return t.AddDate(0, 0, -4)
	case m == moveFridayCL && wd == time.Wednesday:
		return t.AddDate(0, 0, 2)
	}
	return t
}

type ruleKind uint8

const (
	ruleFixed ruleKind = iota + 1
	ruleOnce
	ruleNthWeekday
	ruleWeekdayAfter
	ruleEaster
	ruleHebrew
	ruleHijri
	ruleChinese
	ruleTable
	ruleYomHaShoah
	ruleYomHaZikaron
	ruleYomHaAtzmaut
	ruleTishaBAv
	ruleQingming
	ruleFrMothersDay
	ruleOrthodoxEaster
	ruleHijriMabims
	ruleDeepavaliSouth
	ruleJuneSolsticeChile
	ruleHijriIndia
)

var (
	monthNames = map[string]time.Month{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
		"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}
	weekdayNames = map[string]time.Weekday{"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}
	nthNames     = map[string]int{"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "last": -1}
	hebrewMonths = map[string]int{"nisan": hNisan, "iyyar": hIyyar, "iyar": hIyyar, "sivan": hSivan,
		"tammuz": hTammuz, "av": hAv, "elul": hElul, "tishrei": hTishri, "tishri": hTishri,
		"heshvan": hHeshvan, "cheshvan": hHeshvan, "kislev": hKislev, "tevet": hTevet, "shevat": hShevat, "adar": hAdar}
	namedRules = map[string]ruleKind{"easter": ruleEaster, "yom-hashoah": ruleYomHaShoah,
		"yom-hazikaron": ruleYomHaZikaron, "yom-haatzmaut": ruleYomHaAtzmaut, "tisha-bav": ruleTishaBAv,
		"qingming": ruleQingming, "fr-mothers-day": ruleFrMothersDay, "orthodox-easter": ruleOrthodoxEaster, "deepavali-south": ruleDeepavaliSouth,
		"june-solstice-chile": ruleJuneSolsticeChile}
)

// parseRule reads one rule; tables names the dated tables that exist.
func parseRule(s string, tables map[string]map[int]string) (dateRule, error) {
	f := strings.Fields(strings.ToLower(strings.TrimSpace(s)))
	var r dateRule
	if len(f) == 0 {
		return r, fmt.Errorf("empty rule")
	}
	// "... only mon fri": the day is kept only when it falls on these
	// weekdays; "... move monday-ar": moved by its weekday.
	if i := slices.Index(f, "only"); i > 0 {
		for _, w := range f[i+1:] {
			wd, ok := weekdayNames[w]
			if !ok {
				return r, fmt.Errorf("rule %q: %q after only is not a weekday (sun..sat)", s, w)
			}
			r.only |= 1 << wd
		}
		if r.only == 0 {
			return r, fmt.Errorf("rule %q: only names no weekday", s)
		}
		f = f[:i]
	}
	if n := len(f); n > 2 && f[n-2] == "move" {
		m, ok := moveRules[f[n-1]]
		if !ok {
			return r, fmt.Errorf("rule %q: unknown move %q (want monday-ar, monday-cl or friday-cl)", s, f[n-1])
		}
		r.move, f = m, f[:n-2]
	}
	if last := f[len(f)-1]; len(f) > 1 && (last[0] == '+' || last[0] == '-') {
		n, err := strconv.Atoi(last)
		if err != nil {
			return r, fmt.Errorf("bad day offset %q", last)
		}
		r.offset, f = n, f[:len(f)-1]
	}
	bad := func() (dateRule, error) {
		return dateRule{}, fmt.Errorf("cannot read rule %q (want MM-DD, YYYY-MM-DD, \"2nd sun of may\", \"sun after 11-13\", \"easter -2\", \"hebrew tishrei 10\", \"hijri 9 1\", \"hijri-mabims 9 1\", \"hijri-india 9 1\", \"chinese 1 1\" or \"table diwali\")", s)
	}
	switch {
	case len(f) == 1 && namedRules[f[0]] != 0:
		r.kind = namedRules[f[0]]
		r.evening = r.kind >= ruleYomHaShoah && r.kind <= ruleTishaBAv
	case len(f) == 1:
		if t, err := time.Parse("2006-01-02", f[0]); err == nil {
			r.kind, r.year, r.month, r.day = ruleOnce, t.Year(), t.Month(), t.Day()
			break
		}
		t, err := time.Parse("01-02", f[0])
		if err != nil {
			return bad()
		}
		r.kind, r.month, r.day = ruleFixed, t.Month(), t.Day()
	case len(f) == 4 && f[2] == "of":
		n, ok1 := nthNames[f[0]]
		wd, ok2 := weekdayNames[f[1]]
		m, ok3 := monthNames[f[3]]
		if !ok1 || !ok2 || !ok3 {
			return bad()
		}
		r.kind, r.nth, r.weekday, r.month = ruleNthWeekday, n, wd, m
	case len(f) == 3 && f[1] == "after":
		wd, ok := weekdayNames[f[0]]
		t, err := time.Parse("01-02", f[2])
		if !ok || err != nil {
			return bad()
		}
		r.kind, r.weekday, r.month, r.day = ruleWeekdayAfter, wd, t.Month(), t.Day()
	case len(f) == 3 && f[0] == "hebrew":
		m, ok := hebrewMonths[f[1]]
		d, err := strconv.Atoi(f[2])
		if !ok || err != nil || d < 1 || d > 30 {
			return bad()
		}
		r.kind, r.month, r.day, r.evening = ruleHebrew, time.Month(m), d, true
	case len(f) == 3 && (f[0] == "hijri" || f[0] == "chinese" || f[0] == "hijri-mabims" || f[0] == "hijri-india"):
		m, err1 := strconv.Atoi(f[1])
		d, err2 := strconv.Atoi(f[2])
		if err1 != nil || err2 != nil || m < 1 || m > 12 || d < 1 || d > 30 {
			return bad()
		}
		r.kind, r.month, r.day = ruleChinese, time.Month(m), d
		switch f[0] {
		case "hijri":
			r.kind, r.evening = ruleHijri, true
		case "hijri-mabims":
			r.kind, r.evening = ruleHijriMabims, true
		case "hijri-india":
			r.kind, r.evening = ruleHijriIndia, true
		}
	case len(f) == 2 && f[0] == "table":
		if _, ok := tables[f[1]]; !ok {
			return r, fmt.Errorf("rule %q: no dated table %q", s, f[1])
		}
		r.kind, r.table = ruleTable, f[1]
	default:
		return bad()
	}
	return r, nil
}

// dates returns the civil dates (UTC midnights) the rule gives in Gregorian
// year y: usually one, none when the day is not kept that year, and two for
// Islamic days, which can fall twice in a Gregorian year.
func (r dateRule) dates(y int, tables map[string]map[int]string) []time.Time {
	var out []time.Time
	add := func(t time.Time) {
		if t.IsZero() {
			return
		}
		t = r.move.apply(t.AddDate(0, 0, r.offset))
		if t.Year() == y && r.only.has(t.Weekday()) {
			out = append(out, t)
		}
	}
	switch r.kind {
	case ruleFixed:
		add(time.Date(y, r.month, r.day, 0, 0, 0, 0, time.UTC))
	case ruleOnce:
		if r.year == y {
			add(time.Date(y, r.month, r.day, 0, 0, 0, 0, time.UTC))
		}
	case ruleNthWeekday:
		add(nthWeekday(y, r.month, r.weekday, r.nth))
	case ruleWeekdayAfter:
		t := time.Date(y, r.month, r.day, 0, 0, 0, 0, time.UTC)
		add(t.AddDate(0, 0, int(r.weekday-t.Weekday()+7)%7))
	case ruleEaster:
		add(easter(y))
	case ruleOrthodoxEaster:
		add(orthodoxEaster(y))
	case ruleHebrew:
		add(hebrewDate(y, int(r.month), r.day))
	case ruleYomHaShoah:
		add(yomHaShoah(y))
	case ruleYomHaZikaron:
		add(yomHaZikaron(y))
	case ruleYomHaAtzmaut:
		if y >= 1949 {
			add(yomHaAtzmaut(y))
		}
	case ruleTishaBAv:
		add(tishaBAv(y))
	case ruleHijri:
		for _, t := range hijriDates(y, int(r.month), r.day) {
			add(t)
		}
	case ruleChinese:
		add(chineseDate(y, int(r.month), r.day))
	case ruleHijriMabims:
		for _, t := range mabimsDates(y, int(r.month), r.day) {
			add(t)
		}
	case ruleHijriIndia:
		for _, t := range indiaDates(y, int(r.month), r.day) {
			add(t)
		}
	case ruleDeepavaliSouth:
		if md, ok := tables["diwali"][y]; ok {
			if t, err := time.Parse("2006-01-02", fmt.Sprintf("%d-%s", y, md)); err == nil {
				add(deepavaliSouth(t))
			}
		}
	case ruleJuneSolsticeChile:
		// The day of the southern winter solstice in Chile's winter
		// time (UTC-4), as law 21.357 fixes Indigenous Peoples' Day.
		t := juneSolstice(y).Add(-4 * time.Hour)
		add(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC))
	case ruleQingming:
		// The Qingming solar term (sun at 15° longitude): the common
		// 21st-century approximation, exact for 2000-2099.
		yy := y % 100
		add(time.Date(y, time.April, int(float64(yy)*0.2422+4.81)-yy/4, 0, 0, 0, 0, time.UTC))
	case ruleFrMothersDay:
		// The last Sunday of May, or the first of June when that is
		// Whit Sunday (Code de l'action sociale, art. D215-1).
		t := nthWeekday(y, time.May, time.Sunday, -1)
		if t.Equal(easter(y).AddDate(0, 0, 49)) {
			t = t.AddDate(0, 0, 7)
		}
		add(t)
	case ruleTable:
		if md, ok := tables[r.table][y]; ok {
			if t, err := time.Parse("2006-01-02", fmt.Sprintf("%d-%s", y, md)); err == nil {
				add(t)
			}
		}
	}
	return out
}

func nthWeekday(y int, m time.Month, wd time.Weekday, n int) time.Time {
	if n > 0 {
		first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
		t := first.AddDate(0, 0, int(wd-first.Weekday()+7)%7+7*(n-1))
		if t.Month() != m {
			return time.Time{}
		}
		return t
	}
	last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
	return last.AddDate(0, 0, -(int(last.Weekday()-wd+7) % 7))
}

// easter is Western Easter Sunday (the anonymous Gregorian algorithm).
func easter(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// orthodoxEaster is Easter by the Julian computus (Meeus), given as its
// Gregorian date: the Julian calendar runs 13 days behind from 1900 to
// 2099 (14 from 2100).
func orthodoxEaster(y int) time.Time {
	a, b, c := y%4, y%7, y%19
	d := (19*c + 15) % 30
	e := (2*a + 4*b - d + 34) % 7
	month := (d + e + 114) / 31
	day := (d+e+114)%31 + 1
	shift := 13
	if y >= 2100 {
		shift = 14
	}
	return time.Date(y, time.Month(month), day+shift, 0, 0, 0, 0, time.UTC)
}

// hijriDates returns the Umm al-Qura dates of Hijri month m, day d that fall
// in Gregorian year y.
func hijriDates(y, m, d int) []time.Time {
	first, err := hijri.CreateUmmAlQuraDate(time.Date(y, 1, 1, 12, 0, 0, 0, time.UTC))
	if err != nil {
		return nil
	}
	var out []time.Time
	for hy := first.Year; hy <= first.Year+2; hy++ {
		g := hijri.UmmAlQuraDate{Year: hy, Month: int64(m), Day: int64(d)}.ToGregorian()
		t := time.Date(g.Year(), g.Month(), g.Day(), 0, 0, 0, 0, time.UTC)
		if t.Year() == y {
			out = append(out, t)
		}
	}
	return out
}

// shanghai is China's zone, loaded when a Chinese date is first converted.
var shanghai = sync.OnceValue(func() *time.Location { return mustZone("Asia/Shanghai") })

// chineseDate converts a Chinese lunisolar month and day of year y to its
// civil date in China (conversion in Asia/Shanghai: the library's result is
// a day early when read in UTC).
func chineseDate(y, m, d int) time.Time {
	g := lunar.FromLunar(y, m, d, 12, 0, 0, false).ToGregorian()
	if g.Error != nil || g.Time.IsZero() {
		return time.Time{}
	}
	t := g.Time.In(shanghai())
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func mustZone(name string) *time.Location {
	loc, err := loadZone(name)
	if err != nil {
		panic(fmt.Sprintf("time zone %s: %v", name, err))
	}
	return loc
}

// substituteRule says when a public day that falls on a rest day gives a
// day off in lieu, and which day.
type substituteRule uint8

const (
	substituteNone substituteRule = iota
	// substituteSunday: a day on a Sunday gives the next day that is
	// neither a Sunday nor a public holiday (HK, SG, MY, KE).
	substituteSunday
	// substituteWeekend: a day on a Saturday or Sunday gives the next
	// weekday that is not a public holiday (NG, UA).
	substituteWeekend
	// substituteWeekendOrHoliday: as weekend, and also when the day
	// coincides with another public holiday (KR).
	substituteWeekendOrHoliday
	// substituteSatFriSunMon: a Saturday gives the Friday before, a
	// Sunday the Monday after (TW).
	substituteSatFriSunMon
	// substituteSundayOrHoliday: a day (or span) touching a Sunday or
	// another public holiday gives the next free weekday (KR's Seollal
	// and Chuseok).
	substituteSundayOrHoliday
)

var substituteRules = map[string]substituteRule{"": substituteNone, "sunday": substituteSunday,
	"weekend": substituteWeekend, "weekend-or-holiday": substituteWeekendOrHoliday, "sat-fri-sun-mon": substituteSatFriSunMon, "sunday-or-holiday": substituteSundayOrHoliday}

// day returns the day in lieu of s on civil date d, if any; public maps
// the year's public dates to the ids of the days on them.
func (r substituteRule) day(s *spec, d time.Time, public map[string][]string) (time.Time, bool) {
	rest := func(t time.Time) bool {
		if r == substituteSunday || r == substituteSundayOrHoliday {
			return t.Weekday() == time.Sunday
		}
		return t.Weekday() == time.Saturday || t.Weekday() == time.Sunday
	}
	n := max(s.days, 1)
	hit, sat, sun := false, false, false
	for i := range n {
		t := d.AddDate(0, 0, i)
		if rest(t) {
			hit = true
		}
		sat, sun = sat || t.Weekday() == time.Saturday, sun || t.Weekday() == time.Sunday
		if r == substituteWeekendOrHoliday || r == substituteSundayOrHoliday {
			for _, id := range public[t.Format("2006-01-02")] {
				hit = hit || id != s.id
			}
		}
	}
	if r == substituteSatFriSunMon && n == 1 {
		if sat {
			t := d.AddDate(0, 0, -1)
			return t, len(public[t.Format("2006-01-02")]) == 0
		}
		hit = sun
	}
	if !hit {
		return time.Time{}, false
	}
	t := d.AddDate(0, 0, n)
	for range 14 {
		if len(public[t.Format("2006-01-02")]) == 0 && !rest(t) {
			return t, true
		}
		t = t.AddDate(0, 0, 1)
	}
	return time.Time{}, false
}

// The MABIMS reference point (Singapore): Brunei, Indonesia, Malaysia and
// Singapore begin Hijri months by the same crescent criterion, computed
// for their own territories, which lie within a few degrees of it.
const mabimsLat, mabimsLon = 1.35, 103.82

// mabimsDates returns the dates of Hijri month m, day d that fall in
// Gregorian year y as MABIMS countries reckon them: the month begins the
// day after the first sunset after the conjunction at which the crescent
// stands at least 3° high and 6.4° from the Sun (the 2021 criterion; 2°
// and 3°, or 8 hours' age, before 2022); otherwise a day later.
func mabimsDates(y, m, d int) []time.Time { return hijriDatesBy(y, m, d, mabimsMonthStart) }

// hijriDatesBy returns the dates of Hijri month m, day d that fall in
// Gregorian year y, where monthStart moves a month's Umm al-Qura first day
// to the first day a country keeps.
func hijriDatesBy(y, m, d int, monthStart func(uq time.Time) (time.Time, bool)) []time.Time {
	first, err := hijri.CreateUmmAlQuraDate(time.Date(y, 1, 1, 12, 0, 0, 0, time.UTC))
	if err != nil {
		return nil
	}
	var out []time.Time
	for hy := first.Year - 1; hy <= first.Year+2; hy++ {
		g := hijri.UmmAlQuraDate{Year: hy, Month: int64(m), Day: 1}.ToGregorian()
		start, ok := monthStart(time.Date(g.Year(), g.Month(), g.Day(), 0, 0, 0, 0, time.UTC))
		if !ok {
			continue
		}
		if t := start.AddDate(0, 0, d-1); t.Year() == y {
			out = append(out, t)
		}
	}
	return out
}

// mabimsStarts memoises mabimsMonthStart: it is pure, and every rule
// on the same Hijri month asks for the same start.
var mabimsStarts sync.Map // time.Time -> time.Time (zero: none)

// mabimsMonthStart finds the month's first day near uq, its Umm al-Qura
// first day.
func mabimsMonthStart(uq time.Time) (time.Time, bool) {
	if v, ok := mabimsStarts.Load(uq); ok {
		t := v.(time.Time)
		return t, !t.IsZero()
	}
	t, ok := computeMabimsMonthStart(uq)
	mabimsStarts.Store(uq, t)
	return t, ok
}

// conjunctionNear is the new moon within three days of uq (an Umm al-Qura
// month's first day): the instant the Moon's elongation in longitude
// passes 360°.
func conjunctionNear(uq time.Time) (time.Time, bool) {
	lo := uq.AddDate(0, 0, -3)
	prev := elongationLongitude(lo)
	for t := lo.Add(6 * time.Hour); t.Before(uq.AddDate(0, 0, 3)); t = t.Add(6 * time.Hour) {
		e := elongationLongitude(t)
		if e < prev {
			return bisect(t.Add(-6*time.Hour), t, func(t time.Time) bool { return elongationLongitude(t) > 180 }), true
		}
		prev = e
	}
	return time.Time{}, false
}

// firstEvening is the civil date (at lon's mean solar time) of the first
// sunset at (lat, lon) after the conjunction, and that sunset.
func firstEvening(conj time.Time, lat, lon float64) (day, set time.Time) {
	local := conj.Add(time.Duration(lon / 15 * float64(time.Hour)))
	day = time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)
	set = sunset(day, lat, lon)
	if set.Before(conj) {
		day = day.AddDate(0, 0, 1)
		set = sunset(day, lat, lon)
	}
	return day, set
}

func computeMabimsMonthStart(uq time.Time) (time.Time, bool) {
	conj, ok := conjunctionNear(uq)
	if !ok {
		return time.Time{}, false
	}
	day, set := firstEvening(conj, mabimsLat, mabimsLon)
	alt, elong := crescent(set, mabimsLat, mabimsLon)
	seen := alt >= 3 && elong >= 6.4
	if day.Year() < 2022 {
		seen = alt >= 2 && (elong >= 3 || set.Sub(conj) >= 8*time.Hour)
	}
	if seen {
		return day.AddDate(0, 0, 1), true
	}
	return day.AddDate(0, 0, 2), true
}

// deepavaliSouth is Deepavali as Singapore and Malaysia keep it (Naraka
// Chaturdashi, the Tamil reckoning): the day whose sunrise in Chennai
// (06:00 IST) falls in Krishna Chaturdashi, the lunar day before the new
// moon; north is the North Indian Lakshmi Puja date (hindu.yaml), the same
// day or the day after.
func deepavaliSouth(north time.Time) time.Time {
	sunrise := time.Date(north.Year(), north.Month(), north.Day(), 0, 30, 0, 0, time.UTC)
	if tithi(sunrise) == 29 {
		return north
	}
	return north.AddDate(0, 0, -1)
}

// New Delhi, where India's central Ruet-e-Hilal committees' announcements
// are followed for the national holiday list.
const delhiLat, delhiLon = 28.61, 77.21

// indiaDates returns the dates of Hijri month m, day d that fall in
// Gregorian year y as India keeps them.
func indiaDates(y, m, d int) []time.Time { return hijriDatesBy(y, m, d, indiaMonthStart) }

// indiaStarts memoises indiaMonthStart (pure, and asked for once per rule
// on the same month).
var indiaStarts sync.Map // time.Time -> time.Time (zero: none)

// indiaMonthStart is the first day of the Hijri month whose Umm al-Qura
// first day is uq, as India reckons it: the month begins after the
// crescent is sighted, which in India's hazier skies and later longitude
// is in practice the second evening after the conjunction (the first
// sunset in New Delhi after it, plus a day), so the month begins two days
// after the first evening. Against the days India kept 2015-2026
// (python-holidays' confirmed list) this is right in all but four
// (TestIndiaHijri); Umm al-Qura plus one day misses five.
func indiaMonthStart(uq time.Time) (time.Time, bool) {
	if v, ok := indiaStarts.Load(uq); ok {
		t := v.(time.Time)
		return t, !t.IsZero()
	}
	var start time.Time
	if conj, ok := conjunctionNear(uq); ok {
		day, _ := firstEvening(conj, delhiLat, delhiLon)
		start = day.AddDate(0, 0, 2)
	}
	indiaStarts.Store(uq, start)
	return start, !start.IsZero()
}
