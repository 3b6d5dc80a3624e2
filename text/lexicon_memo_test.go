package text

import (
	"fmt"
	"sync"
	"testing"
)

// A Doc asked by many lexicons (one compiled per story or event) keeps the
// answers of a bounded number, and every lexicon still gets its own
// answer, memoised or not.
func TestFindMemoBounded(t *testing.T) {
	d := Analyse("a flood closed the bridge at word7 and word900", "en")
	const n = 3 * maxMemoLexicons
	lexes := make([]*Lexicon, n)
	for i := range lexes {
		lexes[i] = MustLexicon(Phrases(fmt.Sprintf("word%d", i)))
	}
	for round := range 2 {
		for i, l := range lexes {
			got := len(l.Find(d))
			want := 0
			if i == 7 || i == 900 {
				want = 1
			}
			if got != want {
				t.Fatalf("round %d: lexicon %d found %d matches, want %d", round, i, got, want)
			}
		}
	}
	if k := len(d.finds.found); k > maxMemoLexicons {
		t.Errorf("the Doc keeps the answers of %d lexicons, want at most %d", k, maxMemoLexicons)
	}
}

// Rules asking one Doc at once get the same answers (run with -race).
func TestFindMemoConcurrent(t *testing.T) {
	d := Analyse("shop now and save on every order today", "en")
	l := MustLexicon(Phrases("shop now", "order"))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if ms := l.Find(d); len(ms) != 2 {
				t.Errorf("found %d matches, want 2", len(ms))
			}
		})
	}
	wg.Wait()
}
