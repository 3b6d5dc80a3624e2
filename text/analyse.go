package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Analyse tokenises and reads raw. language is a BCP 47 tag when the caller
// knows it ("en", "nb", "no-NO"); empty means detect.
func Analyse(raw, language string) *Doc {
	d := &Doc{Raw: raw, runes: []rune(raw)}
	d.tokenise()
	d.Language = language
	return d
}

// RuneSpan converts a byte range of Raw (as regexp returns) to a code-point
// span.
func (d *Doc) RuneSpan(byteStart, byteEnd int) Span {
	return Span{utf8.RuneCountInString(d.Raw[:byteStart]), utf8.RuneCountInString(d.Raw[:byteEnd])}
}

// tokenise is a first, simple word splitter.
func (d *Doc) tokenise() {
	rs := d.runes
	sentence := true
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j]) || (rs[j] == '\'' && j+1 < len(rs) && unicode.IsLetter(rs[j+1]))) {
				j++
			}
			raw := string(rs[i:j])
			k := Word
			if unicode.IsDigit(r) {
				k = Number
			}
			d.Tokens = append(d.Tokens, Token{Kind: k, Raw: raw, Norm: Normalise(raw), Span: Span{i, j}, SentenceStart: sentence})
			sentence = false
			i = j
		case r == '#' || r == '@' || r == '$':
			j := i + 1
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j]) || rs[j] == '_') {
				j++
			}
			if j == i+1 {
				i++
				continue
			}
			k := map[rune]TokenKind{'#': Hashtag, '@': Mention, '$': Cashtag}[r]
			body := string(rs[i+1 : j])
			t := Token{Kind: k, Raw: string(rs[i:j]), Norm: Normalise(body), Span: Span{i, j}, SentenceStart: sentence}
			d.Tokens = append(d.Tokens, t)
			e := Entity{Kind: k, Text: body, Span: t.Span}
			switch k {
			case Hashtag:
				d.Hashtags = append(d.Hashtags, e)
			case Mention:
				d.Mentions = append(d.Mentions, e)
			case Cashtag:
				d.Cashtags = append(d.Cashtags, e)
			}
			sentence = false
			i = j
		default:
			if r == '.' || r == '!' || r == '?' || r == '\n' {
				sentence = true
			}
			i++
		}
	}
}

// Normalise folds s for matching: lower case, and (in the full
// implementation) NFKC, look-alikes, masking and leetspeak.
func Normalise(s string) string {
	return strings.ToLower(s)
}
