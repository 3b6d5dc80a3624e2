package segment

import (
	"testing"

	"github.com/preflight-dev/preflight/segment/internal/wordtrie"
)

// TestTrieUpToDate rebuilds the trie from the word lists: the embedded one
// must be exactly what go generate ./segment makes from them.
func TestTrieUpToDate(t *testing.T) {
	lists, err := wordtrie.Lists("data")
	if err != nil {
		t.Fatal(err)
	}
	if got := wordtrie.Build(lists...); string(got) != trieData {
		t.Fatalf("data/words.trie (%d bytes) is stale: the lists build %d bytes; run go generate ./segment", len(trieData), len(got))
	}
}

// TestTrieLookups walks the embedded trie for words of each list and for
// words no list has.
func TestTrieLookups(t *testing.T) {
	s := New()
	for _, w := range []string{"the", "album", "party", "jul", "tacofredag", "a"} {
		if lp, ok := s.Known(w); !ok || lp >= 0 {
			t.Errorf("Known(%q) = %v, %v; want a negative log-probability", w, lp, ok)
		}
	}
	for _, w := range []string{"", "qzxv", "thex", "\xff"} {
		if _, ok := s.Known(w); ok {
			t.Errorf("Known(%q): want unknown", w)
		}
	}
	if a, _ := s.Known("the"); func() bool { b, _ := s.Known("album"); return a <= b }() {
		t.Errorf("the (%v) should be likelier than album", a)
	}
}

// TestOpenTrieRejectsDamage: a truncated or foreign trie is refused with
// a message saying how to rebuild it, never read out of bounds.
func TestOpenTrieRejectsDamage(t *testing.T) {
	for name, s := range map[string]string{"empty": "", "foreign": "PK\x03\x04xxxxxxxx", "truncated": trieData[:len(trieData)-1]} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: opened", name)
				}
			}()
			openTrie(s)
		}()
	}
}

// BenchmarkOpen is the start-up cost of the segmenter: opening the
// embedded trie (once per process).
func BenchmarkOpen(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		openTrie(trieData)
	}
}
