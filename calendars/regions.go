package calendars

import (
	"time"
	_ "time/tzdata" // the zones must resolve on machines without a zoneinfo database

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/au"
	"github.com/rickar/cal/v2/br"
	"github.com/rickar/cal/v2/ca"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/dk"
	"github.com/rickar/cal/v2/fr"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/ie"
	"github.com/rickar/cal/v2/jp"
	no "github.com/rickar/cal/v2/no"
	"github.com/rickar/cal/v2/nz"
	"github.com/rickar/cal/v2/se"
	"github.com/rickar/cal/v2/us"
)

// region is one supported audience region.
type region struct {
	name string
	// zone is a representative IANA zone: the most populous one for
	// countries that span several (noted in the README).
	zone string
	// public is the national public-holiday list from rickar/cal; nil for
	// regions it does not cover, whose public days are in data/days.yaml.
	public []*cal.Holiday
	loc    *time.Location
}

// auNational is the days every Australian state keeps; rickar/cal lists
// only per-state calendars, and Labour Day and the King's Birthday differ
// between states.
var auNational = []*cal.Holiday{au.NewYear, au.AustraliaDay, au.GoodFriday, au.EasterSaturday,
	au.EasterSunday, au.EasterMonday, au.AnzacDay, au.MourningDay2022, au.ChristmasDay, au.BoxingDay}

var regionTable = withZones(map[string]*region{
	"US": {name: "United States", zone: "America/New_York", public: us.Holidays},
	"GB": {name: "United Kingdom", zone: "Europe/London", public: gb.Holidays},
	"CA": {name: "Canada", zone: "America/Toronto", public: ca.Holidays},
	"AU": {name: "Australia", zone: "Australia/Sydney", public: auNational},
	"NZ": {name: "New Zealand", zone: "Pacific/Auckland", public: nz.Holidays},
	"IE": {name: "Ireland", zone: "Europe/Dublin", public: ie.Holidays},
	"DE": {name: "Germany", zone: "Europe/Berlin", public: de.Holidays},
	"FR": {name: "France", zone: "Europe/Paris", public: fr.Holidays},
	"NO": {name: "Norway", zone: "Europe/Oslo", public: no.Holidays},
	"SE": {name: "Sweden", zone: "Europe/Stockholm", public: se.Holidays},
	"DK": {name: "Denmark", zone: "Europe/Copenhagen", public: dk.Holidays},
	"JP": {name: "Japan", zone: "Asia/Tokyo", public: jp.Holidays},
	"BR": {name: "Brazil", zone: "America/Sao_Paulo", public: br.Holidays},
	"IN": {name: "India", zone: "Asia/Kolkata"},
	"AE": {name: "United Arab Emirates", zone: "Asia/Dubai"},
	"SA": {name: "Saudi Arabia", zone: "Asia/Riyadh"},
	"IL": {name: "Israel", zone: "Asia/Jerusalem"},
	"CN": {name: "China", zone: "Asia/Shanghai"},
	"SG": {name: "Singapore", zone: "Asia/Singapore"},
	"MX": {name: "Mexico", zone: "America/Mexico_City"},
})

func withZones(t map[string]*region) map[string]*region {
	for _, r := range t {
		r.loc = mustZone(r.zone)
		r.public = isolated(r.public)
	}
	return t
}

// isolated copies rickar/cal's holidays so that computing one never writes
// to a value shared between goroutines: Japan's Vernal Equinox Day stores
// the year's day in the package-level holiday it is given, a data race
// when two years are computed at once. Each call gets a fresh copy.
func isolated(hs []*cal.Holiday) []*cal.Holiday {
	out := make([]*cal.Holiday, len(hs))
	for i, h := range hs {
		c := *h
		if fn, proto := h.Func, *h; fn != nil {
			c.Func = func(_ *cal.Holiday, year int) time.Time {
				own := proto
				return fn(&own, year)
			}
		}
		out[i] = &c
	}
	return out
}
