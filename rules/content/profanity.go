package content

import (
	"fmt"
	"slices"
	"strings"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// profanityRule reports profanity and slurs: critical for strong words,
// sexual vulgarity and slurs (the post is blocked), medium or high for
// milder swearing. Disguised spellings (f*ck, ｆｕｃｋ, sh1t) match through
// the normaliser; compounds (bullshit, shit-hot) match for the strong words
// that never occur inside innocent words.
func profanityRule(o Options) (*checker.Rule, error) {
	lex, f, err := lexiconRule("profanity.yaml", o.Profanity, checker.SeverityCritical)
	if err != nil {
		return nil, err
	}
	return &checker.Rule{
		ID:       "content.profanity",
		Category: checker.CategoryContent,
		Title:    "Profanity and slurs",
		Doc: "Swearing, sexual vulgarity and slurs on a brand account are screenshotted and shared long after " +
			"the post is deleted. Disguised spellings (f*ck, sh1t) read the same to people and are matched too.",
		Fix:   "Remove the word or rephrase; for milder words decide whether the brand's voice allows them.",
		Since: since,
		Run: func(p *checker.Pass) error {
			for _, t := range targets(p) {
				for i := range t.doc.Tokens {
					if tok := &t.doc.Tokens[i]; tok.Kind == text.Emoji && slices.ContainsFunc(f.Emoji, func(e string) bool { return strings.Contains(tok.Raw, e) }) {
						t.report(p, tok.Span, checker.Finding{Severity: checker.SeverityHigh,
							Message:    fmt.Sprintf("%q%s is an obscene gesture.", tok.Raw, t.where()),
							Suggestion: "Remove the emoji."})
					}
				}
				for _, h := range lex.Find(t.doc) {
					word := t.doc.Slice(h.Span)
					var msg string
					switch h.Term.Category {
					case "slur":
						why := h.Term.Why
						if why == "" {
							why = "a slur"
						}
						msg = fmt.Sprintf("%q%s is %s.", word, t.where(), why)
					case "sexual":
						msg = fmt.Sprintf("%q%s is sexually explicit language.", word, t.where())
					case "mild":
						msg = fmt.Sprintf("%q%s is mild profanity that part of your audience will find unprofessional.", word, t.where())
					default:
						msg = fmt.Sprintf("%q%s is profanity.", word, t.where())
					}
					if h.Obscured {
						msg = msg[:len(msg)-1] + ", disguised but still read as such."
					}
					sug := h.Term.Suggest
					if sug == "" {
						sug = "Remove or replace the word."
					}
					t.report(p, h.Span, checker.Finding{Severity: h.Severity, Message: msg, Suggestion: sug})
				}
			}
			return nil
		},
	}, nil
}
