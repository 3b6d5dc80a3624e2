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
// once, when it comes in; a post then costs a binary search and shares
// the stories, never copies them.
type brandFollow struct {
	mu     sync.Mutex
	cursor uint64
	// stories are newest first. The slice is never changed in place
	// (new stories make a new one), so the posts' Standings can hold
	// parts of it.
	stories []Story
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

	// The year before at, (at-Year, at], newest first.
	from := sort.Search(len(f.stories), func(i int) bool { return !f.stories[i].Article.Published.After(at) })
	to := sort.Search(len(f.stories), func(i int) bool { return !f.stories[i].Article.Published.After(at.Add(-Year)) })
	total := max(to-from, 0)
	if total == 0 {
		return nil, 0, nil
	}
	to = min(to, from+MaxStories)
	return f.stories[from:to:to], total, nil
}

// add reads new articles for the brand and keeps the stories among them
// in publication order; an article seen before (same ID and title) is not
// read again.
func (f *brandFollow) add(r *Reader, arts []checker.Article, b *checker.Brand) {
	var fresh []Story
	for _, a := range arts {
		k := a.ID + "\x00" + a.Title
		if f.seen[k] {
			continue
		}
		f.seen[k] = true
		if st, ok := r.readStory(a, b); ok {
			fresh = append(fresh, st)
		}
	}
	if len(fresh) == 0 {
		return
	}
	all := make([]Story, 0, len(f.stories)+len(fresh))
	all = append(append(all, f.stories...), fresh...)
	// Newest first; equal times in ID order, so the order does not hang
	// on arrival.
	sort.SliceStable(all, func(i, j int) bool {
		pi, pj := all[i].Article.Published, all[j].Article.Published
		if !pi.Equal(pj) {
			return pi.After(pj)
		}
		return all[i].Article.ID < all[j].Article.ID
	})
	f.stories = all
}
