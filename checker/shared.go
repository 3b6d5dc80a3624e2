package checker

import (
	"fmt"
	"sync"
	"time"
)

// shared holds what several rules ask of the world about the same post, so
// the news index is asked once per post and not once per rule.
type shared struct {
	mu      sync.Mutex
	trouble map[time.Duration]troubleResult
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
	names := p.Profile.BrandNames(p.Post)
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
