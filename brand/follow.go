package brand

import (
	"context"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// mentionFeed is a news index that hands over the articles naming a set
// of names as they come in (news.Index.MentionsSince): every article since
// the cursor, whatever its publication time, and the next cursor; reset
// when articles were pruned and what was kept must go. An error wrapping
// errors.ErrUnsupported means a name is too common to follow.
type mentionFeed interface {
	MentionsSince(ctx context.Context, terms []string, since uint64) (arts []checker.Article, next uint64, reset bool, err error)
}

// brandFollow is what a Reader knows of one brand's news from a
// mentionFeed: every story it has read, in publication order, and the
// cursor to ask for what came in since. Each article is read for the brand
// once, when it comes in; a post then costs a binary search.
type brandFollow struct {
	mu      sync.Mutex
	cursor  uint64
	stories []Story // publication order
	seen    map[string]bool
}

// maxFollowed caps the brands followed at once (a service sees a bounded
// set of brands, a hostile client an unbounded one).
const maxFollowed = 512

// followed is the brand's year of stories before at, newest first and at
// most MaxStories of them, with how many the year holds, read from a
// mentionFeed. It fails with the feed's errors.ErrUnsupported error when
// the brand cannot be followed; the caller asks Search instead.
func (r *Reader) followed(p *checker.Pass, mf mentionFeed, b *checker.Brand, terms []string, at time.Time) ([]Story, int, error) {
	key := b.Name + "\x00" + strings.Join(terms, "\x00")
	r.mu.Lock()
	f := r.follows[key]
	if f == nil {
		if r.follows == nil || len(r.follows) >= maxFollowed {
			r.follows = map[string]*brandFollow{}
		}
		f = &brandFollow{seen: map[string]bool{}}
		r.follows[key] = f
	}
	r.mu.Unlock()

	f.mu.Lock()
	defer f.mu.Unlock()
	arts, next, reset, err := mf.MentionsSince(p.Context, terms, f.cursor)
	if err != nil {
		return nil, 0, err
	}
	if reset {
		f.stories, f.seen = nil, map[string]bool{}
	}
	f.add(r, arts, b)
	f.cursor = next

	// The year before at: (at-Year, at].
	lo := sort.Search(len(f.stories), func(i int) bool { return f.stories[i].Article.Published.After(at.Add(-Year)) })
	hi := sort.Search(len(f.stories), func(i int) bool { return f.stories[i].Article.Published.After(at) })
	total := max(hi-lo, 0)
	var year []Story
	for i := hi - 1; i >= lo && len(year) < MaxStories; i-- {
		year = append(year, f.stories[i])
	}
	return year, total, nil
}

// add reads new articles for the brand and keeps the stories among them
// in publication order; an article seen before (same ID and title) is not
// read again.
func (f *brandFollow) add(r *Reader, arts []checker.Article, b *checker.Brand) {
	n := len(f.stories)
	for _, a := range arts {
		k := a.ID + "\x00" + a.Title
		if f.seen[k] {
			continue
		}
		f.seen[k] = true
		if st, ok := r.readStory(a, b); ok {
			f.stories = append(f.stories, st)
		}
	}
	if len(f.stories) == n {
		return
	}
	// Equal times in ID order, so the order does not hang on arrival.
	sort.SliceStable(f.stories, func(i, j int) bool {
		pi, pj := f.stories[i].Article.Published, f.stories[j].Article.Published
		if !pi.Equal(pj) {
			return pi.Before(pj)
		}
		return f.stories[i].Article.ID > f.stories[j].Article.ID
	})
}
