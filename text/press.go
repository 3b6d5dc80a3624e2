package text

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// pressLetters are what PressForm turns letters without a decomposition
// into, and the transliteration apostrophes it drops.
var pressLetters = strings.NewReplacer("ı", "i", "İ", "I", "ł", "l", "Ł", "L", "ø", "o", "Ø", "O", "đ", "d", "Đ", "D",
	"ħ", "h", "Ħ", "H", "‘", "", "’", "", "ʻ", "", "ʼ", "")

// PressForm is a name as the English press writes it, without the marks of
// its spelling or transliteration: Allahābād → Allahabad, Balıkesir →
// Balikesir, Wrocław → Wroclaw, Arkhangel’sk → Arkhangelsk. The gazetteer's
// generator (news/internal/gen/gazetteer.js, pressForm) folds the same way.
// A name already in that form is returned as is, without allocating.
func PressForm(name string) string {
	if isASCIIString(name) {
		return name
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(name) {
		if !unicode.Is(unicode.M, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(pressLetters.Replace(b.String()))
}
