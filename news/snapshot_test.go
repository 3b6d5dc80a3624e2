package news

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// far is later than any synthetic article.
var far = SyntheticStart.Add(100 * 365 * 24 * time.Hour)

// crisisIDs are the crisis articles of every month, in publication order,
// read as a query reads them.
func crisisIDs(t *testing.T, ix *Index) []string {
	t.Helper()
	release, err := ix.holdWindow(time.Time{}, far)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var ids []string
	for _, e := range ix.crises.window("", time.Time{}, far) {
		ids = append(ids, e.docID)
	}
	return ids
}

// crisisState is what the rules read of an index: the crisis list, the
// events of a long window and of weeks of it, and the freshest time.
func crisisState(t *testing.T, ix *Index) (ids []string, latest time.Time, events []checker.Event) {
	t.Helper()
	ids = crisisIDs(t, ix)
	ctx := context.Background()
	evs, err := ix.Events(ctx, checker.EventQuery{At: SyntheticStart.Add(200 * 24 * time.Hour), Window: 400 * 24 * time.Hour, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	for d := 3; d < 400; d += 37 {
		week, err := ix.Events(ctx, checker.EventQuery{At: SyntheticStart.Add(time.Duration(d) * 24 * time.Hour), Window: 7 * 24 * time.Hour, Limit: 12})
		if err != nil {
			t.Fatal(err)
		}
		evs = append(evs, week...)
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

// withBodies gives some crisis articles a short summary and a body that
// names a place: the event facts read at ingestion then differ from what
// the index stores.
func withBodies(arts []checker.Article) []checker.Article {
	for i := range arts {
		if i%7 == 0 {
			arts[i].Title = "Flooding swamps the valley; thousands evacuated"
			arts[i].Summary = "Rivers burst their banks."
			arts[i].Body = "Record rain flooded parts of Tampa overnight, killing 6. Rescuers searched homes near the river."
		}
	}
	return arts
}

// TestSnapshotMatchesBleve proves that an index opened from its snapshot
// answers as one rebuilt from Bleve, after adds (some with bodies) and a
// prune, and that a stale, old or damaged snapshot is rebuilt or read
// around rather than trusted.
func TestSnapshotMatchesBleve(t *testing.T) {
	dir := t.TempDir()
	ix := openDisk(t, dir)
	ctx := context.Background()
	arts := withBodies(synthetic(3000, 7))
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
	snap := filepath.Join(dir, snapshotDir)
	// What Open reads from Bleve (the stored articles, without their
	// bodies) is the reference.
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
	os.RemoveAll(snap)
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
	check("from the snapshot kept while adding and pruning")
	if err := os.RemoveAll(snap); err != nil {
		t.Fatal(err)
	}
	check("rebuilt from Bleve")
	manifest := filepath.Join(snap, manifestName)
	if _, err := os.Stat(manifest); err != nil {
		t.Fatalf("no snapshot written by the rebuild: %v", err)
	}
	check("from the rebuilt snapshot")

	// A manifest whose count differs from Bleve's (a crash after Bleve's
	// commit), of another version or of other event facts is rebuilt.
	edit := func(old, new string) {
		t.Helper()
		b, err := os.ReadFile(manifest)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("manifest has no %q: %s", old, b)
		}
		os.WriteFile(manifest, []byte(strings.Replace(string(b), old, new, 1)), 0o644)
	}
	edit(`"docs":`, `"docs":1`)
	check("count differs")
	edit(snapshotVersion, "preflight crisis snapshot v0")
	check("other version")
	edit(`"facts":"`, `"facts":"x`)
	check("other event facts")
	os.Remove(manifest)
	check("no manifest")

	// A month file damaged after Open is read from Bleve.
	months, _ := filepath.Glob(filepath.Join(snap, "*.crises"))
	if len(months) < 3 {
		t.Fatalf("%d month files", len(months))
	}
	for _, m := range months[:2] {
		b, _ := os.ReadFile(m)
		b[len(b)-3] ^= 0x55
		os.WriteFile(m, b, 0o644)
	}
	check("months damaged")
}

// TestOldSnapshotRebuilt: the crisis log of version 1 (news.crises) is
// removed and the snapshot rebuilt from Bleve.
func TestOldSnapshotRebuilt(t *testing.T) {
	dir := t.TempDir()
	ix := openDisk(t, dir)
	if _, err := ix.Add(context.Background(), synthetic(500, 3)); err != nil {
		t.Fatal(err)
	}
	want := crisisIDs(t, ix)
	ix.Close()
	os.RemoveAll(filepath.Join(dir, snapshotDir))
	v1 := filepath.Join(dir, snapshotV1File)
	os.WriteFile(v1, []byte("preflight crisis snapshot v1\n"+`{"commit":{"docs":500,"latest":"2025-12-31T00:00:00Z"}}`+"\n"), 0o644)
	ix = openDisk(t, dir)
	defer ix.Close()
	if got := crisisIDs(t, ix); len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("%d crises after the old snapshot, want %d", len(got), len(want))
	}
	if _, err := os.Stat(v1); !os.IsNotExist(err) {
		t.Errorf("old snapshot left: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, snapshotDir, manifestName)); err != nil {
		t.Errorf("no new snapshot: %v", err)
	}
}

// TestOpenReadsOnlyTheWindow proves Open reads no crisis article, and a
// query reads the months its window reaches and no other: the cost of
// opening and of a first check does not grow with the archive.
func TestOpenReadsOnlyTheWindow(t *testing.T) {
	dir := t.TempDir()
	ix := openDisk(t, dir)
	if _, err := ix.Add(context.Background(), synthetic(4000, 3)); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix = openDisk(t, dir)
	defer ix.Close()
	inMemory := func() []string {
		ix.mu.RLock()
		defer ix.mu.RUnlock()
		var out []string
		for _, k := range sortedMonths(ix.crises.months) {
			out = append(out, k.String())
		}
		return out
	}
	if got := inMemory(); len(got) != 0 {
		t.Fatalf("open read months %v", got)
	}
	at := time.Date(2025, 6, 3, 12, 0, 0, 0, time.UTC)
	if _, err := ix.Events(context.Background(), checker.EventQuery{At: at, Window: 7 * 24 * time.Hour}); err != nil {
		t.Fatal(err)
	}
	if got := inMemory(); !reflect.DeepEqual(got, []string{"2025-05", "2025-06"}) {
		t.Errorf("a week to %v read months %v", at, got)
	}
	if _, err := ix.Search(context.Background(), checker.NewsQuery{At: at.Add(30 * 24 * time.Hour), Window: 72 * time.Hour}); err != nil {
		t.Fatal(err)
	}
	if got := inMemory(); !reflect.DeepEqual(got, []string{"2025-05", "2025-06", "2025-07"}) {
		t.Errorf("then three days in July: months %v", got)
	}
}

// TestMonthsEvicted: with a cap on the articles in memory, the months used
// longest ago leave it, and queries answer as before.
func TestMonthsEvicted(t *testing.T) {
	dir := t.TempDir()
	ix := openDisk(t, dir)
	if _, err := ix.Add(context.Background(), synthetic(6000, 5)); err != nil {
		t.Fatal(err)
	}
	want := map[int][]checker.Event{}
	ask := func(d int) []checker.Event {
		evs, err := ix.Events(context.Background(), checker.EventQuery{At: SyntheticStart.Add(time.Duration(d) * 24 * time.Hour), Window: 7 * 24 * time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		return evs
	}
	for d := 5; d < 365; d += 20 {
		want[d] = ask(d)
	}
	ix.Close()
	ix = openDisk(t, dir)
	defer ix.Close()
	ix.crises.maxLoaded = 40 // about two months of crisis articles
	for round := 0; round < 2; round++ {
		for d := 5; d < 365; d += 20 {
			if got := ask(d); !reflect.DeepEqual(got, want[d]) {
				t.Errorf("day %d: events differ after eviction", d)
			}
			ix.mu.RLock()
			n, loaded := len(ix.crises.months), ix.crises.loaded
			ix.mu.RUnlock()
			if n > 3 || loaded != ix.crises.count() {
				t.Errorf("day %d: %d months in memory (%d articles counted, %d held)", d, n, loaded, ix.crises.count())
			}
		}
	}
}

// TestEventsSameWhateverTheArchive: the events a post sees are the same
// whether the index holds a week of news or a year, whether it learnt the
// news day by day (live) or all at once (a backtest), and whether it was
// reopened from its snapshot; news after the post never counts.
func TestEventsSameWhateverTheArchive(t *testing.T) {
	ctx := context.Background()
	year := synthetic(3000, 11)
	at := SyntheticStart.Add(180 * 24 * time.Hour)
	var week []checker.Article
	for _, a := range year {
		if a.Published.After(at.Add(-8*24*time.Hour)) && a.Published.Before(at.Add(3*24*time.Hour)) {
			week = append(week, a)
		}
	}
	q := checker.EventQuery{At: at, Window: 7 * 24 * time.Hour, MinSeverity: 0.3, Limit: 20}
	events := func(ix *Index) []checker.Event {
		evs, err := ix.Events(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return evs
	}
	// The backtest: the whole year at once, reopened.
	dir := t.TempDir()
	ix := openDisk(t, dir)
	if _, err := ix.Add(ctx, year); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix = openDisk(t, dir)
	want := events(ix)
	ix.Close()
	if len(want) == 0 {
		t.Fatal("no events: the test proves nothing")
	}
	// A week only.
	dir = t.TempDir()
	ix = openDisk(t, dir)
	if _, err := ix.Add(ctx, week); err != nil {
		t.Fatal(err)
	}
	if got := events(ix); !reflect.DeepEqual(got, want) {
		t.Errorf("a week's archive: %d events, want %d", len(got), len(want))
	}
	ix.Close()
	// Live: three days at a time, queried as it learns, and reopened.
	dir = t.TempDir()
	ix = openDisk(t, dir)
	const step = 3 * 24 * time.Hour
	for day := at.Add(-60 * step); day.Before(SyntheticStart.Add(366 * 24 * time.Hour)); day = day.Add(step) {
		var batch []checker.Article
		for _, a := range year {
			if !a.Published.Before(day) && a.Published.Before(day.Add(step)) || day.Equal(at.Add(-60*step)) && a.Published.Before(day) {
				batch = append(batch, a)
			}
		}
		if _, err := ix.Add(ctx, batch); err != nil {
			t.Fatal(err)
		}
		if !day.After(at) && day.Add(step).After(at) {
			if got := events(ix); !reflect.DeepEqual(got, want) {
				t.Errorf("live, on the day: %d events, want %d", len(got), len(want))
			}
		}
	}
	ix.Close()
	ix = openDisk(t, dir)
	defer ix.Close()
	if got := events(ix); !reflect.DeepEqual(got, want) {
		t.Errorf("live, reopened: %d events, want %d", len(got), len(want))
	}
}

// TestSnapshotRecordRoundTrip: every field of an article a crisis entry
// keeps survives the snapshot; a field added to checker.Article and not
// to the snapshot fails here.
func TestSnapshotRecordRoundTrip(t *testing.T) {
	ix, err := OpenMem(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var a checker.Article
	v := reflect.ValueOf(&a).Elem()
	skipped := map[string]bool{"Summary": true, "Body": true, "Score": true}
	for i := 0; i < v.NumField(); i++ {
		f, name := v.Field(i), v.Type().Field(i).Name
		if skipped[name] {
			continue
		}
		switch f.Interface().(type) {
		case string, checker.CrisisClass:
			f.SetString(fmt.Sprintf("%s value", name))
		case []string:
			f.Set(reflect.ValueOf([]string{name + " one", name + " two"}))
		case float64:
			f.SetFloat(0.625)
		case time.Time:
			f.Set(reflect.ValueOf(time.Date(2025, 3, 4, 5, 6, 7, 8, time.FixedZone("", 3600))))
		default:
			t.Fatalf("Article.%s: a field of a type the snapshot does not know", name)
		}
	}
	a.Crisis = checker.CrisisDisaster
	a.Summary = "Record rain flooded parts of Tampa overnight, killing 6."
	e := newCrisisEntry(ix.der, a, "doc", []checker.CrisisClass{checker.CrisisDisaster, checker.CrisisDeath})
	var w recordWriter
	w.entry(ix.der, &e, e.facts)
	r := recordReader{s: string(w.buf)}
	got, err := r.entry(ix.der)
	if err != nil {
		t.Fatal(err)
	}
	e.readBody = false
	for i, p := range e.facts.places {
		e.facts.places[i] = placeHit{name: p.name, kind: p.kind, population: p.population} // all events read of a place
	}
	if !reflect.DeepEqual(got, e) {
		t.Errorf("round trip:\n got %+v\nwant %+v\n facts %+v\nwant %+v", got, e, got.facts, e.facts)
	}
	for n := range w.buf {
		r := recordReader{s: string(w.buf[:n])}
		if _, err := r.entry(ix.der); err == nil {
			t.Fatalf("a record cut at %d bytes decodes", n)
		}
	}
}

// TestWarmFacts: WarmFacts reads the months of the last five weeks before
// the freshest article, with their event facts, and no other.
func TestWarmFacts(t *testing.T) {
	dir := t.TempDir()
	ix := openDisk(t, dir)
	if _, err := ix.Add(context.Background(), synthetic(2000, 5)); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix = openDisk(t, dir)
	defer ix.Close()
	ix.WarmFacts(context.Background())
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var months []string
	for _, k := range sortedMonths(ix.crises.months) {
		months = append(months, k.String())
		for _, e := range ix.crises.months[k].all {
			if e.facts == nil {
				t.Errorf("%s: %s has no facts", k, e.docID)
			}
		}
	}
	if want := []string{"2025-11", "2025-12"}; !reflect.DeepEqual(months, want) {
		t.Errorf("months %v in memory after WarmFacts, want %v", months, want)
	}
}

// TestFactsFingerprintStable: the fingerprint does not depend on what a
// process met before (the order keys were interned in), or every Open
// would rebuild the snapshot.
func TestFactsFingerprintStable(t *testing.T) {
	a, err := newDeriver()
	if err != nil {
		t.Fatal(err)
	}
	b, err := newDeriver()
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 50; i++ {
		b.intern(map[string]bool{fmt.Sprintf("p:town %d", i): true, "n:houston": true, "p:houston": true, "k:shooting:US": true})
	}
	if fa, fb := a.factsFingerprintOf(), b.factsFingerprintOf(); fa != fb {
		t.Errorf("fingerprints %s and %s", fa, fb)
	}
}

// TestFactsFingerprint: the fingerprint an index opens with is the one this
// build's reading of event facts makes. When it fails, event facts are
// read differently now: set factsFingerprint to the value it gives, so
// that snapshots written before are rebuilt.
func TestFactsFingerprint(t *testing.T) {
	d, err := newDeriver()
	if err != nil {
		t.Fatal(err)
	}
	if got := d.factsFingerprintOf(); got != factsFingerprint {
		t.Errorf("event facts are read as %q now, factsFingerprint says %q: set it to %q", got, factsFingerprint, got)
	}
}

// sortedMonths lists the months of a map in order.
func sortedMonths[V any](m map[monthKey]V) []monthKey {
	out := make([]monthKey, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// count is the number of crisis articles in memory.
func (l *crisisList) count() int {
	n := 0
	for _, m := range l.months {
		n += len(m.all)
	}
	return n
}
