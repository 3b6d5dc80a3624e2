package text

import "testing"

// TestStemIn: words stem in their own language, so inflections meet; a
// language without a stemmer keeps the word whole.
func TestStemIn(t *testing.T) {
	for _, c := range []struct{ a, b, lang string }{
		{"inundación", "inundaciones", "es"}, {"überschwemmung", "überschwemmungen", "de"},
		{"myrsky", "myrskyn", "fi"}, {"skjuten", "skjuter", "sv"}, {"tempête", "tempêtes", "fr"},
	} {
		if StemIn(c.a, c.lang) != StemIn(c.b, c.lang) {
			t.Errorf("%s: %q → %q, %q → %q", c.lang, c.a, StemIn(c.a, c.lang), c.b, StemIn(c.b, c.lang))
		}
	}
	if got := StemIn("powodzi", "pl"); got != "powodzi" {
		t.Errorf("pl: %q", got)
	}
	if StemIn("floods", "en") != Stem("floods", "en") || StemIn("flommen", "no") != Stem("flommen", "no") {
		t.Error("StemIn differs from Stem for English or Norwegian")
	}
}
