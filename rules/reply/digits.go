package reply

import (
	"strings"

	"github.com/preflight-dev/preflight/text"
)

// digitZeros are the zeros of the decimal digits a reply may be written
// in besides ASCII: Arabic-Indic, Persian (Extended Arabic-Indic),
// Devanagari, Bengali, Thai and full-width. Each block's ten digits follow
// its zero.
var digitZeros = []rune{0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0xFF10}

// asciiDigit returns r's value as an ASCII digit when r is a decimal digit
// of one of digitZeros' scripts.
func asciiDigit(r rune) (byte, bool) {
	for _, z := range digitZeros {
		if r >= z && r <= z+9 {
			return byte('0' + r - z), true
		}
	}
	return 0, false
}

// foldDigits returns raw with the decimal digits of other scripts written
// as ASCII digits ("٠٥٥٣" → "0553"), one code point for one, so spans in
// code points hold for both; ok is false when raw has no such digit.
// Linear in raw.
func foldDigits(raw string) (folded string, ok bool) {
	if !strings.ContainsFunc(raw, func(r rune) bool { _, d := asciiDigit(r); return d }) {
		return "", false
	}
	return strings.Map(func(r rune) rune {
		if d, isDigit := asciiDigit(r); isDigit {
			return rune(d)
		}
		return r
	}, raw), true
}

// findFolded is find for a reply whose numbers are written in another
// script's digits: it reads the text with ASCII digits; the findings'
// spans, in code points, are on the words the user wrote.
func (pd *personalData) findFolded(d *text.Doc) []piiHit {
	folded, ok := foldDigits(d.Raw)
	if !ok {
		return nil
	}
	return pd.find(text.Analyse(folded, d.Language))
}
