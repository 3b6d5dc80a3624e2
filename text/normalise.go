package text

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The normaliser works in two stages so that every character of the
// matching form can be traced to whole code points of the text the user
// wrote:
//
//  1. fold (whole text): drop zero-width and bidi-control characters and
//     variation selectors, apply NFKC to each base character with its
//     combining marks (this also folds full-width and mathematical letters),
//     and remember for each folded code point where it came from.
//  2. normWord (one word): look-alike letters to ASCII (only in a word that
//     already has Latin letters or consists solely of look-alikes, so real
//     Cyrillic or Greek words are left alone), lower case, leetspeak inside
//     the word (sh1t, $hit, a$$, b!tch), masks read back through a short
//     list of commonly masked words (f**k → fuck). Diacritics stay: æ, ø and
//     å are letters of their own in Norwegian.

// invisible reports characters that change nothing visible and are used to
// split words for filters: zero-width characters, the soft hyphen, bidi
// controls and variation selectors.
func invisible(r rune) bool {
	switch r {
	case 0x00AD, 0x034F, 0x061C, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF:
		return true
	}
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0100 && r <= 0xE01EF
}

// folded is a text after stage 1: runes and, for each, the index of the
// original code point it came from.
type folded struct {
	r      []rune
	origin []int32
	n      int // code points in the original
	// invisible is true when stage 1 dropped an invisible character.
	invisible bool
}

// foldInto runs stage 1 over the original code points, reusing the given
// buffers.
func foldInto(src []rune, r []rune, origin []int32) folded {
	f := folded{r: r[:0], origin: origin[:0], n: len(src)}
	var buf [8]byte
	for i := 0; i < len(src); {
		r := src[i]
		if r < 0x80 && (i+1 == len(src) || src[i+1] < 0x80) {
			f.r = append(f.r, r)
			f.origin = append(f.origin, int32(i))
			i++
			continue
		}
		if invisible(r) {
			f.invisible = true
			i++
			continue
		}
		if r == '’' || r == 'ʼ' {
			// Typographic apostrophes read as the plain one.
			f.r = append(f.r, '\'')
			f.origin = append(f.origin, int32(i))
			i++
			continue
		}
		j := i + 1
		for j < len(src) && (unicode.IsMark(src[j]) || invisible(src[j])) {
			j++
		}
		if j == i+1 {
			n := utf8.EncodeRune(buf[:], r)
			if norm.NFKC.IsNormal(buf[:n]) {
				f.r = append(f.r, r)
				f.origin = append(f.origin, int32(i))
				i++
				continue
			}
		}
		var sb strings.Builder
		for _, c := range src[i:j] {
			if invisible(c) {
				f.invisible = true
			} else {
				sb.WriteRune(c)
			}
		}
		for _, c := range norm.NFKC.String(sb.String()) {
			if invisible(c) {
				continue
			}
			f.r = append(f.r, c)
			f.origin = append(f.origin, int32(i))
		}
		i = j
	}
	return f
}

// span returns the original code-point span of folded runes [a, b).
func (f *folded) span(a, b int) Span {
	end := f.n
	for k := b; k < len(f.origin); k++ {
		if f.origin[k] > f.origin[b-1] {
			end = int(f.origin[k])
			break
		}
	}
	return Span{int(f.origin[a]), end}
}

// lookAlike returns the ASCII letter r imitates; a capital without an
// entry of its own takes its small letter's.
func lookAlike(r rune) (byte, bool) {
	if r < 0x80 {
		return 0, false
	}
	if c, ok := confusable[r]; ok {
		return c, true
	}
	c, ok := confusable[unicode.ToLower(r)]
	return c, ok
}

// leetDigit is what a digit inside a word stands for.
func leetDigit(r rune) rune {
	switch r {
	case '0':
		return 'o'
	case '1':
		return 'i'
	case '3':
		return 'e'
	case '4':
		return 'a'
	case '5':
		return 's'
	case '7':
		return 't'
	}
	return 0
}

//go:embed data/masked.txt
var maskedData string

// maskedWords lists commonly masked words by length in code points.
var maskedWords = func() map[int][][]rune {
	m := map[int][][]rune{}
	for _, l := range strings.Split(maskedData, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || l[0] == '#' {
			continue
		}
		w := []rune(l)
		m[len(w)] = append(m[len(w)], w)
	}
	return m
}()

// unmask reads a masked word back when exactly one known word fits.
func unmask(w []rune) []rune {
	var found []rune
	for _, cand := range maskedWords[len(w)] {
		ok := true
		for i, c := range w {
			if c != '*' && c != cand[i] {
				ok = false
				break
			}
		}
		if ok {
			if found != nil {
				return nil
			}
			found = cand
		}
	}
	return found
}

// normWord runs stage 2 over one word's folded runes, in place, and returns
// the matching form and whether it needed look-alike, leetspeak or mask
// reading.
func normWord(w []rune, leet bool) (string, bool) {
	obf := normRunes(w, leet)
	return string(w), obf
}

// normRunes is normWord without making the string.
func normRunes(w []rune, leet bool) bool {
	obf := false
	if leet && len(w) >= 3 && leetWord(w) {
		obf = true
	}
	// Look-alikes: only in a word with Latin letters or made only of
	// look-alikes.
	ascii, mappable, letters := 0, 0, 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if r < 0x80 {
				ascii++
			} else if _, ok := lookAlike(r); ok {
				mappable++
			}
		}
	}
	if mappable > 0 && (ascii > 0 || mappable == letters) {
		for i, r := range w {
			if c, ok := lookAlike(r); ok {
				w[i] = rune(c)
				obf = true
			}
		}
	}
	for i, r := range w {
		switch {
		case r < 0x80:
			if 'A' <= r && r <= 'Z' {
				w[i] = r + 32
			} else if r == '#' {
				w[i] = '*'
			}
		case r == '’' || r == 'ʼ':
			w[i] = '\''
		default:
			w[i] = unicode.ToLower(r)
		}
	}
	masked := false
	for _, r := range w {
		if r == '*' {
			masked = true
			break
		}
	}
	if masked {
		obf = true
		if u := unmask(w); u != nil {
			copy(w, u)
		}
	}
	return obf
}

// leetWord undoes leetspeak in a lower-cased word: digits between letters
// (sh1t, l33t), $ and @ anywhere but the end ($hit, a$$, h@te), ! inside
// (b!tch). Words that are mostly digits, or start with one (2for1, 3d),
// are left alone, so numbers, prices and codes keep their meaning.
func leetWord(w []rune) bool {
	letters, digits := 0, 0
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case unicode.IsLetter(r):
			letters++
		}
	}
	if letters == 0 || digits >= letters || w[0] >= '0' && w[0] <= '9' {
		return false
	}
	changed := false
	isL := func(i int) bool { return i >= 0 && i < len(w) && unicode.IsLetter(w[i]) }
	// $ and @ stand for letters next to letters: "$hit", "a$$", "h@te";
	// not in "US$5" or "me@5pm".
	symbol := func(i int) bool {
		if i+1 < len(w) {
			return isL(i+1) || w[i+1] == w[i] && symbolRun(w, i)
		}
		return i > 0 && (isL(i-1) || w[i-1] == w[i])
	}
	for i, r := range w {
		if r == '!' && i > 0 && i+1 < len(w) {
			w[i] = 'i'
			changed = true
		}
	}
	// Mapping one symbol can put a letter next to another: repeat until
	// nothing changes, so that the result is stable.
	for again := true; again; {
		again = false
		for i, r := range w {
			switch {
			case r == '$' && symbol(i):
				w[i] = 's'
			case r == '@' && i+1 < len(w) && symbol(i):
				w[i] = 'a'
			default:
				continue
			}
			changed, again = true, true
		}
	}
	inner := false
	for i := 0; i < len(w); i++ {
		if r := w[i]; r >= '0' && r <= '9' {
			j := i
			for j < len(w) && w[j] >= '0' && w[j] <= '9' {
				j++
			}
			ok := isL(i-1) && isL(j)
			for k := i; ok && k < j; k++ {
				ok = leetDigit(w[k]) != 0
			}
			if ok {
				for k := i; k < j; k++ {
					w[k] = leetDigit(w[k])
				}
				changed, inner = true, true
			}
			i = j - 1
		}
	}
	// A word with leetspeak inside also has it at the end ("h3ll0"); a
	// word without ("covid19", "mp3") keeps its digits.
	if inner {
		j := len(w)
		for j > 0 && leetDigit(w[j-1]) != 0 {
			j--
		}
		if j < len(w) && j > 0 && isL(j-1) {
			for k := j; k < len(w); k++ {
				w[k] = leetDigit(w[k])
			}
		}
	}
	return changed
}

// symbolRun reports whether the run of w[i]'s symbol starting at i ends
// the word or meets a letter ("a$$", "a$$hole").
func symbolRun(w []rune, i int) bool {
	j := i
	for j < len(w) && w[j] == w[i] {
		j++
	}
	return j == len(w) || unicode.IsLetter(w[j])
}

// Normalise folds s for matching as the tokeniser does, word by word
// (NFKC, case, look-alikes, full-width forms, zero-width characters,
// leetspeak and masks) and joins the words' matching forms with single
// spaces; punctuation is dropped. Normalise(Normalise(s)) == Normalise(s).
func Normalise(s string) string {
	if plainWords(s) {
		// Plain words only need lower case: the shortcut that keeps
		// compiling a lexicon of thousands of phrases cheap.
		return strings.ToLower(s)
	}
	n, _ := NormaliseMap(s)
	return n
}

// plainWords reports whether s is plain words (plainWord) separated by
// single spaces.
func plainWords(s string) bool {
	for w := range strings.SplitSeq(s, " ") {
		if !plainWord(w) {
			return false
		}
	}
	return true
}

// NormaliseMap is Normalise with an offset map: offsets[k] is the index of
// the original code point that the k-th code point of norm came from, and
// offsets has one extra final entry, the number of code points in s. The
// offsets never decrease, so a range of norm maps back to whole characters
// of s: [offsets[a], offsets[b]).
func NormaliseMap(s string) (string, []int) {
	sc := newScanner(s)
	sc.wantOrigins = true
	sc.words(0, len(sc.f.r))
	var sb strings.Builder
	offs := make([]int, 0, len(sc.src)+1)
	k := 0
	for i, t := range sc.toks {
		if i > 0 {
			sb.WriteByte(' ')
			offs = append(offs, t.Start)
		}
		sb.WriteString(t.Norm)
		for range utf8.RuneCountInString(t.Norm) {
			offs = append(offs, int(sc.origs[k]))
			k++
		}
	}
	offs = append(offs, len(sc.src))
	return sb.String(), offs
}
