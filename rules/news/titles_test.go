package news

import (
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/text"
)

func TestTitlesParse(t *testing.T) {
	s, err := titledNamesSet()
	if err != nil {
		t.Fatal(err)
	}
	d := text.Analyse("Grazie Papa Francesco, e grazie Regina Elisabetta.", "it")
	var got []string
	for _, c := range titledNames(d) {
		got = append(got, c.term+"="+d.Slice(c.span))
	}
	if want := "Pope Francis=Papa Francesco|Queen Elizabeth=Regina Elisabetta"; strings.Join(got, "|") != want {
		t.Errorf("titledNames = %q, want %q", strings.Join(got, "|"), want)
	}
	if s.lex.Len() != len(s.english) {
		t.Errorf("lexicon has %d entries for %d names", s.lex.Len(), len(s.english))
	}
	for name, b := range map[string]string{
		"no source": "licence: l\ntitles: {Pope: [papa]}\nnames: {Francis: [francesco]}\n",
		"bad key":   "source: s\nlicence: l\ntitles: {Pope: [papa]}\nnames: {Francis: [francesco]}\nkings: []\n",
	} {
		if _, err := parseTitles([]byte(b)); err == nil || !strings.Contains(err.Error(), "data/titles.yaml") {
			t.Errorf("%s: err = %v, want one naming data/titles.yaml", name, err)
		}
	}
}

func TestTitledNamesSkipEnglish(t *testing.T) {
	if c := titledNames(text.Analyse("Thank you, King Charles.", "en")); len(c) != 0 {
		t.Errorf("English post: %v, want none (the coverage's own words)", c)
	}
}
