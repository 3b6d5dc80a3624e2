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
		if text.LanguageName(l) == "" {
			t.Errorf("%s: the detector does not know it", l)
		}
	}
}
