package text

import (
	"fmt"
	"testing"
)

// The first-word filter never turns away a word of its set (a false
// negative would lose a match), and turns away nearly every other word.
func TestWordFilter(t *testing.T) {
	set := map[string]bool{}
	for i := range 2000 {
		set[fmt.Sprintf("w%dx", i)] = true
	}
	f := newWordFilter(set)
	for w := range set {
		if !f.mayHold(wordKey(w)) {
			t.Fatalf("the filter turns away %q, a word of its set", w)
		}
	}
	passed := 0
	for i := range 10000 {
		if f.mayHold(wordKey(fmt.Sprintf("other%d", i))) {
			passed++
		}
	}
	if passed > 300 {
		t.Errorf("%d of 10000 words not in the set pass the filter; want about 1%%", passed)
	}
	if (wordFilter{}).mayHold(wordKey("x")) {
		t.Error("an empty filter holds a word")
	}
}

// A Doc made without token information (a reading of its disguised words
// keeps it; a Doc built by hand has none) matches as an analysed one does.
func TestFindWithoutTokenInfo(t *testing.T) {
	l := MustLexicon(Phrases("big sale", "new shoes", "shop*", "mother's day"))
	d := Analyse("Big sale today on our new shoes at the shopfront for Mothers Day", "en")
	want := fmt.Sprint(l.Find(d))
	bare := *d
	bare.info = nil
	if got := fmt.Sprint(l.Find(&bare)); got != want {
		t.Errorf("without token information: %s, want %s", got, want)
	}
	if len(l.Find(d)) != 4 {
		t.Errorf("found %d phrases, want 4: %s", len(l.Find(d)), want)
	}
}

// A Doc's BareKeys are each token's BareKey, whether the Doc keeps them
// (an analysed Doc) or works them out (a copy, a Doc built by hand), and
// a word has one key with or without its apostrophes.
func TestBareKeys(t *testing.T) {
	d := Analyse("We can’t say can't or cant, O’Neill’s rock’n’roll #CantStop @brand's", "en")
	copied := *d
	for _, doc := range []*Doc{d, &copied, {Tokens: d.Tokens}} {
		ks := doc.BareKeys()
		if len(ks) != len(d.Tokens) {
			t.Fatalf("%d keys for %d tokens", len(ks), len(d.Tokens))
		}
		for i, tok := range d.Tokens {
			if ks[i] != BareKey(tok.Norm) {
				t.Errorf("token %d %q: key %x, want %x", i, tok.Norm, ks[i], BareKey(tok.Norm))
			}
		}
	}
	if BareKey("can’t") != BareKey("cant") || BareKey("can't") != wordKey("cant") || BareKey("canʼt") != BareKey("cant") {
		t.Error("a word with an apostrophe has another key than without it")
	}
}
