package news

import (
	"slices"
	"testing"
)

// TestGazetteerWritten: places carry their names in the scripts the text
// package reads, each standing for the English name the coverage uses;
// articles are read with the English names only.
func TestGazetteerWritten(t *testing.T) {
	d, err := newDeriver()
	if err != nil {
		t.Fatal(err)
	}
	written := writtenNames()
	for en, w := range map[string]string{"Niigata": "新潟", "Moscow": "Москва", "Seoul": "서울", "Bangkok": "กรุงเทพมหานคร",
		"Japan": "日本", "Cairo": "القاهرة", "Mumbai": "मुंबई"} {
		if !slices.Contains(written[en], w) {
			t.Errorf("%s: %q not among its written names %q", en, w, written[en])
		}
		if _, ok := d.places[en]; !ok {
			t.Errorf("%s is not in the gazetteer", en)
		}
		if _, ok := d.places[w]; ok {
			t.Errorf("%q is read in English articles", w)
		}
	}
	// A reading in hiragana and a single Han letter are not names here.
	for _, ws := range written {
		for _, w := range ws {
			if w == "にいがた" || len([]rune(w)) < 2 {
				t.Errorf("%q is a written name", w)
			}
		}
	}
}
