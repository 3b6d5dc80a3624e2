package content

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/grammar"
	"github.com/preflight-dev/preflight/text"
)

// loadGrammar compiles a grammar data file and the severity of each of its
// patterns.
func loadGrammar(name string) (*grammar.Grammar, map[string]checker.Severity, error) {
	var f grammar.File
	if err := readData(name, &f); err != nil {
		return nil, nil, err
	}
	g, err := grammar.New(f.Classes, f.Patterns)
	if err != nil {
		return nil, nil, fmt.Errorf("content: data/%s: %w", name, err)
	}
	sev, err := grammar.Severities(f.Patterns)
	if err != nil {
		return nil, nil, fmt.Errorf("content: data/%s: %w", name, err)
	}
	return g, sev, nil
}

// voice reads the sentence patterns of a staff member's own story or
// anger: being fired, complaining about the employer, insulting critics
// or the person addressed, ranting about people.
type voice struct {
	g   *grammar.Grammar
	sev map[string]checker.Severity // by pattern id
}

func loadVoice() (*voice, error) {
	g, sev, err := loadGrammar("voice.yaml")
	if err != nil {
		return nil, err
	}
	return &voice{g: g, sev: sev}, nil
}

// run reports the voice patterns in the post text, and a shouted sentence
// aimed at someone: all in capitals, no offer in it, addressing "you",
// "they" or people (a rant, where "SALE NOW ON" is only loud).
func (v *voice) run(p *checker.Pass) {
	d := p.Doc
	r := v.g.Read(d)
	ms := v.g.Find(r)
	for _, m := range ms {
		if m.Pattern.Message == "" {
			continue // a reading, weighed with others in contempt
		}
		p.ReportSpan(m.Span, checker.Finding{Severity: v.sev[m.Pattern.ID],
			Message:    strings.ReplaceAll(m.Pattern.Message, "{match}", fmt.Sprintf("%q", d.Slice(m.Span))),
			Suggestion: m.Pattern.Suggestion})
	}
	for _, s := range d.Sentences() {
		if !shouted(d, s) || overlaps(d.Cues.Promotional, s) {
			continue
		}
		if !addresses(d, s) {
			continue
		}
		p.ReportSpan(s, checker.Finding{Severity: checker.SeverityMedium,
			Message:    fmt.Sprintf("%q shouts at someone in capitals: it reads as a personal rant, not the brand's voice.", d.Slice(s)),
			Suggestion: "Check who is posting; if the brand means it, say it calmly in sentence case."})
	}
	v.stances(p, r)
	v.gripe(p, r)
	v.contempt(p, r, ms)
	v.farewellRant(p, r)
	v.sarcasm(p, r, ms)
}

// gripe reports a staff member's complaint about their own day: a first
// person ({me}: I, me, my, "made us"), a working-life or private-life topic
// ({life_topic}: the shift, the manager, a date, a hangover; not the
// customer's: "your shift") and a complaint ({gripe}: hate, worst, ugh, 🙄)
// within two consecutive sentences. A post that apologises or offers help
// ({care}) or speaks to "you" is an agent's empathy ("ugh, your manager
// sounds like a nightmare"), and a founder's story ({story}: "so I started")
// or a post that sells is the brand's own voice; none is read. One finding per post, on the words that gave it.
func (v *voice) gripe(p *checker.Pass, r *grammar.Reading) {
	d := p.Doc
	if r.Has("care") || r.Has("story") || r.Has("you_words") || d.Signals.IsPromotional() {
		return
	}
	me := r.Spans("me")
	if !strings.HasPrefix(strings.ToLower(d.Language), "en") {
		me = append(me, r.Spans("me_world")...)
		slices.SortFunc(me, func(a, b text.Span) int { return a.Start - b.Start })
	}
	me, gripes := capped(me), capped(r.Spans("gripe"))
	if len(me) == 0 || len(gripes) == 0 {
		return
	}
	topics := capped(notTheirs(d, r.Spans("life_topic"), r.Spans("theirs")))
	if len(topics) == 0 {
		return
	}
	ss := d.Sentences()
	for i := range ss {
		w := ss[i]
		if i+1 < len(ss) {
			w.End = ss[i+1].End
		}
		m, ok1 := firstWithin(me, w)
		t, g, ok2 := apart(topics, gripes, w)
		if !ok1 || !ok2 {
			continue
		}
		span := text.Span{Start: min(m.Start, t.Start, g.Start), End: max(m.End, t.End, g.End)}
		p.ReportSpan(span, checker.Finding{Severity: checker.SeverityMedium,
			Message: fmt.Sprintf("%q, %q and %q read as a staff member's complaint about their own day, not the brand's voice.",
				d.Slice(m), d.Slice(t), d.Slice(g)),
			Suggestion: "Check who is posting: this reads as a personal post sent from the brand account."})
		return
	}
}

// apart returns the first topic and gripe inside w that are different
// words: "ghosted" is both, and alone it is not a complaint about one's day.
func apart(topics, gripes []text.Span, w text.Span) (text.Span, text.Span, bool) {
	for _, t := range topics {
		if t.Start < w.Start || t.End > w.End {
			continue
		}
		for _, g := range gripes {
			if g.Start >= w.Start && g.End <= w.End && (g.End <= t.Start || t.End <= g.Start) {
				return t, g, true
			}
		}
	}
	return text.Span{}, text.Span{}, false
}

// notTheirs drops the topic spans the post gives to someone else ("your
// shift", "her manager": a word of {theirs} just before): those are not the
// writer's.
func notTheirs(d *text.Doc, topics, theirs []text.Span) []text.Span {
	owned := make(map[int]bool, len(theirs))
	for _, s := range theirs {
		owned[s.End] = true
	}
	before := make(map[int]int, len(d.Tokens)) // a token's start → the end of the token before it
	for i := 1; i < len(d.Tokens); i++ {
		before[d.Tokens[i].Start] = d.Tokens[i-1].End
	}
	out := topics[:0:0]
	for _, s := range topics {
		if prev, ok := before[s.Start]; ok && owned[prev] {
			continue
		}
		out = append(out, s)
	}
	return out
}

// stances reports a sentence in which the account gives its own reading of
// a public row it is not party to: an opinion frame ({opinion}: "we
// interpret this as", "in my view", "taken out of context") and a contested
// subject ({contested}: the army, the government, an election, someone's
// remarks) in the same sentence. A brand's "we believe in fresh bread" has
// no contested subject; a news-style "the army reopened the road" has no
// opinion frame.
func (v *voice) stances(p *checker.Pass, r *grammar.Reading) {
	ops := capped(r.Spans("opinion"))
	if len(ops) == 0 {
		return
	}
	subjects := capped(r.Spans("contested"))
	d := p.Doc
	for _, s := range d.Sentences() {
		o, ok := firstWithin(ops, s)
		if !ok {
			continue
		}
		c, ok := firstWithin(subjects, s)
		if !ok {
			continue
		}
		span := text.Span{Start: min(o.Start, c.Start), End: max(o.End, c.End)}
		p.ReportSpan(span, checker.Finding{Severity: checker.SeverityHigh,
			Message: fmt.Sprintf("%q gives the account's own view on %q, a public row the brand is not party to; "+
				"it reads as a staff member's personal opinion and invites a boycott from the other side.", d.Slice(o), d.Slice(c)),
			Suggestion: "Stay out of the row: answer the customer's question, or say nothing. A position on it needs an approved brand statement."})
	}
}

// maxCues caps the phrases of one class that gripe and stances weigh, so
// their sentence-by-phrase loops stay bounded on a long text (a post has a
// handful; the first ones are enough to find a sentence that has them all).
const maxCues = 32

// capped returns at most maxCues of spans, the first in text order.
func capped(spans []text.Span) []text.Span {
	if len(spans) > maxCues {
		return spans[:maxCues]
	}
	return spans
}

// firstWithin returns the first of spans (in text order) inside s.
func firstWithin(spans []text.Span, s text.Span) (text.Span, bool) {
	for _, x := range spans {
		if x.Start >= s.Start && x.End <= s.End {
			return x, true
		}
	}
	return text.Span{}, false
}

// shouted reports whether a sentence is written in capitals: at least
// three words and twelve letters, nine in ten of them upper case.
func shouted(d *text.Doc, s text.Span) bool {
	words, letters, upper := 0, 0, 0
	for _, t := range d.Tokens {
		if t.Start < s.Start || t.End > s.End || t.Kind != text.Word {
			continue
		}
		words++
		for _, r := range t.Raw {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
		}
	}
	return words >= 3 && letters >= 12 && upper*10 >= letters*9
}

// addressWords are the words by which a shouted sentence is aimed at
// someone.
var addressWords = map[string]bool{"you": true, "you're": true, "youre": true, "your": true, "ur": true, "u": true,
	"they": true, "them": true, "people": true, "everyone": true, "idiots": true, "haters": true}

func addresses(d *text.Doc, s text.Span) bool {
	for _, t := range d.Tokens {
		if t.Start >= s.Start && t.End <= s.End && addressWords[t.Norm] {
			return true
		}
	}
	return false
}

func overlaps(ss []text.Span, s text.Span) bool {
	for _, x := range ss {
		if x.Start < s.End && s.Start < x.End {
			return true
		}
	}
	return false
}
