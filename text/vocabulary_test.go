package text

import (
	"strings"
	"testing"
)

func spansText(d *Doc, ss []Span) []string {
	var out []string
	for _, s := range ss {
		out = append(out, d.Slice(s))
	}
	return out
}

func TestStemWords(t *testing.T) {
	l := MustLexicon(Phrases("~celebrate", "~party time"))
	for _, c := range []struct {
		text string
		want string
	}{
		{"We're celebrating! Celebrations all week.", "celebrating|Celebrations"},
		{"Partying time is here; party time too.", "Partying time|party time"},
		{"Celery and cellos.", ""},
		{"#Celebrate with us", "#Celebrate"},
	} {
		d := Analyse(c.text, "en")
		got := matchedTexts(d, l.FindLongest(d))
		if strings.Join(got, "|") != c.want {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
	if _, err := NewLexicon(Phrases("~at")); err == nil {
		t.Error("two-letter stem word accepted")
	}
	if _, err := NewLexicon(Phrases("~party*")); err == nil {
		t.Error("stem word with * accepted")
	}
	if Stem("feiringen", "no") != Stem("feiring", "no") {
		t.Errorf("Norwegian stems: %q %q", Stem("feiringen", "no"), Stem("feiring", "no"))
	}
}

func TestEntryLang(t *testing.T) {
	l := MustLexicon([]Entry{{Phrase: "i", Lang: "en"}, {Phrase: "min", Lang: "no"}})
	for _, c := range []struct {
		text, lang string
		n          int
	}{
		{"I think it is great", "en", 1},
		{"Vi ses i Bergen om 5 min", "no", 1}, // "min", not "i"
		{"Back in 5 min, I promise", "en", 1}, // "I", not "min"
		{"i min", "", 2},                      // unknown language: both
	} {
		d := Analyse(c.text, c.lang)
		if c.lang == "" {
			d.Language = ""
		}
		if got := len(l.Find(d)); got != c.n {
			t.Errorf("%q (%s): %d matches, want %d", c.text, c.lang, got, c.n)
		}
	}
}

func TestSignalsAndCues(t *testing.T) {
	d := Analyse("Celebrating 10 years! Proceeds go to the children's hospital. I love it. Savings of 40 % today.", "en")
	if got := spansText(d, d.Signals.Charity); strings.Join(got, "|") != "Proceeds" {
		t.Errorf("charity %q", got)
	}
	if got := spansText(d, d.Signals.Personal); strings.Join(got, "|") != "I" {
		t.Errorf("personal %q", got)
	}
	if got := spansText(d, d.Cues.LightHearted); !strings.Contains(strings.Join(got, "|"), "Celebrating") {
		t.Errorf("cue light-hearted %q", got)
	}
	if got := spansText(d, d.Cues.Promotional); !strings.Contains(strings.Join(got, "|"), "40 %") || !strings.Contains(strings.Join(got, "|"), "Savings") {
		t.Errorf("cue promotional %q", got)
	}
	// A cue is not a signal.
	if d.Signals.IsPromotional() {
		t.Errorf("strong promotional from cues: %q", spansText(d, d.Signals.Promotional))
	}
	// Every signal span is a cue span too.
	d = Analyse("Flash sale! 30% off everything 🎉", "en")
	for _, sig := range AllSignals {
		for _, s := range d.Signals.Of(sig) {
			found := false
			for _, c := range d.Cues.Of(sig) {
				found = found || c.Start <= s.Start && s.End <= c.End
			}
			if !found {
				t.Errorf("%s: signal %q not among the cues", sig, d.Slice(s))
			}
		}
	}
}

func TestVocabularyIsStrict(t *testing.T) {
	for _, bad := range []string{
		"source: x\nlicence: y\nsignal:\n  promotional: [sale]\n",
		"source: x\nlicence: y\nsignals:\n  promo: [sale]\n",
		"source: x\nlicence: y\nsignals:\n  personal: [{phrase: i, language: en}]\n",
		"signals:\n  promotional: [sale]\n",
	} {
		if _, err := parseVocabulary([]byte(bad)); err == nil {
			t.Errorf("accepted:\n%s", bad)
		}
	}
	if _, err := parseVocabulary(vocabularyYAML); err != nil {
		t.Fatal(err)
	}
}

func TestApostropheOptional(t *testing.T) {
	l := MustLexicon(Phrases("mother's day", "lets party"))
	for _, s := range []string{"Happy Mothers Day", "Happy Mother’s Day", "Happy Mother's Day", "#MothersDay", "let's party", "lets party"} {
		if len(l.Find(Analyse(s, "en"))) != 1 {
			t.Errorf("%q: no match", s)
		}
	}
	if len(l.Find(Analyse("mother day", "en"))) != 0 {
		t.Error(`"mother day" matched`)
	}
}

func TestAcrossSentences(t *testing.T) {
	loose := MustLexiconWith(Phrases("st. patrick's day", "22. juli"), LexiconOptions{AcrossSentences: true})
	for _, s := range []string{"Happy St. Patrick's Day!", "Vi minnes 22. juli."} {
		d := Analyse(s, "")
		if len(loose.Find(d)) != 1 {
			t.Errorf("%q: AcrossSentences found nothing", s)
		}
	}
	d := Analyse("Great sale. Today only.", "en")
	if len(MustLexicon(Phrases("sale today")).Find(d)) != 0 {
		t.Error("a phrase ran across a sentence end")
	}
}

// TestApostropheInPostKept: an apostrophe the post writes is never
// dropped ("he'll" is not "hell", "we're" not "were").
func TestApostropheInPostKept(t *testing.T) {
	l := MustLexicon(Phrases("hell", "were", "ill"))
	for _, s := range []string{"He'll answer live tomorrow", "We're open", "I'll call"} {
		if ms := l.Find(Analyse(s, "en")); len(ms) != 0 {
			t.Errorf("%q matched %q", s, ms[0].Entry.Phrase)
		}
	}
}

// A price in kroner is a promotional cue, not a signal (a sum can be a
// donation).
func TestPriceCues(t *testing.T) {
	for _, text := range []string{"Jakker til 499 kr.", "Bare 499 kroner."} {
		d := Analyse(text, "")
		if got := strings.Join(spansText(d, d.Cues.Promotional), "|"); !strings.HasPrefix(got, "499 kr") {
			t.Errorf("%q: cue promotional %q, want 499 kr…", text, got)
		}
		if d.Signals.IsPromotional() {
			t.Errorf("%q: strong promotional %q", text, spansText(d, d.Signals.Promotional))
		}
	}
}
