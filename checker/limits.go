package checker

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/text"
)

// ContentLanguages are the languages every content rule reads: the tone,
// innuendo, insensitive-wording and other lists are English and Norwegian.
var ContentLanguages = []string{"en", "no"}

// WordListLanguages are the languages whose profanity and slurs the
// content rules read (rules/content keeps a word list for each; a test
// there keeps the two in step). Each is one the text package detects.
var WordListLanguages = []string{"en", "no", "sv", "da", "de", "fr", "es", "pt", "it", "nl", "pl", "fi", "tr", "cs", "hu", "id", "vi", "ja", "zh", "ko", "ar", "th", "ru", "uk"}

//go:embed data/languages.tsv
var languagesTSV []byte

// languageNames maps a language code to its English name, read from
// data/languages.tsv when first needed, for the languages the detector
// does not know.
var languageNames = sync.OnceValue(func() map[string]string {
	names := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(languagesTSV))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		code, name, ok := strings.Cut(line, "\t")
		if !ok || code == "" || name == "" {
			panic(fmt.Sprintf("checker: bad line %d in embedded languages.tsv: %q", n, line))
		}
		names[code] = name
	}
	return names
})

// languageName returns the English name of a language code when known.
func languageName(code string) string {
	if n := text.LanguageName(code); n != "" {
		return n
	}
	return languageNames()[code]
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
// not read in full, what could not be judged; "" when they read it or the
// post is too short to tell. declared is the post's own language field;
// otherwise the text package's detector decides (Doc.Language, and
// Doc.Candidates when it is unsure).
func languageLimit(doc *text.Doc, declared string) string {
	code := doc.Language
	if declared != "" {
		code = text.NormaliseLanguage(declared)
	}
	if code != "" {
		return codeLimit(code, declared)
	}
	if len(doc.Candidates) > 0 && !slices.ContainsFunc(doc.Candidates, func(c string) bool { return slices.Contains(ContentLanguages, c) }) {
		var names []string
		for _, c := range doc.Candidates {
			names = append(names, languageName(c))
		}
		return fmt.Sprintf("content rules read only English and Norwegian in full; this post seems to be in %s, and only profanity and slurs were judged", strings.Join(names, " or "))
	}
	scriptHits := make([]int, len(scripts))
	words := 0
	for i := range doc.Tokens {
		t := &doc.Tokens[i]
		if t.Kind != text.Word {
			continue
		}
		words++
		r, _ := utf8.DecodeRuneInString(t.Raw)
		for j, s := range scripts {
			if unicode.Is(s.table, r) {
				scriptHits[j]++
				break
			}
		}
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

// codeLimit is the limit for a post known to be in language code.
func codeLimit(code, declared string) string {
	switch {
	case slices.Contains(ContentLanguages, code):
		return ""
	case slices.Contains(WordListLanguages, code):
		return fmt.Sprintf("content rules do not cover %s (%s) beyond profanity and slurs: insensitive wording, innuendo, mockery and the other content rules did not judge its words", languageName(code), code)
	}
	if name := languageName(code); name != "" {
		return fmt.Sprintf("content rules do not cover %s (%s): its words were not judged", name, code)
	}
	return fmt.Sprintf("content rules do not cover the language %q: its words were not judged", declared)
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
