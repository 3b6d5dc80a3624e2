package content

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/golangci/misspell"
)

// updating reports whether the test run rewrites generated files: the
// -update flag internal/ruletest declares for goldens.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// TestMisspellIndex checks that data/misspell.idx is the table for the
// misspell version built in and finds every typo's correction (and no
// correct word); with -update (go generate ./rules/content) it rewrites
// the table.
func TestMisspellIndex(t *testing.T) {
	want := buildMisspellIndex()
	if string(want) != misspellIdx {
		if !updating() {
			t.Fatal("data/misspell.idx is stale: run go generate ./rules/content")
		}
		if err := os.WriteFile(filepath.Join("data", "misspell.idx"), want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	x, ok := openMisspellIndex(string(want))
	if !ok {
		t.Fatal("the built table does not open")
	}
	for i := 0; i+1 < len(misspell.DictMain); i += 2 {
		if fix, ok := x.fix(misspell.DictMain[i]); !ok || fix != misspell.DictMain[i+1] {
			t.Fatalf("%q: %q %v, want %q", misspell.DictMain[i], fix, ok, misspell.DictMain[i+1])
		}
	}
	for _, w := range []string{"the", "receive", "", "definitely"} {
		if fix, ok := x.fix(w); ok {
			t.Errorf("%q is taken for a typo of %q", w, fix)
		}
	}
	if _, ok := openMisspellIndex(misspellMagic + "\x01\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"); ok {
		t.Error("a table for another misspell opened")
	}
}
