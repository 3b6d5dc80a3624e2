package news

import (
	"context"
	"slices"
	"sort"
	"time"
)

// crisisList is the in-memory list of crisis articles the rules query:
// every entry in publication order, plus posting lists by name key
// ("n\x00kobe") and region ("r\x00US"), each also in publication order, so
// a query costs a binary search per term instead of a scan of its window.
// It is not safe for concurrent use; Index guards it.
type crisisList struct {
	all      []*crisisEntry
	postings map[string][]*crisisEntry
	ids      map[string]bool
}

func newCrisisList() *crisisList {
	return &crisisList{postings: map[string][]*crisisEntry{}, ids: map[string]bool{}}
}

func nameKey(k string) string   { return "n\x00" + k }
func regionKey(r string) string { return "r\x00" + r }

func byPublished(es []*crisisEntry) func(i, j int) bool {
	return func(i, j int) bool { return es[i].art.Published.Before(es[j].art.Published) }
}

// add inserts entries not already present.
func (l *crisisList) add(es []crisisEntry) {
	unsorted := map[string]bool{}
	allSorted := true
	push := func(key string, e *crisisEntry, list []*crisisEntry) []*crisisEntry {
		if n := len(list); n > 0 && e.art.Published.Before(list[n-1].art.Published) {
			unsorted[key] = true
		}
		return append(list, e)
	}
	for i := range es {
		e := &es[i]
		if l.ids[e.docID] {
			continue
		}
		l.ids[e.docID] = true
		if n := len(l.all); n > 0 && e.art.Published.Before(l.all[n-1].art.Published) {
			allSorted = false
		}
		l.all = append(l.all, e)
		for _, k := range e.keys {
			k = nameKey(k)
			l.postings[k] = push(k, e, l.postings[k])
		}
		for _, r := range e.art.Regions {
			k := regionKey(r)
			l.postings[k] = push(k, e, l.postings[k])
		}
	}
	if !allSorted {
		sort.SliceStable(l.all, byPublished(l.all))
	}
	for k := range unsorted {
		p := l.postings[k]
		sort.SliceStable(p, byPublished(p))
	}
}

// inWindow returns the entries of es published in (from, to].
func inWindow(es []*crisisEntry, from, to time.Time) []*crisisEntry {
	lo := sort.Search(len(es), func(i int) bool { return es[i].art.Published.After(from) })
	hi := sort.Search(len(es), func(i int) bool { return es[i].art.Published.After(to) })
	if lo >= hi {
		return nil
	}
	for _, e := range es[lo:hi] {
		e.ensureFacts()
	}
	return es[lo:hi]
}

// WarmFacts computes the event facts that an index opened from its
// snapshot leaves for first use, newest crisis article first, until done
// or ctx ends. A long-running service calls it in the background after
// Open, so a post's first check does not pay for its window's articles;
// a one-post CLI check does not call it.
func (ix *Index) WarmFacts(ctx context.Context) {
	ix.mu.RLock()
	all := slices.Clone(ix.crises.all) // commits re-sort the list in place
	ix.mu.RUnlock()
	for i := len(all) - 1; i >= 0; i-- {
		if i%256 == 0 && ctx.Err() != nil {
			return
		}
		all[i].ensureFacts()
	}
}
