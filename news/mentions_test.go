package news

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// TestAnyClassSearchFromMentionsMatchesBleve: a name query over every
// article, answered from the mention cache, returns the articles Bleve
// returns (same set, never one published after the query's time), and
// an article committed after the name was first asked about is found.
func TestAnyClassSearchFromMentionsMatchesBleve(t *testing.T) {
	ix := memIndex(t, sample)
	ctx := context.Background()
	queries := []checker.NewsQuery{
		{At: at("2026-03-01T11:00:00Z"), Window: 48 * time.Hour, Terms: []string{"Lindenfield"}, AnyClass: true},
		{At: at("2026-03-03T00:00:00Z"), Window: 48 * time.Hour, Terms: []string{"Lindenfield", "#nope"}, AnyClass: true},
		{At: at("2026-03-03T00:00:00Z"), Window: 48 * time.Hour, Terms: []string{"Acme Foods"}, AnyClass: true},
		{At: at("2026-03-03T00:00:00Z"), Window: 48 * time.Hour, Terms: []string{"Lindenfield"}, AnyClass: true, MinSeverity: 0.3},
		{At: at("2026-03-03T00:00:00Z"), Window: 48 * time.Hour, Terms: []string{"Bangkok", "Bergen"}, Regions: []string{"TH"}, AnyClass: true},
	}
	for i, q := range queries {
		q.Limit = 10
		want, err := ix.searchBleve(q)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ix.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := fmt.Sprint(sortedIDs(got)), fmt.Sprint(sortedIDs(want)); g != w {
			t.Errorf("query %d: mention cache %s, Bleve %s", i, g, w)
		}
		if _, ok := ix.mentions.terms[termKeys(q.Terms)[0]]; !ok {
			t.Errorf("query %d: name not followed", i)
		}
	}
	late := checker.Article{ID: "a6", Title: "Lindenfield library reopens", URL: "https://example.test/6", Published: at("2026-03-02T12:00:00Z")}
	if _, err := ix.Add(ctx, []checker.Article{late}); err != nil {
		t.Fatal(err)
	}
	q := checker.NewsQuery{At: at("2026-03-03T00:00:00Z"), Window: 48 * time.Hour, Terms: []string{"Lindenfield"}, AnyClass: true, Limit: 10}
	got, _ := ix.Search(ctx, q)
	if s := fmt.Sprint(ids(got)); s != "[a6 a1 a3]" {
		t.Errorf("after a commit: %s, want [a6 a1 a3] (newest first)", s)
	}
}

// TestMentionsSince: the first answer holds every article naming the
// brand, whatever its time; the next only what was committed since; a
// prune makes the answer start over.
func TestMentionsSince(t *testing.T) {
	ix := memIndex(t, nil)
	ctx := context.Background()
	if _, err := ix.AddFrom(ctx, OriginPoll, sample); err != nil {
		t.Fatal(err)
	}
	arts, cur, reset, err := ix.MentionsSince(ctx, []string{"Lindenfield"}, 0)
	if err != nil || reset || fmt.Sprint(sortedIDs(arts)) != "[a1 a3]" {
		t.Fatalf("first: %v %v %v", sortedIDs(arts), reset, err)
	}
	if arts, _, _, _ := ix.MentionsSince(ctx, []string{"Lindenfield"}, cur); len(arts) != 0 {
		t.Errorf("nothing new, got %v", ids(arts))
	}
	late := checker.Article{ID: "a6", Title: "Lindenfield library reopens", URL: "https://example.test/6", Published: at("2026-02-01T12:00:00Z")}
	if _, err := ix.AddFrom(ctx, OriginPoll, []checker.Article{late}); err != nil {
		t.Fatal(err)
	}
	arts, cur2, reset, _ := ix.MentionsSince(ctx, []string{"Lindenfield"}, cur)
	if reset || fmt.Sprint(ids(arts)) != "[a6]" || cur2 <= cur {
		t.Errorf("after a commit: %v reset %v cursor %d -> %d, want [a6]", ids(arts), reset, cur, cur2)
	}
	if _, err := ix.Prune(at("2026-03-01T09:30:00Z")); err != nil {
		t.Fatal(err)
	}
	arts, _, reset, _ = ix.MentionsSince(ctx, []string{"Lindenfield"}, cur2)
	if !reset || fmt.Sprint(sortedIDs(arts)) != "[a1]" {
		t.Errorf("after a prune: %v reset %v, want [a1] and a reset", sortedIDs(arts), reset)
	}
}

// TestMentionsTooCommon: a name carried by more articles than the cache
// keeps is refused with errors.ErrUnsupported, and Search still answers
// it from Bleve.
func TestMentionsTooCommon(t *testing.T) {
	ix := memIndex(t, sample)
	ctx := context.Background()
	ix.mu.Lock()
	ix.mentions.install("lindenfield", nil, true, 0)
	ix.mu.Unlock()
	if _, _, _, err := ix.MentionsSince(ctx, []string{"Lindenfield"}, 0); !errors.Is(err, errors.ErrUnsupported) {
		t.Errorf("too common: %v, want ErrUnsupported", err)
	}
	got, err := ix.Search(ctx, checker.NewsQuery{At: at("2026-03-03T00:00:00Z"), Window: 72 * time.Hour, Terms: []string{"Lindenfield"}, AnyClass: true})
	if err != nil || !slices.Equal(sortedIDs(got), []string{"a1", "a3"}) {
		t.Errorf("Bleve fallback: %v %v", sortedIDs(got), err)
	}
}

// TestMentionCacheCaps: past maxMentions the cache starts over, and the
// names are read again when next asked.
func TestMentionCacheCaps(t *testing.T) {
	c := newMentionCache()
	var read []*mention
	for i := range maxMentions + 1 {
		read = append(read, &mention{docID: fmt.Sprint(i), art: checker.Article{Published: time.Unix(int64(i), 0)}})
	}
	c.install("a", read[:10], false, 1)
	c.install("big", read, false, 1)
	if _, ok := c.terms["a"]; ok || len(c.terms) != 1 || len(c.byID) != len(read) {
		t.Errorf("after passing the cap: %d names, %d articles", len(c.terms), len(c.byID))
	}
}

// TestMentionsWhileCommitting: names asked about while batches are
// committed miss no article: once the writes are done, following a name
// from the start, or from any cursor taken on the way, yields every
// article carrying it.
func TestMentionsWhileCommitting(t *testing.T) {
	ix := memIndex(t, nil)
	ctx := context.Background()
	ix.opts.BatchSize = 7
	var arts []checker.Article
	for i := range 200 {
		arts = append(arts, checker.Article{ID: fmt.Sprint("m", i), Title: fmt.Sprintf("Lindenfield council meets, session %d", i),
			URL: fmt.Sprint("https://example.test/m/", i), Published: at("2026-03-01T00:00:00Z").Add(time.Duration(i) * time.Minute)})
	}
	done := make(chan error, 1)
	go func() {
		for i := 0; i < len(arts); i += 20 {
			if _, err := ix.Add(ctx, arts[i:i+20]); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	var cursor uint64
	got := map[string]bool{}
	for finished := false; !finished; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			finished = true
		default:
		}
		as, next, _, err := ix.MentionsSince(ctx, []string{"Lindenfield"}, cursor)
		if errors.Is(err, errors.ErrUnsupported) {
			continue // read during a commit: asked again
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range as {
			got[a.ID] = true
		}
		cursor = next
		if _, err := ix.Search(ctx, checker.NewsQuery{At: at("2026-03-02T00:00:00Z"), Window: 48 * time.Hour, Terms: []string{"Lindenfield"}, AnyClass: true}); err != nil {
			t.Fatal(err)
		}
	}
	as, _, _, err := ix.MentionsSince(ctx, []string{"Lindenfield"}, cursor)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		got[a.ID] = true
	}
	all, _, _, _ := ix.MentionsSince(ctx, []string{"Lindenfield"}, 0)
	if len(got) != len(arts) || len(all) != len(arts) {
		t.Errorf("followed %d, from the start %d, of %d articles", len(got), len(all), len(arts))
	}
}
