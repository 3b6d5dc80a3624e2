package text

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Disguised readings. The normaliser's Norm already reads masks, look-alike
// letters, full-width forms and leetspeak inside words. People also write
// words stretched ("fuuuuck", "shiiit", "ffuck"), with diacritics ("fück"),
// with leetspeak a plain reading leaves alone ("$h17", "5hit", "ph" for
// "f"), with "(" for "c" ("fu(k"), spelled out letter by letter ("f u c k")
// or as a mention ("@ss"). Those readings would make ordinary words
// ambiguous if they were the Norm ("cool" is not "col"), so they are
// given as separate readings of the whole Doc, which a rule matches with
// the same lexicon and reports only where a changed token is involved.

// Evasion is a way of disguising a word, as a bit set.
type Evasion uint8

// The evasions Readings undoes.
const (
	// Stretched: letters repeated ("fuuuuck", "shiiit", "ffuck").
	Stretched Evasion = 1 << iota
	// Accented: diacritics added ("fück", "shït").
	Accented
	// Leet: leetspeak the plain Norm leaves alone ("$h17", "5hit",
	// "phuck", "fu(k", "@ss").
	Leet
	// Spaced: a word spelled out letter by letter ("f u c k").
	Spaced
)

// Reading is a copy of a Doc whose tokens read through disguises; a token
// that changed has Obfuscated set and Disguise says how. It keeps only the
// tokens within a few of a changed one (a lexicon does not join words
// across the gaps). Spans stay on the text the user wrote.
type Reading struct {
	*Doc
	// Disguise is, for each token of Doc.Tokens, the evasions undone in
	// it (0 for a token read as in the original).
	Disguise []Evasion
}

// stretch says how runs of three or more repeated letters are read.
type stretch uint8

const (
	stretchToOne stretch = iota // "fuuuuck" → "fuck"
	stretchToTwo                // "asss" → "ass"
	stretchAll                  // with a long run, every double too: "shiiiitt" → "shit"
)

// Readings returns the disguised readings of d: none when no token reads
// differently, else up to three (repeated letters read as one, as two, and
// every double as one), each a full Doc a lexicon can match. The cost is
// linear in the text.
func (d *Doc) Readings() []Reading {
	var out []Reading
	for _, s := range []stretch{stretchToOne, stretchToTwo, stretchAll} {
		r, changed := d.reading(s)
		if !changed {
			return nil
		}
		if s == stretchToOne && !slices.ContainsFunc(r.Disguise, func(e Evasion) bool { return e&Stretched != 0 }) {
			// Nothing stretched: the other readings would be the same.
			return []Reading{r}
		}
		if slices.ContainsFunc(out, func(o Reading) bool { return sameNorms(o.Tokens, r.Tokens) }) {
			continue
		}
		out = append(out, r)
	}
	return out
}

func sameNorms(a, b []Token) bool {
	return slices.EqualFunc(a, b, func(x, y Token) bool { return x.Norm == y.Norm && x.Span == y.Span })
}

// reading builds one reading of d.
func (d *Doc) reading(s stretch) (Reading, bool) {
	// The copy is made at the first change: most posts have none.
	var toks []Token
	var dis []Evasion
	changed := false
	materialise := func(i int) {
		if toks == nil {
			toks = make([]Token, i, len(d.Tokens))
			copy(toks, d.Tokens[:i])
			dis = make([]Evasion, i, len(d.Tokens))
		}
	}
	for i := 0; i < len(d.Tokens); i++ {
		t := d.Tokens[i]
		// Letters spaced out: three or more one-letter words in a row,
		// one space apart, are one word.
		if j := d.spacedRun(i); j-i >= 3 {
			var sb strings.Builder
			for k := i; k < j; k++ {
				sb.WriteString(d.Tokens[k].Norm)
			}
			w := Token{Kind: Word, Raw: d.Slice(Span{t.Start, d.Tokens[j-1].End}), Norm: sb.String(),
				Span: Span{t.Start, d.Tokens[j-1].End}, Obfuscated: true, SentenceStart: t.SentenceStart}
			materialise(i)
			toks, dis = append(toks, w), append(dis, Spaced)
			changed = true
			i = j - 1
			continue
		}
		// "(" for "c" joins two words: "fu(k" → "fuck".
		if t.Kind == Word && i+1 < len(d.Tokens) && d.Tokens[i+1].Kind == Word && d.Tokens[i+1].Start == t.End+1 &&
			strings.ContainsRune("([{<", d.runes[t.End]) && isLetters(t.Norm) && isLetters(d.Tokens[i+1].Norm) {
			n := d.Tokens[i+1]
			w := Token{Kind: Word, Raw: d.Slice(Span{t.Start, n.End}), Norm: t.Norm + "c" + n.Norm,
				Span: Span{t.Start, n.End}, Obfuscated: true, SentenceStart: t.SentenceStart}
			w.Norm, _ = readWord(w.Norm, s)
			materialise(i)
			toks, dis = append(toks, w), append(dis, Leet)
			changed = true
			i++
			continue
		}
		var ev Evasion
		switch t.Kind {
		case Word, Hashtag:
			t.Norm, ev = readWord(t.Norm, s)
		case Mention:
			// "@ss" and "@sshole" are words with "@" for "a"; a real
			// handle so written rarely reads as a listed word.
			if len(t.Norm) <= 6 && isLetters(t.Norm) {
				t.Kind, t.Norm, ev = Word, "a"+t.Norm, Leet
			}
		}
		if ev != 0 {
			t.Obfuscated = true
			changed = true
			materialise(i)
		}
		if toks != nil {
			toks, dis = append(toks, t), append(dis, ev)
		}
	}
	if !changed {
		return Reading{}, false
	}
	// Keep only the tokens near a changed one: a phrase that reads a
	// disguised word is short, and a lexicon never joins words with other
	// words left out between them, so the reading costs what the
	// disguises cost, not what the text does.
	keep := make([]bool, len(toks))
	for i, e := range dis {
		if e != 0 {
			for k := max(0, i-readingWindow); k <= min(len(toks)-1, i+readingWindow); k++ {
				keep[k] = true
			}
		}
	}
	n := 0
	for i := range toks {
		if keep[i] {
			toks[n], dis[n] = toks[i], dis[i]
			n++
		}
	}
	c := *d
	c.Tokens = toks[:n:n]
	c.info = tokenInfos(c.Tokens)
	return Reading{Doc: &c, Disguise: dis[:n:n]}, true
}

// readingWindow is how many tokens on each side of a disguised one a
// reading keeps: enough for the longest phrase a profanity list holds
// ("son of a bitch").
const readingWindow = 4

// spacers may stand between the letters of a word spelled out ("f u c k",
// "f‐u‐c‐k" with Unicode hyphens the tokeniser does not join).
const spacers = " .-_*·\u2010\u2011\u2012\u2013\u2014\u00a0"

// spacedRun returns the end of a run of one-letter words from token i,
// each one or two spacers after the last (i itself when there is none).
func (d *Doc) spacedRun(i int) int {
	j := i
	for j < len(d.Tokens) {
		t := &d.Tokens[j]
		if t.Kind != Word || t.End-t.Start != 1 || !unicode.IsLetter(d.runes[t.Start]) {
			break
		}
		if j > i {
			p := &d.Tokens[j-1]
			if gap := t.Start - p.End; gap < 1 || gap > 2 || strings.Trim(string(d.runes[p.End:t.Start]), spacers) != "" {
				break
			}
		}
		j++
	}
	return j
}

func isLetters(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// readWord undoes diacritics, the leetspeak the Norm leaves alone and
// stretched letters in one word's Norm.
func readWord(w string, s stretch) (string, Evasion) {
	var ev Evasion
	if u := stripMarks(w); u != w {
		w, ev = u, ev|Accented
	}
	if u := readLeet(w); u != w {
		w, ev = u, ev|Leet
	}
	if u := unstretch(w, s); u != w {
		w, ev = u, ev|Stretched
	}
	return w, ev
}

// hookLetters are letters outside Unicode's confusables that filters are
// fooled with, read as the ASCII letter they imitate (written for
// Preflight from the peer libraries' examples: "ʃṳ𝒸𝗄").
var hookLetters = map[rune]rune{'ʃ': 'f', 'ƒ': 'f', 'ƈ': 'c', 'ɦ': 'h', 'ɓ': 'b', 'ɗ': 'd', 'ƙ': 'k', 'ƥ': 'p', 'ʈ': 't', 'ɠ': 'g'}

// stripMarks removes combining marks ("fück" → "fuck"), reads what is
// left of a Greek or Cyrillic letter as its Latin look-alike ("ὗ" → "υ" →
// "u") and hooked letters as plain ones ("ʃ" → "f"). Letters of their own
// (æ, ø, ß, ı) stay.
func stripMarks(w string) string {
	if isASCIIString(w) {
		return w
	}
	var sb strings.Builder
	for _, r := range norm.NFD.String(w) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case hookLetters[r] != 0:
			sb.WriteRune(hookLetters[r])
		case r >= 0x370 && r < 0x530:
			if c, ok := lookAlike(r); ok {
				sb.WriteByte(c)
			} else {
				sb.WriteRune(r)
			}
		default:
			sb.WriteRune(r)
		}
	}
	return norm.NFC.String(sb.String())
}

// leetLetter is what a digit or symbol stands for in a word that is
// otherwise letters.
func leetLetter(r rune) rune {
	switch r {
	case '$':
		return 's'
	case '@':
		return 'a'
	case '8':
		return 'b'
	case '9':
		return 'g'
	}
	return leetDigit(r)
}

// readLeet reads every digit and symbol as a letter in a word of mostly
// letters, or with "$" or "@" ("$h17", "5hit", "4ss", "a55"), and "ph" at the start as "f" ("phuck").
// Numbers and codes ("covid19", "mp3" are read too but match nothing;
// "2for1" has as many digits as letters) are not words a list holds.
func readLeet(w string) string {
	if strings.IndexAny(w, "0123456789$@") < 0 && !strings.HasPrefix(w, "ph") {
		return w
	}
	letters, other := 0, 0
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			letters++
		case leetLetter(r) != 0:
			other++
		default:
			if r != '\'' {
				return w
			}
		}
	}
	symbol := strings.ContainsAny(w, "$@")
	first := unicode.IsLetter([]rune(w)[0])
	if other > 0 && letters >= 1 && letters+other >= 3 && (letters >= other || symbol || first && other <= 2) {
		b := []rune(w)
		for i, r := range b {
			if l := leetLetter(r); l != 0 {
				b[i] = l
			}
		}
		w = string(b)
	}
	if strings.HasPrefix(w, "ph") && len(w) > 3 {
		w = "f" + w[2:]
	}
	return w
}

// mayStretch reports, without allocating, whether w has three equal
// characters in a row or starts with a doubled one.
func mayStretch(w string) bool {
	var p1, p2 rune = -1, -2
	n := 0
	for _, r := range w {
		if r == p1 && r == p2 || n == 1 && r == p2 {
			return true
		}
		p1, p2 = p2, r
		n++
	}
	return false
}

// unstretch reads repeated letters: runs of three or more as one (or two),
// a doubled first letter of a longer word as one ("ffuck"), and with
// stretchAll every double as one when the word has a run of three.
func unstretch(w string, s stretch) string {
	if !mayStretch(w) {
		return w
	}
	r := []rune(w)
	long := false
	for i := 0; i+2 < len(r); i++ {
		if r[i] == r[i+1] && r[i] == r[i+2] && unicode.IsLetter(r[i]) {
			long = true
			break
		}
	}
	doubledFirst := len(r) >= 5 && r[0] == r[1] && unicode.IsLetter(r[0]) && (len(r) < 3 || r[2] != r[0])
	if !long && !doubledFirst {
		return w
	}
	out := make([]rune, 0, len(r))
	for i := 0; i < len(r); {
		j := i
		for j < len(r) && r[j] == r[i] {
			j++
		}
		n := j - i
		switch {
		case !unicode.IsLetter(r[i]):
		case i == 0 && n == 2 && doubledFirst:
			n = 1
		case n >= 3 && s == stretchToTwo:
			n = 2
		case n >= 3 || s == stretchAll && long && n == 2:
			n = 1
		}
		for range n {
			out = append(out, r[i])
		}
		i = j
	}
	return string(out)
}
