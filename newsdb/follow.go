package newsdb

import (
	"context"
	"sync"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/news"
)

// page is how many articles one read of the table returns.
const page = 1000

// Follower keeps one replica's news index in step with the articles table.
type Follower struct {
	archive *Archive
	index   *news.Index

	mu     sync.Mutex // one Sync at a time
	cursor int64      // the last seq added to the index
}

// NewFollower returns a follower that adds the table's articles to index,
// starting from the first (articles the index already holds are skipped
// by the index itself).
func NewFollower(ar *Archive, index *news.Index) *Follower {
	return &Follower{archive: ar, index: index}
}

// Sync adds every article recorded since the last Sync to the index, in
// the order recorded, and returns how many the index took and the cursor
// it reached. Articles of one origin are added together, so the index
// keeps each article's origin (retention prunes only polled ones).
func (f *Follower) Sync(ctx context.Context) (added int, cursor int64, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for {
		got, err := f.archive.Since(ctx, f.cursor, page)
		if err != nil {
			return added, f.cursor, err
		}
		if len(got) == 0 {
			return added, f.cursor, nil
		}
		for start := 0; start < len(got); {
			end := start
			for end < len(got) && got[end].Origin == got[start].Origin {
				end++
			}
			arts := make([]checker.Article, 0, end-start)
			for _, s := range got[start:end] {
				arts = append(arts, s.Article)
			}
			st, err := f.index.AddFrom(ctx, got[start].Origin, arts)
			added += st.Added
			if err != nil {
				return added, f.cursor, err
			}
			f.cursor = got[end-1].Seq
			start = end
		}
	}
}

// Cursor is the last seq the index holds.
func (f *Follower) Cursor() int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.cursor
}
