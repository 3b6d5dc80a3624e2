package checker

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
)

// shared holds what several rules ask of the world about the same post, so
// the news index is asked once per post and not once per rule.
type shared struct {
	mu      sync.Mutex
	trouble map[time.Duration]troubleResult
	memo    map[any]any
}

// Memo returns the value kept under key for this post, computing it on
// first use, so rules share work on one post (the calendar rules fold the
// words once for all three). Use an unexported key type of the rule's
// package so keys never collide.
func (p *Pass) Memo(key any, compute func() any) any {
	p.shared.mu.Lock()
	defer p.shared.mu.Unlock()
	if v, ok := p.shared.memo[key]; ok {
		return v
	}
	v := compute()
	if p.shared.memo == nil {
		p.shared.memo = map[any]any{}
	}
	p.shared.memo[key] = v
	return v
}

type troubleResult struct {
	articles []Article
	err      error
}

// TroubleClasses are the crisis classes that mean a brand is in negative news.
var TroubleClasses = []CrisisClass{CrisisScandal}

// BrandTrouble returns the negative news about the post's brand (or its
// aliases) published in the window before the scheduled time: scandals,
// lawsuits, fines, price rises, recalls, strikes. It is shared by the news
// rule "brand in trouble" and the hashtag hijack rule, and asked of the
// index once per post and window. Without a brand or news index it returns
// nothing.
func (p *Pass) BrandTrouble(window time.Duration) ([]Article, error) {
	names := brandTerms(p.Profile.BrandNames(p.Post))
	if p.News == nil || len(names) == 0 {
		return nil, nil
	}
	p.shared.mu.Lock()
	defer p.shared.mu.Unlock()
	if r, ok := p.shared.trouble[window]; ok {
		return r.articles, r.err
	}
	arts, err := p.News.Search(p.Context, NewsQuery{At: p.At(), Window: window, Terms: names,
		Classes: TroubleClasses, Limit: 5})
	if err != nil {
		err = fmt.Errorf("news index: %w", err)
	}
	if p.shared.trouble == nil {
		p.shared.trouble = map[time.Duration]troubleResult{}
	}
	p.shared.trouble[window] = troubleResult{arts, err}
	return arts, err
}

// brandTerms adds the run-together spelling of each brand name, because
// headlines write "J.P. Morgan" as "JPMorgan" and "Coca-Cola" as "CocaCola"
// as often as not.
func brandTerms(names []string) []string {
	out := append([]string(nil), names...)
	for _, n := range names {
		var b strings.Builder
		for _, r := range n {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(r)
			}
		}
		if c := b.String(); len(c) >= 3 && c != n && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}
