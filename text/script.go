package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// script is the writing system of a letter, as far as language detection
// and matching need to tell them apart.
type script uint8

// The scripts.
const (
	scriptNone script = iota
	scriptLatin
	scriptHan
	scriptKana // Hiragana and Katakana, with the long-vowel mark ー
	scriptHangul
	scriptCyrillic
	scriptArabic
	scriptDevanagari
	scriptThai
	scriptGreek
	scriptOther
	nScripts
)

// scriptOf returns the script of a letter or combining mark; marks take
// the script Unicode gives them (Thai and Devanagari vowel signs are their
// script's).
func scriptOf(r rune) script {
	switch {
	case r < 0x80:
		if 'a' <= r|0x20 && r|0x20 <= 'z' {
			return scriptLatin
		}
		return scriptNone
	case r < 0x250:
		if unicode.IsLetter(r) {
			return scriptLatin
		}
		return scriptNone
	case r == 0x30FC || r == 0xFF70:
		return scriptKana
	case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
		return scriptKana
	case unicode.Is(unicode.Han, r):
		return scriptHan
	case unicode.Is(unicode.Hangul, r):
		return scriptHangul
	case unicode.Is(unicode.Cyrillic, r):
		return scriptCyrillic
	case unicode.Is(unicode.Arabic, r):
		return scriptArabic
	case unicode.Is(unicode.Devanagari, r):
		return scriptDevanagari
	case unicode.Is(unicode.Thai, r):
		return scriptThai
	case unicode.Is(unicode.Greek, r):
		return scriptGreek
	case unicode.Is(unicode.Latin, r):
		return scriptLatin
	case unicode.IsLetter(r) || unicode.IsMark(r):
		return scriptOther
	}
	return scriptNone
}

// unspaced reports whether a script is written without spaces between
// words, so that a word of a lexicon is found inside a run of letters
// (Japanese, Chinese, Thai).
func (s script) unspaced() bool { return s == scriptHan || s == scriptKana || s == scriptThai }

// inflected reports whether a script's words take endings or particles
// that a lexicon's word is matched through: Korean particles (빙산을 is
// 빙산 + 을), Russian and Arabic inflection, Hindi endings.
func (s script) inflected() bool {
	return s == scriptHangul || s == scriptCyrillic || s == scriptArabic || s == scriptDevanagari
}

// scriptLetterWeight is how much one letter of a script counts against
// Latin letters when deciding which script a mixed text is written in: a
// Han character, a kana or a Hangul syllable carries about as much as a
// short Latin word does.
func scriptLetterWeight(s script) int {
	switch s {
	case scriptHan, scriptKana, scriptHangul:
		return 3
	}
	return 1
}

// ScriptLanguages are the languages Detect tells by their script, not by
// the letter model: a text written mostly in that script gets the
// language. Japanese is any Han text with kana, Chinese Han alone;
// Cyrillic is Russian unless Ukrainian letters (і ї є ґ) show; Arabic
// script is Arabic unless Persian (پ چ ژ گ) or Urdu (ٹ ڈ ڑ ں ے) letters
// show; Devanagari is Hindi (Marathi and Nepali share it and are read as
// Hindi); Greek script is Greek.
var ScriptLanguages = []string{"ja", "zh", "ko", "ru", "uk", "ar", "fa", "ur", "hi", "th", "el"}

// scriptDetection decides the language of a text by its script when its
// letters are mostly in one non-Latin script Preflight reads; the zero
// Detection when they are not (Latin, mixed, or a script it does not
// read). Linear in the text.
func scriptDetection(d *Doc) Detection {
	var letters [nScripts]int
	uk, fa, ur := false, false, false
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if t.Kind != Word && t.Kind != Hashtag {
			continue
		}
		for _, r := range t.Norm {
			s := scriptOf(r)
			letters[s]++
			switch s {
			case scriptCyrillic:
				uk = uk || strings.ContainsRune("іїєґ", r)
			case scriptArabic:
				fa = fa || strings.ContainsRune("پچژگ", r)
				ur = ur || strings.ContainsRune("ٹڈڑںے", r)
			}
		}
	}
	best, weight, total := scriptNone, 0, letters[scriptLatin]
	for s := scriptHan; s < nScripts; s++ {
		w := letters[s] * scriptLetterWeight(s)
		if s == scriptHan {
			// Japanese writes Han and kana together: they count as one.
			w = (letters[scriptHan] + letters[scriptKana]) * 3
		} else if s == scriptKana {
			continue
		}
		total += w
		if w > weight {
			best, weight = s, w
		}
	}
	n := letters[best]
	if best == scriptHan {
		n += letters[scriptKana]
	}
	// The script must hold most of the text's letters, and two at least.
	if best == scriptNone || weight*2 <= total || n < 2 {
		return Detection{}
	}
	lang := ""
	switch best {
	case scriptHan:
		lang = "zh"
		if letters[scriptKana] > 0 {
			lang = "ja"
		}
	case scriptHangul:
		lang = "ko"
	case scriptCyrillic:
		lang = "ru"
		if uk {
			lang = "uk"
		}
	case scriptArabic:
		switch {
		case ur:
			lang = "ur"
		case fa:
			lang = "fa"
		default:
			lang = "ar"
		}
	case scriptDevanagari:
		lang = "hi"
	case scriptThai:
		lang = "th"
	case scriptGreek:
		lang = "el"
	default:
		return Detection{}
	}
	return Detection{Language: lang, Variant: lang, Candidates: []string{lang}}
}

// runScript is the script of a token's first letter of a script other
// than Latin, or scriptNone.
func runScript(norm string) script {
	for i := 0; i < len(norm); i++ {
		if norm[i] < utf8.RuneSelf {
			continue // ASCII, most tokens: no decoding
		}
		for _, r := range norm[i:] {
			if s := scriptOf(r); s > scriptLatin {
				return s
			}
		}
		break
	}
	return scriptNone
}

// wordScript is the one script every letter of w is in (Han and kana count
// as one, for a Japanese word), or scriptNone when w mixes scripts or has
// none.
func wordScript(w string) script {
	ws := scriptNone
	for _, r := range w {
		s := scriptOf(r)
		if s == scriptKana {
			s = scriptHan
		}
		switch {
		case s == scriptNone:
			if !unicode.IsMark(r) {
				return scriptNone
			}
		case ws == scriptNone:
			ws = s
		case s != ws:
			return scriptNone
		}
	}
	return ws
}

// runeLen is the number of code points in s.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
