package content

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/lexicon"
	"github.com/preflight-dev/preflight/segment"
	"github.com/preflight-dev/preflight/text"
)

// worldFile is the shape of data/profanity_world.yaml: terms of many
// languages and each language's own allow list.
type worldFile struct {
	Source  string              `yaml:"source"`
	Licence string              `yaml:"licence"`
	Terms   []Term              `yaml:"terms"`
	Allow   map[string][]string `yaml:"allow"`
	// RunTogether are, by language, the strongest words, read even
	// inside longer words ("wordsbeforefuckandafter").
	RunTogether map[string][]string `yaml:"run_together"`
}

// formsFile is data/profanity_forms.yaml: the word forms that keep a
// term's sense, by language.
type formsFile struct {
	Source  string                `yaml:"source"`
	Licence string                `yaml:"licence"`
	Min     string                `yaml:"min"`
	Forms   map[string][]formRule `yaml:"forms"`
}

type formRule struct {
	Strip string   `yaml:"strip"`
	Add   []string `yaml:"add"`
	// Known keeps a form the word list knows: the clipped swear word
	// ("Scheiß") is in it as itself.
	Known bool `yaml:"known"`
}

// deriveForms returns terms with the forms the rules derive from each
// one-word term of at least the least severity: a diminutive keeps a
// slur a slur. A form the language's word list knows as an ordinary word,
// one the allow list names, and one already a term are left out.
func deriveForms(lang string, rules []formRule, least checker.Severity, terms []Term, allow []string) []Term {
	have := make(map[string]bool, len(terms)+len(allow))
	for _, t := range terms {
		have[strings.ToLower(t.Phrase)] = true
	}
	for _, a := range allow {
		have[strings.ToLower(a)] = true
	}
	words := segment.NewFor(lang)
	out := slices.Clip(terms)
	for _, t := range terms {
		sev, err := checker.ParseSeverity(t.Severity)
		if err != nil || sev < least || t.Hashtag != "" || t.Compound != "" || t.Case {
			continue
		}
		w := strings.ToLower(t.Phrase)
		if strings.ContainsAny(w, " *-'’") || utf8.RuneCountInString(w) < 4 {
			continue
		}
		for _, r := range rules {
			stem, ok := strings.CutSuffix(w, r.Strip)
			if !ok || utf8.RuneCountInString(stem) < 3 {
				continue
			}
			for _, add := range r.Add {
				form := stem + add
				if have[form] || !r.Known && words.KnownIn(lang, form) {
					continue
				}
				have[form] = true
				d := t
				d.Phrase = form
				out = append(out, d)
			}
		}
	}
	return out
}

// runTogether is a strong word read inside longer words, with the term it
// reports and the words that, covering it, make it innocent (the
// language's allow list: "snigger", "Scunthorpe").
type runTogether struct {
	word  string
	term  *Term
	sev   checker.Severity
	allow []string
}

// profanityLexicons are the profanity lexicons by language: "en" holds the
// English terms and every term that names no language (a team's extra
// words), the others their language's terms. Each has the shared allow
// list and its language's own.
type profanityLexicons struct {
	byLang   map[string]func() (*lexicon.Lexicon, error)
	together map[string][]runTogether
}

// lazyLexicon compiles a language's lexicon on first use: a post looks up
// English and its own language, so the other languages' lexicons cost a
// one-post check nothing. A language with a team's extra terms is compiled
// at once, so a bad term is still an error at start-up;
// TestProfanityLexiconsCompile compiles the built-in ones.
func lazyLexicon(terms []Term, allow []string, eager bool, derive func([]Term, []string) []Term) (func() (*lexicon.Lexicon, error), error) {
	build := sync.OnceValues(func() (*lexicon.Lexicon, error) {
		if derive != nil {
			terms = derive(terms, allow)
		}
		return lexicon.New(terms, allow, checker.SeverityCritical, settings)
	})
	if eager {
		if _, err := build(); err != nil {
			return nil, err
		}
	}
	return build, nil
}

// newProfanityLexicons builds the lexicons from the hand-written
// profanity.yaml (English and Norwegian), the generated
// profanity_world.yaml and the team's options.
func newProfanityLexicons(o LexiconOptions) (profanityLexicons, lexicon.File, error) {
	f, err := lexicon.Read(dataFS, "data/profanity.yaml")
	if err != nil {
		return profanityLexicons{}, f, fmt.Errorf("content: %w", err)
	}
	var w worldFile
	if err := lexicon.Load(dataFS, "data/profanity_world.yaml", &w); err != nil {
		return profanityLexicons{}, f, fmt.Errorf("content: %w", err)
	}
	byLang := map[string][]Term{}
	extra := map[string]bool{}
	for i, ts := range [][]Term{f.Terms, w.Terms, o.Extra} {
		for _, t := range ts {
			lang := text.NormaliseLanguage(t.Lang)
			if lang == "" {
				lang = "en"
			}
			byLang[lang] = append(byLang[lang], t)
			extra[lang] = extra[lang] || i == 2
		}
	}
	var forms formsFile
	if err := lexicon.Load(dataFS, "data/profanity_forms.yaml", &forms); err != nil {
		return profanityLexicons{}, f, fmt.Errorf("content: %w", err)
	}
	least, err := checker.ParseSeverity(forms.Min)
	if err != nil {
		return profanityLexicons{}, f, fmt.Errorf("content: profanity_forms.yaml: min: %w", err)
	}
	shared := append(append([]string(nil), f.Allow...), o.Allow...)
	out := profanityLexicons{byLang: map[string]func() (*lexicon.Lexicon, error){}, together: map[string][]runTogether{}}
	for lang, terms := range byLang {
		allow := append(append([]string(nil), shared...), w.Allow[lang]...)
		var derive func([]Term, []string) []Term
		if rules := forms.Forms[lang]; len(rules) > 0 {
			derive = func(ts []Term, allow []string) []Term { return deriveForms(lang, rules, least, ts, allow) }
		}
		l, err := lazyLexicon(terms, allow, extra[lang] || len(o.Allow) > 0, derive)
		if err != nil {
			return out, f, fmt.Errorf("content: profanity (%s): %w", lang, err)
		}
		out.byLang[lang] = l
		if len(w.RunTogether[lang]) == 0 {
			continue // folding the allow list for nothing cost start-up 1%
		}
		var folded []string
		for _, a := range allow {
			folded = append(folded, strings.ReplaceAll(lexicon.Fold(a), " ", ""))
		}
		for _, word := range w.RunTogether[lang] {
			i := slices.IndexFunc(terms, func(t Term) bool { return t.Phrase == word })
			if i < 0 {
				return out, f, fmt.Errorf("content: profanity (%s): run-together word %q is not a term", lang, word)
			}
			sev, err := checker.ParseSeverity(terms[i].Severity)
			if err != nil {
				return out, f, fmt.Errorf("content: profanity (%s): %q: %w", lang, word, err)
			}
			out.together[lang] = append(out.together[lang], runTogether{word: word, term: &terms[i], sev: sev, allow: folded})
		}
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

// find returns the hits of every language looked up in d and in its
// disguised readings (text.Doc.Readings: stretched letters, diacritics,
// leetspeak, spaced-out letters), in text order, without a hit nested in
// another.
func (ls profanityLexicons) find(d *text.Doc) []lexicon.Hit {
	var hits []lexicon.Hit
	langs := lookupLanguages(d)
	readings := d.Readings()
	for i, lang := range langs {
		build := ls.byLang[lang]
		if build == nil || slices.Contains(langs[:i], lang) {
			continue
		}
		l, err := build()
		if err != nil {
			continue // built-in data: TestProfanityLexiconsCompile
		}
		hits = append(hits, ls.inside(d, lang)...)
		hits = append(hits, l.Find(asLanguage(d, lang))...)
		for _, r := range readings {
			for _, h := range l.Find(asLanguage(r.Doc, lang)) {
				// A reading's hit counts only where it read a
				// disguised token; the rest the plain text found.
				if slices.ContainsFunc(r.Disguise[h.First:h.Last+1], func(e text.Evasion) bool { return e != 0 }) {
					h.Obscured = true
					hits = append(hits, h)
				}
			}
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

// asLanguage is d as one language's lexicon reads it. A post whose
// language the detector left open is read as that language when it is a
// candidate, else as the likeliest candidate, so a term kept to one
// language ("slut" is English only: it means "end" in Swedish and Danish)
// does not match in a post that is surely not in it.
func asLanguage(d *text.Doc, lang string) *text.Doc {
	if d.Language != "" || len(d.Candidates) == 0 {
		return d
	}
	c := *d
	c.Language = d.Candidates[0]
	if slices.Contains(d.Candidates, lang) {
		c.Language = lang
	}
	return &c
}

// inside finds language lang's run-together words inside longer words and
// hashtags ("wordsbeforefuckandafter"), unless an allowed word of the
// token covers the occurrence ("Scunthorpe").
func (ls profanityLexicons) inside(d *text.Doc, lang string) []lexicon.Hit {
	rts := ls.together[lang]
	if len(rts) == 0 {
		return nil
	}
	var out []lexicon.Hit
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if t.Kind != text.Word && t.Kind != text.Hashtag {
			continue
		}
		key := tagJoiners.Replace(t.Norm)
		for _, rt := range rts {
			at := strings.Index(key, rt.word)
			if at < 0 || key == rt.word || covered(key, at, at+len(rt.word), rt.allow) {
				continue
			}
			out = append(out, lexicon.Hit{Term: rt.term, Severity: rt.sev, Span: t.Span, First: i, Last: i, Obscured: t.Obfuscated})
			break
		}
	}
	return out
}

// tagJoiners are dropped from a token before strong words are looked for
// inside it.
var tagJoiners = strings.NewReplacer("_", "", "-", "", "'", "")

// covered reports whether an allowed word of key overlaps key[a:b].
func covered(key string, a, b int, allow []string) bool {
	for _, w := range allow {
		for from := 0; from < len(key); {
			j := strings.Index(key[from:], w)
			if j < 0 {
				break
			}
			j += from
			if j < b && a < j+len(w) {
				return true
			}
			from = j + 1
		}
	}
	return false
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
