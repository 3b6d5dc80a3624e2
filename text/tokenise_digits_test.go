package text

import "testing"

// TestNumbersInOtherDigits: numbers written in Arabic-Indic, Persian,
// Devanagari, Thai, full-width or mathematical digits are Number tokens
// with an ASCII Norm, so a price or a phone number reads the same in any
// script.
func TestNumbersInOtherDigits(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"بـ ١٩ ريال", "19"},
		{"فقط ۴۵ تومان", "45"},
		{"मात्र ९९ रुपये", "99"},
		{"ราคา ๑๒๐ บาท", "120"},
		{"only ２５ left", "25"},
		{"only 𝟙𝟚 left", "12"},
		{"only 𝟘𝟡 left", "09"},
	} {
		var got []string
		for _, tk := range Analyse(c.text, "").Tokens {
			if tk.Kind == Number {
				got = append(got, tk.Norm)
			}
		}
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%q: numbers %q, want [%q]", c.text, got, c.want)
		}
	}
}

// TestPriceWithCurrencyWord: a currency written as a word after the amount
// makes an asking price, as a sign does.
func TestPriceWithCurrencyWord(t *testing.T) {
	for _, s := range []string{"Promo kilat mulai 199 ribu saja", "وجبة برجر بـ ١٩ ريال", "Giảm giá chỉ 99 nghìn"} {
		if len(prices(Analyse(s, ""))) != 1 {
			t.Errorf("%q: no asking price read", s)
		}
	}
	if n := len(prices(Analyse("We planted 199 trees with the help of 12 volunteers", ""))); n != 0 {
		t.Errorf("a count read as %d prices", n)
	}
}
