package news

import (
	"testing"

	"github.com/preflight-dev/preflight/checker"
)

// The crisis phrases are found with the text package's matcher, so a
// phrase written as a hashtag ("#Earthquake", "#MassShooting") counts
// like the words, and the headline's language comes from the text
// package's detector, not two lists of function words.
func TestDeriveReadsWithText(t *testing.T) {
	d, err := newDeriver()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		title, summary string
		class          checker.CrisisClass
	}{
		{"#Earthquake: the valley waits for news", "Residents slept outdoors.", checker.CrisisDisaster},
		{"Town in shock after #MassShooting", "Police sealed off the square.", checker.CrisisShooting},
	} {
		a := &checker.Article{Title: c.title, Summary: c.summary}
		got := d.derive(a)
		if len(got.classes) == 0 || got.classes[0] != c.class {
			t.Errorf("%q: classes %v, want %s first", c.title, got.classes, c.class)
		}
	}
	for s, want := range map[string]string{
		"Schweres Erdbeben erschüttert die Region, viele Menschen werden vermisst": "de",
		"Flom i Bergen: to personer omkom etter uværet i natt":                     "no",
		"Floods force thousands from their homes after the river burst its banks":  "en",
	} {
		if got := guessLanguage(s); got != want {
			t.Errorf("guessLanguage(%q) = %q, want %q", s, got, want)
		}
	}
}
