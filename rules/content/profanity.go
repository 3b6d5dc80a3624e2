package content

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/lexicon"
	"github.com/preflight-dev/preflight/text"
)

// worldFile is the shape of data/profanity_world.yaml: terms of many
// languages and each language's own allow list.
type worldFile struct {
	Source  string              `yaml:"source"`
	Licence string              `yaml:"licence"`
	Terms   []Term              `yaml:"terms"`
	Allow   map[string][]string `yaml:"allow"`
}

// profanityLexicons are the profanity lexicons by language: "en" holds the
// English terms and every term that names no language (a team's extra
// words), the others their language's terms. Each has the shared allow
// list and its language's own.
type profanityLexicons map[string]*lexicon.Lexicon

// newProfanityLexicons builds the lexicons from the hand-written
// profanity.yaml (English and Norwegian), the generated
// profanity_world.yaml and the team's options.
func newProfanityLexicons(o LexiconOptions) (profanityLexicons, lexicon.File, error) {
	f, err := lexicon.Read(dataFS, "data/profanity.yaml")
	if err != nil {
		return nil, f, fmt.Errorf("content: %w", err)
	}
	var w worldFile
	if err := lexicon.Load(dataFS, "data/profanity_world.yaml", &w); err != nil {
		return nil, f, fmt.Errorf("content: %w", err)
	}
	byLang := map[string][]Term{}
	for _, ts := range [][]Term{f.Terms, w.Terms, o.Extra} {
		for _, t := range ts {
			lang := text.NormaliseLanguage(t.Lang)
			if lang == "" {
				lang = "en"
			}
			byLang[lang] = append(byLang[lang], t)
		}
	}
	shared := append(append([]string(nil), f.Allow...), o.Allow...)
	out := profanityLexicons{}
	for lang, terms := range byLang {
		allow := append(append([]string(nil), shared...), w.Allow[lang]...)
		l, err := lexicon.New(terms, allow, checker.SeverityCritical, settings)
		if err != nil {
			return nil, f, fmt.Errorf("content: profanity (%s): %w", lang, err)
		}
		out[lang] = l
	}
	return out, f, nil
}

// lookupLanguages are the languages whose words are looked up in d:
// English everywhere (it is the lingua franca of social media), and the
// post's language, or the languages the detector could not rule out, or,
// for a post too short to read, Norwegian as well (Preflight's home
// market).
func lookupLanguages(d *text.Doc) []string {
	langs := []string{"en"}
	switch {
	case d.Language != "":
		langs = append(langs, d.Language)
	case len(d.Candidates) > 0:
		langs = append(langs, d.Candidates...)
	default:
		langs = append(langs, "no")
	}
	return langs
}

// find returns the hits of every language looked up in d, in text order,
// without a hit nested in another.
func (ls profanityLexicons) find(d *text.Doc) []lexicon.Hit {
	var hits []lexicon.Hit
	langs := lookupLanguages(d)
	for i, lang := range langs {
		if l := ls[lang]; l != nil && !slices.Contains(langs[:i], lang) {
			hits = append(hits, l.Find(d)...)
		}
	}
	sort.SliceStable(hits, func(a, b int) bool {
		if hits[a].Span.Start != hits[b].Span.Start {
			return hits[a].Span.Start < hits[b].Span.Start
		}
		return hits[a].Span.End > hits[b].Span.End
	})
	out := hits[:0]
	end := -1
	for _, h := range hits {
		if h.Span.End <= end {
			continue
		}
		out = append(out, h)
		end = h.Span.End
	}
	return out
}

// profanityRule reports profanity and slurs: critical for strong words,
// sexual vulgarity and slurs (the post is blocked), medium or high for
// milder swearing. Disguised spellings (f*ck, ｆｕｃｋ, sh1t) match through
// the normaliser; compounds (bullshit, shit-hot) match for the strong words
// that never occur inside innocent words. Words are looked up in English
// and in the post's language only, so a Norwegian word never flags an
// English name ("Knull", "Faenza").
func profanityRule(o Options) (*checker.Rule, error) {
	lexes, f, err := newProfanityLexicons(o.Profanity)
	if err != nil {
		return nil, err
	}
	return &checker.Rule{
		ID:       "content.profanity",
		Category: checker.CategoryContent,
		Title:    "Profanity and slurs",
		Doc: "Swearing, sexual vulgarity and slurs on a brand account are screenshotted and shared long after " +
			"the post is deleted. Disguised spellings (f*ck, sh1t) read the same to people and are matched too. " +
			"English words are looked up in every post, other languages' words (Norwegian, Swedish, Danish, German, " +
			"French, Spanish, Portuguese, Italian, Dutch, Polish, Finnish, Turkish) only in posts in that language.",
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
				for _, h := range lexes.find(t.doc) {
					t.report(p, h.Span, profanityFinding(t, h))
				}
			}
			return nil
		},
	}, nil
}

// profanityFinding words the finding for one hit.
func profanityFinding(t target, h lexicon.Hit) checker.Finding {
	word := t.doc.Slice(h.Span)
	in := ""
	if lang := text.NormaliseLanguage(h.Term.Lang); lang != "" && lang != "en" && lang != "no" {
		in = " in " + text.LanguageName(lang)
	}
	var msg string
	switch h.Term.Category {
	case "slur":
		why := h.Term.Why
		if why == "" {
			why = "a slur"
		}
		msg = fmt.Sprintf("%q%s is %s%s.", word, t.where(), why, in)
	case "sexual":
		msg = fmt.Sprintf("%q%s is sexually explicit language%s.", word, t.where(), in)
	case "mild":
		msg = fmt.Sprintf("%q%s is mild profanity%s that part of your audience will find unprofessional.", word, t.where(), in)
	default:
		msg = fmt.Sprintf("%q%s is profanity%s.", word, t.where(), in)
	}
	if h.Obscured {
		msg = msg[:len(msg)-1] + ", disguised but still read as such."
	}
	sug := h.Term.Suggest
	if sug == "" {
		sug = "Remove or replace the word."
	}
	return checker.Finding{Severity: h.Severity, Message: msg, Suggestion: sug}
}
