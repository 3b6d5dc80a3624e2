package calendars

import (
	"fmt"
	"hash/fnv"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/rickar/cal/v2"

	"github.com/preflight-dev/preflight/checker"
)

// The years the calendar answers for; outside them it returns nothing
// (the Chinese and Umm al-Qura tables end there).
const (
	minYear = 1938
	maxYear = 2075
)

// Calendar is Preflight's region-aware holiday and observance calendar. It
// implements checker.Calendar. Observances are computed per (region, year)
// on first use and cached, so a rule's lookup costs a map read and a short
// scan. It is safe for concurrent use.
type Calendar struct {
	data      *builtin
	custom    map[string][]spec // company days by region
	idRegions map[string][]string
	// sharedIDs: a company day has the id of a built-in one, so the
	// regions keeping a built-in day differ from the built-in data's.
	sharedIDs bool
	version   string
	maxDays   int // the longest day's length in days, built-in or company

	mu    sync.RWMutex
	years map[yearKey][]checker.Observance
	bases map[yearKey]*yearBase
}

type yearKey struct {
	region string
	year   int
}

var _ checker.Calendar = (*Calendar)(nil)

// New builds a calendar from the embedded data and the company's own days.
// Errors name the preflight.yaml field at fault ("calendar.days[2].rule").
func New(opts Options) (*Calendar, error) {
	b, err := sharedBuiltin()
	if err != nil {
		return nil, err
	}
	c := &Calendar{data: b, custom: map[string][]spec{}, years: map[yearKey][]checker.Observance{}, bases: map[yearKey]*yearBase{}}
	if err := c.addCustom(opts); err != nil {
		return nil, err
	}
	c.version = "calendars/" + b.version
	if len(opts.Days) > 0 {
		h := fnv.New32a()
		fmt.Fprintf(h, "%+v", opts.Days)
		c.version += fmt.Sprintf("+custom.%d.%08x", len(opts.Days), h.Sum32())
	}
	// Without company days the regions by day id are the built-in
	// data's, computed once per process and shared (read only).
	c.idRegions = b.idRegions()
	if len(c.custom) > 0 {
		builtinIDs := c.idRegions
		c.idRegions = c.buildIDRegions()
		for _, specs := range c.custom {
			for _, s := range specs {
				if _, ok := builtinIDs[s.id]; ok {
					c.sharedIDs = true
				}
			}
		}
	}
	c.maxDays = b.maxDays
	for _, specs := range c.custom {
		for _, s := range specs {
			c.maxDays = max(c.maxDays, s.days)
		}
	}
	return c, nil
}

// sharedBuiltin parses the embedded data once per process: it never
// changes and is only read, so every Calendar shares it (a brand's
// calendar is built per configuration, and parsing is most of the cost).
var sharedBuiltin = sync.OnceValues(loadBuiltin)

// Version identifies the calendar data (and the company days) for report
// stamps: reports judged against different data can be told apart.
func (c *Calendar) Version() string { return c.version }

// Regions lists the supported country codes, sorted. Subdivisions of
// them (US-CA, AU-WA) are supported too; Subdivisions lists them.
func (c *Calendar) Regions() []string {
	out := generatedCodes()
	for code, r := range regionTable() {
		if r.parent == "" {
			out = append(out, code)
		}
	}
	sort.Strings(out)
	return out
}

// RegionName returns a region's or subdivision's English name, or "" if it
// is not supported.
func RegionName(code string) string {
	if r, ok := lookupRegion(normRegion(code)); ok {
		return r.name
	}
	return ""
}

// Subdivisions lists the ISO 3166-2 subdivisions of a country that the
// calendar knows by name and zone, sorted; nil for none.
func Subdivisions(country string) []string {
	if r, ok := lookupRegion(normRegion(country)); ok && r.parent == "" {
		return slices.Clone(r.subdivisions)
	}
	return nil
}

// Zones returns the IANA zones a region spans, its representative zone
// first: every zone of a country, a subdivision's own. A post to the
// region is judged in all of them. Nil if the region is not supported.
func Zones(region string) []string {
	r, ok := lookupRegion(normRegion(region))
	if !ok {
		return nil
	}
	out := make([]string, len(r.zones))
	for i, z := range r.zones {
		out[i] = z.String()
	}
	return out
}

// Source names where a region's public holidays come from: a rickar/cal
// package, or Preflight's own data.
func Source(region string) string {
	r, ok := lookupRegion(normRegion(region))
	switch {
	case !ok:
		return ""
	case r.source != "":
		return r.source + " + data/days.yaml"
	}
	return "data/days.yaml"
}

// Location returns the representative time zone of a region (a
// subdivision's own), or nil if the region is not supported.
func (c *Calendar) Location(region string) *time.Location {
	if r, ok := lookupRegion(normRegion(region)); ok {
		return r.loc
	}
	return nil
}

// At returns the observances in force at instant t in region.
func (c *Calendar) At(region string, t time.Time) []checker.Observance {
	region = normRegion(region)
	r, ok := lookupRegion(region)
	if !ok {
		return nil
	}
	y := t.In(r.loc).Year()
	var out []checker.Observance
	for yy := y - 1; yy <= y+1; yy++ {
		obs := c.year(region, yy)
		for i := range obs {
			o := &obs[i]
			if t.Before(o.Start) {
				break // sorted by start
			}
			if t.Before(o.End) {
				out = append(out, *o)
			}
		}
	}
	return out
}

// Between returns the observances in region that overlap [from, to),
// ordered by start.
func (c *Calendar) Between(region string, from, to time.Time) []checker.Observance {
	region = normRegion(region)
	r, ok := lookupRegion(region)
	if !ok || !from.Before(to) {
		return nil
	}
	// A year's observances start at the earliest on the evening before
	// its first day (a day earlier in a country's first zone) and last
	// at most maxDays past it (a month for Ramadan and Pride Month; a
	// company day can last a year).
	y0, y1 := from.In(r.loc).AddDate(0, 0, -c.maxDays-2).Year(), to.In(r.loc).AddDate(0, 0, 2).Year()
	y0, y1 = max(y0, minYear), min(y1, maxYear)
	// The matches are counted first: a year's list is long, and copying
	// it as it grew was much of a year's cost over many regions.
	years := make([][]checker.Observance, 0, y1-y0+1)
	n := 0
	for y := y0; y <= y1; y++ {
		obs := c.year(region, y)
		years = append(years, obs)
		for i := range obs {
			if obs[i].Start.Before(to) && obs[i].End.After(from) {
				n++
			}
		}
	}
	out := make([]checker.Observance, 0, n)
	for _, obs := range years {
		for i := range obs {
			if obs[i].Start.Before(to) && obs[i].End.After(from) {
				out = append(out, obs[i])
			}
		}
	}
	sortObservances(out)
	return out
}

// normRegion upper-cases a region code and maps UK to GB; a subdivision
// the calendar does not know by name is judged as its whole country.
func normRegion(r string) string {
	if len(r) == 2 && r[0] >= 'A' && r[0] <= 'Z' && r[1] >= 'A' && r[1] <= 'Z' {
		return r
	}
	r = strings.ToUpper(strings.TrimSpace(r))
	if r == "UK" {
		return "GB"
	}
	if !knownRegion(r) && len(r) > 3 && r[2] == '-' && validSubdivision(r) {
		country := r[:2]
		if country == "UK" {
			country = "GB"
		}
		return country
	}
	return r
}

// year returns the cached observances whose date falls in year y in region.
func (c *Calendar) year(region string, y int) []checker.Observance {
	if y < minYear || y > maxYear {
		return nil
	}
	return memo(&c.mu, c.years, yearKey{region, y}, func() []checker.Observance { return c.compute(region, y) })
}

// memo returns m[k] under mu, computing and storing it on first use; when
// two goroutines compute the same key at once, the first stored wins, so
// every caller sees one value.
func memo[V any](mu *sync.RWMutex, m map[yearKey]V, k yearKey, compute func() V) V {
	mu.RLock()
	v, ok := m[k]
	mu.RUnlock()
	if ok {
		return v
	}
	v = compute()
	mu.Lock()
	defer mu.Unlock()
	if prev, ok := m[k]; ok {
		return prev
	}
	m[k] = v
	return v
}

// compute builds one region's observances for one year: rickar/cal's public
// holidays (with observed/substitute days), the embedded days and the
// company's days. A day both sources know (Good Friday in GB) is listed once,
// with the embedded data's tone and names and the public kind. Days in lieu
// are placed across the year boundary: a substitute for next year's
// 1 January can fall on 31 December of this one, and one for this year's
// late December can fall in January of the next (each is listed in the year
// it falls in).
func (c *Calendar) compute(region string, y int) []checker.Observance {
	b := c.base(region, y)
	if !b.substitutes {
		return b.obs // sorted, and shared read-only with the base cache
	}
	out := slices.Clone(b.obs)
	// Substitute days are placed once every public day of the three
	// years around y is known: one never lands on another holiday.
	public := map[string][]string{} // date -> ids
	var subs []pendingSubstitute
	for yy := y - 1; yy <= y+1; yy++ {
		nb := b
		if yy != y {
			nb = c.base(region, yy)
		}
		for _, o := range nb.obs {
			if o.Kind == checker.DayPublic {
				for d := range spanDates(o) {
					public[d] = append(public[d], o.ID)
				}
			}
		}
		subs = append(subs, nb.subs...)
	}
	// In date order, so that an earlier day's substitute is placed first
	// whichever year it belongs to.
	slices.SortStableFunc(subs, func(a, b pendingSubstitute) int { return a.d.Compare(b.d) })
	r, _ := lookupRegion(region)
	granted := map[time.Time]bool{} // two days on one date give one day in lieu
	for _, p := range subs {
		if granted[p.d] {
			continue
		}
		sd, ok := p.s.substitute.day(p.s, p.d, public)
		if !ok {
			continue
		}
		granted[p.d] = true
		obs := *p.s
		obs.id += "-observed"
		obs.name += " (observed)"
		obs.tone, obs.greeting, obs.aliases, obs.local = checker.ToneNeutral, false, nil, ""
		obs.days, obs.rule.evening = 1, false
		o := c.observance(region, r, &obs, sd)
		public[o.Date] = append(public[o.Date], o.ID)
		if sd.Year() == y {
			out = append(out, o)
		}
	}
	sortObservances(out)
	return slices.Clip(out)
}

// pendingSubstitute is a public day with a substitute rule, on its date,
// waiting for every public day around it to be known.
type pendingSubstitute struct {
	s *spec
	d time.Time
}

// yearBase is one region's year before days in lieu are placed: its
// observances, and the public days that may give a day in lieu.
type yearBase struct {
	obs         []checker.Observance
	subs        []pendingSubstitute
	substitutes bool // some day of the region has a substitute rule
}

// base returns the cached yearBase of region in year y (computing it on
// first use): compute reads the years either side of the one asked for.
func (c *Calendar) base(region string, y int) *yearBase {
	return memo(&c.mu, c.bases, yearKey{region, y}, func() *yearBase { return c.computeBase(region, y) })
}

func (c *Calendar) computeBase(region string, y int) *yearBase {
	r, _ := lookupRegion(region)
	if b, ok := c.generatedBase(r, y); ok {
		return b
	}
	type key struct{ id, date string }
	var gen []checker.Observance
	if r.generated {
		gen = c.generatedYear(r, y)
	}
	// Sized for the year's days: the region's days come to 20-40, and
	// growing the list as they arrive was most of building a year.
	n := len(r.public) + len(gen) + len(c.data.specs[region]) + len(c.data.specs[r.parent])
	idx := make(map[key]int, n)
	out := make([]checker.Observance, 0, n)
	add := func(o checker.Observance) {
		k := key{o.ID, o.Date}
		if i, ok := idx[k]; ok {
			prev := &out[i]
			if o.Kind == checker.DayPublic || prev.Kind == checker.DayPublic {
				o.Kind = checker.DayPublic
			}
			o.Aliases = union(o.Aliases, prev.Aliases)
			if o.LocalName == "" {
				o.LocalName = prev.LocalName
			}
			o.Greeting = o.Greeting || prev.Greeting
			*prev = o
			return
		}
		idx[k] = len(out)
		out = append(out, o)
	}
	for _, o := range gen {
		if c.sharedIDs {
			o.Regions = keepers(c.idRegions, o.ID, r)
		}
		add(o)
	}
	for _, h := range r.public {
		s := c.publicSpec(r, h)
		// rickar/cal's observed day can cross the year boundary either
		// way: next year's 1 January observed on 31 December, this
		// year's last days observed in January.
		for _, yy := range []int{y - 1, y, y + 1} {
			actual, observed := h.Calc(yy)
			if actual.IsZero() {
				continue
			}
			d := civil(actual)
			if yy == y {
				add(c.observance(region, r, &s, d))
			}
			o := civil(observed)
			if o.Equal(d) || o.Year() != y {
				continue
			}
			obs := s
			obs.id += "-observed"
			obs.name += " (observed)"
			obs.tone, obs.greeting, obs.aliases, obs.local = checker.ToneNeutral, false, nil, ""
			obs.kind = checker.DayPublic
			add(c.observance(region, r, &obs, o))
		}
	}
	// The more specific entry is added last and so wins when two give
	// the same day on the same date: a subdivision's own over its
	// country's, a company's over the built-in.
	groups := [][]spec{c.data.specs[region], c.custom[region]}
	if r.parent != "" {
		groups = [][]spec{c.data.specs[r.parent], c.data.specs[region], c.custom[r.parent], c.custom[region]}
	}
	b := &yearBase{}
	for _, group := range groups {
		for i := range group {
			s := &group[i]
			if s.substitute != substituteNone && s.kind == checker.DayPublic {
				b.substitutes = true
			}
			if !s.activeIn(y) {
				continue
			}
			for _, d := range s.rule.dates(y, c.data.tables) {
				add(c.observance(region, r, s, d))
				if s.substitute != substituteNone && s.kind == checker.DayPublic {
					b.subs = append(b.subs, pendingSubstitute{s, d})
				}
			}
		}
	}
	sortObservances(out)
	b.obs = slices.Clip(out)
	return b
}

// spanDates yields the civil dates (YYYY-MM-DD) an observance covers.
func spanDates(o checker.Observance) func(func(string) bool) {
	return func(yield func(string) bool) {
		d, err := time.Parse("2006-01-02", o.Date)
		if err != nil {
			return
		}
		n := max(int(o.End.Sub(o.Start).Hours()/24), 1)
		for i := range min(n, 60) {
			if !yield(d.AddDate(0, 0, i).Format("2006-01-02")) {
				return
			}
		}
	}
}

// publicDay is a rickar/cal holiday's names from days.yaml (a
// subdivision's from its country's) and its day id: buildIDRegions needs
// only the id, publicSpec the whole description.
func (c *Calendar) publicDay(r *region, h *cal.Holiday) (publicName, string) {
	region := r.code
	pn, ok := c.data.public[region][h.Name]
	if !ok && r.parent != "" {
		region = r.parent
		pn, ok = c.data.public[region][h.Name]
	}
	if !ok || pn.ID == "" {
		return pn, strings.ToLower(region) + "-" + letterSlug(h.Name)
	}
	return pn, pn.ID
}

// publicSpec describes a rickar/cal holiday with the names from days.yaml
// (a subdivision's with its country's names).
func (c *Calendar) publicSpec(r *region, h *cal.Holiday) spec {
	pn, id := c.publicDay(r, h)
	s := spec{id: id, name: first(pn.Name, h.Name), aliases: pn.Aliases, greeting: pn.Greeting,
		weight: 1, days: 1, kind: checker.DayPublic, tone: checker.ToneNeutral}
	if h.Type == cal.ObservanceOther {
		s.kind = checker.DayObservance
	}
	if d := c.data.defs[s.id]; d != nil {
		// The same day is described in days.yaml (Christmas, Good
		// Friday): share its aliases, greeting and tone.
		s.aliases = union(s.aliases, d.Aliases)
		s.greeting = s.greeting || d.Greeting
		if t, ok := validTones[d.Tone]; ok {
			s.tone = t
		}
	}
	if t, ok := validTones[pn.Tone]; ok {
		s.tone = t
	}
	s.local = pn.Local
	if s.local == "" && s.name != h.Name {
		s.local = h.Name
	}
	return s
}

// observance places a spec's date in the region's local time. In a region
// spanning several zones the day is in force from its start in the first
// zone to reach it until its end in the last (Start and End are given in
// the representative zone).
func (c *Calendar) observance(code string, r *region, s *spec, d time.Time) checker.Observance {
	start, end := span(s, d, r.loc)
	for _, z := range r.zones[1:] {
		zs, ze := span(s, d, z)
		if zs.Before(start) {
			start = zs.In(r.loc)
		}
		if ze.After(end) {
			end = ze.In(r.loc)
		}
	}
	return checker.Observance{ID: s.id, Name: s.name, LocalName: s.local, Aliases: s.aliases, Kind: s.kind,
		Tone: s.tone, Region: code, Regions: c.idRegions[s.id], Date: d.Format("2006-01-02"),
		Start: start, End: end, Weight: s.weight, Greeting: s.greeting}
}

// span is a day's start and end in one zone: midnight to midnight after its
// last day, from 18:00 the evening before for Jewish and Islamic days.
func span(s *spec, d time.Time, loc *time.Location) (start, end time.Time) {
	start = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
	end = time.Date(d.Year(), d.Month(), d.Day()+max(s.days, 1), 0, 0, 0, 0, loc)
	if s.rule.evening {
		start = time.Date(d.Year(), d.Month(), d.Day()-1, 18, 0, 0, 0, loc)
	}
	return start, end
}

// buildIDRegions lists, for every day id, the regions that keep it.
func (c *Calendar) buildIDRegions() map[string][]string {
	sets := map[string]map[string]bool{}
	note := func(id, r string) {
		if sets[id] == nil {
			sets[id] = map[string]bool{}
		}
		sets[id][r] = true
	}
	for code, r := range regionTable() {
		if r.parent != "" {
			// A subdivision is listed for its own days only, not for
			// every national day it shares with its country.
			national := map[string]bool{}
			for _, h := range regionTable()[r.parent].publicSrc {
				_, id := c.publicDay(r, h)
				national[id] = true
			}
			for _, h := range r.publicSrc {
				if _, id := c.publicDay(r, h); !national[id] {
					note(id, code)
				}
			}
		} else {
			for _, h := range r.publicSrc {
				_, id := c.publicDay(r, h)
				note(id, code)
			}
		}
		for _, s := range c.data.specs[code] {
			note(s.id, code)
		}
		for _, s := range c.custom[code] {
			note(s.id, code)
		}
	}
	// The generated countries' days.yaml and company days (their own
	// generated days name the country alone: generatedYear).
	for _, m := range []map[string][]spec{c.data.specs, c.custom} {
		for code, specs := range m {
			if _, ok := regionTable()[code]; ok {
				continue
			}
			for _, s := range specs {
				note(s.id, code)
			}
		}
	}
	out := make(map[string][]string, len(sets))
	for id, set := range sets {
		rs := make([]string, 0, len(set))
		for r := range set {
			rs = append(rs, r)
		}
		sort.Strings(rs)
		out[id] = rs
		out[id+"-observed"] = rs
	}
	return out
}

func civil(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// sortObservances orders by start, then region, then id. It sorts
// indices and moves each observance once: an Observance is large, and
// swapping them in place was a fifth of building a year.
func sortObservances(obs []checker.Observance) {
	less := compareObservances
	if slices.IsSortedFunc(obs, func(a, b checker.Observance) int { return less(&a, &b) }) {
		return
	}
	idx := make([]int, len(obs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int { return less(&obs[i], &obs[j]) })
	sorted := make([]checker.Observance, len(obs))
	for i, j := range idx {
		sorted[i] = obs[j]
	}
	copy(obs, sorted)
}

// compareObservances orders by start, then region, then id.
func compareObservances(a, b *checker.Observance) int {
	if c := a.Start.Compare(b.Start); c != 0 {
		return c
	}
	if c := strings.Compare(a.Region, b.Region); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

func union(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	out := slices.Clone(a)
	for _, s := range b {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
