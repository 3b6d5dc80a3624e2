package news

import (
	"context"
	"math"
	"math/rand"
	"reflect"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// The clustering as it was written before its filters were reordered and
// its sources counted only for the clusters that can be kept: the
// reference TestClusterEventsAsReference holds clusterEvents to.
func (ix *Index) clusterEventsReference(es []*crisisEntry, q checker.EventQuery) []checker.Event {
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
			cs = append(cs, &cluster{harm: f.harm})
			counts = append(counts, 0)
		}
		c := cs[best]
		c.kinds |= mask
		c.maxSev = max(c.maxSev, e.art.Severity)
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
	type scored struct {
		c     *cluster
		score float64
	}
	var keep []scored
	for _, c := range cs {
		if !wantedReference(c.entries, q) {
			continue
		}
		sev, sal := quickGradeReference(c.entries)
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
		out = append(out, dr.summarise(k.c.entries))
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
func wantedReference(es []*crisisEntry, q checker.EventQuery) bool {
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
func quickGradeReference(es []*crisisEntry) (sev, sal float64) {
	for _, e := range es {
		sev = math.Max(sev, e.art.Severity)
	}
	return grade(sev, len(es), countSources(es))
}

// windowWithFacts reads every crisis article of q's window that has event
// facts, holding the window's months until release is called.
func windowWithFacts(t *testing.T, ix *Index, q checker.EventQuery) (kept []*crisisEntry, release func()) {
	t.Helper()
	from := q.At.Add(-q.Window)
	release, err := ix.holdWindow(from, q.At)
	if err != nil {
		t.Fatal(err)
	}
	ix.mu.RLock()
	es := slices.Clone(ix.crises.window("", from, q.At))
	ix.mu.RUnlock()
	for _, e := range es {
		if e.ensureFacts(); e.facts != nil {
			kept = append(kept, e)
		}
	}
	return kept, release
}

// TestClusterEventsAsReference: over many windows and queries (classes,
// countries, severities, limits), clusterEvents answers as the reference,
// event for event, whatever the summary cache holds.
func TestClusterEventsAsReference(t *testing.T) {
	ix, err := OpenMem(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	arts := synthetic(6000, 21)
	// Some articles without a source: each counts as its own.
	for i := range arts {
		if i%7 == 0 {
			arts[i].Source = ""
		}
	}
	if _, err := ix.Add(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewSource(3))
	queries := []checker.EventQuery{
		{Window: 7 * 24 * time.Hour, MinSeverity: 0.45, Limit: 12, Classes: []checker.CrisisClass{checker.CrisisAttack, checker.CrisisShooting,
			checker.CrisisDisaster, checker.CrisisDeath, checker.CrisisUnrest, checker.CrisisMourning}, Countries: []string{"US", "CA", "MX"}},
		{Window: 7 * 24 * time.Hour, MinSeverity: 0.3, Limit: 3},
		{Window: 30 * 24 * time.Hour, Limit: 50, Countries: []string{"GB"}},
		{Window: 3 * 24 * time.Hour, MinSeverity: 0.6, Limit: 1},
	}
	compared := 0
	for i := 0; i < 120; i++ {
		q := queries[i%len(queries)]
		q.At = SyntheticStart.Add(time.Duration(r.Int63n(int64(360 * 24 * time.Hour))))
		kept, release := windowWithFacts(t, ix, q)
		want := ix.clusterEventsReference(kept, q)
		got := ix.clusterEvents(kept, q)
		again := ix.clusterEvents(kept, q) // from the summary cache
		release()
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(again, want) {
			t.Fatalf("query %d at %v: %d events, want %d (as the reference)", i, q.At, len(got), len(want))
		}
		if len(want) > 1 {
			compared++
		}
	}
	if compared < 40 {
		t.Fatalf("only %d windows had several events", compared)
	}
}

// TestEventsAsReference: Events (its cache, and a harmful-classes query
// reading the list of harmful articles) answers as the reference clustering
// of every crisis article of the window, in memory and read back from the
// snapshot, and again from the cache.
func TestEventsAsReference(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Add(context.Background(), synthetic(4000, 5)); err != nil {
		t.Fatal(err)
	}
	harm := []checker.CrisisClass{checker.CrisisAttack, checker.CrisisShooting, checker.CrisisDisaster, checker.CrisisDeath,
		checker.CrisisUnrest, checker.CrisisMourning}
	queries := []checker.EventQuery{
		{Window: 7 * 24 * time.Hour, MinSeverity: 0.45, Limit: 12, Classes: harm, Countries: []string{"US", "CA", "MX"}},
		{Window: 7 * 24 * time.Hour, MinSeverity: 0.45, Limit: 12, Classes: harm},
		{Window: 7 * 24 * time.Hour, MinSeverity: 0.3, Limit: 5, Classes: []checker.CrisisClass{checker.CrisisScandal}},
		{Window: 14 * 24 * time.Hour, Limit: 20},
	}
	check := func(ix *Index, round string) {
		r := rand.New(rand.NewSource(8))
		compared := 0
		for i := 0; i < 160; i++ {
			q := queries[i%len(queries)]
			q.At = SyntheticStart.Add(time.Duration(r.Int63n(int64(360 * 24 * time.Hour))))
			got, err := ix.Events(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			again, err := ix.Events(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			kept, release := windowWithFacts(t, ix, q)
			want := ix.clusterEventsReference(kept, q)
			release()
			if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(again, want) {
				t.Fatalf("%s: query %d at %v: %d events, want %d (as the reference)", round, i, q.At, len(got), len(want))
			}
			if len(want) > 1 {
				compared++
			}
		}
		if compared < 40 {
			t.Fatalf("%s: only %d windows had several events", round, compared)
		}
	}
	check(ix, "in memory")
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	check(ix, "from the snapshot")
}
