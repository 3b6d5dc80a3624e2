package content

import (
	"slices"
	"testing"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// TestProfanityLanguagesInStep: the languages with a profanity list are
// exactly those the checker's limits say are read for profanity, and each
// is one the text package detects.
func TestProfanityLanguagesInStep(t *testing.T) {
	pl, _, err := newProfanityLexicons(LexiconOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for l := range pl.byLang {
		got = append(got, l)
	}
	slices.Sort(got)
	want := slices.Sorted(slices.Values(checker.WordListLanguages))
	if !slices.Equal(got, want) {
		t.Errorf("profanity lists for %v, checker.WordListLanguages %v", got, want)
	}
	for _, l := range got {
		if text.LanguageName(l) == "" && !slices.Contains(text.ScriptLanguages, l) {
			t.Errorf("%s: the detector does not know it", l)
		}
	}
}

// TestProfanityLexiconsCompile compiles every language's built-in
// profanity lexicon, which a check compiles only when a post is in that
// language.
func TestProfanityLexiconsCompile(t *testing.T) {
	ls, _, err := newProfanityLexicons(LexiconOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ls.byLang) < 10 {
		t.Errorf("%d languages, want the 13 the package documents", len(ls.byLang))
	}
	for lang, build := range ls.byLang {
		if l, err := build(); err != nil || l == nil {
			t.Errorf("%s: %v", lang, err)
		}
	}
}

// TestProfanityExtraTermErrorAtStart keeps a team's bad extra term an error
// when the rules are built, though lexicons compile on first use.
func TestProfanityExtraTermErrorAtStart(t *testing.T) {
	_, err := Rules(Options{Profanity: LexiconOptions{Extra: []Term{{Phrase: "zonk", Lang: "de", Severity: "galactic"}}}})
	if err == nil {
		t.Error("a team term with an unknown severity was accepted")
	}
}
