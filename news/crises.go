package news

import (
	"context"
	"slices"
	"sort"
	"sync/atomic"
	"time"
)

// crisisList is the in-memory part of the crisis articles the rules query,
// kept by month of publication (UTC): each month holds its entries in
// publication order, plus posting lists by name key ("n\x00kobe"), by
// region ("r\x00US") and of the articles about harm to people (harmKey),
// each also in publication order, so a query costs a binary search per
// term and month instead of a scan of its window. A month
// the snapshot holds is read on first use (Index.holdWindow) and may be
// evicted again when more than maxLoaded entries are in memory; a month
// that only memory holds (an index in memory, or one whose snapshot cannot
// be written) stays. It is not safe for concurrent use; Index guards it.
type crisisList struct {
	months map[monthKey]*crisisMonth // in memory
	// onDisk are the months the snapshot holds, as of the last commit;
	// nil when there is no snapshot (every month is then in memory).
	onDisk map[monthKey]monthFile
	// known are the months with crisis articles, in memory or on disk,
	// in order.
	known []monthKey
	// epoch moves whenever onDisk changes: a month read from the snapshot
	// under an older epoch is read again.
	epoch uint64
	// loaded counts the entries in evictable months; maxLoaded caps them.
	loaded, maxLoaded int
	tick              atomic.Uint64 // use clock for eviction
}

// maxLoadedCrises caps the crisis articles read from the snapshot that
// stay in memory (about two years of a million-article-a-year archive);
// the months used longest ago go first.
const maxLoadedCrises = 100_000

// monthKey numbers a month: year*12 + month-1.
type monthKey int32

func monthOf(t time.Time) monthKey {
	t = t.UTC()
	return monthKey(t.Year()*12 + int(t.Month()) - 1)
}

// start is the first instant of the month.
func (m monthKey) start() time.Time {
	return time.Date(int(m)/12, time.Month(int(m)%12+1), 1, 0, 0, 0, 0, time.UTC)
}

// crisisMonth is one month of crisis articles.
type crisisMonth struct {
	all      []*crisisEntry
	postings map[string][]*crisisEntry
	ids      map[string]bool
	// resident months are not in the snapshot: never evicted.
	resident bool
	lastUse  atomic.Uint64
	pins     atomic.Int32 // queries using the month: not evicted
}

func newCrisisMonth(resident bool) *crisisMonth {
	return &crisisMonth{postings: map[string][]*crisisEntry{}, ids: map[string]bool{}, resident: resident}
}

// monthWith is a month of the entries es.
func monthWith(es []crisisEntry, resident bool) *crisisMonth {
	m := newCrisisMonth(resident)
	for i := range es {
		m.push(&es[i])
	}
	m.sortIfNeeded()
	return m
}

func newCrisisList() *crisisList {
	return &crisisList{months: map[monthKey]*crisisMonth{}, maxLoaded: maxLoadedCrises}
}

func nameKey(k string) string { return "n\x00" + k }

// harmKey names the posting list of the entries about harm to people
// (eventFacts.harm): what a query for harmful events clusters.
const harmKey = "h\x00"

// harms says whether an entry's event facts are (or, pending, will be)
// about harm to people: the facts say so when read, else its main class,
// as deriver.facts reads it.
func (e *crisisEntry) harms() bool {
	if e.facts != nil {
		return e.facts.harm
	}
	return len(e.classes) > 0 && harmsPeople(e.classes[0])
}
func regionKey(r string) string { return "r\x00" + r }

// byPublished orders entries by publication time (sorts that use it are
// stable: entries published at the same instant keep their order).
func byPublished(a, b *crisisEntry) int { return a.art.Published.Compare(b.art.Published) }

// noteMonth records that month m has crisis articles.
func (l *crisisList) noteMonth(m monthKey) {
	i, found := slices.BinarySearch(l.known, m)
	if !found {
		l.known = slices.Insert(l.known, i, m)
	}
}

// add inserts entries not already present into the months that are in
// memory, or, when there is no snapshot, into any month. Entries of a
// month the snapshot holds but memory does not are left to the snapshot.
func (l *crisisList) add(es []crisisEntry) {
	touched := map[*crisisMonth]bool{}
	for i := range es {
		e := &es[i]
		k := monthOf(e.art.Published)
		m := l.months[k]
		if m == nil {
			if _, ok := l.onDisk[k]; ok {
				continue // read with the month when it is used
			}
			m = newCrisisMonth(l.onDisk == nil)
			l.months[k] = m
			l.noteMonth(k)
		}
		if m.push(e) {
			touched[m] = true
			if !m.resident {
				l.loaded++
			}
		}
	}
	for m := range touched {
		m.sortIfNeeded()
	}
}

// push appends an entry not yet in the month; sortIfNeeded restores the
// order afterwards.
func (m *crisisMonth) push(e *crisisEntry) bool {
	if m.ids[e.docID] {
		return false
	}
	m.ids[e.docID] = true
	m.all = append(m.all, e)
	for _, k := range e.keys {
		k = nameKey(k)
		m.postings[k] = append(m.postings[k], e)
	}
	for _, r := range e.art.Regions {
		k := regionKey(r)
		m.postings[k] = append(m.postings[k], e)
	}
	if e.harms() {
		m.postings[harmKey] = append(m.postings[harmKey], e)
	}
	return true
}

// sortIfNeeded puts the month's lists back in publication order (stable:
// articles published at the same instant keep the order they came in).
func (m *crisisMonth) sortIfNeeded() {
	sorted := func(es []*crisisEntry) bool {
		return slices.IsSortedFunc(es, byPublished)
	}
	if !sorted(m.all) {
		slices.SortStableFunc(m.all, byPublished)
	}
	for _, p := range m.postings {
		if !sorted(p) {
			slices.SortStableFunc(p, byPublished)
		}
	}
}

// install puts a month read from the snapshot into memory, then evicts the
// months used longest ago, unpinned, until the cap holds.
func (l *crisisList) install(k monthKey, m *crisisMonth) {
	if l.months[k] != nil {
		return
	}
	l.months[k] = m
	l.loaded += len(m.all)
	m.lastUse.Store(l.tick.Add(1))
	for l.loaded > l.maxLoaded {
		var victim monthKey
		var oldest *crisisMonth
		for k, m := range l.months {
			if !m.resident && m.pins.Load() == 0 && (oldest == nil || m.lastUse.Load() < oldest.lastUse.Load()) {
				victim, oldest = k, m
			}
		}
		if oldest == nil {
			return // every month is in use: the cap waits
		}
		delete(l.months, victim)
		l.loaded -= len(oldest.all)
	}
}

// window returns the entries of the list named key ("" for every entry, or
// a posting key) published in (from, to], in publication order. The caller
// holds the months (Index.holdWindow). The result may share memory with
// the list: read it, never change it.
func (l *crisisList) window(key string, from, to time.Time) []*crisisEntry {
	var out []*crisisEntry
	parts := 0
	l.eachPart(key, from, to, func(part []*crisisEntry) {
		if parts++; parts == 1 {
			out = part
		} else {
			out = append(out[:len(out):len(out)], part...)
		}
	})
	return out
}

// inWindowCount is len(l.window(key, from, to)), without gathering them.
func (l *crisisList) inWindowCount(key string, from, to time.Time) int {
	n := 0
	l.eachPart(key, from, to, func(part []*crisisEntry) { n += len(part) })
	return n
}

// eachPart calls f with the entries of the list named key published in
// (from, to], a month at a time, in order, each run not empty.
func (l *crisisList) eachPart(key string, from, to time.Time, f func([]*crisisEntry)) {
	lo, _ := slices.BinarySearch(l.known, monthOf(from))
	for _, k := range l.known[lo:] {
		if k > monthOf(to) {
			break
		}
		m := l.months[k]
		if m == nil {
			continue
		}
		m.lastUse.Store(l.tick.Add(1))
		es := m.all
		if key != "" {
			es = m.postings[key]
		}
		if part := inWindow(es, from, to); len(part) > 0 {
			f(part)
		}
	}
}

// inWindow returns the entries of es (in publication order) published in
// (from, to].
func inWindow(es []*crisisEntry, from, to time.Time) []*crisisEntry {
	lo := sort.Search(len(es), func(i int) bool { return es[i].art.Published.After(from) })
	hi := sort.Search(len(es), func(i int) bool { return es[i].art.Published.After(to) })
	if lo >= hi {
		return nil
	}
	return es[lo:hi]
}

// drop removes the entries with these document IDs, keeping the order.
func (l *crisisList) drop(gone map[string]bool) {
	keep := func(es []*crisisEntry) []*crisisEntry {
		out := es[:0:0]
		for _, e := range es {
			if !gone[e.docID] {
				out = append(out, e)
			}
		}
		return out
	}
	for k, m := range l.months {
		// The month's own entries say which of gone it holds: the cost
		// is the entries in memory, not those times the IDs gone.
		n := len(m.all)
		for _, e := range m.all {
			if gone[e.docID] {
				delete(m.ids, e.docID)
			}
		}
		if m.all = keep(m.all); len(m.all) < n {
			for pk, p := range m.postings {
				if p = keep(p); len(p) == 0 {
					delete(m.postings, pk)
				} else {
					m.postings[pk] = p
				}
			}
		}
		if !m.resident {
			l.loaded -= n - len(m.all)
		}
		if len(m.all) == 0 && m.resident {
			delete(l.months, k)
			l.forgetMonth(k)
		}
	}
}

// forgetMonth removes m from the known months unless the snapshot or
// memory still holds it.
func (l *crisisList) forgetMonth(k monthKey) {
	if _, ok := l.onDisk[k]; ok || l.months[k] != nil {
		return
	}
	if i, found := slices.BinarySearch(l.known, k); found {
		l.known = slices.Delete(l.known, i, i+1)
	}
}

// WarmFacts reads the crisis articles of the last five weeks before the
// freshest article, and computes the event facts left for first use, newest
// first, until done or ctx ends. A long-running service calls it in the
// background after Open, so the first checks near now do not pay for
// reading their window; a one-post CLI check does not call it.
func (ix *Index) WarmFacts(ctx context.Context) {
	latest := ix.Latest()
	release, err := ix.holdWindow(latest.Add(-35*24*time.Hour), latest)
	if err != nil {
		return
	}
	defer release()
	ix.mu.RLock()
	var all []*crisisEntry
	for _, m := range ix.crises.months {
		all = append(all, m.all...)
	}
	ix.mu.RUnlock()
	slices.SortStableFunc(all, byPublished)
	for i := len(all) - 1; i >= 0; i-- {
		if i%256 == 0 && ctx.Err() != nil {
			return
		}
		all[i].ensureFacts()
	}
}
