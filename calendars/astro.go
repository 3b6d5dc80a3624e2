package calendars

import (
	"math"
	"time"
)

// Low-precision positions of the Sun and the Moon (J. Meeus, Astronomical
// Algorithms, 2nd ed., chapters 12, 13, 25 and 47, with the principal
// periodic terms only): the Moon's longitude to about 0.05°, enough to
// place a new crescent's altitude and elongation at sunset and a lunar day
// (tithi, 12° of elongation) within half an hour. Written for Preflight
// from the published formulas.

const deg = math.Pi / 180

// julianCenturies is T, in Julian centuries of TT from J2000.0 (UT is used
// for TT: the 70 s difference moves the Moon by 0.01°).
func julianCenturies(t time.Time) float64 {
	jd := float64(t.UTC().UnixNano())/86400e9 + 2440587.5
	return (jd - 2451545.0) / 36525
}

func norm360(x float64) float64 {
	x = math.Mod(x, 360)
	if x < 0 {
		x += 360
	}
	return x
}

// sunLongitude is the Sun's apparent ecliptic longitude in degrees.
func sunLongitude(T float64) float64 {
	L0 := 280.46646 + 36000.76983*T
	M := (357.52911 + 35999.05029*T) * deg
	C := (1.914602-0.004817*T)*math.Sin(M) + 0.019993*math.Sin(2*M) + 0.000289*math.Sin(3*M)
	omega := (125.04 - 1934.136*T) * deg
	return norm360(L0 + C - 0.00569 - 0.00478*math.Sin(omega))
}

// moonTerm is one periodic term: coefficients of D, M, M', F and the
// amplitude in 1e-6 degrees.
type moonTerm struct{ d, m, mp, f, a float64 }

var moonLonTerms = []moonTerm{
	{0, 0, 1, 0, 6288774}, {2, 0, -1, 0, 1274027}, {2, 0, 0, 0, 658314}, {0, 0, 2, 0, 213618},
	{0, 1, 0, 0, -185116}, {0, 0, 0, 2, -114332}, {2, 0, -2, 0, 58793}, {2, -1, -1, 0, 57066},
	{2, 0, 1, 0, 53322}, {2, -1, 0, 0, 45758}, {0, 1, -1, 0, -40923}, {1, 0, 0, 0, -34720},
	{0, 1, 1, 0, -30383}, {2, 0, 0, -2, 15327}, {0, 0, 1, 2, -12528}, {0, 0, 1, -2, 10980},
	{4, 0, -1, 0, 10675}, {0, 0, 3, 0, 10034}, {4, 0, -2, 0, 8548}, {2, 1, -1, 0, -7888},
	{2, 1, 0, 0, -6766}, {1, 0, -1, 0, -5163}, {1, 1, 0, 0, 4987}, {2, -1, 1, 0, 4036},
}

var moonLatTerms = []moonTerm{
	{0, 0, 0, 1, 5128122}, {0, 0, 1, 1, 280602}, {0, 0, 1, -1, 277693}, {2, 0, 0, -1, 173237},
	{2, 0, -1, 1, 55413}, {2, 0, -1, -1, 46271}, {2, 0, 0, 1, 32573}, {0, 0, 2, 1, 17198},
	{2, 0, 1, -1, 9266}, {0, 0, 2, -1, 8822},
}

// moonPosition is the Moon's geocentric ecliptic longitude and latitude
// (degrees) and its distance (km).
func moonPosition(T float64) (lon, lat, dist float64) {
	Lp := 218.3164477 + 481267.88123421*T
	D := (297.8501921 + 445267.1114034*T) * deg
	M := (357.5291092 + 35999.0502909*T) * deg
	Mp := (134.9633964 + 477198.8675055*T) * deg
	F := (93.2720950 + 483202.0175233*T) * deg
	E := 1 - 0.002516*T
	sum := func(terms []moonTerm, sin bool) float64 {
		s := 0.0
		for _, k := range terms {
			arg := k.d*D + k.m*M + k.mp*Mp + k.f*F
			a := k.a * math.Pow(E, math.Abs(k.m))
			if sin {
				s += a * math.Sin(arg)
			} else {
				s += a * math.Cos(arg)
			}
		}
		return s
	}
	lon = norm360(Lp + sum(moonLonTerms, true)/1e6)
	lat = sum(moonLatTerms, true) / 1e6
	dist = 385000.56 - 20905.355*math.Cos(Mp) - 3699.111*math.Cos(2*D-Mp) - 2955.968*math.Cos(2*D) - 569.925*math.Cos(2*Mp)
	return lon, lat, dist
}

// equatorial converts ecliptic coordinates to right ascension and
// declination (degrees).
func equatorial(lon, lat, T float64) (ra, dec float64) {
	eps := (23.439291 - 0.0130042*T) * deg
	l, b := lon*deg, lat*deg
	ra = norm360(math.Atan2(math.Sin(l)*math.Cos(eps)-math.Tan(b)*math.Sin(eps), math.Cos(l)) / deg)
	dec = math.Asin(math.Sin(b)*math.Cos(eps)+math.Cos(b)*math.Sin(eps)*math.Sin(l)) / deg
	return ra, dec
}

// altitude is the geocentric altitude (degrees) of a body at (ra, dec) seen
// from latitude lat, longitude lon (east positive) at instant t.
func altitude(t time.Time, ra, dec, lat, lon float64) float64 {
	jd := float64(t.UTC().UnixNano())/86400e9 + 2440587.5
	theta := norm360(280.46061837 + 360.98564736629*(jd-2451545.0) + lon)
	H := (theta - ra) * deg
	s := math.Sin(lat*deg)*math.Sin(dec*deg) + math.Cos(lat*deg)*math.Cos(dec*deg)*math.Cos(H)
	return math.Asin(s) / deg
}

// elongationLongitude is the Moon's longitude minus the Sun's, 0-360°: a
// lunar day (tithi) is 12° of it, and it is 0 at the conjunction.
func elongationLongitude(t time.Time) float64 {
	T := julianCenturies(t)
	ml, _, _ := moonPosition(T)
	return norm360(ml - sunLongitude(T))
}

// tithi is the lunar day (1-30) in force at t: 15 is the full moon's, 29
// Krishna Chaturdashi, 30 Amavasya.
func tithi(t time.Time) int {
	return int(elongationLongitude(t)/12) + 1
}

// crescent gives the Moon's topocentric altitude and its elongation from
// the Sun (degrees) at instant t seen from (lat, lon).
func crescent(t time.Time, lat, lon float64) (alt, elong float64) {
	T := julianCenturies(t)
	ml, mb, dist := moonPosition(T)
	sl := sunLongitude(T)
	mra, mdec := equatorial(ml, mb, T)
	sra, sdec := equatorial(sl, 0, T)
	h := altitude(t, mra, mdec, lat, lon)
	parallax := math.Asin(6378.14/dist) / deg
	alt = h - parallax*math.Cos(h*deg)
	c := math.Sin(sdec*deg)*math.Sin(mdec*deg) + math.Cos(sdec*deg)*math.Cos(mdec*deg)*math.Cos((sra-mra)*deg)
	return alt, math.Acos(math.Max(-1, math.Min(1, c))) / deg
}

// sunset finds the instant of sunset (upper limb at -0.833°) on the civil
// date d at (lat, lon), searching from local noon; zero if the Sun does
// not set.
func sunset(d time.Time, lat, lon float64) time.Time {
	noon := time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, time.UTC).Add(-time.Duration(lon / 15 * float64(time.Hour)))
	sunAlt := func(t time.Time) float64 {
		T := julianCenturies(t)
		ra, dec := equatorial(sunLongitude(T), 0, T)
		return altitude(t, ra, dec, lat, lon) + 0.833
	}
	lo, hi := noon, noon.Add(12*time.Hour)
	if sunAlt(lo) < 0 || sunAlt(hi) > 0 {
		return time.Time{}
	}
	return bisect(lo, hi, func(t time.Time) bool { return sunAlt(t) > 0 })
}

// bisect narrows [lo, hi] to the instant where before turns false (before
// holds at lo and not at hi), to well under a second.
func bisect(lo, hi time.Time, before func(time.Time) bool) time.Time {
	for range 40 {
		mid := lo.Add(hi.Sub(lo) / 2)
		if before(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}

// juneSolstice is the instant of the June solstice (the Sun's apparent
// longitude at 90°), to within a minute or two.
func juneSolstice(y int) time.Time {
	lo := time.Date(y, time.June, 19, 0, 0, 0, 0, time.UTC)
	return bisect(lo, lo.AddDate(0, 0, 4), func(t time.Time) bool { return sunLongitude(julianCenturies(t)) < 90 })
}
