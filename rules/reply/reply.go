// Package reply holds Preflight's reply rules: what a brand must not say
// when it answers a customer in public. Legal threats, personal attacks and
// condescension, arguing with or blaming the customer, mocking competitors,
// and a customer's personal data posted where everyone can read it. The
// rules run on posts of kind reply only; each finding carries a suggestion
// (take it to DM, apologise, acknowledge).
//
// Word lists are data (data/*.yaml, embedded, with source and licence);
// teams extend them through Options, the "reply" section of preflight.yaml.
package reply

import (
	"fmt"

	"github.com/preflight-dev/preflight/checker"
)

// since is the rules version that introduced the reply rules.
const since = "2026.11.0"

// replyOnly restricts a rule to replies.
var replyOnly = []checker.Kind{checker.KindReply}

// Options configures the reply rules; it is the "reply" section of
// preflight.yaml. The zero value means the built-in lists unchanged.
type Options struct {
	LegalThreat    LexiconOptions      `yaml:"legal_threat"`
	PersonalAttack LexiconOptions      `yaml:"personal_attack"`
	Argue          LexiconOptions      `yaml:"argue"`
	Blame          LexiconOptions      `yaml:"blame"`
	Competitor     CompetitorOptions   `yaml:"competitor"`
	PersonalData   PersonalDataOptions `yaml:"personal_data"`
}

// Rules builds the reply rules once, at start-up.
func Rules(opts Options) ([]*checker.Rule, error) {
	return checker.BuildRules(opts,
		legalThreatRule, personalAttackRule, argueRule, blameRule, competitorRule, personalDataRule)
}

// phraseRule is a rule that reports every phrase of one lexicon with one
// message and suggestion.
type phraseRule struct {
	id, title, doc, fix string
	file                string
	opts                LexiconOptions
	severity            checker.Severity
	message             string // fmt pattern with one %q for the words
	suggestion          string
	near                int // see lexicon.CuedSettings.Near
}

func (s phraseRule) build() (*checker.Rule, error) {
	lex, err := newCued(s.file, s.opts, s.severity, s.near)
	if err != nil {
		return nil, err
	}
	return &checker.Rule{
		ID: s.id, Category: checker.CategoryReply, Title: s.title, Doc: s.doc, Fix: s.fix, Since: since,
		Kinds: replyOnly,
		Run: func(p *checker.Pass) error {
			for _, h := range lex.Find(p.Doc, false) {
				p.ReportSpan(h.Span, checker.Finding{Severity: h.Severity,
					Message: fmt.Sprintf(s.message, p.Doc.Slice(h.Span)), Suggestion: s.suggestion})
			}
			return nil
		},
	}, nil
}

func legalThreatRule(o Options) (*checker.Rule, error) {
	return phraseRule{
		id: "reply.legal_threat", title: "Legal threat in a reply", file: "legal_threat.yaml", opts: o.LegalThreat,
		doc: "A brand that mentions lawyers, lawsuits or defamation to a customer in public turns a complaint into " +
			"a news story; legal matters belong with the legal team, in private.",
		fix:        "Remove the legal language; acknowledge the complaint and take it to DM, and involve your legal team privately.",
		severity:   checker.SeverityCritical,
		message:    "%q is legal language; in a public reply it reads as a threat against the customer.",
		suggestion: "Remove the legal language, acknowledge the customer's concern and offer to continue in DM.",
	}.build()
}

func personalAttackRule(o Options) (*checker.Rule, error) {
	return phraseRule{
		id: "reply.personal_attack", title: "Insult or condescension in a reply", file: "personal_attack.yaml", opts: o.PersonalAttack,
		doc: "Insulting or talking down to a customer (\"if you had read the manual\", \"calm down\") is screenshotted " +
			"and shared; the brand looks arrogant whoever was right.",
		fix:        "Apologise for the trouble, explain the fix plainly and offer help in DM.",
		severity:   checker.SeverityHigh,
		near:       3,
		message:    "%q insults or talks down to the customer.",
		suggestion: "Drop the put-down; apologise for the trouble and explain the fix plainly, or offer to help in DM.",
	}.build()
}

func argueRule(o Options) (*checker.Rule, error) {
	return phraseRule{
		id: "reply.argue", title: "Arguing with the customer", file: "argue.yaml", opts: o.Argue,
		doc: "Flatly contradicting a customer in public (\"you're wrong\", \"that never happened\") escalates the " +
			"thread and invites others to pile on, even when the brand is right.",
		fix:        "Acknowledge the customer's experience, give the facts without contradiction and take details to DM.",
		severity:   checker.SeverityMedium,
		message:    "%q contradicts the customer in public.",
		suggestion: "Acknowledge their experience first (\"I understand why that's frustrating\"), then share the facts, and move details to DM.",
	}.build()
}

func blameRule(o Options) (*checker.Rule, error) {
	return phraseRule{
		id: "reply.blame", title: "Blaming the customer", file: "blame.yaml", opts: o.Blame,
		doc:        "Telling a customer it is their fault (\"user error\", \"you should have read\") reads as the brand dodging responsibility.",
		fix:        "Explain what to do next instead of what the customer did wrong.",
		severity:   checker.SeverityMedium,
		message:    "%q blames the customer.",
		suggestion: "Say what will fix it and offer help in DM instead of pointing at the customer's mistake.",
	}.build()
}
