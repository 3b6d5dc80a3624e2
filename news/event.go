package news

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

var _ checker.EventNews = (*Index)(nil)

// eventFacts is what clustering needs of a crisis article, read once at
// ingestion: the keys it is grouped by, its words, its places and scale.
type eventFacts struct {
	keys  []uint32 // cluster keys (interned): places, multi-word names, hashtags, "kind:country"
	kinds []int    // indexes into kindVocabs.kinds
	// kindWeights are 2 for a kind named in the title, 1 in the text.
	kindWeights []int
	words       []stemWord
	places      []placeHit
	toll        int
	global      bool
	harm        bool // a class about harm to people (not a scandal)
	mourned     bool // national mourning declared
}

// stemWord is a content word of an article: its stem, the word as written
// (lower case) and whether the title has it.
type stemWord struct {
	stem, word string
	title      bool
}

// maxFactWords caps the words kept per article.
const maxFactWords = 48

// facts reads an article's event facts; d is what derive read from it.
func (dr *deriver) facts(a *checker.Article, d derived, classes []checker.CrisisClass) *eventFacts {
	f := &eventFacts{places: d.places, global: d.cons.global, toll: int(dr.cons.count(d.cons, "dead"))}
	for _, c := range classes {
		if c == checker.CrisisMourning {
			f.mourned = true
		}
	}
	f.harm = len(classes) > 0 && harmsPeople(classes[0])
	seen := map[string]bool{}
	for _, e := range d.entities {
		for _, w := range strings.Fields(strings.ToLower(e)) {
			seen[stem(w)] = true // names are the overlap rule's business, not vocabulary
		}
	}
	addWords := func(s string, title bool) {
		for _, w := range words(s) {
			if len(f.words) >= maxFactWords {
				return
			}
			if w.hashtag || len(w.low) < 3 || dr.notNames[w.low] || allDigits(w.low) {
				continue
			}
			if capitalised(w.raw) && !w.sentenceStart {
				continue // a name: the overlap rule's business, not vocabulary
			}
			st := stem(w.low)
			if seen[st] {
				continue
			}
			seen[st] = true
			f.words = append(f.words, stemWord{stem: st, word: w.low, title: title})
		}
	}
	addWords(a.Title, true)
	addWords(a.Summary, false)
	kindWeight := map[int]int{} // 2 when a title word names the kind
	for _, w := range f.words {
		for _, k := range dr.kinds.byCue[w.stem] {
			wt := 1
			if w.title {
				wt = 2
			}
			kindWeight[k] = max(kindWeight[k], wt)
		}
	}
	for k := range kindWeight {
		f.kinds = append(f.kinds, k)
	}
	sort.Ints(f.kinds)
	for _, k := range f.kinds {
		f.kindWeights = append(f.kindWeights, kindWeight[k])
	}
	keys := map[string]bool{}
	for _, p := range d.places {
		if p.kind != "country" {
			keys["p:"+strings.ToLower(p.name)] = true
		}
	}
	for _, e := range d.entities {
		if strings.Contains(e, " ") || (!dr.common(strings.ToLower(e)) && len(e) >= 4) {
			keys["n:"+strings.ToLower(e)] = true
		}
	}
	for _, h := range d.hashtags {
		keys["h:"+h] = true
	}
	regions := a.Regions
	if len(regions) == 0 {
		regions = d.regions
	}
	for _, k := range f.kinds {
		for _, r := range regions {
			keys["k:"+dr.kinds.kinds[k].name+":"+r] = true
		}
	}
	f.keys = dr.intern(keys)
	return f
}

// intern returns the ids of keys, sorted, numbering new keys as they come:
// clustering compares small integers instead of strings.
func (dr *deriver) intern(keys map[string]bool) []uint32 {
	dr.keyMu.Lock()
	defer dr.keyMu.Unlock()
	if dr.keyIDs == nil {
		dr.keyIDs = map[string]uint32{}
	}
	out := make([]uint32, 0, len(keys))
	for k := range keys {
		id, ok := dr.keyIDs[k]
		if !ok {
			id = uint32(len(dr.keyIDs))
			dr.keyIDs[k] = id
		}
		out = append(out, id)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Event clustering: an article joins the event it shares the most keys with
// when that event's last article is at most joinGap older, their classes
// are both about harm to people or both not, and they share a kind of
// event when both name one.
const (
	joinGap            = 72 * time.Hour
	defaultEventWindow = 7 * 24 * time.Hour
	maxEventArticles   = 10000 // articles clustered per query, newest kept
)

// Events groups the crisis articles published in (At-Window, At] into
// events. Only that window counts, so the answer is the same whether the
// index holds a week or ten years, and the same for a backtest as live.
// Events are ordered by severity times salience, gravest first. Answers
// are remembered until the index changes, so the events' own slices
// (vocabulary, evidence) are shared: read them, never change them.
func (ix *Index) Events(ctx context.Context, q checker.EventQuery) ([]checker.Event, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if q.Window <= 0 {
		q.Window = defaultEventWindow
	}
	if q.Limit <= 0 {
		q.Limit = 20
	}
	ix.mu.RLock()
	all := ix.crises.all
	lo := sort.Search(len(all), func(i int) bool { return all[i].art.Published.After(q.At.Add(-q.Window)) })
	hi := sort.Search(len(all), func(i int) bool { return all[i].art.Published.After(q.At) })
	lo = max(lo, hi-maxEventArticles)
	// The answer depends on which articles the window holds, not on the
	// post's exact time: posts between the same two crisis articles (the
	// stream of a live service, a day's batch) share it until a commit.
	key := eventKey{gen: ix.gen.Load(), lo: lo, hi: hi, minSev: q.MinSeverity, limit: q.Limit,
		filters: fmt.Sprint(q.Classes, q.Countries)}
	ix.evMu.Lock()
	cached, hit := ix.evCache[key]
	ix.evMu.Unlock()
	if hit {
		ix.mu.RUnlock()
		return slices.Clone(cached), nil
	}
	es := inWindow(all, q.At.Add(-q.Window), q.At)
	if len(es) > maxEventArticles {
		es = es[len(es)-maxEventArticles:]
	}
	// Harmful and other events never share a cluster, so a query for
	// harmful classes only clusters harmful articles: same answer, less work.
	harmOnly := len(q.Classes) > 0
	for _, c := range q.Classes {
		harmOnly = harmOnly && harmsPeople(c)
	}
	kept := make([]*crisisEntry, 0, len(es))
	for _, e := range es {
		if e.facts != nil && (!harmOnly || e.facts.harm) {
			kept = append(kept, e)
		}
	}
	es = kept
	ix.mu.RUnlock()
	evs := clusterEvents(ix.der, es, q)
	ix.evMu.Lock()
	if ix.evCache == nil || len(ix.evCache) >= maxCachedEvents {
		ix.evCache = map[eventKey][]checker.Event{}
	}
	ix.evCache[key] = evs
	ix.evMu.Unlock()
	return slices.Clone(evs), nil
}

// eventKey names an Events answer: the index generation, the crisis
// articles of the window (by position in the crisis list, which only a
// commit or a prune changes, and those move the generation) and the
// query's filters.
type eventKey struct {
	gen     uint64
	lo, hi  int
	minSev  float64
	limit   int
	filters string
}

// maxCachedEvents caps the Events answers kept.
const maxCachedEvents = 1024

type cluster struct {
	entries []*crisisEntry
	last    time.Time
	harm    bool
	kinds   uint64 // bit k: some article names kind k
}

// kindMask is the set of the kinds an article's title names, as bits;
// death is left out, since every deadly happening names it.
func (dr *deriver) kindMask(f *eventFacts) uint64 {
	var m uint64
	for i, k := range f.kinds {
		if k < 64 && f.kindWeights[i] == 2 && dr.kinds.kinds[k].class != checker.CrisisDeath {
			m |= 1 << uint(k)
		}
	}
	return m
}

func clusterEvents(dr *deriver, es []*crisisEntry, q checker.EventQuery) []checker.Event {
	var cs []*cluster
	// byKey holds, for each key, the cluster that used it last: an article
	// joins the live cluster it shares the most keys with.
	byKey := make(map[uint32]int, len(es)*2)
	var counts []int // shared keys by cluster, for the current article
	var touched []int
	for _, e := range es {
		f := e.facts
		if f == nil {
			continue
		}
		best, bestN := -1, 0
		mask := dr.kindMask(f)
		for _, k := range f.keys {
			ci, ok := byKey[k]
			if !ok {
				continue
			}
			c := cs[ci]
			if c.harm != f.harm || e.art.Published.Sub(c.last) > joinGap {
				continue
			}
			if mask != 0 && c.kinds != 0 && mask&c.kinds == 0 {
				continue // a shooting and a flood in one city are two events
			}
			if counts[ci] == 0 {
				touched = append(touched, ci)
			}
			counts[ci]++
			if n := counts[ci]; n > bestN || (n == bestN && ci < best) {
				best, bestN = ci, n
			}
		}
		for _, ci := range touched {
			counts[ci] = 0
		}
		touched = touched[:0]
		if best < 0 {
			best = len(cs)
			cs = append(cs, &cluster{harm: f.harm})
			counts = append(counts, 0)
		}
		c := cs[best]
		c.kinds |= mask
		c.entries = append(c.entries, e)
		if e.art.Published.After(c.last) {
			c.last = e.art.Published
		}
		for _, k := range f.keys {
			byKey[k] = best
		}
	}
	// Only the clusters that can be among the Limit gravest are summarised
	// in full (their vocabulary costs the most).
	type scored struct {
		c     *cluster
		score float64
	}
	var keep []scored
	for _, c := range cs {
		if !wanted(c.entries, q) {
			continue
		}
		sev, sal := quickGrade(c.entries)
		if sev >= q.MinSeverity {
			keep = append(keep, scored{c, sev * (0.5 + sal/2)})
		}
	}
	sort.SliceStable(keep, func(i, j int) bool { return keep[i].score > keep[j].score })
	if len(keep) > q.Limit {
		keep = keep[:q.Limit]
	}
	out := make([]checker.Event, 0, len(keep))
	for _, k := range keep {
		out = append(out, dr.summarise(k.c.entries, q.At))
	}
	sort.SliceStable(out, func(i, j int) bool {
		si, sj := out[i].Severity*(0.5+out[i].Salience/2), out[j].Severity*(0.5+out[j].Salience/2)
		if si != sj {
			return si > sj
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// wanted applies the query's class and country filters to a cluster: its
// gravest article's class; any of its countries, or a sign it crosses
// borders (a "worldwide" article, or articles about several countries),
// or no country at all (coverage that never says where: it may be the
// audience's, and the rules weigh it as such).
func wanted(es []*crisisEntry, q checker.EventQuery) bool {
	if len(q.Classes) > 0 {
		head := es[0]
		for _, e := range es[1:] {
			if e.art.Severity > head.art.Severity {
				head = e
			}
		}
		if !classIn(head.art.Crisis, q.Classes) {
			return false
		}
	}
	if len(q.Countries) == 0 {
		return true
	}
	first := ""
	for _, e := range es {
		if e.facts.global {
			return true
		}
		for _, r := range e.art.Regions {
			if contains(q.Countries, r) {
				return true
			}
			if first == "" {
				first = r
			} else if r != first {
				return true
			}
		}
	}
	return first == ""
}

// quickGrade is an event's severity and salience as summarise grades them.
func quickGrade(es []*crisisEntry) (sev, sal float64) {
	sources := map[string]bool{}
	for _, e := range es {
		sev = math.Max(sev, e.art.Severity)
		src := e.art.Source
		if src == "" {
			src = e.docID
		}
		sources[src] = true
	}
	return grade(sev, len(es), len(sources))
}

// grade raises the gravest article's severity with coverage, and reads
// salience from the number of articles and sources.
func grade(maxSev float64, articles, sources int) (sev, sal float64) {
	n := float64(articles)
	sev = math.Min(1, math.Round((maxSev+0.05*math.Log2(n))*100)/100)
	sal = math.Min(1, math.Round(math.Log2(1+n+float64(sources-1))/math.Log2(21)*100)/100)
	return sev, sal
}

// summarise makes one event of its articles (in publication order).
func (dr *deriver) summarise(es []*crisisEntry, at time.Time) checker.Event {
	head := es[0]
	for _, e := range es[1:] {
		if e.art.Severity > head.art.Severity {
			head = e
		}
	}
	ev := checker.Event{ID: head.docID, Headline: head.art.Title, URL: head.art.URL, Class: head.art.Crisis,
		First: es[0].art.Published, Last: es[len(es)-1].art.Published, Articles: len(es)}
	sources, countries, places, names := map[string]bool{}, map[string]int{}, map[string]bool{}, map[string]int{}
	kindScore := make([]int, len(dr.kinds.kinds))
	maxSev, global, mourned := 0.0, false, false
	// The largest place the event strikes: a town keeps it local however
	// its state is named ("near Pellham, Vermont"); a large city or a
	// region named alone makes it regional.
	town, bigPlace := false, false
	for _, e := range es {
		f := e.facts
		maxSev = math.Max(maxSev, e.art.Severity)
		src := e.art.Source
		if src == "" {
			src = e.docID
		}
		sources[src] = true
		for _, r := range e.art.Regions {
			countries[r]++
		}
		for _, p := range f.places {
			if p.kind != "country" && !places[p.name] {
				places[p.name] = true
				ev.Places = append(ev.Places, p.name)
				for _, w := range writtenNames()[p.name] {
					if ev.PlacesWritten == nil {
						ev.PlacesWritten = map[string]string{}
					}
					ev.PlacesWritten[w] = p.name
				}
			}
			switch {
			case p.kind == "city" && p.population >= 500000:
				bigPlace = true
			case p.kind == "city":
				town = true
			}
		}
		for _, n := range e.art.Entities {
			names[n]++
		}
		for i, k := range f.kinds {
			kindScore[k] += f.kindWeights[i]
		}
		ev.Toll = max(ev.Toll, f.toll)
		global = global || f.global
		mourned = mourned || f.mourned
	}
	ev.Sources = len(sources)
	ev.Severity, ev.Salience = grade(maxSev, len(es), ev.Sources)
	for c := range countries {
		ev.Countries = append(ev.Countries, c)
	}
	sort.Slice(ev.Countries, func(i, j int) bool {
		a, b := ev.Countries[i], ev.Countries[j]
		if countries[a] != countries[b] {
			return countries[a] > countries[b]
		}
		return a < b
	})
	for nm, c := range names {
		if c*2 >= len(es) && !places[nm] {
			ev.Names = append(ev.Names, nm)
		}
	}
	sort.Strings(ev.Names)
	// Kinds: named in a third of the articles (a title counts twice), or in
	// the headline's article.
	var kinds []kindCount
	for k, s := range kindScore {
		if s > 0 && (s*3 >= 2*len(es) || containsInt(head.facts.kinds, k)) {
			kinds = append(kinds, kindCount{k, s})
		}
	}
	sort.SliceStable(kinds, func(i, j int) bool { return kinds[i].n > kinds[j].n })
	if len(kinds) > maxKinds {
		kinds = kinds[:maxKinds]
	}
	for _, k := range kinds {
		ev.Kinds = append(ev.Kinds, dr.kinds.kinds[k.k].name)
	}
	if !town && !bigPlace {
		for _, e := range es {
			for _, p := range e.facts.places {
				bigPlace = bigPlace || p.kind == "region"
			}
		}
	}
	ev.Reach = reachOf(ev, countries, global, mourned, bigPlace)
	ev.Until = ev.First.Add(sensitiveFor(ev))
	if later := ev.Last.Add(sensitiveFor(ev) / 2); later.After(ev.Until) {
		ev.Until = later
	}
	idx := make([]int, len(kinds))
	for i, k := range kinds {
		idx[i] = k.k
	}
	ev.Vocabulary = dr.vocabulary(es)
	ev.KindVocabulary = dr.kinds.combined(idx)
	ev.Evidence = append(ev.Evidence, head.art)
	for i := len(es) - 1; i >= 0 && len(ev.Evidence) < 3; i-- {
		if es[i] != head {
			ev.Evidence = append(ev.Evidence, es[i].art)
		}
	}
	return ev
}

// maxKinds caps the kinds of one event: the most named, title first.
const maxKinds = 4

// kindCount is a kind of event and how many of an event's articles name it.
type kindCount struct{ k, n int }

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// reachOf estimates who lives through the event: the world when its
// consequences cross borders; a country when it is grave (a mass-casualty
// attack, national mourning, five or more dead) or widely
// covered; a region when it strikes a state or a large city; else a town.
func reachOf(ev checker.Event, countries map[string]int, global, mourned, bigPlace bool) checker.Reach {
	// Several countries count when each is the subject of at least two
	// articles and a third of the coverage: one article naming a second
	// country (a namesake town, a condolence) does not make an event
	// international.
	major := 0
	for _, n := range countries {
		if n >= 2 && n*3 >= ev.Articles {
			major++
		}
	}
	switch {
	case global || major >= 2:
		return checker.ReachInternational
	case mourned || ev.Severity >= 0.75 || ev.Toll >= 5 || ev.Articles >= 6:
		return checker.ReachNational
	case bigPlace || ev.Articles >= 3 || ev.Severity >= 0.6:
		return checker.ReachRegional
	}
	return checker.ReachLocal
}

// sensitiveFor estimates how long an event stays raw after it starts: a
// figure's death quiets in days, a mass-casualty attack or shooting stays
// sensitive for about a week, a deadly disaster five days; an outage or a
// scandal a few days.
func sensitiveFor(ev checker.Event) time.Duration {
	day := 24 * time.Hour
	switch ev.Class {
	case checker.CrisisAttack, checker.CrisisShooting:
		if ev.Toll >= 5 || ev.Severity >= 0.8 {
			return 7 * day
		}
		return 4 * day
	case checker.CrisisMourning:
		return 7 * day
	case checker.CrisisDisaster:
		if ev.Toll >= 5 || ev.Severity >= 0.75 {
			return 5 * day
		}
		return 3 * day
	case checker.CrisisDeath:
		if ev.Severity >= 0.8 {
			return 4 * day
		}
		return 2 * day
	}
	return 3 * day
}

// maxArticleTerms caps the salient terms an event takes from its articles.
const maxArticleTerms = 24

// vocabulary is the words an event's articles share that ordinary text
// seldom uses (weighted against the background frequencies of the
// segment word list: common words such as "today" or "new" never count).
func (dr *deriver) vocabulary(es []*crisisEntry) []checker.EventTerm {
	type tally struct {
		word  string
		n     int
		title bool
	}
	counts := map[string]*tally{}
	var order []string
	for _, e := range es {
		for _, w := range e.facts.words {
			t := counts[w.stem]
			if t == nil {
				t = &tally{word: w.word}
				counts[w.stem] = t
				order = append(order, w.stem)
			}
			t.n++
			t.title = t.title || w.title
		}
	}
	var out []checker.EventTerm
	for _, st := range order {
		t := counts[st]
		// A word counts when at least two articles and half the coverage
		// use it: one article's wording is not yet the event's.
		share := float64(t.n) / float64(len(es))
		if t.n < 2 || share < 0.5 {
			continue
		}
		if lp, ok := dr.words.Known(t.word); ok && lp > backgroundCommon {
			continue
		}
		if len(t.word) < 4 {
			continue
		}
		out = append(out, checker.EventTerm{Stem: st, Weight: math.Round((0.4+0.4*share)*100) / 100, Source: "articles"})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Weight > out[j].Weight })
	if len(out) > maxArticleTerms {
		out = out[:maxArticleTerms]
	}
	return out
}

// backgroundCommon is the log-probability above which a word is too
// common in ordinary text to stand for an event (roughly the 5,000 most
// frequent English words).
const backgroundCommon = -9.5
