package news

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/preflight-dev/preflight/checker"
)

// The mention cache answers the questions the rules ask of every article,
// crisis or not, by name: "which articles of the past year name this
// brand", "which articles of the past three days name this tag's words".
// Asked of Bleve, each is a date-range query that costs milliseconds;
// here each name (an index key, as nameKeys makes them) asked once is read
// from Bleve with a plain term query, kept in memory in publication order,
// and kept up to date at every commit and prune, so the next question is a
// binary search. Only the names the rules ask about are kept, so the
// memory follows the brands and tags checked, not the archive; a name too
// common to keep (maxTermMentions) is answered by Bleve as before.

// Caps on the mention cache.
const (
	// maxTermMentions: a name carried by more articles than this is not
	// cached (a city in a decade of news); Bleve answers for it.
	maxTermMentions = 50_000
	// maxMentions caps the distinct articles the cache holds; past it the
	// cache starts over and names are read again as they are asked.
	maxMentions = 150_000
	// maxMentionTerms caps the names cached (most hold no article).
	maxMentionTerms = 100_000
)

// errTooCommon says a name is carried by too many articles to cache.
var errTooCommon = fmt.Errorf("news: name too common to follow: %w", errors.ErrUnsupported)

// mention is an article as the mention cache keeps it: without its body.
type mention struct {
	art     checker.Article
	docID   string
	keys    []string
	classes []checker.CrisisClass
	// seq is the index generation that brought the article into the
	// cache: its commit, or the reading of a name from Bleve.
	seq uint64
}

// termMentions are the articles carrying one name.
type termMentions struct {
	byPub []*mention // publication order
	bySeq []*mention // arrival order: seq never decreases
}

// mentionCache is the cache itself; Index guards it with mu.
type mentionCache struct {
	terms map[string]*termMentions // nil value: too common
	byID  map[string]*mention
	// prunedAt is the generation of the last prune: a reader following
	// the cache from before it must start over.
	prunedAt uint64
}

func newMentionCache() *mentionCache {
	return &mentionCache{terms: map[string]*termMentions{}, byID: map[string]*mention{}}
}

// addedDoc is an article of a batch as the mention cache needs it.
type addedDoc struct {
	art     checker.Article // without body
	docID   string
	keys    []string
	classes []checker.CrisisClass
}

// reset empties the cache (its caps were reached), keeping prunedAt.
func (c *mentionCache) reset() {
	c.terms = map[string]*termMentions{}
	c.byID = map[string]*mention{}
}

// commit adds a committed batch's articles to the names cached, at
// generation seq.
func (c *mentionCache) commit(docs []addedDoc, seq uint64) {
	if len(c.terms) == 0 {
		return
	}
	touched := map[*termMentions]bool{}
	for i := range docs {
		d := &docs[i]
		if c.byID[d.docID] != nil {
			continue // listed already under every name it carries
		}
		var m *mention
		for _, k := range d.keys {
			tm, ok := c.terms[k]
			if !ok || tm == nil {
				continue
			}
			if m == nil {
				m = &mention{art: d.art, docID: d.docID, keys: d.keys, classes: d.classes, seq: seq}
				c.byID[d.docID] = m
			}
			if n := len(tm.byPub); n > 0 && m.art.Published.Before(tm.byPub[n-1].art.Published) {
				touched[tm] = true
			}
			tm.byPub = append(tm.byPub, m)
			tm.bySeq = append(tm.bySeq, m)
		}
	}
	for tm := range touched {
		sort.SliceStable(tm.byPub, func(i, j int) bool { return tm.byPub[i].art.Published.Before(tm.byPub[j].art.Published) })
	}
	c.capTerms()
}

// capTerms starts over when a cap is passed, and marks as too common a
// name that grew past maxTermMentions.
func (c *mentionCache) capTerms() {
	if len(c.byID) > maxMentions || len(c.terms) > maxMentionTerms {
		c.reset()
		return
	}
	for k, tm := range c.terms {
		if tm != nil && len(tm.byPub) > maxTermMentions {
			c.terms[k] = nil
		}
	}
}

// drop removes pruned articles, at generation seq.
func (c *mentionCache) drop(gone map[string]bool, seq uint64) {
	c.prunedAt = seq
	keep := func(ms []*mention) []*mention {
		out := ms[:0]
		for _, m := range ms {
			if !gone[m.docID] {
				out = append(out, m)
			}
		}
		clear(ms[len(out):])
		return out
	}
	for _, tm := range c.terms {
		if tm != nil {
			tm.byPub, tm.bySeq = keep(tm.byPub), keep(tm.bySeq)
		}
	}
	for id := range gone {
		delete(c.byID, id)
	}
}

// install records a name read from Bleve at generation seq; the caller
// checked that no commit came between the reading and now.
func (c *mentionCache) install(key string, read []*mention, tooCommon bool, seq uint64) {
	if tooCommon {
		c.terms[key] = nil
		return
	}
	tm := &termMentions{byPub: make([]*mention, 0, len(read))}
	for _, m := range read {
		if have := c.byID[m.docID]; have != nil {
			m = have
		} else {
			m.seq = seq
			c.byID[m.docID] = m
		}
		tm.byPub = append(tm.byPub, m)
	}
	sort.SliceStable(tm.byPub, func(i, j int) bool { return tm.byPub[i].art.Published.Before(tm.byPub[j].art.Published) })
	tm.bySeq = append([]*mention(nil), tm.byPub...)
	sort.SliceStable(tm.bySeq, func(i, j int) bool { return tm.bySeq[i].seq < tm.bySeq[j].seq })
	c.terms[key] = tm
	if len(c.byID) > maxMentions || len(c.terms) > maxMentionTerms {
		c.reset()
		c.terms[key] = tm
		for _, m := range tm.byPub {
			c.byID[m.docID] = m
		}
	}
}

// followTerms makes sure every key is in the mention cache, reading the
// missing ones from Bleve. It returns errTooCommon when one is too common
// to cache. A name read while a commit was under way is not installed: the
// reading may hold some of the commit's articles and not others, and the
// commit would not know to add them; the caller then finds the name
// missing and asks Bleve instead. So every article the cache holds is
// listed under every cached name it carries.
func (ix *Index) followTerms(keys []string) error {
	for _, k := range keys {
		ix.mu.RLock()
		tm, ok := ix.mentions.terms[k]
		ix.mu.RUnlock()
		if ok {
			if tm == nil {
				return errTooCommon
			}
			continue
		}
		gen := ix.gen.Load()
		read, tooCommon, err := ix.readTerm(k)
		if err != nil {
			return err
		}
		ix.mu.Lock()
		if ix.gen.Load() == gen && ix.committing.Load() == 0 {
			if _, ok := ix.mentions.terms[k]; !ok {
				ix.mentions.install(k, read, tooCommon, gen)
			}
		}
		ix.mu.Unlock()
		if tooCommon {
			return errTooCommon
		}
	}
	return nil
}

// readTerm reads every article carrying the name key from Bleve, or
// reports it too common to cache.
func (ix *Index) readTerm(key string) ([]*mention, bool, error) {
	q := query.NewTermQuery(key)
	q.SetField(fNames)
	var out []*mention
	var after []string
	const page = 5000
	for {
		req := bleve.NewSearchRequestOptions(q, page, 0, false)
		req.Fields = []string{fSource}
		req.SortBy([]string{"_id"})
		req.Score = "none"
		if after != nil {
			req.SetSearchAfter(after)
		}
		res, err := ix.bleve.Search(req)
		if err != nil {
			return nil, false, fmt.Errorf("news: read name %q: %w", key, err)
		}
		if res.Total > maxTermMentions {
			return nil, true, nil
		}
		for _, h := range res.Hits {
			sa, ok := storedFromHit(h.Fields)
			if !ok {
				continue
			}
			classes := sa.Classes
			if len(classes) == 0 && sa.Crisis != "" {
				classes = []checker.CrisisClass{sa.Crisis}
			}
			a := sa.Article
			a.Body, a.Score = "", 0
			out = append(out, &mention{art: a, docID: h.ID, keys: nameKeys(a.Entities, a.Hashtags, leadKey(a.Title)), classes: classes})
		}
		if len(res.Hits) < page {
			return out, false, nil
		}
		after = res.Hits[len(res.Hits)-1].Sort
	}
}

// mentionsInWindow returns the entries of ms published in (from, to].
func mentionsInWindow(ms []*mention, from, to time.Time) []*mention {
	lo := sort.Search(len(ms), func(i int) bool { return ms[i].art.Published.After(from) })
	hi := sort.Search(len(ms), func(i int) bool { return ms[i].art.Published.After(to) })
	if lo >= hi {
		return nil
	}
	return ms[lo:hi]
}

// searchMentions answers an AnyClass query with terms from the mention
// cache: the articles of the window carrying any of the keys that pass the
// query's filters, those carrying more of the keys first, then the newest.
// It returns false when a key cannot be served from the cache (too common,
// or displaced while it was read); the caller asks Bleve.
func (ix *Index) searchMentions(q checker.NewsQuery, keys []string) ([]checker.Article, bool, error) {
	if err := ix.followTerms(keys); err != nil {
		if errors.Is(err, errors.ErrUnsupported) {
			return nil, false, nil
		}
		return nil, false, err
	}
	regions := checker.NormaliseRegions(q.Regions)
	from, to := q.At.Add(-q.Window), q.At
	type hit struct {
		m       *mention
		matched int
	}
	var hits []hit
	ix.mu.RLock()
	at := map[*mention]int{}
	for _, k := range keys {
		tm := ix.mentions.terms[k]
		if tm == nil {
			ix.mu.RUnlock()
			return nil, false, nil
		}
		for _, m := range mentionsInWindow(tm.byPub, from, to) {
			if i, ok := at[m]; ok {
				hits[i].matched++
				continue
			}
			if m.art.Severity < q.MinSeverity || len(q.Classes) > 0 && !classMatch(m.classes, q.Classes) || !regionMatch(m.art.Regions, regions) {
				continue
			}
			at[m] = len(hits)
			hits = append(hits, hit{m, 1})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].matched != hits[j].matched {
			return hits[i].matched > hits[j].matched
		}
		if pi, pj := hits[i].m.art.Published, hits[j].m.art.Published; !pi.Equal(pj) {
			return pi.After(pj)
		}
		return hits[i].m.docID < hits[j].m.docID
	})
	if len(hits) > q.Limit {
		hits = hits[:q.Limit]
	}
	out := make([]checker.Article, len(hits))
	for i, h := range hits {
		out[i] = h.m.art
		out[i].Score = float64(h.matched)
	}
	ix.mu.RUnlock()
	return out, true, nil
}

// MentionsSince returns the articles, crisis or not, that carry any of the
// names (an entity, a word of a multi-word entity, or a hashtag, as Search
// matches them) and came into the index after the cursor since, and the
// cursor to ask with next time: asked again with it, the index returns
// only what came in since. Zero asks for every article carrying the names.
// reset is true when articles were pruned after since: the answer is then
// every article carrying the names, and what the caller kept from earlier
// answers must go. Articles are returned whatever their publication time:
// the caller keeps what its post's time allows. It fails with an error
// wrapping errors.ErrUnsupported when a name is too common to follow; the
// caller then asks Search.
func (ix *Index) MentionsSince(ctx context.Context, terms []string, since uint64) (arts []checker.Article, next uint64, reset bool, err error) {
	if err := ctx.Err(); err != nil {
		return nil, 0, false, err
	}
	keys := termKeys(terms)
	if err := ix.followTerms(keys); err != nil {
		return nil, 0, false, err
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	// The cursor is one past the generation the caller has seen whole: an
	// article brought in at generation g is new to a caller at g or before.
	next = ix.gen.Load() + 1
	if since > 0 && since <= ix.mentions.prunedAt {
		since, reset = 0, true
	}
	seen := map[*mention]bool{}
	for _, k := range keys {
		tm, ok := ix.mentions.terms[k]
		if !ok || tm == nil {
			return nil, 0, false, errTooCommon // displaced while the others were read
		}
		i := sort.Search(len(tm.bySeq), func(i int) bool { return tm.bySeq[i].seq >= since })
		for _, m := range tm.bySeq[i:] {
			if !seen[m] {
				seen[m] = true
				arts = append(arts, m.art)
			}
		}
	}
	return arts, next, reset, nil
}
