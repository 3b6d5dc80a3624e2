package checker

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/text"
)

// ContentLanguages are the languages the text analysis reads (its detector
// answers "en" or "no") and so the languages the content rules judge.
var ContentLanguages = []string{"en", "no"}

//go:embed data/languages.tsv
var languagesTSV []byte

// otherLanguage is a language the content rules do not read, with the
// function words that give it away.
type otherLanguage struct {
	code, name string
}

// otherLanguages and otherWords are read once from data/languages.tsv.
var otherLanguages, otherWords = func() ([]otherLanguage, map[string][]int) {
	var langs []otherLanguage
	words := map[string][]int{}
	sc := bufio.NewScanner(bytes.NewReader(languagesTSV))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			panic("checker: bad line in embedded languages.tsv: " + line)
		}
		langs = append(langs, otherLanguage{code: f[0], name: f[1]})
		for _, w := range strings.Fields(f[2]) {
			n := text.Normalise(w)
			if !slices.Contains(words[n], len(langs)-1) {
				words[n] = append(words[n], len(langs)-1)
			}
		}
	}
	return langs, words
}()

// languageName returns the English name of a language code when known.
func languageName(code string) string {
	switch code {
	case "en":
		return "English"
	case "no":
		return "Norwegian"
	}
	for _, l := range otherLanguages {
		if l.code == code {
			return l.name
		}
	}
	return ""
}

// scripts are the writing systems a post may be in that the content rules
// cannot read, by name.
var scripts = []struct {
	name  string
	table *unicode.RangeTable
}{
	{"Arabic", unicode.Arabic}, {"Cyrillic", unicode.Cyrillic}, {"Greek", unicode.Greek},
	{"Hebrew", unicode.Hebrew}, {"Devanagari", unicode.Devanagari}, {"Thai", unicode.Thai},
	{"Han (Chinese or Japanese)", unicode.Han}, {"Japanese kana", unicode.Hiragana},
	{"Japanese kana", unicode.Katakana}, {"Hangul (Korean)", unicode.Hangul},
}

// languageLimit says, when the post is in a language the content rules do
// not read, what could not be judged; "" when they read it or the post is
// too short to tell. declared is the post's own language field.
func languageLimit(doc *text.Doc, declared string) string {
	if declared != "" {
		code := text.NormaliseLanguage(declared)
		if slices.Contains(ContentLanguages, code) {
			return ""
		}
		if name := languageName(code); name != "" {
			return fmt.Sprintf("content rules do not cover %s (%s): its words were not judged", name, code)
		}
		return fmt.Sprintf("content rules do not cover the language %q: its words were not judged", declared)
	}
	if slices.Contains(ContentLanguages, doc.Language) {
		return ""
	}
	hits := make([]int, len(otherLanguages))
	scriptHits := make([]int, len(scripts))
	latin, words := 0, 0
	for i := range doc.Tokens {
		t := &doc.Tokens[i]
		if t.Kind != text.Word {
			continue
		}
		words++
		for _, l := range otherWords[t.Norm] {
			hits[l]++
		}
		r, _ := utf8.DecodeRuneInString(t.Raw)
		if unicode.Is(unicode.Latin, r) {
			latin++
			continue
		}
		for j, s := range scripts {
			if unicode.Is(s.table, r) {
				scriptHits[j]++
				break
			}
		}
	}
	best, second := -1, 0
	for l, n := range hits {
		switch {
		case best < 0 || n > hits[best]:
			if best >= 0 {
				second = hits[best]
			}
			best = l
		case n > second:
			second = n
		}
	}
	if best >= 0 && hits[best] >= 2 && hits[best] > second {
		l := otherLanguages[best]
		return fmt.Sprintf("content rules do not cover %s (%s): its words were not judged", l.name, l.code)
	}
	if best >= 0 && hits[best] >= 2 {
		return "content rules read only English and Norwegian; this post seems to be in another language, whose words were not judged"
	}
	bestScript := -1
	for j, n := range scriptHits {
		if n > 0 && (bestScript < 0 || n > scriptHits[bestScript]) {
			bestScript = j
		}
	}
	if bestScript >= 0 && scriptHits[bestScript]*2 > words {
		return fmt.Sprintf("content rules read only English and Norwegian; words in %s script were not judged", scripts[bestScript].name)
	}
	return ""
}

// regionLimits names the post's regions the calendar has no data for.
func regionLimits(regions []string, supported map[string]bool) []string {
	var out []string
	for _, r := range regions {
		// A subdivision (US-CA) of a supported country is judged with
		// the country's calendar at least.
		if !supported[r] && !(len(r) > 3 && r[2] == '-' && supported[r[:2]]) {
			out = append(out, fmt.Sprintf("no calendar for %s: its holidays and solemn days were not checked", r))
		}
	}
	return out
}
