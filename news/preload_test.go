package news

import (
	"context"
	"reflect"
	"testing"
	"time"
)

// TestPreload: an index opened with Preload reads its newest months in
// the background, newest first and within its budget, answers as one
// opened without it, and Close waits for the reader.
func TestPreload(t *testing.T) {
	dir := t.TempDir()
	ix := openDisk(t, dir)
	if _, err := ix.Add(context.Background(), synthetic(4000, 3)); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	now := func() time.Time { return SyntheticStart.Add(400 * 24 * time.Hour) }

	lazy, err := Open(dir, Options{ReadOnly: true, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	wantIDs, wantLatest, wantEvents := crisisState(t, lazy)
	onDisk := len(lazy.crises.onDisk)
	lazy.Close()
	if onDisk < 6 {
		t.Fatalf("the archive spans %d months", onDisk)
	}

	eager, err := Open(dir, Options{ReadOnly: true, Now: now, Preload: true})
	if err != nil {
		t.Fatal(err)
	}
	<-eager.preloadDone
	eager.mu.RLock()
	loaded := len(eager.crises.months)
	eager.mu.RUnlock()
	if loaded != onDisk {
		t.Errorf("preload read %d of %d months", loaded, onDisk)
	}
	ids, latest, events := crisisState(t, eager)
	if !reflect.DeepEqual(ids, wantIDs) || !latest.Equal(wantLatest) || !reflect.DeepEqual(events, wantEvents) {
		t.Error("an index preloaded answers differently")
	}
	if err := eager.Close(); err != nil {
		t.Fatal(err)
	}

	// Within a budget: the newest months only.
	small, err := Open(dir, Options{ReadOnly: true, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	defer small.Close()
	months := sortedMonths(small.crises.onDisk)
	newest := small.crises.onDisk[months[len(months)-1]].Articles
	small.preload(make(chan struct{}), newest)
	small.mu.RLock()
	got := sortedMonths(small.crises.months)
	small.mu.RUnlock()
	if !reflect.DeepEqual(got, months[len(months)-1:]) {
		t.Errorf("a budget of one month read %v of %v", got, months)
	}
	stop := make(chan struct{})
	close(stop)
	stopped, err := Open(dir, Options{ReadOnly: true, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	defer stopped.Close()
	stopped.preload(stop, 1<<30)
	if n := len(stopped.crises.months); n != 0 {
		t.Errorf("a stopped preload read %d months", n)
	}
}
