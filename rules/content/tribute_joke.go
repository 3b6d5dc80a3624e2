package content

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/grammar"
	"github.com/preflight-dev/preflight/text"
)

// tributeJokeRule reports a joke or a pun in a tribute to someone who died:
// a death phrase ("RIP", "passed away", "will be missed") in a sentence
// that names a person, together with a light-hearted signal (a pun, "lol",
// a laughing emoji), an offer, or the brand's own products or name from the
// brand profile ("RIP Carrie Fisher, you'll always have the best buns in
// the galaxy" from a bakery whose products are buns). A sincere tribute
// that names no product passes. Its scene (data/scenes.yaml) reads a dead
// parent or partner used to sell ("a boy asks about his late father, then
// orders the same burger").
func tributeJokeRule(o Options) (*checker.Rule, error) {
	g, _, err := loadGrammar("tribute.yaml")
	if err != nil {
		return nil, err
	}
	tj := &tributeJoke{death: g, products: &brandProducts{}}
	sc, err := scenesFor("content.tribute_joke")
	if err != nil {
		return nil, err
	}
	return &checker.Rule{
		ID:       "content.tribute_joke",
		Category: checker.CategoryContent,
		Title:    "Joke or product pun in a tribute",
		Doc: "A tribute to someone who died that jokes, sells or puns on the brand's products reads as using the " +
			"death for attention (Cinnabon on Carrie Fisher, 2016); it is screenshotted before it can be deleted. A child " +
			"grieving a dead parent used to sell a meal or a policy is read as exploiting grief.",
		Fix:   "Keep a tribute plain: the person's name, what they meant, and nothing about the brand's goods.",
		Since: "2026.12.0",
		Run: func(p *checker.Pass) error {
			tj.run(p)
			sc.run(p)
			return nil
		},
	}, nil
}

type tributeJoke struct {
	death    *grammar.Grammar
	products *brandProducts
}

// brandProducts finds the brand profile's products in a post, compiling
// each brand's list once.
type brandProducts struct {
	lexicons sync.Map // brand name and products -> *text.Lexicon
}

func (tj *tributeJoke) run(p *checker.Pass) {
	d := p.Doc
	deaths := tj.death.Read(d).Spans("death")
	if len(deaths) == 0 {
		return
	}
	var tribute text.Span
	found := false
	names := d.Names()
	for _, s := range d.Sentences() {
		for _, x := range deaths {
			if x.Start >= s.Start && x.End <= s.End && (hasName(names, s, x) || hasMention(d, s)) {
				tribute, found = s, true
			}
		}
	}
	if !found {
		return
	}
	what := ""
	var at []text.Span
	if ps := tj.products.in(p, d); len(ps) > 0 {
		at, what = ps, "the brand's own products or name"
	} else if len(d.Signals.LightHearted) > 0 {
		at, what = d.Signals.LightHearted, "a joke"
	} else if len(d.Signals.Promotional) > 0 {
		at, what = d.Signals.Promotional, "an offer"
	}
	if len(at) == 0 {
		return
	}
	sev := checker.SeverityHigh
	if what == "an offer" || len(d.Signals.Promotional) > 0 {
		sev = checker.SeverityCritical
	}
	p.ReportSpan(at[0], checker.Finding{Severity: sev,
		Message: fmt.Sprintf("%q brings %s into a tribute to someone who died (%q): it reads as a pun or a plug on a death.",
			d.Slice(at[0]), what, d.Slice(tribute)),
		Suggestion: "Keep the tribute plain: name the person and what they meant; leave the brand's products, jokes and offers out."})
}

// hasName reports whether sentence s names someone: a capitalised name
// that is more than the death phrase itself ("RIP" is capitalised too, and
// "RIP Dame Wilhelmina Oakes" reads as one run of capitals).
func hasName(names []text.Span, s, death text.Span) bool {
	for _, n := range names {
		if n.Start >= s.Start && n.End <= s.End && (n.Start < death.Start || n.End > death.End) {
			return true
		}
	}
	return false
}

func hasMention(d *text.Doc, s text.Span) bool {
	for _, m := range d.Mentions {
		if m.Start >= s.Start && m.End <= s.End {
			return true
		}
	}
	return false
}

// in finds the brand profile's products (and product-line names) in d, the
// post's text or one of its alt texts.
func (bp *brandProducts) in(p *checker.Pass, d *text.Doc) []text.Span {
	b := p.Brand()
	if b == nil || len(b.Products) == 0 {
		return nil
	}
	key := b.Name + "\x00" + strings.Join(b.Products, "\x00")
	v, ok := bp.lexicons.Load(key)
	if !ok {
		var es []text.Entry
		for _, pr := range b.Products {
			if ph := stemmed(pr); text.CheckPhrase(ph) == nil {
				es = append(es, text.Entry{Phrase: ph})
			}
		}
		l, err := text.NewLexiconWith(es, text.LexiconOptions{Separators: text.SpaceSeparator})
		if err != nil {
			return nil
		}
		v, _ = bp.lexicons.LoadOrStore(key, l)
	}
	var out []text.Span
	for _, m := range v.(*text.Lexicon).FindShared(d) {
		out = append(out, m.Span)
	}
	return out
}

// stemmed writes a product name so each plain word matches its other
// forms ("Cinnamon Roll" finds "cinnamon rolls").
func stemmed(name string) string {
	ws := strings.Fields(strings.ToLower(name))
	for i, w := range ws {
		if len(w) > 2 && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) < 0 {
			ws[i] = "~" + w
		}
	}
	return strings.Join(ws, " ")
}
