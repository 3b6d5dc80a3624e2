package news

import (
	"slices"
	"testing"
)

// TestGazetteerWritten: places carry their names in the scripts the text
// package reads, each standing for the English name the coverage uses;
// the English rows are unchanged by them.
func TestGazetteerWritten(t *testing.T) {
	d, err := newDeriver()
	if err != nil {
		t.Fatal(err)
	}
	for en, w := range map[string]string{"Niigata": "新潟", "Moscow": "Москва", "Seoul": "서울", "Bangkok": "กรุงเทพมหานคร",
		"Japan": "日本", "Cairo": "القاهرة", "Mumbai": "मुंबई"} {
		if !slices.Contains(d.written[en], w) {
			t.Errorf("%s: %q not among its written names %q", en, w, d.written[en])
		}
		if p, ok := d.places[w]; !ok || p.country != d.places[en].country {
			t.Errorf("%q is not a place of %s's country", w, en)
		}
	}
	// A reading in hiragana and a single Han letter are not names here.
	for _, w := range []string{"にいがた", "京"} {
		if _, ok := d.places[w]; ok {
			t.Errorf("%q is in the gazetteer", w)
		}
	}
}
