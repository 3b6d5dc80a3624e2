package news

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/no"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/preflight-dev/preflight/checker"
)

var _ checker.News = (*Index)(nil)

// Search answers the rules: articles published in (At-Window, At] — never
// after At — that mention one of the terms (as an entity, a word of a
// multi-word entity, or a hashtag), restricted by region, crisis class and
// severity. Crisis queries (the rules' kind) are answered from the
// in-memory crisis list; AnyClass queries go to Bleve. Results are ordered
// by how many terms matched, then severity, then recency.
func (ix *Index) Search(ctx context.Context, q checker.NewsQuery) ([]checker.Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if q.Window <= 0 {
		q.Window = ix.opts.DefaultWindow
	}
	if q.Limit <= 0 {
		q.Limit = 10
	}
	terms := termKeys(q.Terms)
	if len(q.Terms) > 0 && len(terms) == 0 && len(q.Phrases) == 0 {
		return nil, nil
	}
	if len(q.Phrases) > 0 && !q.AnyClass {
		return nil, fmt.Errorf("news search: phrases are read only with AnyClass")
	}
	if q.AnyClass {
		if len(q.Phrases) > 0 {
			return ix.searchBleve(q)
		}
		if len(terms) > 0 {
			if arts, ok, err := ix.searchMentions(q, terms); ok || err != nil {
				return arts, err
			}
		}
		return ix.searchBleve(q)
	}
	regions := checker.NormaliseRegions(q.Regions)
	from, to := q.At.Add(-q.Window), q.At
	release, err := ix.holdWindow(from, to)
	if err != nil {
		return nil, err
	}
	defer release()

	ix.mu.RLock()
	// Candidates: the posting lists of the terms (or of the regions) within
	// the window (from, to]; without either, the whole window.
	type hit struct {
		e     *crisisEntry
		score float64
	}
	var hits []hit
	keep := func(e *crisisEntry, matched int) {
		if e.art.Severity < q.MinSeverity || !classMatch(e.classes, q.Classes) || !regionMatch(e.art.Regions, regions) {
			return
		}
		hits = append(hits, hit{e, float64(matched) + e.art.Severity})
	}
	switch {
	case len(terms) > 0:
		matched := map[*crisisEntry]int{}
		var order []*crisisEntry
		for _, t := range terms {
			for _, e := range ix.crises.window(nameKey(t), from, to) {
				if matched[e] == 0 {
					order = append(order, e)
				}
				matched[e]++
			}
		}
		for _, e := range order {
			keep(e, matched[e])
		}
	case len(regions) > 0:
		seen := map[*crisisEntry]bool{}
		for _, r := range regions {
			for _, e := range ix.crises.window(regionKey(r), from, to) {
				if !seen[e] {
					seen[e] = true
					keep(e, 0)
				}
			}
		}
	default:
		for _, e := range ix.crises.window("", from, to) {
			keep(e, 0)
		}
	}
	ix.mu.RUnlock()
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		return hits[i].e.art.Published.After(hits[j].e.art.Published)
	})
	if len(hits) > q.Limit {
		hits = hits[:q.Limit]
	}
	out := make([]checker.Article, len(hits))
	for i, h := range hits {
		out[i] = h.e.art
		out[i].Score = h.score
	}
	return out, nil
}

// termKeys turns query terms into index keys: lower case, without a
// leading "#" or a possessive "'s".
func termKeys(ts []string) []string {
	var out []string
	for _, t := range ts {
		k := strings.ToLower(strings.TrimSpace(t))
		k = strings.TrimLeft(k, "#@")
		k = strings.TrimSuffix(strings.TrimSuffix(k, "'s"), "’s")
		k = strings.Join(strings.Fields(k), " ")
		if k != "" && !contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

func classMatch(have, want []checker.CrisisClass) bool {
	if len(want) == 0 {
		return len(have) > 0
	}
	for _, w := range want {
		for _, h := range have {
			if h == w {
				return true
			}
		}
	}
	return false
}

func regionMatch(have, want []string) bool {
	if len(want) == 0 {
		return true
	}
	for _, w := range want {
		for _, h := range have {
			if h == w {
				return true
			}
		}
	}
	return false
}

func keywordAny(field string, values []string) query.Query {
	qs := make([]query.Query, 0, len(values))
	for _, v := range values {
		t := query.NewTermQuery(v)
		t.SetField(field)
		qs = append(qs, t)
	}
	return query.NewDisjunctionQuery(qs)
}

// searchBleve answers a query over every article, crisis or not.
func (ix *Index) searchBleve(q checker.NewsQuery) ([]checker.Article, error) {
	// The window (At-Window, At].
	win, err := ix.publishedRange(q.At.Add(-q.Window), q.At, false, true)
	if err != nil {
		return nil, fmt.Errorf("news search: %w", err)
	}
	must := []query.Query{win}
	var any []query.Query // an article holds one of the terms or phrases
	if ts := termKeys(q.Terms); len(ts) > 0 {
		any = append(any, keywordAny(fNames, ts))
	} else if len(q.Terms) > 0 && len(q.Phrases) == 0 {
		return nil, nil
	}
	for _, ph := range q.Phrases {
		if ph = strings.TrimSpace(ph); ph == "" {
			continue
		}
		// Every word of the phrase (the index keeps no positions, so not
		// in order: the caller reads the articles for the phrase itself).
		for _, an := range []string{en.AnalyzerName, no.AnalyzerName} {
			m := query.NewMatchQuery(ph)
			m.SetField(fText)
			m.Analyzer = an
			m.SetOperator(query.MatchQueryOperatorAnd)
			any = append(any, m)
		}
	}
	switch {
	case len(any) == 1:
		must = append(must, any[0])
	case len(any) > 1:
		must = append(must, query.NewDisjunctionQuery(any))
	case len(q.Phrases) > 0:
		return nil, nil
	}
	if rs := checker.NormaliseRegions(q.Regions); len(rs) > 0 {
		must = append(must, keywordAny(fRegions, rs))
	}
	if len(q.Classes) > 0 {
		cs := make([]string, len(q.Classes))
		for i, c := range q.Classes {
			cs[i] = string(c)
		}
		must = append(must, keywordAny(fCrisis, cs))
	}
	if q.MinSeverity > 0 {
		must = append(must, ix.severityAtLeast(q.MinSeverity))
	}
	req := bleve.NewSearchRequestOptions(query.NewConjunctionQuery(must), q.Limit, 0, false)
	req.Fields = []string{fSource}
	req.SortBy([]string{"-_score", "-" + fPublished})
	return ix.run(req)
}

func (ix *Index) run(req *bleve.SearchRequest) ([]checker.Article, error) {
	res, err := ix.bleve.Search(req)
	if err != nil {
		return nil, fmt.Errorf("news search: %w", err)
	}
	out := make([]checker.Article, 0, len(res.Hits))
	for _, h := range res.Hits {
		a, ok := articleFromHit(h.Fields)
		if !ok {
			continue
		}
		a.Score = h.Score
		out = append(out, a)
	}
	return out, nil
}

// Lookup is free-text search for people debugging a verdict (`preflight
// news search`, GET /v1/news/search): the words are matched in titles and
// summaries (English and Norwegian stemming) and among names, ranked by
// relevance. A non-zero at keeps only articles published at or before it;
// limit <= 0 means 20.
func (ix *Index) Lookup(ctx context.Context, text string, at time.Time, limit int) ([]checker.Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 20
	}
	var should []query.Query
	if strings.TrimSpace(text) != "" {
		for _, an := range []string{en.AnalyzerName, no.AnalyzerName} {
			m := query.NewMatchQuery(text)
			m.SetField(fText)
			m.Analyzer = an
			should = append(should, m)
		}
		keys := append(strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '#' }), text)
		if ks := termKeys(keys); len(ks) > 0 {
			n := keywordAny(fNames, ks)
			n.(*query.DisjunctionQuery).SetBoost(2)
			should = append(should, n)
		}
	}
	var q query.Query = query.NewMatchAllQuery()
	if len(should) > 0 {
		q = query.NewDisjunctionQuery(should)
	}
	if !at.IsZero() {
		d, err := ix.publishedRange(time.Time{}, at, true, true)
		if err != nil {
			return nil, fmt.Errorf("news search: %w", err)
		}
		q = query.NewConjunctionQuery([]query.Query{q, d})
	}
	req := bleve.NewSearchRequestOptions(q, limit, 0, false)
	req.Fields = []string{fSource}
	if len(should) == 0 {
		req.SortBy([]string{"-" + fPublished})
	}
	return ix.run(req)
}
