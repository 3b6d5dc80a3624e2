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

// TestLangTriesUpToDate: each further language's embedded trie is what
// go generate ./segment builds from its list, and every language the
// generator knows is embedded.
func TestLangTriesUpToDate(t *testing.T) {
	for _, code := range wordtrie.Languages {
		l, err := wordtrie.LangList("data", code)
		if err != nil {
			t.Fatal(err)
		}
		data, ok := langTrieData[code]
		if !ok {
			t.Errorf("%s: no embedded trie; run go generate ./segment", code)
			continue
		}
		if got := wordtrie.Build(l); string(got) != *data {
			t.Errorf("data/%s.trie is stale; run go generate ./segment", code)
		}
	}
	if len(langTrieData) != len(wordtrie.Languages) {
		t.Errorf("%d tries embedded for %d languages; run go generate ./segment", len(langTrieData), len(wordtrie.Languages))
	}
}

// TestNewForReadsTheLanguage: a German or Turkish word is known only to a
// segmenter for that language, and a compound of that language splits into
// its words there, while the base segmenter does not know them.
func TestNewForReadsTheLanguage(t *testing.T) {
	base := New()
	for lang, c := range map[string]struct{ word, tag, want string }{
		"de": {"schön", "#schönerabend", "schöner abend"},
		"tr": {"güzel", "#güzelgünler", "güzel günler"},
		"pl": {"dzień", "#dobrydzień", "dobry dzień"},
	} {
		s := NewFor(lang, "xx", lang)
		if got := s.Langs(); len(got) != 1 || got[0] != lang {
			t.Errorf("NewFor(%s, xx, %s).Langs() = %v", lang, lang, got)
		}
		if _, ok := s.Known(c.word); !ok {
			t.Errorf("%s: Known(%q) = false", lang, c.word)
		}
		if !s.KnownIn(lang, c.word) || s.KnownIn(lang, "qzxv") || s.KnownIn("xx", c.word) || base.KnownIn(lang, c.word) {
			t.Errorf("%s: KnownIn(%q) wrong", lang, c.word)
		}
		if _, ok := base.Known(c.word); ok {
			t.Errorf("base knows %q: the test no longer shows the %s list", c.word, lang)
		}
		rs := s.Readings(c.tag, 3)
		if len(rs) == 0 || rs[0].String() != c.want || rs[0].Unknown != 0 {
			t.Errorf("%s: Readings(%q) = %v; want %q first", lang, c.tag, rs, c.want)
		}
	}
	if got := Languages(); len(got) != len(wordtrie.Languages) {
		t.Errorf("Languages() = %v", got)
	}
}

// TestNewForKeepsTheLikeliestCost: a word in both lists ("hand" is English
// and German) costs what the likelier list says, never less likely than in
// English alone.
func TestNewForKeepsTheLikeliestCost(t *testing.T) {
	en, _ := New().Known("hand")
	de, ok := NewFor("de").Known("hand")
	if !ok || de < en {
		t.Errorf("Known(hand): base %v, with German %v", en, de)
	}
}
