package news

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

var sample = []checker.Article{
	{ID: "a1", Title: "Gunman kills 12 at shopping centre in Lindenfield", Summary: "Police in Lindenfield, Vermont said the gunman was arrested.",
		URL: "https://example.test/1", Published: at("2026-03-01T10:00:00Z")},
	{ID: "a2", Title: "Acme Foods fined over contaminated formula recall", Summary: "Regulators fined Acme Foods.",
		URL: "https://example.test/2", Published: at("2026-03-01T12:00:00Z")},
	{ID: "a3", Title: "Lindenfield bakery wins regional prize", Summary: "The rye bread from a Lindenfield bakery took first place.",
		URL: "https://example.test/3", Published: at("2026-03-01T09:00:00Z")},
	{ID: "a4", Title: "Earthquake in Bangkok kills 40", Summary: "Buildings collapsed across Bangkok.",
		URL: "https://example.test/4", Published: at("2026-03-02T09:00:00Z")},
	{ID: "a5", Title: "Flom i Bergen: to døde etter uvær", Summary: "Politiet i Bergen sier to personer omkom i flommen.",
		URL: "https://example.test/5", Published: at("2026-03-02T10:00:00Z"), Language: "no"},
}

func memIndex(t testing.TB, arts []checker.Article) *Index {
	t.Helper()
	// The ingestion clock is pinned just after the newest article, never
	// the wall clock: test news dated in any year is taken as it is (not
	// clamped as "from the future"), on any day the test runs.
	ingested := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC) // after every test article added later
	for _, a := range arts {
		if t := a.Published.Add(time.Hour); t.After(ingested) {
			ingested = t
		}
	}
	ix, err := OpenMem(Options{Now: func() time.Time { return ingested }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Add(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	return ix
}

func ids(as []checker.Article) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}

func TestSearchWindowNeverSeesTheFuture(t *testing.T) {
	ix := memIndex(t, sample)
	ctx := context.Background()
	cases := []struct {
		name string
		q    checker.NewsQuery
		want string
	}{
		{"inside the window", checker.NewsQuery{At: at("2026-03-01T11:00:00Z"), Terms: []string{"Lindenfield"}}, "[a1]"},
		{"exactly at publication counts", checker.NewsQuery{At: at("2026-03-01T10:00:00Z"), Terms: []string{"Lindenfield"}}, "[a1]"},
		{"a minute before publication does not", checker.NewsQuery{At: at("2026-03-01T09:59:00Z"), Terms: []string{"Lindenfield"}}, "[]"},
		{"after the window", checker.NewsQuery{At: at("2026-03-05T10:00:01Z"), Window: 96 * time.Hour, Terms: []string{"Lindenfield"}}, "[]"},
		{"non-crisis news is not returned", checker.NewsQuery{At: at("2026-03-01T11:00:00Z"), Terms: []string{"bakery"}}, "[]"},
		{"AnyClass returns it", checker.NewsQuery{At: at("2026-03-01T11:00:00Z"), Terms: []string{"Lindenfield"}, AnyClass: true}, "[a1 a3]"},
		{"AnyClass never sees the future", checker.NewsQuery{At: at("2026-03-01T09:30:00Z"), Terms: []string{"Lindenfield"}, AnyClass: true}, "[a3]"},
		{"region filter", checker.NewsQuery{At: at("2026-03-02T12:00:00Z"), Regions: []string{"TH"}}, "[a4]"},
		{"region filter excludes others", checker.NewsQuery{At: at("2026-03-02T12:00:00Z"), Regions: []string{"NZ"}}, "[]"},
		{"class filter", checker.NewsQuery{At: at("2026-03-02T12:00:00Z"), Terms: []string{"Acme Foods"}, Classes: []checker.CrisisClass{checker.CrisisScandal}}, "[a2]"},
		{"class filter excludes", checker.NewsQuery{At: at("2026-03-02T12:00:00Z"), Terms: []string{"Acme Foods"}, Classes: []checker.CrisisClass{checker.CrisisShooting}}, "[]"},
		{"min severity", checker.NewsQuery{At: at("2026-03-02T12:00:00Z"), MinSeverity: 0.99, Regions: []string{"US"}}, "[]"},
		{"first name of a multi-word entity", checker.NewsQuery{At: at("2026-03-02T12:00:00Z"), Terms: []string{"acme"}}, "[a2]"},
		{"Norwegian place stays whole (no stemming)", checker.NewsQuery{At: at("2026-03-02T12:00:00Z"), Terms: []string{"Bergen"}}, "[a5]"},
		{"hashtag form of a term", checker.NewsQuery{At: at("2026-03-02T12:00:00Z"), Terms: []string{"#Bangkok"}}, "[a4]"},
	}
	for _, c := range cases {
		got, err := ix.Search(ctx, c.q)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range got {
			if a.Published.After(c.q.At) {
				t.Errorf("%s: %s published after the query time", c.name, a.ID)
			}
		}
		if s := fmt.Sprint(sortedIDs(got)); s != c.want {
			t.Errorf("%s: got %s, want %s", c.name, s, c.want)
		}
	}
}

func sortedIDs(as []checker.Article) []string {
	out := ids(as)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestDerivedFields(t *testing.T) {
	ix := memIndex(t, sample)
	got, err := ix.Search(context.Background(), checker.NewsQuery{At: at("2026-03-03T00:00:00Z"), Window: 7 * 24 * time.Hour, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]checker.Article{}
	for _, a := range got {
		by[a.ID] = a
	}
	if a := by["a1"]; a.Crisis != checker.CrisisShooting || a.Severity < 0.6 || !containsFold(a.Entities, "Lindenfield") || fmt.Sprint(a.Regions) != "[US]" {
		t.Errorf("a1 derived wrongly: %+v", a)
	}
	if a := by["a4"]; a.Crisis != checker.CrisisDisaster || fmt.Sprint(a.Regions) != "[TH]" {
		t.Errorf("a4 derived wrongly: %+v", a)
	}
	if a := by["a5"]; a.Crisis != checker.CrisisDisaster || fmt.Sprint(a.Regions) != "[NO]" || a.Language != "no" {
		t.Errorf("a5 (Norwegian) derived wrongly: %+v", a)
	}
	if a := by["a2"]; a.Crisis != checker.CrisisScandal {
		t.Errorf("a2 derived wrongly: %+v", a)
	}
	if _, ok := by["a3"]; ok {
		t.Errorf("a3 is not crisis news")
	}
}

func TestAddDedupesAndRejects(t *testing.T) {
	ix := memIndex(t, nil)
	ctx := context.Background()
	st, err := ix.Add(ctx, sample)
	if err != nil || st.Added != len(sample) {
		t.Fatalf("first add: %+v %v", st, err)
	}
	again := append([]checker.Article{}, sample...)
	again = append(again, checker.Article{ID: "other-id", Title: "Same URL, new id", URL: sample[0].URL, Published: sample[0].Published},
		checker.Article{ID: "no-title", URL: "https://example.test/x", Published: sample[0].Published},
		checker.Article{ID: "dup-in-batch", Title: "T", Published: sample[0].Published},
		checker.Article{ID: "dup-in-batch", Title: "T", Published: sample[0].Published})
	st, err = ix.Add(ctx, again)
	if err != nil {
		t.Fatal(err)
	}
	if st.Added != 1 || st.Duplicates != len(sample)+2 || st.Rejected != 1 {
		t.Errorf("second add: %+v", st)
	}
	if n, _ := ix.Count(); n != uint64(len(sample)+1) {
		t.Errorf("count %d", n)
	}
	if got := ix.Latest(); !got.Equal(at("2026-03-02T10:00:00Z")) {
		t.Errorf("latest %v", got)
	}
}

func TestPrune(t *testing.T) {
	ix := memIndex(t, nil)
	if _, err := ix.AddFrom(context.Background(), OriginPoll, sample); err != nil {
		t.Fatal(err)
	}
	n, err := ix.Prune(at("2026-03-01T11:00:00Z"))
	if err != nil || n != 2 {
		t.Fatalf("prune: %d %v", n, err)
	}
	got, _ := ix.Search(context.Background(), checker.NewsQuery{At: at("2026-03-01T11:00:00Z"), Terms: []string{"Lindenfield"}})
	if len(got) != 0 {
		t.Errorf("pruned article still found: %v", ids(got))
	}
	if c, _ := ix.Count(); c != uint64(len(sample)-2) {
		t.Errorf("count %d", c)
	}
}

func TestLookup(t *testing.T) {
	ix := memIndex(t, sample)
	ctx := context.Background()
	got, err := ix.Lookup(ctx, "Lindenfield", time.Time{}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if s := fmt.Sprint(sortedIDs(got)); s != "[a1 a3]" {
		t.Errorf("Lookup Lindenfield: %s", s)
	}
	got, _ = ix.Lookup(ctx, "earthquakes", time.Time{}, 5) // stemmed
	if s := fmt.Sprint(ids(got)); s != "[a4]" {
		t.Errorf("Lookup earthquakes: %s", s)
	}
	got, _ = ix.Lookup(ctx, "Lindenfield", at("2026-03-01T09:30:00Z"), 5)
	if s := fmt.Sprint(ids(got)); s != "[a3]" {
		t.Errorf("Lookup with at: %s", s)
	}
	got, _ = ix.Lookup(ctx, "flommen", time.Time{}, 5) // Norwegian stemming
	if s := fmt.Sprint(ids(got)); s != "[a5]" {
		t.Errorf("Lookup flommen: %s", s)
	}
}

func TestOnDiskReopen(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Add(context.Background(), sample); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	got, _ := ix.Search(context.Background(), checker.NewsQuery{At: at("2026-03-01T11:00:00Z"), Terms: []string{"Lindenfield"}})
	if s := fmt.Sprint(ids(got)); s != "[a1]" {
		t.Errorf("after reopen: %s", s)
	}
	if !ix.Latest().Equal(at("2026-03-02T10:00:00Z")) {
		t.Errorf("latest after reopen: %v", ix.Latest())
	}
	st, _ := ix.Add(context.Background(), sample)
	if st.Duplicates != len(sample) {
		t.Errorf("dedupe across reopen: %+v", st)
	}
}

// TestCrashMidIngest runs a child process that commits batches and then
// exits without closing the index (as a crash would); the parent reopens
// it and finds every committed batch.
func TestCrashMidIngest(t *testing.T) {
	if dir := os.Getenv("PREFLIGHT_CRASH_DIR"); dir != "" {
		ix, err := Open(dir, Options{BatchSize: 50})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		_, err = ix.Add(context.Background(), synthetic(500, 1))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		os.Exit(0) // no Close: the process dies with the index open
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashMidIngest$")
	cmd.Env = append(os.Environ(), "PREFLIGHT_CRASH_DIR="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("reopen after crash: %v", err)
	}
	defer ix.Close()
	n, err := ix.Count()
	if err != nil || n != 500 {
		t.Fatalf("after crash: %d articles, %v; want 500", n, err)
	}
	st, _ := ix.Add(context.Background(), synthetic(600, 1))
	if st.Added != 100 || st.Duplicates != 500 {
		t.Errorf("resume after crash: %+v", st)
	}
}

// TestConcurrentReadersAndWriter searches while a writer adds and prunes
// (run with -race).
func TestConcurrentReadersAndWriter(t *testing.T) {
	ix := memIndex(t, synthetic(2000, 1))
	ctx := context.Background()
	done := make(chan struct{})
	errs := make(chan error, 4)
	for r := 0; r < 3; r++ {
		go func() {
			for {
				select {
				case <-done:
					errs <- nil
					return
				default:
				}
				q := checker.NewsQuery{At: SyntheticStart.Add(100 * 24 * time.Hour), Window: 30 * 24 * time.Hour, Terms: []string{"Houston", "Acme Foods"}}
				if _, err := ix.Search(ctx, q); err != nil {
					errs <- err
					return
				}
				q.AnyClass = true
				if _, err := ix.Search(ctx, q); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	if _, err := ix.Add(ctx, synthetic(3000, 2)); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Prune(SyntheticStart.Add(10 * 24 * time.Hour)); err != nil {
		t.Fatal(err)
	}
	close(done)
	for r := 0; r < 3; r++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

// TestGenerationMovesOnCommit: every committed batch and every prune moves
// the index's generation, so an answer remembered under one never outlives
// a change.
func TestGenerationMovesOnCommit(t *testing.T) {
	ix := memIndex(t, nil)
	g0 := ix.Generation()
	old := checker.Article{ID: "g1", Title: "Old story", URL: "https://example.test/g1", Published: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}
	if _, err := ix.AddFrom(context.Background(), OriginPoll, []checker.Article{old}); err != nil {
		t.Fatal(err)
	}
	g1 := ix.Generation()
	if g1 <= g0 {
		t.Fatalf("generation %d after a commit, was %d", g1, g0)
	}
	if n, err := ix.Prune(time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil || n != 1 {
		t.Fatalf("prune: %d %v", n, err)
	}
	if g2 := ix.Generation(); g2 <= g1 {
		t.Errorf("generation %d after a prune, was %d", g2, g1)
	}
}

// TestReadOnly: an index opened read-only answers as one opened to write,
// while another read-only process holds it too, and refuses to change; one
// whose snapshot must be rebuilt is opened to write and rebuilt.
func TestReadOnly(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Add(context.Background(), sample); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ask := func(ix *Index) string {
		t.Helper()
		got, err := ix.Search(context.Background(), checker.NewsQuery{At: at("2026-03-02T11:00:00Z"), Window: 48 * time.Hour, Terms: []string{"Lindenfield", "Bangkok"}})
		if err != nil {
			t.Fatal(err)
		}
		evs, err := ix.Events(context.Background(), checker.EventQuery{At: at("2026-03-02T11:00:00Z")})
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(ids(got), len(evs), ix.Latest())
	}
	rw, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := ask(rw)
	rw.Close()
	a, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		a.Close()
		t.Fatalf("a second read-only open: %v", err)
	}
	if !a.readOnly || !b.readOnly {
		t.Error("not opened read-only")
	}
	for _, ix := range []*Index{a, b} {
		if got := ask(ix); got != want {
			t.Errorf("read-only: %s, want %s", got, want)
		}
	}
	if _, err := a.Add(context.Background(), []checker.Article{{ID: "x", Title: "New", URL: "https://example.test/x", Published: at("2026-03-03T10:00:00Z")}}); !errors.Is(err, errReadOnly) {
		t.Errorf("Add: %v, want errReadOnly", err)
	}
	if _, err := a.Prune(at("2027-01-01T00:00:00Z")); !errors.Is(err, errReadOnly) {
		t.Errorf("Prune: %v, want errReadOnly", err)
	}
	a.Close()
	b.Close()
	// A snapshot to rebuild: the index is opened to write.
	if err := os.Remove(dir + "/" + snapshotDir + "/" + manifestName); err != nil {
		t.Fatal(err)
	}
	c, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.readOnly {
		t.Error("opened read-only with a snapshot to rebuild")
	}
	if got := ask(c); got != want {
		t.Errorf("rebuilt: %s, want %s", got, want)
	}
	if _, err := os.Stat(dir + "/" + snapshotDir + "/" + manifestName); err != nil {
		t.Errorf("snapshot not rebuilt: %v", err)
	}
}
