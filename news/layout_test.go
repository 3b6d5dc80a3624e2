package news

import (
	"context"
	"fmt"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/preflight-dev/preflight/checker"
)

// legacyMapping is the mapping of indexes created before fPeriod: the
// publication time and the severity in Bleve's date and numeric fields.
func legacyMapping() mapping.IndexMapping {
	im := newMapping().(*mapping.IndexMappingImpl)
	for _, dm := range []*mapping.DocumentMapping{im.DefaultMapping, im.TypeMapping["en"], im.TypeMapping["no"]} {
		delete(dm.Properties, fPeriod)
		delete(dm.Properties, fPublished)
		delete(dm.Properties, fSeverity)
		pub := bleve.NewDateTimeFieldMapping()
		pub.Store, pub.IncludeInAll = false, false
		dm.AddFieldMappingsAt(fPublished, pub)
		sev := bleve.NewNumericFieldMapping()
		sev.Store, sev.IncludeInAll, sev.DocValues = false, false, false
		dm.AddFieldMappingsAt(fSeverity, sev)
	}
	return im
}

// memIndexWith is memIndex with the given mapping.
func memIndexWith(t testing.TB, m mapping.IndexMapping, arts []checker.Article) *Index {
	t.Helper()
	der, err := newDeriver()
	if err != nil {
		t.Fatal(err)
	}
	bi, err := bleve.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	ix := newIndex(bi, Options{Now: func() time.Time { return testNow }}, der)
	return fill(t, ix, arts)
}

var testNow = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)

// diskIndexWith is an index on disk (Bleve's scorch, as in production)
// created with the given mapping, then opened with Open.
func diskIndexWith(t testing.TB, m mapping.IndexMapping, arts []checker.Article) *Index {
	t.Helper()
	dir := t.TempDir()
	bi, err := bleve.New(filepath.Join(dir, "news.bleve"), m)
	if err != nil {
		t.Fatal(err)
	}
	if err := bi.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir, Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	return fill(t, ix, arts)
}

func fill(t testing.TB, ix *Index, arts []checker.Article) *Index {
	t.Helper()
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Add(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	return ix
}

// boundaryArticles are published around noon of 2026-03-01 and 72 hours
// before it, one second either side and exactly at each; the crisis ones
// (c-) and the others (n-) name Lindenfield.
func boundaryArticles() (noon time.Time, arts []checker.Article) {
	noon = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	add := func(id string, t time.Time) {
		title := "Lindenfield bakery wins regional prize"
		if id[0] == 'c' {
			title = "Flooding swamps Lindenfield; thousands evacuated"
		}
		arts = append(arts, checker.Article{ID: id, Title: title, Summary: "Reported from Lindenfield.", URL: "https://example.test/" + id,
			Published: t, Regions: []string{"US"}})
	}
	for _, k := range []string{"c", "n"} {
		add(k+"-before", noon.Add(-time.Second))
		add(k+"-at", noon)
		add(k+"-after", noon.Add(time.Second))
		add(k+"-window-start", noon.Add(-72*time.Hour))
		add(k+"-window-start+1s", noon.Add(-72*time.Hour+time.Second))
	}
	return noon, arts
}

// TestPublishedBoundary: as of a post's time, news published one second
// later never counts and news published one second earlier does, on
// every path a query can take (the crisis list, the mention cache, Bleve
// with and without names, Lookup), in the current layout and the legacy one.
func TestPublishedBoundary(t *testing.T) {
	noon, arts := boundaryArticles()
	ctx := context.Background()
	for _, layout := range []struct {
		name string
		m    mapping.IndexMapping
	}{{"current", newMapping()}, {"legacy", legacyMapping()}} {
		t.Run(layout.name, func(t *testing.T) {
			ix := memIndexWith(t, layout.m, arts)
			if ix.LegacyDates() != (layout.name == "legacy") {
				t.Fatalf("LegacyDates() = %v", ix.LegacyDates())
			}
			q := checker.NewsQuery{At: noon, Window: 72 * time.Hour, Terms: []string{"Lindenfield"}, Limit: 50}
			crisis, err := ix.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			q.AnyClass = true
			mentions, err := ix.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			named, err := ix.searchBleve(q)
			if err != nil {
				t.Fatal(err)
			}
			q.Terms = nil
			all, err := ix.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			looked, err := ix.Lookup(ctx, "Lindenfield", noon, 50)
			if err != nil {
				t.Fatal(err)
			}
			inWindow := []string{"-before", "-at", "-window-start+1s"}
			for _, c := range []struct {
				path string
				got  []checker.Article
				want []string
			}{
				{"crisis list", crisis, prefixed("c", inWindow)},
				{"mention cache", mentions, append(prefixed("c", inWindow), prefixed("n", inWindow)...)},
				{"Bleve with names", named, append(prefixed("c", inWindow), prefixed("n", inWindow)...)},
				{"Bleve without names", all, append(prefixed("c", inWindow), prefixed("n", inWindow)...)},
				{"Lookup", looked, append(prefixed("c", append(inWindow, "-window-start")), prefixed("n", append(inWindow, "-window-start"))...)},
			} {
				got := ids(c.got)
				slices.Sort(got)
				slices.Sort(c.want)
				if !slices.Equal(got, c.want) {
					t.Errorf("%s: got %v, want %v", c.path, got, c.want)
				}
			}
		})
	}
}

func prefixed(p string, xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = p + x
	}
	return out
}

// TestPublishedRangeMatchesDateField: over articles published at hour and
// day boundaries, a nanosecond either side of them, before 1970 and at
// random, every range of times finds exactly the articles Bleve's date
// field finds, and the rules' and Lookup's queries (with severities at and
// just below the articles') answer the same, in the same order, in both
// layouts.
func TestPublishedRangeMatchesDateField(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	names := []string{"Lindenfield", "Marrowby", "Tarnwick"}
	var arts []checker.Article
	var times []time.Time
	used := map[time.Time]bool{} // unique times: Bleve orders equal keys by chance
	for i := 0; len(arts) < 400; i++ {
		var p time.Time
		switch i % 4 {
		case 0: // an hour boundary, or a nanosecond or second either side
			p = base.Add(time.Duration(r.Intn(24*6)) * time.Hour).Add([]time.Duration{0, 1, -1, time.Second, -time.Second}[r.Intn(5)])
		case 1: // a day boundary
			p = base.Add(time.Duration(r.Intn(6)) * 24 * time.Hour).Add([]time.Duration{0, 1, -1, 2, -2}[r.Intn(5)])
		case 2:
			p = base.Add(time.Duration(r.Int63n(int64(6 * 24 * time.Hour))))
		default: // before 1970, either side of midnight
			p = time.Date(1969, 12, 31, 23, 0, 0, 0, time.UTC).Add(time.Duration(r.Int63n(int64(2 * time.Hour))))
		}
		if used[p] {
			continue
		}
		used[p] = true
		i := len(arts)
		title := fmt.Sprintf("%s council approves new library plan %d", names[i%3], i)
		if i%5 == 0 {
			title = fmt.Sprintf("Flooding swamps %s; %d evacuated", names[i%3], i)
		}
		arts = append(arts, checker.Article{ID: fmt.Sprint("a", i), Title: title, URL: fmt.Sprint("https://example.test/", i), Published: p})
		times = append(times, p)
	}
	legacy, current := diskIndexWith(t, legacyMapping(), arts), diskIndexWith(t, newMapping(), arts)
	if !legacy.LegacyDates() || current.LegacyDates() {
		t.Fatalf("layouts detected wrong: legacy %v, current %v", legacy.LegacyDates(), current.LegacyDates())
	}
	// Bounds: article times and a nanosecond or a second either side,
	// hour and day boundaries, open.
	bound := func() time.Time {
		switch r.Intn(5) {
		case 0:
			return time.Time{}
		case 1:
			return base.Add(time.Duration(r.Intn(24*6)) * time.Hour)
		default:
			return times[r.Intn(len(times))].Add([]time.Duration{0, 1, -1, time.Second, -time.Second}[r.Intn(5)])
		}
	}
	found := 0
	for range 200 {
		start, end := bound(), bound()
		if start.After(end) && !end.IsZero() {
			start, end = end, start
		}
		if start.IsZero() && end.IsZero() {
			end = base
		}
		inS, inE := r.Intn(2) == 0, r.Intn(2) == 0
		want := rangeIDs(t, legacy, start, end, inS, inE)
		got := rangeIDs(t, current, start, end, inS, inE)
		if !slices.Equal(got, want) {
			t.Fatalf("range %v %v (inclusive %v %v): got %v, want %v", start, end, inS, inE, got, want)
		}
		found += len(got)
	}
	if found == 0 {
		t.Fatal("no range found an article: the comparison proves nothing")
	}
	ctx := context.Background()
	// Severities: those the articles were given, and a hair below them.
	everything, err := legacy.Lookup(ctx, "", time.Time{}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	severities := []float64{0}
	for _, a := range everything {
		if a.Severity > 0 && !slices.Contains(severities, a.Severity) {
			severities = append(severities, a.Severity, math.Nextafter(a.Severity, 0))
		}
	}
	if len(severities) < 3 {
		t.Fatalf("severities %v: the articles need crisis news of some severity", severities)
	}
	for range 100 {
		at := bound()
		if at.IsZero() {
			at = base.Add(50 * time.Hour)
		}
		q := checker.NewsQuery{At: at, Window: []time.Duration{time.Hour, 72 * time.Hour, 24 * time.Hour * 90}[r.Intn(3)], Limit: 1 + r.Intn(8), AnyClass: true,
			MinSeverity: severities[r.Intn(len(severities))]}
		if r.Intn(2) == 0 {
			q.Terms = []string{names[r.Intn(3)]}
		}
		want, err := legacy.searchBleve(q)
		if err != nil {
			t.Fatal(err)
		}
		got, err := current.searchBleve(q)
		if err != nil {
			t.Fatal(err)
		}
		if !sameArticles(got, want) {
			t.Fatalf("%+v: got %v, want %v", q, ids(got), ids(want))
		}
		// Without words Lookup orders by time; with them by relevance
		// alone, which ties between articles of one title pattern, so
		// those are compared whole, as sets.
		want, err = legacy.Lookup(ctx, "", at, 10)
		if err != nil {
			t.Fatal(err)
		}
		got, err = current.Lookup(ctx, "", at, 10)
		if err != nil {
			t.Fatal(err)
		}
		if !sameArticles(got, want) {
			t.Fatalf("Lookup at %v: got %v, want %v", at, ids(got), ids(want))
		}
		text := names[r.Intn(3)]
		if want, err = legacy.Lookup(ctx, text, at, 1000); err != nil {
			t.Fatal(err)
		}
		if got, err = current.Lookup(ctx, text, at, 1000); err != nil {
			t.Fatal(err)
		}
		byID := func(as []checker.Article) []checker.Article {
			return slices.SortedFunc(slices.Values(as), func(a, b checker.Article) int { return strings.Compare(a.ID, b.ID) })
		}
		if !sameArticles(byID(got), byID(want)) {
			t.Fatalf("Lookup %q at %v: got %v, want %v", text, at, sortedIDs(got), sortedIDs(want))
		}
	}
}

// rangeIDs lists the articles publishedRange finds, by ID.
func rangeIDs(t *testing.T, ix *Index, start, end time.Time, inS, inE bool) []string {
	t.Helper()
	q, err := ix.publishedRange(start, end, inS, inE)
	if err != nil {
		t.Fatal(err)
	}
	req := bleve.NewSearchRequestOptions(q, 10000, 0, false)
	req.Fields = []string{fSource}
	req.Score = "none"
	res, err := ix.bleve.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range res.Hits {
		a, ok := articleFromHit(h.Fields)
		if !ok {
			t.Fatalf("hit %s has no stored article", h.ID)
		}
		out = append(out, a.ID)
	}
	slices.Sort(out)
	return out
}

func sameArticles(a, b []checker.Article) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Score != b[i].Score {
			return false
		}
	}
	return true
}

// TestCoverNanos: a range is asked with at most two exact-key ranges, each
// inside one hour, and at most three coarse ones, however long it is.
func TestCoverNanos(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	for range 2000 {
		lo := r.Int63n(1<<62) - 1<<61
		hi := lo + r.Int63n([]int64{int64(time.Hour), int64(30 * 24 * time.Hour), 1 << 62}[r.Intn(3)])
		if r.Intn(10) == 0 {
			lo = math.MinInt64
		}
		if r.Intn(10) == 0 {
			hi = math.MaxInt64
		}
		exact, coarse := 0, 0
		for _, p := range coverNanos(lo, hi) {
			tr, ok := p.(*query.TermRangeQuery)
			if !ok || tr.FieldVal != fPublished {
				coarse++
				continue
			}
			exact++
			a, b := keyNanos(t, tr.Min), keyNanos(t, tr.Max)
			if floorDiv(a, hourNanos) != floorDiv(b, hourNanos) || a < lo || b > hi {
				t.Fatalf("cover of %d..%d: exact range %d..%d is not inside one hour of the range", lo, hi, a, b)
			}
		}
		if exact > 2 || coarse > 3 || exact+coarse == 0 {
			t.Fatalf("cover of %d..%d: %d exact and %d coarse ranges", lo, hi, exact, coarse)
		}
	}
}

func keyNanos(t *testing.T, key string) int64 {
	t.Helper()
	var u uint64
	if _, err := fmt.Sscanf(key, "%016x", &u); err != nil {
		t.Fatalf("key %q: %v", key, err)
	}
	return int64(u ^ 1<<63)
}

// TestLegacyIndexOpens: an index written by the Preflight before fPeriod
// (testdata/legacy-index, imported from its articles.jsonl) opens, is seen
// as legacy, answers as of a post's time, takes new articles in its own
// layout, prunes, and is still legacy when opened again.
func TestLegacyIndexOpens(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "news.bleve"), os.DirFS(filepath.Join("testdata", "legacy-index", "news.bleve"))); err != nil {
		t.Fatal(err)
	}
	noon := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	now := func() time.Time { return noon.Add(time.Hour) }
	ix, err := Open(dir, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	check := func(stage string, ix *Index, want, wantAny string) {
		t.Helper()
		if !ix.LegacyDates() {
			t.Fatalf("%s: the index is not seen as legacy", stage)
		}
		got, err := ix.Search(ctx, checker.NewsQuery{At: noon, Terms: []string{"Lindenfield"}})
		if err != nil {
			t.Fatal(err)
		}
		if g := fmt.Sprint(sortedIDs(got)); g != want {
			t.Errorf("%s: crisis search %s, want %s", stage, g, want)
		}
		got, err = ix.Search(ctx, checker.NewsQuery{At: noon, Regions: []string{"US"}, AnyClass: true, Limit: 20})
		if err != nil {
			t.Fatal(err)
		}
		if g := fmt.Sprint(sortedIDs(got)); g != wantAny {
			t.Errorf("%s: search of every article %s, want %s", stage, g, wantAny)
		}
	}
	check("opened", ix, "[l1]", "[l1 l3]")
	added := checker.Article{ID: "p1", Title: "Lindenfield storm: two dead as river bursts its banks", URL: "https://example.test/p1",
		Published: noon, Regions: []string{"US"}}
	old := checker.Article{ID: "p0", Title: "Lindenfield fair opens", URL: "https://example.test/p0",
		Published: noon.Add(-48 * time.Hour), Regions: []string{"US"}}
	if st, err := ix.AddFrom(ctx, OriginPoll, []checker.Article{added, old}); err != nil || st.Added != 2 {
		t.Fatalf("add: %+v %v", st, err)
	}
	check("after adding", ix, "[l1 p1]", "[l1 l3 p0 p1]")
	if n, err := ix.Prune(noon.Add(-time.Hour)); err != nil || n != 1 {
		t.Fatalf("prune: %d %v, want 1 (p0)", n, err)
	}
	check("after pruning", ix, "[l1 p1]", "[l1 l3 p1]")
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	check("reopened", ix, "[l1 p1]", "[l1 l3 p1]")
	if got := ix.Latest(); !got.Equal(noon.Add(time.Second)) {
		t.Errorf("Latest() = %v, want l2's %v", got, noon.Add(time.Second))
	}
}

// TestKeysKeepOrder: severity and time keys compare as the values do.
func TestKeysKeepOrder(t *testing.T) {
	r := rand.New(rand.NewSource(9))
	fs := []float64{math.Inf(-1), -1, -0.5, 0, 0.25, 0.5, 1, math.Inf(1)}
	for range 200 {
		fs = append(fs, r.NormFloat64()*1e3)
	}
	for _, a := range fs {
		for _, b := range fs {
			if (a < b) != (severityKey(a) < severityKey(b)) {
				t.Fatalf("severity %v < %v but keys %s, %s", a, b, severityKey(a), severityKey(b))
			}
		}
	}
	ns := []int64{math.MinInt64, -1, 0, 1, math.MaxInt64}
	for range 200 {
		ns = append(ns, r.Int63()-r.Int63())
	}
	for _, a := range ns {
		for _, b := range ns {
			if (a < b) != (nanosKey(a) < nanosKey(b)) {
				t.Fatalf("time %d < %d but keys %s, %s", a, b, nanosKey(a), nanosKey(b))
			}
		}
	}
}
