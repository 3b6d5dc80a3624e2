package news

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// crisisState is what the rules read of an index: the crisis list (with
// its event facts) and the freshest time.
func crisisState(t *testing.T, ix *Index) (ids []string, latest time.Time, events []checker.Event) {
	t.Helper()
	for _, e := range ix.crises.all {
		ids = append(ids, e.docID)
	}
	evs, err := ix.Events(context.Background(), checker.EventQuery{At: SyntheticStart.Add(200 * 24 * time.Hour), Window: 400 * 24 * time.Hour, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	return ids, ix.Latest(), evs
}

func openDisk(t *testing.T, dir string) *Index {
	t.Helper()
	ix, err := Open(dir, Options{Now: func() time.Time { return SyntheticStart.Add(400 * 24 * time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestSnapshotMatchesBleve proves that an index opened from its snapshot
// answers as one rebuilt from Bleve, after adds and a prune, and that a
// stale or damaged snapshot is rebuilt rather than trusted.
func TestSnapshotMatchesBleve(t *testing.T) {
	dir := t.TempDir()
	ix := openDisk(t, dir)
	ctx := context.Background()
	arts := synthetic(3000, 7)
	if _, err := ix.AddFrom(ctx, OriginPoll, arts[:2000]); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Add(ctx, arts[2000:]); err != nil {
		t.Fatal(err)
	}
	if n, err := ix.Prune(SyntheticStart.Add(30 * 24 * time.Hour)); err != nil || n == 0 {
		t.Fatalf("prune: %d %v", n, err)
	}
	liveIDs, liveLatest, _ := crisisState(t, ix)
	ix.Close()
	snap := filepath.Join(dir, snapshotFile)
	// What Open read from Bleve before there were snapshots is the
	// reference (event facts of a reopened index come from the stored
	// article, without its body, as they always have).
	if err := os.Rename(snap, snap+".kept"); err != nil {
		t.Fatal(err)
	}
	ix = openDisk(t, dir)
	wantIDs, wantLatest, wantEvents := crisisState(t, ix)
	ix.Close()
	if len(wantIDs) == 0 || len(wantEvents) == 0 {
		t.Fatalf("synthetic archive has %d crises, %d events", len(wantIDs), len(wantEvents))
	}
	if !reflect.DeepEqual(liveIDs, wantIDs) || !liveLatest.Equal(wantLatest) {
		t.Errorf("reopened index has %d crises, latest %v; live %d, %v", len(wantIDs), wantLatest, len(liveIDs), liveLatest)
	}
	if err := os.Rename(snap+".kept", snap); err != nil {
		t.Fatal(err)
	}

	check := func(name string) {
		t.Helper()
		ix := openDisk(t, dir)
		defer ix.Close()
		ids, latest, events := crisisState(t, ix)
		if !reflect.DeepEqual(ids, wantIDs) || !latest.Equal(wantLatest) || !reflect.DeepEqual(events, wantEvents) {
			t.Errorf("%s: %d crises, latest %v, %d events; want %d, %v, %d", name, len(ids), latest, len(events), len(wantIDs), wantLatest, len(wantEvents))
		}
	}
	check("from the snapshot")
	if err := os.Remove(snap); err != nil {
		t.Fatal(err)
	}
	check("rebuilt from Bleve")
	if _, err := os.Stat(snap); err != nil {
		t.Fatalf("no snapshot written by the rebuild: %v", err)
	}
	check("from the rebuilt snapshot")

	// A snapshot whose last commit is lost (a crash after Bleve's commit)
	// or whose count differs from Bleve's is rebuilt.
	b, err := os.ReadFile(snap)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSuffix(string(b), "\n"), "\n")
	os.WriteFile(snap, []byte(strings.Join(lines[:len(lines)-1], "")), 0o644)
	check("commit line lost")
	j := strings.LastIndex(string(b), `"docs":`) + len(`"docs":`)
	os.WriteFile(snap, []byte(string(b[:j])+"1"+string(b[j:])), 0o644)
	check("count differs")
	os.WriteFile(snap, []byte("preflight crisis snapshot v0\n"), 0o644)
	check("other version")
}

// TestOpenReadsTheSnapshot proves Open takes the crisis list from the
// snapshot when it is current, not from a search of Bleve: an article
// only the snapshot holds is in the list.
func TestOpenReadsTheSnapshot(t *testing.T) {
	dir := t.TempDir()
	ix := openDisk(t, dir)
	if _, err := ix.Add(context.Background(), synthetic(200, 3)); err != nil {
		t.Fatal(err)
	}
	n := len(ix.crises.all)
	ix.Close()
	snap := filepath.Join(dir, snapshotFile)
	b, err := os.ReadFile(snap)
	if err != nil {
		t.Fatal(err)
	}
	extra := `{"add":{"id":"only-in-snapshot","src":{"id":"x","title":"Flood","url":"https://example.test/x","published":"2025-06-01T00:00:00Z","crisis":"disaster"}}}` + "\n"
	i := strings.Index(string(b), "\n") + 1
	os.WriteFile(snap, []byte(string(b[:i])+extra+string(b[i:])), 0o644)
	ix = openDisk(t, dir)
	if got := len(ix.crises.all); got != n+1 || !ix.crises.ids["only-in-snapshot"] {
		t.Errorf("crisis list has %d entries (want %d with the snapshot's own)", got, n+1)
	}
	ix.Close()
	// The same snapshot counting one document more than Bleve is stale:
	// the list is rebuilt from Bleve, without the snapshot's own article.
	b, _ = os.ReadFile(snap)
	j := strings.LastIndex(string(b), `"docs":`) + len(`"docs":`)
	os.WriteFile(snap, []byte(string(b[:j])+"1"+string(b[j:])), 0o644)
	ix = openDisk(t, dir)
	defer ix.Close()
	if got := len(ix.crises.all); got != n || ix.crises.ids["only-in-snapshot"] {
		t.Errorf("stale snapshot trusted: %d entries, want %d from Bleve", got, n)
	}
}

// TestWarmFacts: an index opened from its snapshot leaves the event facts
// for first use; WarmFacts computes them all.
func TestWarmFacts(t *testing.T) {
	dir := t.TempDir()
	ix := openDisk(t, dir)
	if _, err := ix.Add(context.Background(), synthetic(2000, 5)); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix = openDisk(t, dir)
	defer ix.Close()
	lazy := func() (n int) {
		for _, e := range ix.crises.all {
			if e.facts == nil {
				n++
			}
		}
		return n
	}
	if lazy() == 0 {
		t.Fatal("no facts left for first use after open: the test proves nothing")
	}
	ix.WarmFacts(context.Background())
	if n := lazy(); n != 0 {
		t.Errorf("%d crisis articles without facts after WarmFacts", n)
	}
}
