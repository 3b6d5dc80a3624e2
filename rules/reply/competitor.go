package reply

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/lexicon"
	"github.com/preflight-dev/preflight/text"
)

// CompetitorOptions extends the competitor rule.
type CompetitorOptions struct {
	// Names are competitors to watch besides the profile's competitors.
	Names          []string `yaml:"names"`
	LexiconOptions `yaml:",inline"`
}

// competitorFile is the shape of data/competitor.yaml: a lexicon file plus
// the capitalised words that are not companies.
type competitorFile struct {
	lexicon.File `yaml:",inline"`
	// NotNames are capitalised words that are not companies (days,
	// months), for "unlike <Name>".
	NotNames []string `yaml:"not_names"`
}

// competitorRule reports a reply that mocks a competitor: a named
// competitor (the profile's competitors or the rule's names) next to a jab
// ("unlike", "lol", "overpriced"), an "unlike <Name>" comparison, or a
// generic "unlike other airlines".
func competitorRule(o Options) (*checker.Rule, error) {
	// The words are compiled on the rule's first run, or now when
	// preflight.yaml adds or allows some, so that a mistake there stops
	// start-up.
	words := sync.OnceValues(func() (*competitorWords, error) { return loadCompetitorWords(o.Competitor.LexiconOptions) })
	if len(o.Competitor.Extra) > 0 || len(o.Competitor.Allow) > 0 {
		if _, err := words(); err != nil {
			return nil, err
		}
	}
	extra := o.Competitor.Names
	return &checker.Rule{
		ID:       "reply.competitor",
		Category: checker.CategoryReply,
		Title:    "Mocking a competitor in a reply",
		Doc: "Jabs at competitors in customer-care replies look petty, start public spats the brand cannot control " +
			"and can breach comparative-advertising rules.",
		Fix:   "Talk about what you offer, not about the competitor.",
		Since: since,
		Kinds: replyOnly,
		Run: func(p *checker.Pass) error {
			const sug = "Leave the competitor out; say what you can do for the customer and offer help in DM."
			w, err := words()
			if err != nil {
				return err
			}
			lex, notNames := w.lex, w.notNames
			d := p.Doc
			reported := map[text.Span]bool{}
			for _, h := range lex.Find(d, false) {
				reported[h.Span] = true
				p.ReportSpan(h.Span, checker.Finding{Severity: h.Severity, Suggestion: sug,
					Message: fmt.Sprintf("%q compares the brand with competitors in a mocking way.", d.Slice(h.Span))})
			}
			// The competitors of the brand the reply speaks for (its profile
			// in brands:), else the default profile's.
			competitors := p.Profile.Competitors
			if b := p.Brand(); b != nil && len(b.Competitors) > 0 {
				competitors = b.Competitors
			}
			var named []text.Span
			if (len(competitors) > 0 || len(extra) > 0) && lex.Cued(d) {
				named = findNames(d, append(append([]string(nil), competitors...), extra...))
			}
			for _, s := range named {
				if !reported[s] {
					reported[s] = true
					p.ReportSpan(s, checker.Finding{Severity: checker.SeverityMedium, Suggestion: sug,
						Message: fmt.Sprintf("%q is a competitor named in a reply that mocks or disparages it.", d.Slice(s))})
				}
			}
			// "unlike Verizon": "unlike" before a capitalised name or a mention.
			for i := 0; i+1 < len(d.Tokens); i++ {
				t, n := &d.Tokens[i], &d.Tokens[i+1]
				if t.Norm != "unlike" || !(n.Kind == text.Mention || isName(n.Raw)) || notNames[lexicon.TrimPossessive(n.Norm)] || own(p, n) {
					continue
				}
				s := text.Span{Start: t.Start, End: n.End}
				if lexicon.Covered(spans(reported), s) {
					continue
				}
				reported[s] = true
				p.ReportSpan(s, checker.Finding{Severity: checker.SeverityMedium, Suggestion: sug,
					Message: fmt.Sprintf("%q compares the brand with a named company in a reply.", d.Slice(s))})
			}
			return nil
		},
		Load: func() error {
			_, err := words()
			return err
		},
	}, nil
}

// competitorWords are data/competitor.yaml compiled: the mocking
// phrases and the capitalised words that are not companies.
type competitorWords struct {
	lex      *lexicon.Cued
	notNames map[string]bool
}

func loadCompetitorWords(o LexiconOptions) (*competitorWords, error) {
	var f competitorFile
	if err := readFile("competitor.yaml", &f); err != nil {
		return nil, err
	}
	lex, err := lexicon.NewCued(f.File, o, checker.SeverityMedium, lexicon.CuedSettings{Settings: settings})
	if err != nil {
		return nil, fmt.Errorf("reply: competitor.yaml: %w", err)
	}
	w := &competitorWords{lex: lex, notNames: map[string]bool{}}
	for _, n := range f.NotNames {
		w.notNames[lexicon.Fold(n)] = true
	}
	return w, nil
}

// own reports whether t names the posting brand.
func own(p *checker.Pass, t *text.Token) bool {
	for _, b := range p.Profile.BrandNames(p.Post) {
		if ws := strings.Fields(lexicon.Fold(b)); len(ws) > 0 && lexicon.TrimPossessive(strings.TrimLeft(lexicon.TokenKey(t), "@#")) == ws[0] {
			return true
		}
	}
	return false
}

func spans(m map[text.Span]bool) []lexicon.Hit {
	out := make([]lexicon.Hit, 0, len(m))
	for s := range m {
		out = append(out, lexicon.Hit{Span: s})
	}
	return out
}

// isName reports whether a word is capitalised (a name), ignoring a leading
// '@' or '#'.
func isName(raw string) bool {
	raw = strings.TrimLeft(raw, "@#")
	r, _ := utf8.DecodeRuneInString(raw)
	return unicode.IsUpper(r)
}

// nameLexicons holds the compiled lexicon of each list of competitor
// names seen (one per brand profile), so a reply compiles none.
var nameLexicons sync.Map // string (names joined by NUL) -> *text.Lexicon

// findNames returns the spans where any of names occurs as whole tokens,
// matched by the text package's lexicon (case-insensitive; an @mention or
// a hashtag of the name counts, "@AcmeMobile" for "Acme Mobile" too).
func findNames(d *text.Doc, names []string) []text.Span {
	key := strings.Join(names, "\x00")
	v, ok := nameLexicons.Load(key)
	if !ok {
		var es []text.Entry
		for _, n := range names {
			if text.CheckPhrase(n) == nil {
				es = append(es, text.Entry{Phrase: n})
			}
		}
		v, _ = nameLexicons.LoadOrStore(key, text.MustLexiconWith(es, text.LexiconOptions{AcrossSentences: true, Mentions: true}))
	}
	var out []text.Span
	for _, m := range v.(*text.Lexicon).FindShared(d) {
		out = append(out, m.Span)
	}
	return out
}
