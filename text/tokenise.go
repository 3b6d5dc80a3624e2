package text

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// scanner splits a text into tokens. It reads the folded runes (stage 1 of
// the normaliser), so "ｆｕｃｋ" and "f\u200buck" are one word, and reports
// spans on the original code points.
type scanner struct {
	raw  string
	src  []rune
	boff []int32 // byte offset of each code point of raw, plus len(raw)
	f    folded
	toks []Token
	sent bool // the next token starts a sentence

	buffers *scratchBuffers

	wantOrigins bool
	origs       []int32 // original code point of each Norm rune, token after token
	scratch     []rune
}

// scratchBuffers are a scanner's working buffers, which no token keeps;
// they are pooled so that reading a post allocates little.
type scratchBuffers struct {
	boff   []int32
	r      []rune
	origin []int32
}

var scratchPool = sync.Pool{New: func() any { return new(scratchBuffers) }}

func newScanner(raw string) *scanner {
	n := utf8.RuneCountInString(raw)
	sc := new(scanner)
	sc.init(raw, make([]rune, 0, n), make([]Token, 0, n/5+4))
	return sc
}

// init sets sc up to scan raw as newScanner does, in place, appending its
// code points and tokens to src and toks (empty): a caller that scans
// many short texts one after another keeps one scanner and its slices.
func (sc *scanner) init(raw string, src []rune, toks []Token) {
	b := scratchPool.Get().(*scratchBuffers)
	*sc = scanner{raw: raw, src: src, boff: b.boff[:0], sent: true, toks: toks, buffers: b}
	for i, r := range raw {
		sc.src = append(sc.src, r)
		sc.boff = append(sc.boff, int32(i))
	}
	sc.boff = append(sc.boff, int32(len(raw)))
	sc.f = foldInto(sc.src, b.r, b.origin)
}

// release returns the working buffers to the pool; the scanner must not be
// used afterwards.
func (sc *scanner) release() {
	b := sc.buffers
	if b == nil || cap(sc.boff) > 1<<16 {
		return
	}
	b.boff, b.r, b.origin = sc.boff[:0], sc.f.r[:0], sc.f.origin[:0]
	sc.buffers = nil
	scratchPool.Put(b)
}

// rawOf returns the original text of a code-point span without copying.
func (sc *scanner) rawOf(s Span) string {
	return sc.raw[sc.boff[s.Start]:sc.boff[s.End]]
}

// foldedIndex returns the first folded rune whose origin is at or after the
// original code point i.
func (sc *scanner) foldedIndex(i int) int {
	lo, hi := 0, len(sc.f.origin)
	for lo < hi {
		m := (lo + hi) / 2
		if int(sc.f.origin[m]) < i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

func isLetterDigit(r rune) bool {
	if r < 0x80 {
		return 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isLetter(r rune) bool {
	if r < 0x80 {
		return 'a' <= r|0x20 && r|0x20 <= 'z'
	}
	return unicode.IsLetter(r)
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// isAnyDigit reports whether r is a decimal digit of any script.
func isAnyDigit(r rune) bool { return isDigit(r) || r >= 0x80 && unicode.Is(unicode.Nd, r) }

// asciiDigits is a number's runes with every decimal digit written in
// ASCII ("١٩" → "19"); Unicode places each script's ten digits in a row
// after its zero.
func asciiDigits(rs []rune) string {
	b := make([]byte, 0, len(rs))
	for _, c := range rs {
		switch {
		case isDigit(c) || c < 0x80:
			b = append(b, byte(c))
		case unicode.Is(unicode.Nd, c):
			// Back to the first zero of the run of digit blocks (the
			// mathematical digits are five blocks in a row), at most 50.
			z := c
			for z > 0 && unicode.Is(unicode.Nd, z-1) && c-z < 50 {
				z--
			}
			b = append(b, byte('0'+(c-z)%10))
		default:
			b = utf8.AppendRune(b, c)
		}
	}
	return string(b)
}

// wordInner lists the characters a word may contain besides letters and
// digits: masks, leetspeak, apostrophes and separators that are split or
// trimmed afterwards.
const wordInner = "*$@!'’._-#"

// IsEmoji reports whether r is an emoji or pictographic symbol.
func IsEmoji(r rune) bool {
	return r >= 0x1F000 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF || r >= 0x2B00 && r <= 0x2BFF ||
		r >= 0x2300 && r <= 0x23FF || r == 0x00A9 || r == 0x00AE || r == 0x203C || r == 0x2049 || r == 0x2122
}

func isRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

func isSentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', '\n', '…', '。', '！', '？':
		return true
	}
	return false
}

// words tokenises folded runes [a, b): words, numbers and emoji.
func (sc *scanner) words(a, b int) {
	r := sc.f.r
	for i := a; i < b; {
		c := r[i]
		switch {
		case isLetterDigit(c) && !unicode.IsMark(c) || (c == '$' || c == '@') && i+1 < b && isLetter(r[i+1]):
			j := i + 1
			for j < b {
				d := r[j]
				if isLetterDigit(d) || d < 0x80 && strings.IndexByte(wordInner, byte(d)) >= 0 && !scriptOf(r[j-1]).unspaced() || d == '’' ||
					d == ',' && isDigit(r[j-1]) && j+1 < b && isDigit(r[j+1]) {
					j++
					continue
				}
				break
			}
			sc.candidate(i, j)
			i = j
		case IsEmoji(c):
			j := i + 1
			norm := string(c)
			if isRegional(c) && j < b && isRegional(r[j]) {
				// A flag is a pair of regional indicators (🇳🇴).
				norm = string(r[i : j+1])
				j++
			}
			for j < b && (r[j] >= 0x1F3FB && r[j] <= 0x1F3FF || r[j] == 0x20E3) {
				j++
			}
			sc.emit(Emoji, i, j, norm, false, i)
			i = j
		default:
			if isSentenceEnd(c) {
				sc.sent = true
			}
			i++
		}
	}
}

// trimmable reports whether c is trimmed from the ends of a word.
func trimmable(c rune) bool {
	switch c {
	case '.', '\'', '’', '-', '_', '!', '*', '#', '@', ',':
		return true
	}
	return false
}

// candidate splits and normalises a run of word characters.
func (sc *scanner) candidate(i, j int) {
	r := sc.f.r
	end := j
	n0 := len(sc.toks)
	defer func() {
		for k := j; k < end; k++ {
			if isSentenceEnd(r[k]) {
				// "Mr.", "St.", "kl." and initials do not end a sentence.
				if r[k] == '.' && k == j && len(sc.toks) > n0 && abbreviation(sc.toks[len(sc.toks)-1].Norm) {
					break
				}
				sc.sent = true
			}
		}
	}()
	for i < j && trimmable(r[i]) {
		i++
	}
	for j > i && trimmable(r[j-1]) {
		j--
	}
	if i >= j {
		return
	}
	// Spelled out with a separator: f.u.c.k, f-u-c-k, f_u_c_k.
	if n := j - i; n >= 5 && n%2 == 1 {
		sep := r[i+1]
		if sep == '.' || sep == '-' || sep == '_' || sep == '*' || sep == '#' {
			ok := true
			for k := i; k < j && ok; k++ {
				if (k-i)%2 == 0 {
					ok = isLetter(r[k])
				} else {
					ok = r[k] == sep
				}
			}
			if ok {
				w := sc.scratch[:0]
				idx := make([]int, 0, (n+1)/2)
				for k := i; k < j; k += 2 {
					w = append(w, r[k])
					idx = append(idx, k)
				}
				sc.scratch = w
				norm, _ := normWord(w, true)
				sc.emitIdx(Word, i, j, norm, true, idx)
				return
			}
		}
	}
	// An e-mail address splits at "@" (not leetspeak for "a").
	email := false
	for k := i; k < j; k++ {
		if r[k] == '@' {
			for m := k + 1; m < j-1; m++ {
				if r[m] == '.' && isLetter(r[m+1]) {
					email = true
				}
			}
			break
		}
	}
	// Split at separators, except a point or comma inside a number.
	start := i
	for k := i; k <= j; k++ {
		if k < j {
			c := r[k]
			if !(c == '.' || c == '-' || c == '_' || email && c == '@') || c == '.' && k > i && isDigit(r[k-1]) && k+1 < j && isDigit(r[k+1]) {
				continue
			}
		}
		p, q := start, k
		// A piece starts with a letter or digit: a combining mark left
		// at its head belonged to the separator before it.
		for p < q && (trimmable(r[p]) || unicode.IsMark(r[p])) {
			p++
		}
		for q > p && trimmable(r[q-1]) {
			q--
		}
		if p < q {
			sc.piece(p, q)
		}
		start = k + 1
	}
}

// piece normalises one word or number.
func (sc *scanner) piece(p, q int) {
	for p < q && (trimmable(sc.f.r[p]) || (sc.f.r[p] == '$' || sc.f.r[p] == '@') && (p+1 == q || !isLetter(sc.f.r[p+1]))) {
		p++
	}
	for q > p && trimmable(sc.f.r[q-1]) {
		q--
	}
	letters := false
	for _, c := range sc.f.r[p:q] {
		if isLetter(c) {
			letters = true
			break
		}
	}
	if !letters {
		// Numbers: runs of digits with points or commas between digits.
		// Digits of other scripts (Arabic-Indic ١٩, Devanagari १९,
		// full-width １９) are numbers too, normalised to ASCII.
		r := sc.f.r
		for k := p; k < q; {
			if !isAnyDigit(r[k]) {
				k++
				continue
			}
			e := k + 1
			for e < q && (isAnyDigit(r[e]) || (r[e] == '.' || r[e] == ',') && e+1 < q && isAnyDigit(r[e+1])) {
				e++
			}
			sc.emit(Number, k, e, asciiDigits(r[k:e]), false, k)
			k = e
		}
		return
	}
	// Fast path: a plain ASCII word (most words) only needs lower case.
	plain, upper := true, false
	for _, c := range sc.f.r[p:q] {
		switch {
		case 'a' <= c && c <= 'z', c == '\'':
		case 'A' <= c && c <= 'Z':
			upper = true
		default:
			plain = false
		}
		if !plain {
			break
		}
	}
	if s := sc.f.span(p, q); plain && s.End-s.Start == q-p && !sc.wantOrigins {
		raw := sc.rawOf(s)
		if len(raw) == q-p {
			if upper {
				raw = strings.ToLower(raw)
			}
			sc.toks = append(sc.toks, Token{Kind: Word, Raw: sc.rawOf(s), Norm: raw, Span: s, SentenceStart: sc.sent})
			sc.sent = false
			return
		}
	}
	w := append(sc.scratch[:0], sc.f.r[p:q]...)
	sc.scratch = w
	obf := normRunes(w, true)
	sc.emit(Word, p, q, sc.normString(w, sc.f.span(p, q)), obf, p)
}

// emit appends a token over folded runes [a, b) whose Norm runes map one to
// one onto folded runes from first.
func (sc *scanner) emit(kind TokenKind, a, b int, norm string, obf bool, first int) {
	s := sc.f.span(a, b)
	obf = obf || sc.hidden(s)
	sc.toks = append(sc.toks, Token{Kind: kind, Raw: sc.rawOf(s), Norm: norm, Span: s, Obfuscated: obf, SentenceStart: sc.sent})
	sc.sent = false
	if sc.wantOrigins {
		for k := range utf8.RuneCountInString(norm) {
			sc.origs = append(sc.origs, sc.f.origin[first+k])
		}
	}
}

// emitIdx is emit for a Norm whose runes come from the folded runes idx.
func (sc *scanner) emitIdx(kind TokenKind, a, b int, norm string, obf bool, idx []int) {
	s := sc.f.span(a, b)
	sc.toks = append(sc.toks, Token{Kind: kind, Raw: sc.rawOf(s), Norm: norm, Span: s, Obfuscated: obf, SentenceStart: sc.sent})
	sc.sent = false
	if sc.wantOrigins {
		for _, k := range idx {
			sc.origs = append(sc.origs, sc.f.origin[k])
		}
	}
}

// hidden reports whether a word's original text has invisible characters
// inside it ("fu\u200bck"): someone split the word to slip past filters.
func (sc *scanner) hidden(s Span) bool {
	if !sc.f.invisible {
		return false
	}
	for k := s.Start + 1; k < s.End-1; k++ {
		if invisible(sc.src[k]) {
			return true
		}
	}
	return false
}

// abbreviations are words written with a point that does not end the
// sentence (English and Norwegian).
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "jr": true, "sr": true, "prof": true,
	"vs": true, "inc": true, "ltd": true, "co": true, "corp": true, "dept": true, "approx": true, "no": false,
	"ca": true, "nr": true, "kl": true, "pga": true, "ifm": true, "jf": true, "evt": true, "inkl": true,
	"ekskl": true, "tlf": true, "bl": true, "eks": true, "mht": true, "dvs": true,
}

// abbreviation reports whether a word followed by a point is an
// abbreviation or an initial.
func abbreviation(norm string) bool {
	return abbreviations[norm] || utf8.RuneCountInString(norm) == 1 && isLetter([]rune(norm)[0])
}

// normString returns the string of a word's matching form, reusing the
// original text when they are the same (most lower-case words), so that
// tokenising allocates little.
func (sc *scanner) normString(w []rune, s Span) string {
	raw := sc.rawOf(s)
	i := 0
	for _, r := range raw {
		if i >= len(w) || w[i] != r {
			return string(w)
		}
		i++
	}
	if i != len(w) {
		return string(w)
	}
	return raw
}
