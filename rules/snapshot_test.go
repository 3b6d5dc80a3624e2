package rules

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/datasnap"
)

var update = flag.Bool("update", false, "rewrite internal/datasnap/snapshot.bin")

// TestDataSnapshot checks that the generated snapshot of the built-in data
// files (datasnap) holds every file building the rules decodes, decoded
// exactly as parsing the YAML decodes it; with -update (go generate
// ./rules/internal/datasnap) it rewrites a stale snapshot.
func TestDataSnapshot(t *testing.T) {
	rec := datasnap.Record()
	rs, err := All(Options{})
	if err == nil {
		err = checker.LoadRules(rs) // what the rules read on first use too
	}
	files := rec.Stop()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("building the rules decoded no data file")
	}
	snap := datasnap.Embedded()
	var stale []string
	for _, key := range slices.Sorted(func(yield func(string) bool) {
		for k := range files {
			if !yield(k) {
				return
			}
		}
	}) {
		f := files[key]
		want, err := f.Parse()
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		got, ok, err := f.FromSnapshot(snap)
		switch {
		case !ok:
			stale = append(stale, "missing "+key)
		case err != nil:
			stale = append(stale, "undecodable "+key+": "+err.Error())
		case !datasnap.Equal(got, want):
			stale = append(stale, "different "+key)
		}
	}
	for key := range snap {
		if _, ok := files[key]; !ok {
			stale = append(stale, "unused "+key)
		}
	}
	if len(stale) == 0 {
		return
	}
	if !*update {
		for _, s := range stale {
			t.Error(s)
		}
		t.Fatal("the data snapshot is stale: run go generate ./rules/internal/datasnap")
	}
	fresh, err := datasnap.Build(files)
	if err != nil {
		t.Fatal(err)
	}
	b, err := fresh.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("internal", "datasnap", "snapshot.bin"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("rewrote the data snapshot: %d files, %d bytes", len(fresh), len(b))
}

// BenchmarkDecodeBuiltin decodes every built-in data file the rules read
// (those building them and those read on first use) from the embedded
// snapshot: what a process pays for its data files before compiling them.
func BenchmarkDecodeBuiltin(b *testing.B) {
	rec := datasnap.Record()
	rs, err := All(Options{})
	if err == nil {
		err = checker.LoadRules(rs)
	}
	files := rec.Stop()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			if err := datasnap.Decode(f.Data, reflect.New(f.Type.Elem()).Interface()); err != nil {
				b.Fatal(err)
			}
		}
	}
}
