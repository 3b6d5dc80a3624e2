package calendars

import (
	_ "embed"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // the zones must resolve on machines without a zoneinfo database

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/ar"
	"github.com/rickar/cal/v2/at"
	"github.com/rickar/cal/v2/au"
	"github.com/rickar/cal/v2/be"
	"github.com/rickar/cal/v2/bg"
	"github.com/rickar/cal/v2/br"
	"github.com/rickar/cal/v2/ca"
	"github.com/rickar/cal/v2/ch"
	"github.com/rickar/cal/v2/cz"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/dk"
	"github.com/rickar/cal/v2/es"
	"github.com/rickar/cal/v2/fr"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/gr"
	"github.com/rickar/cal/v2/hr"
	"github.com/rickar/cal/v2/ie"
	"github.com/rickar/cal/v2/it"
	"github.com/rickar/cal/v2/jp"
	"github.com/rickar/cal/v2/lt"
	"github.com/rickar/cal/v2/lv"
	"github.com/rickar/cal/v2/mw"
	"github.com/rickar/cal/v2/nc"
	"github.com/rickar/cal/v2/nl"
	no "github.com/rickar/cal/v2/no"
	"github.com/rickar/cal/v2/nz"
	"github.com/rickar/cal/v2/pl"
	"github.com/rickar/cal/v2/ro"
	"github.com/rickar/cal/v2/ru"
	"github.com/rickar/cal/v2/se"
	"github.com/rickar/cal/v2/si"
	"github.com/rickar/cal/v2/sk"
	"github.com/rickar/cal/v2/ua"
	"github.com/rickar/cal/v2/us"
	"github.com/rickar/cal/v2/za"

	"github.com/preflight-dev/preflight/internal/compact"
	"github.com/preflight-dev/preflight/internal/strictyaml"
)

// regionsData is data/regions.yaml decoded and encoded by
// internal/compact, as data/days.bin is. The YAML stays the source:
// TestRegionsData fails when the two differ, and `go generate ./calendars`
// rewrites the file.
//
//go:embed data/regions.bin
var regionsData string

// region is one supported audience region: a country, or an ISO 3166-2
// subdivision of one.
type region struct {
	code, name string
	// parent is the country of a subdivision; "" for a country.
	parent string
	// loc is the zone the region's days are placed in: the country's most
	// populous zone, or the subdivision's own.
	loc *time.Location
	// zones are every zone the region spans, loc first; a day is in force
	// in the region while it is in force in any of them.
	zones []*time.Location
	// zoneNames are the zones' IANA names, loc's first. A region of
	// regions.yaml loads its zones on first use (loadZones): a check
	// reads the few regions its post names, not every zone.
	zoneNames []string
	zonesOnce sync.Once
	// public is the public-holiday list from rickar/cal, copied from
	// publicSrc when the region is first used (isolated); nil for regions
	// it does not cover, whose public days are in data/days.yaml.
	public []*cal.Holiday
	// publicSrc is rickar/cal's own list, shared: only its names and types
	// are read from it (buildIDRegions), never its dates.
	publicSrc []*cal.Holiday
	// source names where the public holidays come from.
	source       string
	subdivisions []string
	// generated: the region's days come from data/pyholidays.
	generated bool
	// own lists the region alone: the regions keeping a generated day.
	own []string
}

// publicSource is a rickar/cal holiday list and the package it comes from.
type publicSource struct {
	pkg  string
	list []*cal.Holiday
}

// auNational is the days every Australian state keeps; rickar/cal lists
// only per-state calendars, and Labour Day and the King's Birthday differ
// between states.
var auNational = []*cal.Holiday{au.NewYear, au.AustraliaDay, au.GoodFriday, au.EasterSaturday,
	au.EasterSunday, au.EasterMonday, au.AnzacDay, au.MourningDay2022, au.ChristmasDay, au.BoxingDay}

// gbScotland is rickar/cal's GB list as Scotland keeps it: no Easter
// Monday, the summer bank holiday on the first Monday of August (2 January
// and St Andrew's Day are in days.yaml).
var gbScotland = []*cal.Holiday{gb.NewYear, gb.GoodFriday, gb.EarlyMay, gb.VEDay, gb.CoronationDay, gb.SpringHoliday,
	gb.SpringHoliday2022, gb.PlatinumJubilee, gb.SummerHolidayScotland, gb.ChristmasDay, gb.BoxingDay}

// arFixed is rickar/cal's Argentine list without the four days law
// 27.399 moves to a Monday (San Martín, Güemes, Cultural Diversity and
// National Sovereignty: in days.yaml with "move monday-ar"), and with no
// observed day for Belgrano's, which the law does not move (rickar/cal
// moves it off weekends).
func arFixed() []*cal.Holiday {
	var out []*cal.Holiday
	for _, h := range ar.Holidays {
		switch h {
		case ar.GuemesDay, ar.SanMartinDay, ar.DiversityDay, ar.SovereigntyDay:
			continue
		case ar.BelgranoDay:
			fixed := *h
			fixed.Observed = nil
			h = &fixed
		}
		out = append(out, h)
	}
	return out
}

// rickarPublic maps region codes to rickar/cal's lists. Codes listed in
// data/regions.yaml but not here take their public days from days.yaml
// (a subdivision not here has its country's).
var rickarPublic = map[string]publicSource{
	"US": {"us", us.Holidays}, "GB": {"gb", gb.Holidays}, "CA": {"ca", ca.Holidays}, "AU": {"au", auNational},
	"NZ": {"nz", nz.Holidays}, "IE": {"ie", ie.Holidays}, "DE": {"de", de.Holidays}, "FR": {"fr", fr.Holidays},
	"NO": {"no", no.Holidays}, "SE": {"se", se.Holidays}, "DK": {"dk", dk.Holidays}, "JP": {"jp", jp.Holidays},
	"BR": {"br", br.Holidays}, "AR": {"ar", arFixed()}, "AT": {"at", at.Holidays}, "BE": {"be", be.Holidays},
	"BG": {"bg", bg.Holidays}, "CH": {"ch", ch.Holidays}, "CZ": {"cz", cz.Holidays}, "ES": {"es", es.Holidays},
	"GR": {"gr", gr.Holidays}, "HR": {"hr", hr.Holidays}, "IT": {"it", it.Holidays}, "LT": {"lt", lt.Holidays},
	"LV": {"lv", lv.Holidays}, "MW": {"mw", mw.Holidays}, "NC": {"nc", nc.Holidays}, "NL": {"nl", nl.Holidays},
	"PL": {"pl", pl.Holidays}, "RO": {"ro", ro.Holidays}, "RU": {"ru", ru.Holidays}, "SI": {"si", si.Holidays},
	"SK": {"sk", sk.Holidays}, "UA": {"ua", ua.Holidays}, "ZA": {"za", za.Holidays},

	"AU-ACT": {"au", au.HolidaysACT}, "AU-NSW": {"au", au.HolidaysNSW}, "AU-NT": {"au", au.HolidaysNT},
	"AU-QLD": {"au", au.HolidaysQLD}, "AU-SA": {"au", au.HolidaysSA}, "AU-TAS": {"au", au.HolidaysTAS},
	"AU-VIC": {"au", au.HolidaysVIC}, "AU-WA": {"au", au.HolidaysWA},
	"DE-BW": {"de", de.HolidaysBW}, "DE-BY": {"de", de.HolidaysBY}, "DE-BE": {"de", de.HolidaysBE},
	"DE-BB": {"de", de.HolidaysBB}, "DE-HB": {"de", de.HolidaysHB}, "DE-HH": {"de", de.HolidaysHH},
	"DE-HE": {"de", de.HolidaysHE}, "DE-MV": {"de", de.HolidaysMV}, "DE-NI": {"de", de.HolidaysNI},
	"DE-NW": {"de", de.HolidaysNW}, "DE-RP": {"de", de.HolidaysRP}, "DE-SL": {"de", de.HolidaysSL},
	"DE-SN": {"de", de.HolidaysSN}, "DE-ST": {"de", de.HolidaysST}, "DE-SH": {"de", de.HolidaysSH},
	"DE-TH":  {"de", de.HolidaysTH},
	"GB-SCT": {"gb", gbScotland},
}

// regionTable holds every country and subdivision by code, read from
// data/regions.bin on first use; their zones load when a region is
// first used (region.loadZones).
var regionTable = sync.OnceValue(func() map[string]*region {
	var f map[string]regionEntry
	err := compact.Decode(regionsData, &f)
	var t map[string]*region
	if err == nil {
		t, err = buildRegions(f)
	}
	if err != nil {
		panic("calendars: data/regions.bin (go generate ./calendars): " + err.Error())
	}
	return t
})

// regionEntry is one country in data/regions.yaml.
type regionEntry struct {
	Name         string   `yaml:"name" json:"name"`
	Zones        []string `yaml:"zones" json:"zones"`
	Subdivisions map[string]struct {
		Name string `yaml:"name" json:"name"`
		Zone string `yaml:"zone" json:"zone"`
	} `yaml:"subdivisions" json:"subdivisions,omitempty"`
}

// parseRegions reads regions in the shape of data/regions.yaml, strictly;
// errors name the entry at fault.
func parseRegions(b []byte) (map[string]*region, error) {
	var f map[string]regionEntry
	if err := strictyaml.Decode(b, &f); err != nil {
		return nil, err
	}
	return buildRegions(f)
}

// buildRegions makes the region table of data/regions.yaml's entries.
// Zones are named, not loaded: checkZones loads every one (a test runs it
// on the embedded data).
func buildRegions(f map[string]regionEntry) (map[string]*region, error) {
	t := map[string]*region{}
	for code, e := range f {
		if len(code) != 2 || strings.ToUpper(code) != code || e.Name == "" || len(e.Zones) == 0 {
			return nil, fmt.Errorf("%s: want an upper-case alpha-2 code with a name and at least one zone", code)
		}
		r := &region{code: code, name: e.Name}
		addZone := func(name string) {
			if !slices.Contains(r.zoneNames, name) {
				r.zoneNames = append(r.zoneNames, name)
			}
		}
		for _, z := range e.Zones {
			addZone(z)
		}
		for sc, s := range e.Subdivisions {
			if !strings.HasPrefix(sc, code+"-") || !validSubdivision(sc) || s.Name == "" || s.Zone == "" {
				return nil, fmt.Errorf("%s: subdivision %q: want %s-XXX (1-3 letters or digits) with a name and a zone", code, sc, code)
			}
			// The country spans its subdivisions' zones.
			addZone(s.Zone)
			t[sc] = &region{code: sc, name: s.Name, parent: code, zoneNames: []string{s.Zone}}
			r.subdivisions = append(r.subdivisions, sc)
		}
		sort.Strings(r.subdivisions)
		t[code] = r
	}
	for code, r := range t {
		src, ok := rickarPublic[code]
		if !ok && r.parent != "" {
			src, ok = rickarPublic[r.parent]
		}
		if ok {
			r.publicSrc = src.list
			r.source = "rickar/cal " + src.pkg
		}
	}
	for code := range rickarPublic {
		if t[code] == nil {
			return nil, fmt.Errorf("%s has a rickar/cal list but no entry", code)
		}
	}
	return t, nil
}

// checkZones loads every zone the regions name; the error names the first
// region whose zone does not load.
func checkZones(t map[string]*region) error {
	codes := slices.Sorted(maps.Keys(t))
	for _, code := range codes {
		for _, z := range t[code].zoneNames {
			if _, err := loadZone(z); err != nil {
				return fmt.Errorf("%s: zone %q: %w", code, z, err)
			}
		}
	}
	return nil
}

// loadZones fills loc and zones from zoneNames, and public from
// publicSrc, once (lookupRegion calls it, so a region it returns has
// them). A zone that does not
// load is left out (checkZones, run by the tests on the embedded data,
// reports it); a region with none is placed in UTC.
func (r *region) loadZones() {
	r.zonesOnce.Do(func() {
		if r.publicSrc != nil {
			r.public = isolated(r.publicSrc)
		}
		for _, z := range r.zoneNames {
			if loc, err := loadZone(z); err == nil {
				r.zones = append(r.zones, loc)
			}
		}
		if len(r.zones) == 0 {
			r.zones = []*time.Location{time.UTC}
		}
		r.loc = r.zones[0]
	})
}

// zoneCache holds the zones loaded so far by IANA name: a country and its
// subdivisions share them.
var zoneCache sync.Map // name -> *time.Location

// loadZone is time.LoadLocation, once per name.
func loadZone(name string) (*time.Location, error) {
	if v, ok := zoneCache.Load(name); ok {
		return v.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	v, _ := zoneCache.LoadOrStore(name, loc)
	return v.(*time.Location), nil
}

// validSubdivision reports whether s has the shape of an ISO 3166-2 code:
// a country code, a hyphen and one to three letters or digits.
func validSubdivision(s string) bool {
	if len(s) < 4 || len(s) > 6 || s[2] != '-' {
		return false
	}
	for i := 3; i < len(s); i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') {
			return false
		}
	}
	return true
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
