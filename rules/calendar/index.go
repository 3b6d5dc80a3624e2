package calendar

import (
	"reflect"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/preflight-dev/preflight/checker"
)

// dayIndex is what the rules need to know about one region around one year,
// built once from the calendar and shared by every post judged in it: the
// days by id, the solemn and fasting days, and one phrase set holding all
// their names, aliases and symbols (keyed by day id). With it a post costs
// a few map reads and one scan of its words, not a calendar query.
type dayIndex struct {
	byID   map[string][]checker.Observance
	solemn []checker.Observance
	names  *phraseSet // solemn days' names, aliases and symbols; key: day id
}

type indexKey struct {
	cal    checker.Calendar
	region string
	year   int
}

// indexCache holds dayIndex values per (calendar, region, year).
type indexCache struct {
	m   sync.Map
	lex *lexicon
}

// get returns the index for the region around at: the year before, the
// year of at and the year after, in UTC years (the calendar's own spans are
// in the region's zone).
func (c *indexCache) get(cal checker.Calendar, region string, at time.Time) *dayIndex {
	k := indexKey{cal, region, at.UTC().Year()}
	cacheable := reflect.TypeOf(cal).Comparable()
	if cacheable {
		if v, ok := c.m.Load(k); ok {
			return v.(*dayIndex)
		}
	}
	from := time.Date(k.year-1, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(k.year+2, 1, 1, 0, 0, 0, 0, time.UTC)
	idx := &dayIndex{byID: map[string][]checker.Observance{}, names: newPhraseSet()}
	named := map[string]bool{}
	for _, o := range cal.Between(region, from, to) {
		idx.byID[o.ID] = append(idx.byID[o.ID], o)
		if !solemnTone(o) {
			continue
		}
		idx.solemn = append(idx.solemn, o)
		if named[o.ID] {
			continue
		}
		named[o.ID] = true
		idx.names.add(o.Name, o.ID)
		for _, n := range append([]string{o.LocalName}, o.Aliases...) {
			if n == "" {
				continue
			}
			if dateLike(n) {
				idx.names.add(n, weakKey+o.ID)
			} else {
				idx.names.add(n, o.ID)
			}
		}
		for _, s := range c.lex.solemn[o.ID].Symbols {
			idx.names.add(s, o.ID)
		}
		for _, s := range c.lex.solemn[o.ID].Weak {
			idx.names.add(s, weakKey+o.ID)
		}
		for _, s := range c.lex.echoes[c.lex.solemn[o.ID].Echo] {
			idx.names.add(s, weakKey+o.ID)
		}
	}
	if !cacheable {
		return idx
	}
	v, _ := c.m.LoadOrStore(k, idx)
	return v.(*dayIndex)
}

// nearestOf returns the occurrence of id nearest to at, preferring the
// next one; ok is false when the region does not keep the day.
func (idx *dayIndex) nearestOf(id string, at time.Time) (checker.Observance, bool) {
	obs := idx.byID[id]
	if len(obs) == 0 {
		return checker.Observance{}, false
	}
	return nearest(obs, at), true
}

// weakKey marks a phrase that names a day only on the day itself: a
// common phrase ("never forget") or a date ("September 11") that is also a
// deadline in an ordinary promotion.
const weakKey = "~"

var monthWords = wordSet(`january february march april may june july august september october november december
		jan feb mar apr jun jul aug sep sept oct nov dec januar februar mars april mai juni juli august oktober desember dezember
		janvier fevrier février avril juin juillet aout août septembre octobre novembre decembre décembre`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// dateLike reports whether a name is a date ("September 11", "22. juli",
// "December 7th").
func dateLike(name string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if monthWords[w] {
			return true
		}
	}
	return false
}
