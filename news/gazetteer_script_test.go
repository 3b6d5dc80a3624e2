package news

import (
	"github.com/preflight-dev/preflight/text"
	"slices"
	"strings"
	"testing"
)

// writtenNames lists each place's names in other scripts by its English
// name, read from the whole gazetteer at once: the definition
// writtenNamesOf answers for one name.
func writtenNames() map[string][]string {
	m := map[string][]string{}
	for line := range strings.Lines(gazetteerTSV) {
		f := strings.Split(strings.TrimRight(line, "\n"), "\t")
		if len(f) > 4 && f[4] != "" && f[0] != "" && f[0][0] != '#' {
			m[f[4]] = append(m[f[4]], f[0])
		}
	}
	return m
}

// TestGazetteerWrittenOrder: the rows with a name in another script come
// after the others, without blank lines, in the order of their English
// names (byte order: writtenNamesOf searches them so).
func TestGazetteerWrittenOrder(t *testing.T) {
	prev, written := "", false
	for i, line := range strings.Split(strings.TrimSuffix(gazetteerTSV, "\n"), "\n") {
		if i == 0 {
			continue // the header
		}
		en, ok := writtenEnglish(line)
		switch {
		case line == "":
			t.Fatalf("line %d is blank", i+1)
		case written && !ok:
			t.Fatalf("line %d: %q follows the rows with names in other scripts", i+1, line)
		case ok && en < prev:
			t.Fatalf("line %d: %q comes after %q", i+1, en, prev)
		}
		if ok {
			written, prev = true, en
		}
	}
	if !written {
		t.Fatal("no row has a name in another script")
	}
}

// TestWrittenNamesOf: the names of one place, read from the rows that
// hold it, are the whole gazetteer's reading of them, in its order; a name
// that is not a place's (or only a prefix of one) has none.
func TestWrittenNamesOf(t *testing.T) {
	all := writtenNames()
	if len(all) < 1000 {
		t.Fatalf("only %d places have written names", len(all))
	}
	for en, want := range all {
		if got := writtenNamesOf(en); !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", en, got, want)
		}
	}
	for _, en := range []string{"", "Niigat", "Yok", "city", "JP", "Atlantis", "Moscow\tx"} {
		if got := writtenNamesOf(en); len(got) > 0 {
			t.Errorf("%q: %q, want none", en, got)
		}
	}
}

// TestGazetteerWritten: places carry their names in the scripts the text
// package reads, each standing for the English name the coverage uses;
// an article in that language names the place by it, under the English
// name.
func TestGazetteerWritten(t *testing.T) {
	d, err := newDeriver()
	if err != nil {
		t.Fatal(err)
	}
	written := writtenNames()
	for en, w := range map[string]string{"Niigata": "新潟", "Moscow": "Москва", "Seoul": "서울", "Bangkok": "กรุงเทพมหานคร",
		"Japan": "日本", "Cairo": "القاهرة", "Mumbai": "मुंबई", "Athens": "Αθήνα", "Greece": "Ελλάδα"} {
		if !slices.Contains(written[en], w) {
			t.Errorf("%s: %q not among its written names %q", en, w, written[en])
		}
		if _, ok := d.places[en]; !ok {
			t.Errorf("%s is not in the gazetteer", en)
		}
		if p, ok := d.places[w]; !ok || p.english != en {
			t.Errorf("%q is not read as %s in an article in its language: %+v", w, en, p)
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

// TestGazetteerPressForm: the names in other scripts are keyed by the press
// form of their English name (the generator's pressForm and this
// package's agree), found from either form, and the press form of a big
// city's name is a place too.
func TestGazetteerPressForm(t *testing.T) {
	for in, want := range map[string]string{"Thessaloníki": "Thessaloniki", "Allahābād": "Allahabad",
		"Balıkesir": "Balikesir", "Arkhangel’sk": "Arkhangelsk", "Al ‘Amārah": "Al Amarah", "Oslo": "Oslo"} {
		if got := text.PressForm(in); got != want {
			t.Errorf("text.PressForm(%q) = %q, want %q", in, got, want)
		}
	}
	if a, b := writtenNamesOf("Thessaloníki"), writtenNamesOf("Thessaloniki"); len(a) == 0 || !slices.Equal(a, b) {
		t.Errorf("Thessaloníki's written names %q, Thessaloniki's %q: want the same, not none", a, b)
	}
	d, err := newDeriver()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"Thessaloniki", "Allahabad", "Balikesir", "Asuncion"} {
		if _, ok := d.places[n]; !ok {
			t.Errorf("%s (as the press writes it) is not a place", n)
		}
	}
	for _, line := range strings.Split(gazetteerTSV, "\n") {
		if en, ok := writtenEnglish(line); ok && text.PressForm(en) != en {
			t.Fatalf("row %q: its English name is not in press form (regenerate with gazetteer.js)", line)
		}
	}
}
