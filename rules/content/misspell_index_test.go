package content

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/golangci/misspell"

	"github.com/preflight-dev/preflight/checker"
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

// TestSpellingAllowAndExtra: a team's allow list silences a typo of
// misspell's list, and its extra words are found, through the index.
func TestSpellingAllowAndExtra(t *testing.T) {
	for _, c := range []struct {
		o    LexiconOptions
		want int
	}{
		{LexiconOptions{}, 1},
		{LexiconOptions{Allow: []string{"Teh"}}, 0},
		{LexiconOptions{Extra: []Term{{Phrase: "shoppe", Suggest: "shop"}}}, 2},
		{LexiconOptions{Extra: []Term{{Phrase: "shoppe", Suggest: "shop"}}, Allow: []string{"shoppe"}}, 1},
	} {
		rs, err := Rules(Options{Spelling: c.o})
		if err != nil {
			t.Fatal(err)
		}
		e, err := checker.New(checker.Config{Rules: rs})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := e.Check(context.Background(), checker.Post{Text: "Teh new shoppe", ScheduledAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range rep.Findings {
			if f.Rule == "content.spelling" {
				n++
			}
		}
		if n != c.want {
			t.Errorf("%+v: %d misspellings, want %d", c.o, n, c.want)
		}
	}
}
