package incidents

import "testing"

// Content words are stemmed by the text package's Snowball stemmer, so
// derivations meet, not only plurals: "celebration" and "celebrating"
// stem alike.
func TestContentWordsStem(t *testing.T) {
	for _, pair := range [][2]string{{"celebration", "celebrating"}, {"floods", "flooded"}, {"shootings", "shooting"}} {
		a, b := contentWords(pair[0]), contentWords(pair[1])
		if len(a) != 1 || len(b) != 1 || a[0] != b[0] {
			t.Errorf("%q → %q and %q → %q: want one shared stem", pair[0], a, pair[1], b)
		}
	}
}
