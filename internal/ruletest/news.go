package ruletest

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/preflight-dev/preflight/checker"
)

// memNews is the news a file's header lists, searched the way the rules
// expect of an index: articles published in the window before the query's
// time, of the asked classes and severity, that mention one of the terms.
type memNews []*checker.Article

// Search implements checker.News.
func (n memNews) Search(_ context.Context, q checker.NewsQuery) ([]checker.Article, error) {
	var out []checker.Article
	for _, a := range n {
		if a.Published.After(q.At) || q.Window > 0 && !a.Published.After(q.At.Add(-q.Window)) {
			continue
		}
		if a.Crisis == checker.CrisisNone && !q.AnyClass || len(q.Classes) > 0 && !slices.Contains(q.Classes, a.Crisis) {
			continue
		}
		if a.Severity < q.MinSeverity {
			continue
		}
		if len(q.Regions) > 0 && len(a.Regions) > 0 && !overlaps(q.Regions, a.Regions) {
			continue
		}
		score := 0.0
		if len(q.Terms)+len(q.Phrases) > 0 {
			body := strings.ToLower(a.Title + " " + a.Summary + " " + a.Body + " " + strings.Join(a.Entities, " ") + " " + strings.Join(a.Hashtags, " "))
			for _, t := range append(slices.Clip(q.Terms), q.Phrases...) {
				if t != "" && strings.Contains(body, strings.ToLower(t)) {
					score++
				}
			}
			if score == 0 {
				continue
			}
		}
		c := *a
		c.Score = score
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if q.Limit > 0 && len(out) > q.Limit {
		out = out[:q.Limit]
	}
	return out, nil
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}
