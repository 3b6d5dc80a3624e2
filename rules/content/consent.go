package content

import (
	"fmt"
	"strings"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/lexicon"
	"github.com/preflight-dev/preflight/text"
)

// consentFile is data/consent.yaml: the word classes of a refusal treated
// as a thing to get rid of.
type consentFile struct {
	Source      string   `yaml:"source"`
	Licence     string   `yaml:"licence"`
	Refusals    []string `yaml:"refusals"`
	Determiners []string `yaml:"determiners"`
	Personal    []string `yaml:"personal"`
	Dismissals  []string `yaml:"dismissals"`
	Places      []string `yaml:"places"`
	Follow      []string `yaml:"follow"`
	Party       []string `yaml:"party"`
}

// wordClass is a set of words, some matched by prefix ("remov*").
type wordClass struct {
	words    map[string]bool
	prefixes []string
}

func newWordClass(ws []string) wordClass {
	c := wordClass{words: map[string]bool{}}
	for _, w := range ws {
		w = strings.ToLower(strings.TrimSpace(w))
		if p, ok := strings.CutSuffix(w, "*"); ok {
			c.prefixes = append(c.prefixes, p)
			continue
		}
		c.words[w] = true
	}
	return c
}

func (c wordClass) has(w string) bool {
	if c.words[w] {
		return true
	}
	for _, p := range c.prefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// consentReading finds a refusal ("no") treated as a thing to remove,
// leave behind or forget; built once.
type consentReading struct {
	refusals, determiners, personal, dismissals, places, follow, party wordClass
}

// consentReach is how many words apart a dismissal (before) or a place
// (after) may be from the refusal.
const consentReach = 4

func loadConsent() (*consentReading, error) {
	var f consentFile
	if err := lexicon.Load(dataFS, "data/consent.yaml", &f); err != nil {
		return nil, fmt.Errorf("content: %w", err)
	}
	if f.Source == "" || f.Licence == "" || len(f.Refusals) == 0 || len(f.Dismissals) == 0 {
		return nil, fmt.Errorf("content: data/consent.yaml: source, licence, refusals and dismissals are required")
	}
	return &consentReading{refusals: newWordClass(f.Refusals), determiners: newWordClass(f.Determiners),
		personal: newWordClass(f.Personal), dismissals: newWordClass(f.Dismissals), places: newWordClass(f.Places),
		follow: newWordClass(f.Follow), party: newWordClass(f.Party)}, nil
}

// quotes are the marks that make a word a mention of itself ('no').
const quotes = "'\"‘’“”«»‹›`´"

// consentHit is one refusal dismissed: the words from the dismissal to the
// refusal (or to the place it is removed from) and how bad it reads.
type consentHit struct {
	span     text.Span
	severity checker.Severity
}

// read finds the dismissed refusals of d: high when the refusal is a
// person's ("my 'no'", "your vocabulary") in a drinking or party post,
// medium with either, low otherwise ("removed 'no' from our returns
// policy").
func (c *consentReading) read(d *text.Doc) []consentHit {
	ts := d.Tokens
	party := false
	for _, t := range ts {
		if (t.Kind == text.Word || t.Kind == text.Hashtag) && c.party.has(t.Norm) {
			party = true
			break
		}
	}
	var out []consentHit
	for i, t := range ts {
		if t.Kind != text.Word || !c.refusals.has(t.Norm) || !c.asNoun(d, i) {
			continue
		}
		start, end := -1, -1
		for j := max(0, i-consentReach); j < i; j++ {
			if ts[j].Kind == text.Word && c.dismissals.has(ts[j].Norm) {
				start = j
				break
			}
		}
		for j := i + 1; j < len(ts) && j <= i+consentReach; j++ {
			if ts[j].Kind == text.Word && c.places.has(ts[j].Norm) {
				end = j
				break
			}
		}
		if start < 0 {
			continue // a refusal nobody removes ("say 'no' to plastic")
		}
		if end < 0 {
			end = i
		}
		personal := false
		for j := max(0, i-consentReach); j < len(ts) && j <= end; j++ {
			personal = personal || ts[j].Kind == text.Word && c.personal.has(ts[j].Norm)
		}
		sev := checker.SeverityLow
		switch {
		case personal && party:
			sev = checker.SeverityHigh
		case personal || party:
			sev = checker.SeverityMedium
		}
		sp := text.Span{Start: ts[start].Start, End: ts[end].End}
		if q := d.Slice(text.Span{Start: sp.End, End: sp.End + 1}); q != "" && strings.Contains(quotes, q) {
			sp.End++ // the closing quote of 'no'
		}
		out = append(out, consentHit{span: sp, severity: sev})
	}
	return out
}

// asNoun is true when the refusal at token i is used as a noun: quoted;
// after a determiner and not before a word it would modify ("my 'no'",
// "my no at home"; not "leave no crumb"); or the object of a dismissal
// before a preposition ("removing no from").
func (c *consentReading) asNoun(d *text.Doc, i int) bool {
	t := d.Tokens[i]
	before := d.Slice(text.Span{Start: t.Start - 1, End: t.Start})
	after := d.Slice(text.Span{Start: t.End, End: t.End + 1})
	if before != "" && after != "" && strings.Contains(quotes, before) && strings.Contains(quotes, after) {
		return true
	}
	if i == 0 || after == "-" {
		return false
	}
	if prev := d.Tokens[i-1].Norm; !c.determiners.has(prev) {
		// Straight after the verb that drops it, as its object: "removing
		// no from your vocabulary", not "leave no trace".
		return c.dismissals.has(prev) && i+1 < len(d.Tokens) && c.follow.has(d.Tokens[i+1].Norm)
	}
	if i+1 == len(d.Tokens) || after != "" && strings.Contains(",.;:!?)", after) {
		return true // the sentence or clause ends on it ("forget your no, it's Friday")
	}
	next := d.Tokens[i+1]
	return next.Kind != text.Word || c.follow.has(next.Norm)
}

// consent reports dismissed refusals in the post and its alt texts.
func consent(p *checker.Pass, c *consentReading, ts []target) {
	for _, t := range ts {
		for _, h := range c.read(t.doc) {
			t.report(p, h.span, checker.Finding{Severity: h.severity,
				Message: fmt.Sprintf("%q%s treats a refusal as something to get rid of; beside drink or a party it reads as dismissing consent.",
					t.doc.Slice(h.span), t.where()),
				Suggestion: "Say what the product invites people to say yes to, without removing anyone's no."})
		}
	}
}
