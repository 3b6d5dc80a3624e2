package text

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

//go:embed data/endings.yaml
var endingsYAML []byte

// endings are data/endings.yaml by script: the Korean particles and the
// Hindi noun endings a word is matched through. Read when a lexicon first
// holds a word in either script.
var endings = sync.OnceValue(func() map[script]map[string]bool {
	var f struct {
		Source  string   `yaml:"source"`
		Licence string   `yaml:"licence"`
		Ko      []string `yaml:"ko"`
		Hi      []string `yaml:"hi"`
	}
	if err := decodeStrict(endingsYAML, &f); err != nil || f.Source == "" || f.Licence == "" {
		panic(fmt.Sprintf("text: bad embedded endings.yaml: %v", err))
	}
	m := map[script]map[string]bool{scriptHangul: {}, scriptDevanagari: {}}
	for s, list := range map[script][]string{scriptHangul: f.Ko, scriptDevanagari: f.Hi} {
		for _, e := range list {
			if runeLen(e) > maxEnding || wordScript(e) != s {
				panic(fmt.Sprintf("text: endings.yaml: %q is not a short ending in its script", e))
			}
			m[s][e] = true
		}
	}
	return m
})

// CutEnding returns w without the longest ending of data/endings.yaml
// written onto it (a Korean particle, 시청역에서 → 시청역; a Hindi noun
// ending), leaving at least keep letters, and whether it cut one.
func CutEnding(w string, keep int) (string, bool) {
	ends := endings()[wordScript(w)]
	if len(ends) == 0 {
		return w, false
	}
	rs := []rune(w)
	for n := min(maxEnding, len(rs)-keep); n >= 1; n-- {
		if ends[string(rs[len(rs)-n:])] {
			return string(rs[:len(rs)-n]), true
		}
	}
	return w, false
}

// scriptIndex finds a lexicon's one-word entries in scripts whose words do
// not stand alone between spaces:
//
//   - Japanese, Chinese and Thai are written without spaces, so a token is
//     a whole run of letters ("新潟で大きな地震"); an entry of two letters or
//     more (three for Thai) is found anywhere inside one, with the span of
//     those letters;
//   - Korean particles and Hindi endings attach to the word ("빙산을" is
//     "빙산" with the object particle); an entry of two syllables or more
//     (three letters for Hindi) matches a token that is it followed by one
//     of the endings of data/endings.yaml;
//   - Russian and Arabic inflect, and Arabic writes its article and some
//     prepositions onto the word: an entry matches a token with the same
//     Snowball stem (Bleve's Russian and Arabic stemmers, as StemIn).
//
// Each is a map lookup per position, so the cost grows with the text
// (times the longest word for the unspaced scripts), not with the
// lexicon.
type scriptIndex struct {
	infix    map[string][]int // unspaced words
	longest  int              // the longest of them, in code points
	suffixed map[string][]int // Korean and Hindi words
	stemmed  map[string][]int // Russian and Arabic words by their stem
}

// maxInfix is the longest word, in code points, found inside a run of
// letters; a longer one matches a whole token only.
const maxInfix = 16

// maxEnding is the most code points an ending of data/endings.yaml has
// ("에서도", "ियों").
const maxEnding = 4

// scriptStemLang is the stemmer language of a script whose words are
// matched by stem.
func scriptStemLang(s script) string {
	switch s {
	case scriptCyrillic:
		return "ru"
	case scriptArabic:
		return "ar"
	}
	return ""
}

// minScriptWord is the fewest code points an entry's word needs to be
// matched inside a longer token: one Han character or Hangul syllable
// occurs inside too many innocent words.
func minScriptWord(s script) int {
	switch s {
	case scriptThai, scriptDevanagari:
		return 3
	}
	return 2
}

// indexScript adds entry ei (its compiled words ws) to the script index
// when it is one plain word in such a script.
func (l *Lexicon) indexScript(ei int, ws []lexWord) {
	if len(ws) != 1 || ws[0].prefix || ws[0].num || ws[0].any || ws[0].stems() != nil || l.entries[ei].Compound != "" {
		return
	}
	w := ws[0].text
	s := wordScript(w)
	if s <= scriptLatin || runeLen(w) < minScriptWord(s) {
		return
	}
	if l.script == nil {
		l.script = &scriptIndex{}
	}
	x := l.script
	switch {
	case s.unspaced():
		if runeLen(w) > maxInfix {
			return // matched as a whole token only
		}
		if x.infix == nil {
			x.infix = map[string][]int{}
		}
		x.infix[w] = append(x.infix[w], ei)
		x.longest = max(x.longest, runeLen(w))
	case scriptStemLang(s) != "":
		if x.stemmed == nil {
			x.stemmed = map[string][]int{}
		}
		lang := scriptStemLang(s)
		st := StemIn(w, lang)
		x.stemmed[st] = append(x.stemmed[st], ei)
		if lang == "ar" && !strings.HasPrefix(w, "ال") {
			// The stemmer cuts a word with its article ("التخفيضات")
			// shorter than the bare word: index that stem too.
			if st2 := StemIn("ال"+w, lang); st2 != st {
				x.stemmed[st2] = append(x.stemmed[st2], ei)
			}
		}
	case s.inflected():
		if x.suffixed == nil {
			x.suffixed = map[string][]int{}
		}
		x.suffixed[w] = append(x.suffixed[w], ei)
	}
}

// findScript appends the script index's matches in token i to out.
func (l *Lexicon) findScript(d *Doc, i int, out []Match) []Match {
	x := l.script
	t := &d.Tokens[i]
	if x == nil || t.Kind != Word && t.Kind != Hashtag {
		return out
	}
	norm := t.Norm
	s := d.tokenInfo(i).script
	if s == scriptNone {
		return out
	}
	add := func(ei int, sp Span) {
		if l.langOK(ei, d) {
			out = append(out, Match{Entry: &l.entries[ei], Index: ei, Span: sp, First: i, Last: i,
				Hashtag: t.Kind == Hashtag, Obfuscated: t.Obfuscated})
		}
	}
	switch {
	case s.unspaced() && x.infix != nil:
		// The token's code points map one to one onto its text when
		// folding changed none; otherwise a match spans the token.
		n := runeLen(norm)
		off := t.End - t.Start - n
		exact := off == 0 || off == 1 && t.Kind == Hashtag
		var ends [maxInfix + 1]int // byte ends of the next code points
		ra := 0
		for a := 0; a < len(norm); {
			_, size := utf8.DecodeRuneInString(norm[a:])
			k := 0
			for b := a; b < len(norm) && k < x.longest; k++ {
				_, sz := utf8.DecodeRuneInString(norm[b:])
				b += sz
				ends[k+1] = b
			}
			// Longest first, as Find orders matches at one position.
			for ; k >= 2; k-- {
				b := ends[k]
				if a == 0 && b == len(norm) {
					continue // the whole token is matched as a word
				}
				for _, ei := range x.infix[norm[a:b]] {
					sp := t.Span
					if exact {
						sp = Span{Start: t.Start + off + ra, End: t.Start + off + ra + k}
					}
					add(ei, sp)
				}
			}
			a += size
			ra++
		}
	case scriptStemLang(s) != "" && x.stemmed != nil:
		lang := scriptStemLang(s)
		st := StemIn(norm, lang)
		for _, ei := range x.stemmed[st] {
			add(ei, t.Span)
		}
		if rest, ok := arabicProclitic(norm, lang); ok {
			// "لخادمات" is "for" + "خادمات": the stemmer keeps a
			// one-letter proclitic the article does not come with.
			if st2 := StemIn(rest, lang); st2 != st {
				for _, ei := range x.stemmed[st2] {
					add(ei, t.Span)
				}
			}
		}
	case s.inflected() && x.suffixed != nil:
		ends := endings()[s]
		n := runeLen(norm)
		b := len(norm)
		for k := 1; k <= maxEnding && n-k >= minScriptWord(s); k++ {
			_, size := utf8.DecodeLastRuneInString(norm[:b])
			b -= size
			if !ends[norm[b:]] {
				continue
			}
			for _, ei := range x.suffixed[norm[:b]] {
				add(ei, t.Span)
			}
		}
	}
	return out
}

// flatLatin is w without the accents of its Latin letters ("que" for
// "qué", "sao" for "são"), or "" when it has none or holds letters of
// another script. Letters of their own (ñ, ß, ø, ł, ı) stay: "año" is
// not "ano", nor "straße" "strase".
func flatLatin(w string) string {
	if isASCIIString(w) {
		return ""
	}
	var sb strings.Builder
	changed := false
	for _, r := range norm.NFD.String(w) {
		switch {
		case unicode.Is(unicode.Mn, r):
			changed = true
		case r >= 0x80 && !unicode.Is(unicode.Latin, r):
			return ""
		default:
			sb.WriteRune(r)
		}
	}
	if !changed {
		return ""
	}
	f := norm.NFC.String(sb.String())
	if strings.ContainsRune(f, 'n') && strings.ContainsRune(w, 'ñ') {
		return "" // ñ is a letter of its own
	}
	return f
}

// arabicProclitic is an Arabic word without a one-letter proclitic (wa,
// fa, bi, li, ka: "and", "so", "with", "for", "like") written onto it,
// when four letters or more remain: a shorter rest is more often a word
// that merely starts with that letter ("كتاب" is not "ka" + "تاب").
func arabicProclitic(w, lang string) (string, bool) {
	if lang != "ar" {
		return "", false
	}
	r, size := utf8.DecodeRuneInString(w)
	switch r {
	case 'و', 'ف', 'ب', 'ل', 'ك':
	default:
		return "", false
	}
	rest := w[size:]
	if runeLen(rest) < 4 {
		return "", false
	}
	return rest, true
}
