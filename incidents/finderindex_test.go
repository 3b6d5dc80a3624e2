package incidents

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/golden"
)

// TestPrecedentIndex checks that precedents.json is what the data files
// make today; -update (go generate ./incidents) rewrites it.
func TestPrecedentIndex(t *testing.T) {
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	digest, err := dataDigest(dataFS, "data")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(buildPrecedentIndex(l, digest), "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "precedents.json", string(b)+"\n")
}

// precedentQueries are queries of every kind a finding makes, for each
// incident of l: its mechanism's rules with its own words, its category
// alone, and its class with another incident's words.
func precedentQueries(l *Library) []Query {
	var qs []Query
	for i, in := range l.Incidents {
		m, _ := l.Mechanism(in.Mechanism)
		other := l.Incidents[(i+7)%len(l.Incidents)]
		for _, r := range m.Rules {
			qs = append(qs, Query{Rule: r, Category: m.Categories[0], Words: []string{in.Text, in.Wrong}})
			qs = append(qs, Query{Rule: r, Class: in.Class, Words: []string{other.Text}})
		}
		qs = append(qs, Query{Category: m.Categories[0], Words: []string{in.Event}})
		qs = append(qs, Query{Mechanism: in.Mechanism, Class: other.Class, Words: []string{other.Collided}})
	}
	return qs
}

// samePrecedents fails when two finders cite differently for any query.
func samePrecedents(t *testing.T, want, got *Finder, qs []Query) {
	t.Helper()
	for _, q := range qs {
		pw, okw := want.Find(q)
		pg, okg := got.Find(q)
		if okw != okg || pw.Citation != pg.Citation || pw.URL != pg.URL || pw.Score != pg.Score ||
			okw && (pw.Evidence() != pg.Evidence() || pw.Incident.ID != pg.Incident.ID || pw.Mechanism.ID != pg.Mechanism.ID) {
			t.Fatalf("query %+v: index finder cites %q (%v, %v), the library's %q (%v, %v)", q, pg.Citation, pg.Score, okg, pw.Citation, pw.Score, okw)
		}
	}
}

// TestDefaultFinderCitesAsTheLibrary: the finder read from the index
// chooses and cites every precedent as one built from the YAML.
func TestDefaultFinderCitesAsTheLibrary(t *testing.T) {
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	fromIndex, err := DefaultFinder()
	if err != nil {
		t.Fatal(err)
	}
	if len(fromIndex.lib.Incidents) > 0 && fromIndex.lib.Incidents[0].Text != "" {
		t.Fatal("DefaultFinder read the YAML: precedents.json is stale (go generate ./incidents)")
	}
	qs := precedentQueries(l)
	if len(qs) < 300 {
		t.Fatalf("only %d queries", len(qs))
	}
	samePrecedents(t, NewFinder(l), fromIndex, qs)
	var in Incident
	for _, x := range l.Incidents {
		if x.Mechanism == "names-place" {
			in = x
			break
		}
	}
	rep := checker.Report{Findings: []checker.Finding{{Rule: "news.tragedy_overlap", Category: checker.CategoryNews,
		Severity: checker.SeverityHigh, Match: in.Text, Message: in.Wrong}}}
	NewDefaultLazyFinder().Annotate(&rep)
	if ev := rep.Findings[0].Evidence; len(ev) != 1 || ev[0].Type != EvidencePrecedent {
		t.Fatalf("lazy default finder: evidence %+v", ev)
	}
}

// TestStalePrecedentIndexReadsTheData: once a data file changes, the index
// made before is not used; the finder reads the files.
func TestStalePrecedentIndexReadsTheData(t *testing.T) {
	fsys := fstest.MapFS{}
	names, err := fs.Glob(dataFS, "data/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := fs.ReadFile(dataFS, n)
		if err != nil {
			t.Fatal(err)
		}
		fsys[n] = &fstest.MapFile{Data: b}
	}
	// An edit: a citation's brand is renamed everywhere in one family.
	f := fsys["data/campaigns.yaml"]
	edited := strings.ReplaceAll(string(f.Data), "brand: ", "brand: Renamed ")
	if edited == string(f.Data) {
		t.Fatal("the edit changed nothing")
	}
	fsys["data/campaigns.yaml"] = &fstest.MapFile{Data: []byte(edited)}
	l, err := Load(fsys, "data")
	if err != nil {
		t.Fatal(err)
	}
	got, err := loadFinder(precedentIndexJSON, fsys, "data")
	if err != nil {
		t.Fatal(err)
	}
	samePrecedents(t, NewFinder(l), got, precedentQueries(l))
	renamed := false
	for _, in := range got.lib.Incidents {
		renamed = renamed || strings.HasPrefix(in.Brand, "Renamed ")
	}
	if !renamed {
		t.Fatal("the stale index was used")
	}
}

// BenchmarkDefaultFinder is the cost of the first precedent a process
// cites: the library read from its generated index (-bench
// DefaultFinder), against decoding the YAML (-bench FinderFromYAML).
func BenchmarkDefaultFinder(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := DefaultFinder(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFinderFromYAML builds the Finder from the YAML, as before the
// index.
func BenchmarkFinderFromYAML(b *testing.B) {
	for i := 0; i < b.N; i++ {
		l, err := Default()
		if err != nil {
			b.Fatal(err)
		}
		NewFinder(l)
	}
}
