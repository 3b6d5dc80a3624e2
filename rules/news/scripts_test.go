package news

import (
	"testing"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// TestScriptVocabularyHits: a kind's terms in a language told by script
// are found by the text analysis (inside a Japanese run, before a Korean
// particle, by a Russian stem), only in a post of that language, with the
// span of the post's own letters; a message names the lexicon's language.
func TestScriptVocabularyHits(t *testing.T) {
	vocab := []checker.EventTerm{
		{Stem: "地震", Weight: 1, Source: "lexicon:ja:earthquake"},
		{Stem: "지진", Weight: 1, Source: "lexicon:ko:earthquake"},
		{Stem: "землетрясение", Weight: 1, Source: "lexicon:ru:earthquake"},
		{Stem: "激震", Weight: 0.5, Source: "lexicon:ja:earthquake"}, // below minVocabWeight
	}
	ev := checker.Event{KindVocabulary: vocab}
	for _, c := range []struct{ text, want string }{
		{"地震級の大特価セール！", "地震"},
		{"지진이 난 듯한 가격!", "지진이"},
		{"Цены как после землетрясения!", "землетрясения"},
		{"価格に激震！", ""},
		{"新潟发生地震", ""}, // Chinese: the Japanese term does not apply
		{"Earthquake prices!", ""},
	} {
		d := text.Analyse(c.text, "")
		hits := vocabularyHits(newPostStems(d), ev)
		got := ""
		if len(hits) > 0 {
			got = d.Slice(hits[0].span)
		}
		if got != c.want || len(hits) > 1 {
			t.Errorf("%q (%s): hits %v, want %q", c.text, d.Language, hits, c.want)
		}
	}
	if kind, src := kindOf(vocab[0]); kind != "earthquake" || src != "Japanese lexicon" {
		t.Errorf("kindOf = %q, %q", kind, src)
	}
	// The compiled vocabulary is kept for the next post.
	if scriptLexiconOf(vocab) != scriptLexiconOf(vocab) {
		t.Error("a kind vocabulary was compiled twice")
	}
}
