package news

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// TestWriterStreams: a stream of Adds in small batches, each repeating
// articles of the ones before, indexes every article once, counts the
// repeats as duplicates, has committed everything when Close returns, and
// refuses an Add after Close.
func TestWriterStreams(t *testing.T) {
	ix, err := OpenMem(Options{BatchSize: 7, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	arts := make([]checker.Article, 100)
	for i := range arts {
		arts[i] = checker.Article{ID: fmt.Sprint(i), Title: fmt.Sprintf("Lindenfield council meets, item %d", i),
			URL: fmt.Sprintf("https://example.test/%d", i), Published: time.Date(2026, 3, 1, 0, i, 0, 0, time.UTC)}
	}
	ctx := context.Background()
	w := ix.NewWriter(OriginImport)
	var total AddStats
	for start := 0; start < len(arts); start += 10 {
		// Each call repeats the five articles before it.
		st, err := w.Add(ctx, arts[max(0, start-5):min(len(arts), start+10)])
		if err != nil {
			t.Fatal(err)
		}
		total.Added += st.Added
		total.Duplicates += st.Duplicates
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if total.Added != 100 || total.Duplicates != 45 {
		t.Errorf("added %d, duplicates %d; want 100, 45", total.Added, total.Duplicates)
	}
	if n, _ := ix.Count(); n != 100 {
		t.Errorf("the index holds %d articles, want 100", n)
	}
	if _, err := w.Add(ctx, arts[:1]); err == nil {
		t.Error("Add after Close succeeded")
	}
	if err := w.Close(); err != nil {
		t.Errorf("a second Close: %v", err)
	}
	// The write lock is free again.
	if st, err := ix.Add(ctx, arts[:3]); err != nil || st.Duplicates != 3 {
		t.Errorf("Add after the writer: %+v %v", st, err)
	}
}

// TestPrepareSkipsQueued: a batch handed to the commit but not yet
// committed is invisible to Bleve; prepare skips its articles all the same.
func TestPrepareSkipsQueued(t *testing.T) {
	ix, err := OpenMem(Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	a := checker.Article{ID: "1", Title: "Lindenfield council meets", URL: "https://example.test/1", Published: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}
	b := a
	b.ID, b.URL = "2", "https://example.test/2"
	var st AddStats
	p, err := ix.prepare([]checker.Article{a, b}, OriginImport, map[string]bool{}, map[string]bool{docID(&a): true}, &st)
	if err != nil {
		t.Fatal(err)
	}
	if st.Added != 1 || st.Duplicates != 1 || p.batch.Size() != 1 {
		t.Errorf("added %d, duplicates %d, batch of %d; want 1, 1, 1", st.Added, st.Duplicates, p.batch.Size())
	}
}

// TestWriterPublishesInOrder: the batches of a Writer reach the rules
// (OnCommit, after the crisis list) in the order they were added, each
// once, and Close returns after the last.
func TestWriterPublishesInOrder(t *testing.T) {
	var got []string
	ix, err := OpenMem(Options{BatchSize: 3, Now: func() time.Time { return testNow },
		OnCommit: func(_ Origin, added []checker.Article) {
			for _, a := range added {
				got = append(got, a.ID)
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var want []string
	w := ix.NewWriter(OriginImport)
	for round := range 20 {
		var arts []checker.Article
		for i := range 5 {
			id := fmt.Sprint(round*5 + i)
			want = append(want, id)
			arts = append(arts, checker.Article{ID: id, Title: "Lindenfield council meets, item " + id,
				URL: "https://example.test/" + id, Published: time.Date(2026, 3, 1, 0, round, i, 0, time.UTC)})
		}
		if _, err := w.Add(context.Background(), arts); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("published %v\nwant %v", got, want)
	}
}
