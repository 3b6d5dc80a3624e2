package news

import (
	"cmp"
	"context"
	"hash/maphash"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
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
	harm        bool   // a class about harm to people (not a scandal)
	mourned     bool   // national mourning declared
	mask        uint64 // kindMask
	// wordIDs are words' stems as numbers (deriver.wordIDs), made when
	// an event's vocabulary first reads the article.
	wordIDs atomic.Pointer[[]uint32]
}

// langKinds adds to kindWeight the kinds an article in another language
// than English names in its own words (eventlexicon.yaml): a word of the
// title weighs 2, of the summary 1. In a language matched as written the
// kinds' terms are looked for in the text; in others each word is stemmed
// in the language. At most maxFactWords words of each are read.
func (dr *deriver) langKinds(a *checker.Article, lang string, kindWeight map[int]int) {
	if lang == "" || lang == "en" {
		return
	}
	cues := dr.kinds.byLangCue[lang]
	if len(cues) == 0 {
		return
	}
	for i, s := range []string{a.Title, a.Summary} {
		wt := 2 - i
		if matchedAsWritten(lang) {
			low := strings.ToLower(s)
			for c, ks := range cues {
				if strings.Contains(low, c) {
					for _, k := range ks {
						kindWeight[k] = max(kindWeight[k], wt)
					}
				}
			}
			continue
		}
		for n, w := range words(s) {
			if n == maxFactWords {
				break
			}
			for _, k := range cues[text.StemIn(w.low, lang)] {
				kindWeight[k] = max(kindWeight[k], wt)
			}
		}
	}
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
	dr.ready() // derive read d with them
	f := &eventFacts{places: d.places, global: d.cons.global, toll: int(max(dr.cons.count(d.cons, "dead"), dr.cons.count(d.cons, "death_toll")))}
	for _, c := range classes {
		if c == checker.CrisisMourning {
			f.mourned = true
		}
	}
	f.harm = len(classes) > 0 && harmsPeople(classes[0])
	seen := map[string]bool{}
	for _, e := range d.entities {
		for _, w := range strings.Fields(strings.ToLower(e)) {
			// Names are the overlap rule's business, not vocabulary; but
			// the kind that opens a hazard's name ("Typhoon Yagi", "Storm
			// Ciara") still says what happened.
			if st := stem(w); len(dr.kinds.byCue[st]) == 0 {
				seen[st] = true
			}
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
	lang := a.Language
	if lang == "" {
		lang = d.guessed
	}
	dr.langKinds(a, lang, kindWeight)
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
	f.mask = dr.kindMask(f)
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
		out = append(out, dr.internLocked(k))
	}
	slices.Sort(out)
	return out
}

// internLocked is the id of key k; callers hold keyMu.
func (dr *deriver) internLocked(k string) uint32 {
	id, ok := dr.keyIDs[k]
	if !ok {
		id = uint32(len(dr.keyNames))
		dr.keyIDs[k] = id
		dr.keyNames = append(dr.keyNames, k)
	}
	return id
}

// internAll is intern for keys read from the snapshot.
func (dr *deriver) internAll(keys []string) []uint32 {
	if len(keys) == 0 {
		return nil
	}
	dr.keyMu.Lock()
	defer dr.keyMu.Unlock()
	if dr.keyIDs == nil {
		dr.keyIDs = map[string]uint32{}
	}
	out := make([]uint32, len(keys))
	for i, k := range keys {
		out[i] = dr.internLocked(k)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// keyStrings are the keys of interned ids.
func (dr *deriver) keyStrings(ids []uint32) []string {
	dr.keyMu.Lock()
	defer dr.keyMu.Unlock()
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = dr.keyNames[id]
	}
	return out
}

// index finds a kind of event by name (kinds are in name order).
func (kv *kindVocabs) index(name string) (int, bool) {
	i := sort.Search(len(kv.kinds), func(i int) bool { return kv.kinds[i].name >= name })
	return i, i < len(kv.kinds) && kv.kinds[i].name == name
}

// Event clustering: an article joins the event it shares the most keys with
// when that event's last article is at most joinGap older (graveJoinGap
// for a grave one), their classes
// are both about harm to people or both not, and they share a kind of
// event when both name one.
const (
	joinGap            = 72 * time.Hour
	graveJoinGap       = 6 * 24 * time.Hour // for a cluster with an article at graveSeverity
	graveSeverity      = 0.75
	defaultEventWindow = 7 * 24 * time.Hour
	maxEventArticles   = 10000 // articles clustered per query, newest kept
)

// Events groups the crisis articles published in (At-Window, At] into
// events. Only that window counts, so the answer is the same whether the
// index holds a week or ten years, and the same for a backtest as live.
// Events are ordered by severity times salience, gravest first. Answers
// are remembered until the index changes and handed out as they are
// remembered, so the slice and its events are shared: read them, never
// change them.
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
	from := q.At.Add(-q.Window)
	release, err := ix.holdWindow(from, q.At)
	if err != nil {
		return nil, err
	}
	defer release()
	// Harmful and other events never share a cluster, so a query for
	// harmful classes only clusters harmful articles: same answer, less
	// work. They are read from their own list unless the window holds
	// more crisis articles than are clustered (the newest of all are).
	harmOnly := len(q.Classes) > 0
	for _, c := range q.Classes {
		harmOnly = harmOnly && harmsPeople(c)
	}
	ix.mu.RLock()
	var es []*crisisEntry
	if harmOnly && ix.crises.inWindowCount("", from, q.At) <= maxEventArticles {
		es = ix.crises.window(harmKey, from, q.At)
	} else {
		es = ix.crises.window("", from, q.At)
		if len(es) > maxEventArticles {
			es = es[len(es)-maxEventArticles:]
		}
	}
	// The answer depends on which articles the window holds, not on the
	// post's exact time: posts between the same two harmful crisis
	// articles (the stream of a live service, a day's batch, weeks of
	// scheduled posts) share it until a commit. The window's entries name
	// it; the entries clustered follow from them.
	key := eventKey{gen: ix.gen.Load(), n: len(es), minSev: q.MinSeverity, limit: q.Limit, filters: queryFilters(q)}
	if len(es) > 0 {
		key.first, key.last = es[0], es[len(es)-1]
	}
	if cached, hit := ix.events.get(key); hit {
		ix.mu.RUnlock()
		return cached, nil
	}
	for _, e := range es {
		e.ensureFacts()
	}
	kept := clustered(es, harmOnly)
	ix.mu.RUnlock()
	evs := ix.clusterEvents(kept, q)
	ix.events.put(key, evs)
	return evs, nil
}

// clustered are the entries of es with event facts (about harm to
// people, with harmOnly), in order: es itself (shared, read only) when
// none is left out.
func clustered(es []*crisisEntry, harmOnly bool) []*crisisEntry {
	kept := es
	for i, e := range es {
		if e.facts != nil && (!harmOnly || e.facts.harm) {
			if len(kept) < len(es) {
				kept = append(kept, e)
			}
		} else if len(kept) == len(es) {
			kept = append(make([]*crisisEntry, 0, len(es)), es[:i]...)
		}
	}
	return kept
}

// eventKey names an Events answer: the index generation, the crisis
// articles of the window read (their first and last and how many: they are
// a run of a list of the crisis list in publication order, which only a
// commit or a prune changes, and those move the generation) and the
// query's filters.
type eventKey struct {
	gen         uint64
	first, last *crisisEntry
	n           int
	minSev      float64
	limit       int
	filters     string
}

// eventCache keeps Events answers, the ones used most recently: two
// maps of at most maxCachedEvents answers each, the current one and the
// one before; an answer found in the one before moves to the current one,
// and when the current one is full it becomes the one before. Answers of
// an older generation are dropped when a newer one is first seen.
type eventCache struct {
	mu       sync.Mutex
	gen      uint64
	cur, old map[eventKey][]checker.Event
}

// maxCachedEvents caps each of an eventCache's two maps: together they
// hold the windows of weeks of scheduled posts (a window changes when a
// harmful crisis article enters or leaves it), at most 2,048 answers, under
// 9 MB at the news rules' 12 events an answer (the events' articles and
// vocabularies are shared with the summary cache).
const maxCachedEvents = 1024

// get returns the answer remembered for key.
func (c *eventCache) get(key eventKey) ([]checker.Event, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if key.gen != c.gen {
		return nil, false
	}
	if evs, ok := c.cur[key]; ok {
		return evs, true
	}
	evs, ok := c.old[key]
	if ok {
		delete(c.old, key)
		c.keep(key, evs)
	}
	return evs, ok
}

// put remembers the answer for key, unless a newer generation is known.
func (c *eventCache) put(key eventKey, evs []checker.Event) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case key.gen < c.gen:
		return
	case key.gen > c.gen || c.cur == nil:
		c.gen, c.cur, c.old = key.gen, map[eventKey][]checker.Event{}, nil
	}
	c.keep(key, evs)
}

// keep adds to the current map, turning it into the one before when full.
func (c *eventCache) keep(key eventKey, evs []checker.Event) {
	if len(c.cur) >= maxCachedEvents {
		c.old, c.cur = c.cur, make(map[eventKey][]checker.Event, maxCachedEvents)
	}
	c.cur[key] = evs
}

// len is the number of answers kept.
func (c *eventCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.cur) + len(c.old)
}

// queryFilters is the query's class and country filters as a key.
func queryFilters(q checker.EventQuery) string {
	var b strings.Builder
	for _, c := range q.Classes {
		b.WriteString(string(c))
		b.WriteByte(',')
	}
	b.WriteByte('|')
	for _, c := range q.Countries {
		b.WriteString(c)
		b.WriteByte(',')
	}
	return b.String()
}

type cluster struct {
	entries []*crisisEntry
	last    time.Time
	harm    bool
	kinds   uint64       // bit k: some article names kind k
	maxSev  float64      // its gravest article's severity
	head    *crisisEntry // its first article of that severity
	// headClass is the head's class, kept as articles join (its memory
	// is then at hand) for the class filter.
	headClass checker.CrisisClass
}

// gap is how long after its last article the cluster still takes new
// ones: a grave event's coverage may pause for days (a funeral, an
// inquiry) and still be the same story.
func (c *cluster) gap() time.Duration {
	if c.maxSev >= graveSeverity {
		return graveJoinGap
	}
	return joinGap
}

// kindMask is the set of the kinds an article's title names, as bits, with
// the kinds each sets off (its chain: a storm's floods and collapses); death
// is left out, since every deadly happening names it.
func (dr *deriver) kindMask(f *eventFacts) uint64 {
	var m uint64
	for i, k := range f.kinds {
		if k < 64 && f.kindWeights[i] == 2 && dr.kinds.kinds[k].class != checker.CrisisDeath {
			m |= 1<<uint(k) | dr.kinds.chainMask[k]
		}
	}
	return m
}

// clusterScratch is what clustering a window needs besides its answer,
// kept between queries: for each interned key, the cluster that used it
// last (valid when its stamp is the query's).
type clusterScratch struct {
	owner   []int32
	stamp   []uint32
	epoch   uint32
	counts  []int
	touched []int
	// sources holds, for each source (or ID of an article without one),
	// the stamp of the last cluster whose sources were counted with it.
	sources     map[string]uint64
	sourceStamp uint64
	// clusters, keep and lows are a query's working lists, reused: a
	// cluster's entries are read (and copied by the summary cache) before
	// the next query starts over.
	clusters []*cluster
	keep     []scoredCluster
	lows     []float64
}

// scoredCluster is a cluster and its score, while the gravest are chosen.
type scoredCluster struct {
	c     *cluster
	score float64
}

// newCluster returns the query's next cluster, empty, reusing the ones
// the scratch made before.
func (sc *clusterScratch) newCluster(n int, harm bool) *cluster {
	if n < len(sc.clusters) {
		c := sc.clusters[n]
		*c = cluster{entries: c.entries[:0], harm: harm}
		return c
	}
	c := &cluster{harm: harm}
	sc.clusters = append(sc.clusters, c)
	return c
}

// maxScratchClusters caps the clusters a scratch keeps for the next query.
const maxScratchClusters = 4096

var scratchPool = sync.Pool{New: func() any { return new(clusterScratch) }}

// reset starts a query.
func (sc *clusterScratch) reset() {
	sc.epoch++
	if sc.epoch == 0 { // wrapped: old stamps could pass for new
		clear(sc.stamp)
		sc.epoch = 1
	}
	sc.counts, sc.touched = sc.counts[:0], sc.touched[:0]
}

// owned returns the cluster that used key k last in this query.
func (sc *clusterScratch) owned(k uint32) (int, bool) {
	if int(k) >= len(sc.stamp) || sc.stamp[k] != sc.epoch {
		return 0, false
	}
	return int(sc.owner[k]), true
}

func (sc *clusterScratch) own(k uint32, ci int) {
	if int(k) >= len(sc.stamp) {
		n := max(int(k)+1, 2*len(sc.stamp), 1024)
		sc.owner = append(sc.owner, make([]int32, n-len(sc.owner))...)
		sc.stamp = append(sc.stamp, make([]uint32, n-len(sc.stamp))...)
	}
	sc.owner[k], sc.stamp[k] = int32(ci), sc.epoch
}

func (ix *Index) clusterEvents(es []*crisisEntry, q checker.EventQuery) []checker.Event {
	dr := ix.der
	var cs []*cluster
	// The scratch holds, for each key, the cluster that used it last: an
	// article joins the live cluster it shares the most keys with.
	sc := scratchPool.Get().(*clusterScratch)
	defer scratchPool.Put(sc)
	sc.reset()
	counts, touched := sc.counts, sc.touched // shared keys by cluster, for the current article
	for _, e := range es {
		f := e.facts
		if f == nil {
			continue
		}
		best, bestN := -1, 0
		mask := f.mask
		for _, k := range f.keys {
			ci, ok := sc.owned(k)
			if !ok {
				continue
			}
			c := cs[ci]
			if c.harm != f.harm || e.art.Published.Sub(c.last) > c.gap() {
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
			cs = append(cs, sc.newCluster(best, f.harm))
			counts = append(counts, 0)
		}
		c := cs[best]
		c.kinds |= mask
		c.maxSev = max(c.maxSev, e.art.Severity)
		if c.head == nil || e.art.Severity > c.head.art.Severity {
			c.head, c.headClass = e, e.art.Crisis
		}
		c.entries = append(c.entries, e)
		if e.art.Published.After(c.last) {
			c.last = e.art.Published
		}
		for _, k := range f.keys {
			sc.own(k, best)
		}
	}
	sc.counts, sc.touched = counts, touched
	// Only the clusters that can be among the Limit gravest are summarised
	// in full (their vocabulary costs the most).
	// The filters cheapest first: the class of the gravest article, the
	// severity (which does not hang on the sources), then the countries;
	// the sources are counted for the clusters kept.
	// A cluster's score lies between its scores with one source and with
	// a source per article (salience grows with the sources): only the
	// clusters whose best score reaches the Limit-th best worst score can
	// be among the Limit best, and only theirs are counted.
	keep, lows := sc.keep[:0], sc.lows[:0]
	for _, c := range cs {
		if len(q.Classes) > 0 && !classIn(c.headClass, q.Classes) {
			continue
		}
		if gradeSeverity(c.maxSev, len(c.entries)) < q.MinSeverity || !wantedCountries(c.entries, q) {
			continue
		}
		sev, hi := grade(c.maxSev, len(c.entries), len(c.entries))
		_, lo := grade(c.maxSev, len(c.entries), 1)
		keep = append(keep, scoredCluster{c, sev * (0.5 + hi/2)})
		lows = append(lows, sev*(0.5+lo/2))
	}
	if len(keep) > q.Limit {
		sort.Float64s(lows)
		bar := lows[len(lows)-q.Limit]
		kept := keep[:0]
		for _, k := range keep {
			if k.score >= bar {
				kept = append(kept, k)
			}
		}
		keep = kept
	}
	for i := range keep {
		c := keep[i].c
		sev, sal := grade(c.maxSev, len(c.entries), sc.countSources(c.entries))
		keep[i].score = sev * (0.5 + sal/2)
	}
	slices.SortStableFunc(keep, func(a, b scoredCluster) int { return cmp.Compare(b.score, a.score) })
	if len(keep) > q.Limit {
		keep = keep[:q.Limit]
	}
	evs := make([]checker.Event, len(keep))
	for i, k := range keep {
		evs[i] = ix.summaries.get(dr, k.c.entries)
	}
	// Events are large: they are ordered by index and copied once.
	order := make([]int, len(evs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		si, sj := evs[i].Severity*(0.5+evs[i].Salience/2), evs[j].Severity*(0.5+evs[j].Salience/2)
		if si != sj {
			return cmp.Compare(sj, si)
		}
		return strings.Compare(evs[i].ID, evs[j].ID)
	})
	out := permute(evs, order)
	clear(keep)
	sc.keep, sc.lows = keep[:0], lows[:0]
	if len(sc.clusters) > maxScratchClusters {
		sc.clusters = nil
	} else {
		for _, c := range cs {
			clear(c.entries)
		}
	}
	return out
}

// permute reorders evs in place so that the i-th is the one that was at
// order[i], moving each event once; order is used up.
func permute(evs []checker.Event, order []int) []checker.Event {
	for i := range order {
		if order[i] < 0 || order[i] == i {
			continue
		}
		tmp, j := evs[i], i
		for order[j] != i {
			k := order[j]
			evs[j] = evs[k]
			order[j] = -1
			j = k
		}
		evs[j] = tmp
		order[j] = -1
	}
	return evs
}

// wantedCountries applies the query's country filter to a cluster (its
// class filter reads the gravest article's class): any of its countries,
// or a sign it crosses borders (a "worldwide" article, or articles about
// several countries), or no country at all (coverage that never says
// where: it may be the audience's, and the rules weigh it as such).
func wantedCountries(es []*crisisEntry, q checker.EventQuery) bool {
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

// maxSourceKeys caps the sources a clusterScratch remembers.
const maxSourceKeys = 1 << 16

// countSources is countSources(es) with the scratch's map, reused from
// cluster to cluster and query to query.
func (sc *clusterScratch) countSources(es []*crisisEntry) int {
	if len(es) <= 16 {
		return countSources(es)
	}
	if sc.sources == nil || len(sc.sources) > maxSourceKeys {
		sc.sources = make(map[string]uint64, 256)
	}
	sc.sourceStamp++
	n := 0
	for _, e := range es {
		s := e.art.Source
		if s == "" {
			s = e.docID
		}
		if sc.sources[s] != sc.sourceStamp {
			sc.sources[s] = sc.sourceStamp
			n++
		}
	}
	return n
}

// countSources counts the sources of es (an article without one is its
// own).
func countSources(es []*crisisEntry) int {
	source := func(e *crisisEntry) string {
		if e.art.Source == "" {
			return e.docID
		}
		return e.art.Source
	}
	if len(es) > 16 {
		seen := make(map[string]bool, len(es))
		for _, e := range es {
			seen[source(e)] = true
		}
		return len(seen)
	}
	var seen [16]string
	n := 0
	for _, e := range es {
		if s := source(e); !slices.Contains(seen[:n], s) {
			seen[n] = s
			n++
		}
	}
	return n
}

// summaryCache remembers events as summarise made them, by their articles:
// a cluster is the same in most of the windows that hold it, and its
// vocabulary costs the most of a query.
type summaryCache struct {
	mu sync.Mutex
	m  map[uint64]cachedSummary
}

type cachedSummary struct {
	entries []*crisisEntry
	ev      checker.Event
}

// maxCachedSummaries caps the events a summaryCache keeps.
const maxCachedSummaries = 4096

var summarySeed = maphash.MakeSeed()

// summaryKey is what a summaryCache key is made of.
type summaryKey struct {
	first, last *crisisEntry
	n           int
}

// get returns the event of es, summarising it on a miss. An entry's
// articles and facts never change, so the event is the same while its
// articles are.
func (sc *summaryCache) get(dr *deriver, es []*crisisEntry) checker.Event {
	// The key names the articles by their first and last entries and
	// their number; the entries themselves are compared on a hit.
	key := maphash.Comparable(summarySeed, summaryKey{first: es[0], last: es[len(es)-1], n: len(es)})
	sc.mu.Lock()
	c, ok := sc.m[key]
	sc.mu.Unlock()
	if ok && slices.Equal(c.entries, es) {
		return c.ev
	}
	ev := dr.summarise(es)
	sc.mu.Lock()
	if sc.m == nil || len(sc.m) >= maxCachedSummaries {
		sc.m = map[uint64]cachedSummary{}
	}
	sc.m[key] = cachedSummary{entries: slices.Clone(es), ev: ev}
	sc.mu.Unlock()
	return ev
}

// grade raises the gravest article's severity with coverage, and reads
// salience from the number of articles and sources.
func grade(maxSev float64, articles, sources int) (sev, sal float64) {
	sev = gradeSeverity(maxSev, articles)
	// 1+articles+(sources-1), as floats, is articles+sources exactly.
	sal = math.Min(1, math.Round(log2Of(articles+sources)/log2Of21*100)/100)
	return sev, sal
}

// gradeSeverity is grade's severity, which the sources do not change.
func gradeSeverity(maxSev float64, articles int) float64 {
	return math.Min(1, math.Round((maxSev+0.05*log2Of(articles))*100)/100)
}

// log2Of is math.Log2(float64(n)), read from a table for small n.
func log2Of(n int) float64 {
	if n >= 0 && n < len(log2Table) {
		return log2Table[n]
	}
	return math.Log2(float64(n))
}

var (
	log2Table = func() (t [256]float64) {
		for i := range t {
			t[i] = math.Log2(float64(i))
		}
		return t
	}()
	log2Of21 = math.Log2(21)
)

// summarise makes one event of its articles (in publication order).
func (dr *deriver) summarise(es []*crisisEntry) checker.Event {
	head := es[0]
	for _, e := range es[1:] {
		if e.art.Severity > head.art.Severity {
			head = e
		}
	}
	ev := checker.Event{ID: head.docID, Headline: head.art.Title, URL: head.art.URL, Class: head.art.Crisis,
		First: es[0].art.Published, Last: es[len(es)-1].art.Published, Articles: len(es)}
	countries, places, names := map[string]int{}, map[string]bool{}, map[string]int{}
	kindScore := make([]int, len(dr.kinds.kinds))
	maxSev, global, mourned := 0.0, false, false
	// The largest place the event strikes: a town keeps it local however
	// its state is named ("near Pellham, Vermont"); a large city or a
	// region named alone makes it regional.
	town, bigPlace := false, false
	for _, e := range es {
		f := e.facts
		maxSev = math.Max(maxSev, e.art.Severity)
		for _, r := range e.art.Regions {
			countries[r]++
		}
		for _, p := range f.places {
			if p.kind != "country" && !places[p.name] {
				places[p.name] = true
				ev.Places = append(ev.Places, p.name)
				for _, w := range writtenNamesCached(p.name) {
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
	ev.Sources = countSources(es)
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
	sensitive := sensitiveFor(ev)
	ev.Mourned = mourned
	if mourned {
		// A mourning the state declares (a leader's death, a national
		// tragedy) outlasts the news of the event: its first days at
		// least.
		sensitive = max(sensitive, mournedFor)
	}
	ev.Until = ev.First.Add(sensitive)
	if later := ev.Last.Add(sensitive / 2); later.After(ev.Until) {
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
// scandal a few days; a hundred dead or more, two weeks or three.
// mournedFor is the least an event whose coverage declares national
// mourning stays raw.
const mournedFor = 10 * 24 * time.Hour

func sensitiveFor(ev checker.Event) time.Duration {
	day := 24 * time.Hour
	d := kindSensitivity(ev)
	// A mass-casualty event stays raw longer, whatever its kind: funerals,
	// searches and the count of the dead fill the news for weeks.
	switch {
	case ev.Toll >= 1000:
		d = max(d, 21*day)
	case ev.Toll >= 100:
		d = max(d, 14*day)
	}
	return d
}

// kindSensitivity is how long an event of its class and gravity stays
// raw, before its toll is weighed.
func kindSensitivity(ev checker.Event) time.Duration {
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
	vs := vocabPool.Get().(*vocabScratch)
	defer vocabPool.Put(vs)
	vs.reset()
	for _, e := range es {
		ids := dr.wordIDs(e.facts)
		for i, w := range e.facts.words {
			vs.count(ids[i], w)
		}
	}
	var out []checker.EventTerm
	for _, id := range vs.order {
		t := &vs.tallies[id]
		// A word counts when at least two articles and half the coverage
		// use it: one article's wording is not yet the event's.
		share := float64(t.n) / float64(len(es))
		if t.n < 2 || share < 0.5 {
			continue
		}
		if len(t.word) < 4 {
			continue
		}
		if lp, ok := dr.words.Known(t.word); ok && lp > backgroundCommon {
			continue
		}
		out = append(out, checker.EventTerm{Stem: t.stem, Weight: math.Round((0.4+0.4*share)*100) / 100, Source: "articles"})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Weight > out[j].Weight })
	if len(out) > maxArticleTerms {
		out = out[:maxArticleTerms]
	}
	return out
}

// vocabScratch counts an event's words by stem number: for each stem met,
// how many of the articles' words have it, the first as written, and
// whether a title has it; order is the stems in the order first met.
type vocabScratch struct {
	tallies []wordTally // by stem number, valid when stamp is the epoch
	stamp   []uint32
	epoch   uint32
	order   []uint32
}

type wordTally struct {
	stem, word string
	n          int
	title      bool
}

var vocabPool = sync.Pool{New: func() any { return new(vocabScratch) }}

// reset starts a count.
func (vs *vocabScratch) reset() {
	vs.epoch++
	if vs.epoch == 0 { // wrapped: old stamps could pass for new
		clear(vs.stamp)
		vs.epoch = 1
	}
	vs.order = vs.order[:0]
}

// count adds a word whose stem has number id.
func (vs *vocabScratch) count(id uint32, w stemWord) {
	if int(id) >= len(vs.stamp) {
		n := max(int(id)+1, 2*len(vs.stamp), 1024)
		vs.stamp = append(vs.stamp, make([]uint32, n-len(vs.stamp))...)
		vs.tallies = append(vs.tallies, make([]wordTally, n-len(vs.tallies))...)
	}
	t := &vs.tallies[id]
	if vs.stamp[id] != vs.epoch {
		vs.stamp[id] = vs.epoch
		*t = wordTally{stem: w.stem, word: w.word}
		vs.order = append(vs.order, id)
	}
	t.n++
	t.title = t.title || w.title
}

// wordIDs are the numbers of f's words' stems, numbered on first use.
func (dr *deriver) wordIDs(f *eventFacts) []uint32 {
	if p := f.wordIDs.Load(); p != nil {
		return *p
	}
	ids := make([]uint32, len(f.words))
	dr.stemMu.Lock()
	if dr.stemIDs == nil {
		dr.stemIDs = map[string]uint32{}
	}
	for i, w := range f.words {
		id, ok := dr.stemIDs[w.stem]
		if !ok {
			id = uint32(len(dr.stemIDs))
			dr.stemIDs[strings.Clone(w.stem)] = id
		}
		ids[i] = id
	}
	dr.stemMu.Unlock()
	f.wordIDs.Store(&ids)
	return ids
}

// backgroundCommon is the log-probability above which a word is too
// common in ordinary text to stand for an event (roughly the 5,000 most
// frequent English words).
const backgroundCommon = -9.5
