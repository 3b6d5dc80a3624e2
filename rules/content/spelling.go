package content

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/golangci/misspell"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/lexicon"
	"github.com/preflight-dev/preflight/text"
)

// spellingRule reports common misspellings (low: advice that does not
// change the verdict) with the correction as suggestion. English comes
// from misspell's list, looked up per whole word in a map built once when
// the rule is built (a few milliseconds; misspell's own string replacer
// takes seconds to build and is not needed for whole-word lookups).
// Norwegian comes from data/spelling_no.yaml. A text detected as Norwegian
// is checked against the Norwegian list only, and English text against the
// English list only.
func spellingRule(o Options) (*checker.Rule, error) {
	f, err := lexicon.Read(dataFS, "data/spelling_no.yaml")
	if err != nil {
		return nil, fmt.Errorf("content: %w", err)
	}
	dict := englishTypos()
	en := map[string]string{} // the team's extra words
	no := make(map[string]string, len(f.Terms))
	for _, t := range f.Terms {
		no[lexicon.Fold(t.Phrase)] = t.Suggest
	}
	for _, t := range o.Spelling.Extra {
		if t.Suggest == "" {
			return nil, fmt.Errorf("content: spelling term %q has no suggest (the correction)", t.Phrase)
		}
		// A team's own words apply whatever the language.
		en[lexicon.Fold(t.Phrase)], no[lexicon.Fold(t.Phrase)] = t.Suggest, t.Suggest
	}
	allowed := map[string]bool{}
	for _, a := range append(f.Allow, o.Spelling.Allow...) {
		delete(en, lexicon.Fold(a))
		delete(no, lexicon.Fold(a))
		allowed[lexicon.Fold(a)] = true
	}
	typo := func(w string) (string, bool) {
		if fix, ok := en[w]; ok {
			return fix, true
		}
		if allowed[w] {
			return "", false
		}
		return dict(w)
	}
	return &checker.Rule{
		ID:       "content.spelling",
		Category: checker.CategoryContent,
		Title:    "Common misspellings",
		Doc:      "A misspelled word in a brand post looks careless and is quoted back in replies.",
		Fix:      "Use the suggested spelling.",
		Since:    since,
		Run: func(p *checker.Pass) error {
			for _, t := range targets(p) {
				// Each list is for its language; with the language unknown
				// both apply (their words do not collide). A post in another
				// language gets neither: "continuent" is French, not a
				// misspelt "contingent".
				lang := strings.ToLower(t.doc.Language)
				norwegian := strings.HasPrefix(lang, "no") || strings.HasPrefix(lang, "nb") || strings.HasPrefix(lang, "nn")
				english := strings.HasPrefix(lang, "en")
				if lang != "" && !norwegian && !english {
					continue
				}
				for i := range t.doc.Tokens {
					tok := &t.doc.Tokens[i]
					if tok.Kind != text.Word || tok.Obfuscated {
						continue
					}
					w := strings.ToLower(tok.Raw)
					fix, ok := typo(w)
					if !ok || norwegian {
						if fix, ok = no[w]; !ok || english {
							continue
						}
					}
					t.report(p, tok.Span, checker.Finding{Severity: checker.SeverityLow,
						Message:    fmt.Sprintf("%q%s looks misspelled.", tok.Raw, t.where()),
						Suggestion: "Did you mean \"" + matchCase(tok.Raw, fix) + "\"?"})
				}
			}
			return nil
		},
	}, nil
}

// englishTypos looks a word up among misspell's typos: in place in the
// generated index, or, should it not fit the misspell version built in,
// in a map built now.
func englishTypos() func(string) (string, bool) {
	if x, ok := openMisspellIndex(misspellIdx); ok {
		return x.fix
	}
	m := make(map[string]string, len(misspell.DictMain)/2)
	for i := 0; i+1 < len(misspell.DictMain); i += 2 {
		m[misspell.DictMain[i]] = misspell.DictMain[i+1]
	}
	return func(w string) (string, bool) { fix, ok := m[w]; return fix, ok }
}

// matchCase gives fix the capitalisation of word (Teh → The, TEH → THE).
func matchCase(word, fix string) string {
	r, _ := utf8.DecodeRuneInString(word)
	switch {
	case strings.ToUpper(word) == word && utf8.RuneCountInString(word) > 1:
		return strings.ToUpper(fix)
	case unicode.IsUpper(r):
		f, n := utf8.DecodeRuneInString(fix)
		return string(unicode.ToUpper(f)) + fix[n:]
	}
	return fix
}
