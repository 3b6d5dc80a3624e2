package calendars

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/preflight-dev/preflight/internal/strictyaml"
)

//go:embed data/solemn_words.yaml
var solemnWordsYAML []byte

// solemnVocabulary is data/solemn_words.yaml compiled: whole words, word
// stems, word parts and phrases that mark a day of mourning or
// remembrance, and words that veto them.
type solemnVocabulary struct {
	words, stems, parts map[string]bool
	phrases             []string // " a b " with spaces around
	not                 []string // phrases, " a b "
}

var solemnWords = sync.OnceValues(func() (*solemnVocabulary, error) {
	return parseSolemnWords(solemnWordsYAML)
})

func parseSolemnWords(b []byte) (*solemnVocabulary, error) {
	var f struct {
		Words []string `yaml:"words"`
		Not   []string `yaml:"not"`
	}
	if err := strictyaml.Decode(b, &f); err != nil {
		return nil, fmt.Errorf("data/solemn_words.yaml: %w", err)
	}
	v := &solemnVocabulary{words: map[string]bool{}, stems: map[string]bool{}, parts: map[string]bool{}}
	for i, w := range f.Words {
		norm := strings.Join(nameWords(strings.Trim(w, "*")), " ")
		switch {
		case norm == "":
			return nil, fmt.Errorf("data/solemn_words.yaml: words[%d]: %q has no letters", i, w)
		case strings.Contains(norm, " "):
			if strings.Contains(w, "*") {
				return nil, fmt.Errorf("data/solemn_words.yaml: words[%d]: %q: a phrase takes no *", i, w)
			}
			v.phrases = append(v.phrases, " "+norm+" ")
		case strings.HasPrefix(w, "*") && strings.HasSuffix(w, "*"):
			v.parts[norm] = true
		case strings.HasSuffix(w, "*"):
			v.stems[norm] = true
		case strings.Contains(w, "*"):
			return nil, fmt.Errorf("data/solemn_words.yaml: words[%d]: %q: * goes at the end (stem*) or at both ends (*part*)", i, w)
		default:
			v.words[norm] = true
		}
	}
	for i, w := range f.Not {
		norm := strings.Join(nameWords(w), " ")
		if norm == "" {
			return nil, fmt.Errorf("data/solemn_words.yaml: not[%d]: %q has no letters", i, w)
		}
		v.not = append(v.not, " "+norm+" ")
	}
	return v, nil
}

// nameWords splits a day's name into lower-case words of letters, digits
// and the marks that belong to them (Bengali and Khmer vowel signs,
// apostrophes inside a word as in "пам'яті").
func nameWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) && r != '\'' && r != '’'
	})
}

// solemnName reports whether a day's name reads as a day of mourning or
// remembrance (data/solemn_words.yaml).
func solemnName(name string) bool {
	if name == "" {
		return false
	}
	v, err := solemnWords()
	if err != nil {
		return false // TestSolemnWords parses the file
	}
	ws := nameWords(name)
	for i, w := range ws {
		ws[i] = strings.Trim(w, "'’")
	}
	joined := " " + strings.Join(ws, " ") + " "
	for _, n := range v.not {
		if strings.Contains(joined, n) {
			return false
		}
	}
	for _, w := range ws {
		if v.words[w] {
			return true
		}
		for s := range v.stems {
			if strings.HasPrefix(w, s) {
				return true
			}
		}
		for p := range v.parts {
			if strings.Contains(w, p) {
				return true
			}
		}
	}
	for _, p := range v.phrases {
		if strings.Contains(joined, p) {
			return true
		}
	}
	return false
}
