package text

import (
	"bufio"
	"bytes"
	"slices"
	"strings"
	"testing"
)

// scannerTokens is how post text tokenises w: the reference the phrase
// compiler's shortcut for plain words must agree with.
func scannerTokens(w string) []Token {
	sc := newScanner(w)
	sc.words(0, len(sc.f.r))
	return sc.toks
}

// TestPhraseTokensPlainWords checks that the shortcut for plain words gives
// the tokens the scanner gives, on every word of the language model (the
// detector's word features in fourteen languages) and on words at the
// shortcut's edges.
func TestPhraseTokensPlainWords(t *testing.T) {
	words := []string{"shop", "Shop", "SHOP", "don't", "o'clock", "rock'n'roll", "a''b", "'tis", "ol'", "soooo",
		"f", "FUCK", "sh1t", "f*ck", "høyre", "naïve", "x-ray", "e.g", "a_b", "@me", "$hit", "rip", "zz", "abc'"}
	sc := bufio.NewScanner(bytes.NewReader(langModelTSV))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 3 || f[0] != "word" {
			continue
		}
		for p := range strings.FieldsSeq(f[2]) {
			if i := strings.LastIndexByte(p, ':'); i > 0 {
				words = append(words, p[:i], strings.ToUpper(p[:i]))
			}
		}
	}
	plain := 0
	var c phraseCompiler
	for _, w := range words {
		if !plainWord(w) {
			continue
		}
		plain++
		got, want := slices.Clone(c.tokens(w)), scannerTokens(w)
		if len(got) != len(want) {
			t.Errorf("%q: %d tokens, the scanner makes %d", w, len(got), len(want))
			continue
		}
		for i := range got {
			if got[i].Kind != want[i].Kind || got[i].Norm != want[i].Norm {
				t.Errorf("%q: token %d is %v %q, the scanner's is %v %q", w, i, got[i].Kind, got[i].Norm, want[i].Kind, want[i].Norm)
			}
		}
	}
	if plain < 1000 {
		t.Errorf("only %d plain words tried", plain)
	}
}

// TestNormalisePlainWords checks Normalise's shortcut for plain words
// against the scanner's reading of the same text, on phrases of the
// language model's words and on texts at the shortcut's edges.
func TestNormalisePlainWords(t *testing.T) {
	texts := []string{"Black Friday", "don't panic", "a  b", " lead", "trail ", "x-ray spex", "ROCK'N'ROLL", "sh1t happens", "so sooo"}
	var prev string
	for l := range strings.Lines(string(langModelTSV)) {
		f := strings.Split(strings.TrimSpace(l), "\t")
		if len(f) != 3 || f[0] != "word" {
			continue
		}
		for p := range strings.FieldsSeq(f[2]) {
			if i := strings.LastIndexByte(p, ':'); i > 0 {
				texts = append(texts, prev+" "+strings.ToUpper(p[:1])+p[1:i])
				prev = p[:i]
			}
		}
	}
	plain := 0
	for _, s := range texts {
		if !plainWords(s) {
			continue
		}
		plain++
		if got, want := Normalise(s), func() string { n, _ := NormaliseMap(s); return n }(); got != want {
			t.Errorf("Normalise(%q) = %q, NormaliseMap gives %q", s, got, want)
		}
	}
	if plain < 1000 {
		t.Errorf("only %d plain texts tried", plain)
	}
}
