// Package reply holds Preflight's reply rules: what a brand must not say
// when it answers a customer in public. Legal threats, personal attacks and
// condescension, arguing with or blaming the customer, sarcasm, telling the
// customer the brand owns the page, flirting, a sales pitch in answer to a
// complaint, mocking competitors, and a customer's personal data posted
// where everyone can read it. Besides phrase lists, replies are read as
// sentence patterns (data/tone.yaml): who is addressed and what is asserted
// (a lecture about the customer's language or what "everybody should know",
// the customer set against everyone else, a demand to delete a post). The
// rules run on posts of kind reply only; each finding carries a suggestion
// (take it to DM, apologise, acknowledge).
//
// Word lists are data (data/*.yaml, embedded, with source and licence);
// teams extend them through Options, the "reply" section of preflight.yaml.
package reply

import (
	"sync"

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

// Rules builds the reply rules once, at start-up. The configured options
// are checked now; the sentence patterns of data/tone.yaml, the personal
// data patterns and the competitor words are built when a rule first runs
// on a reply, so a check of posts that are not replies never builds them.
func Rules(opts Options) ([]*checker.Rule, error) {
	t := sync.OnceValues(loadTone)
	withT := func(b func(Options, func() (*tone, error)) (*checker.Rule, error)) func(Options) (*checker.Rule, error) {
		return func(o Options) (*checker.Rule, error) { return b(o, t) }
	}
	rs, err := checker.BuildRules(opts,
		withT(legalThreatRule), withT(personalAttackRule), withT(argueRule), withT(blameRule), competitorRule, personalDataRule, contextRule)
	if err != nil {
		return nil, err
	}
	for _, d := range toneRules {
		rs = append(rs, toneRule(t, d.fam, d.id, d.title, d.doc, d.fix))
	}
	return rs, nil
}

// legalThreatRule is the legal-language pack plus the threat patterns
// ("delete this tweet or", "we reserve the right to take action", "we
// will be forced to involve the police").
func legalThreatRule(o Options, t func() (*tone, error)) (*checker.Rule, error) {
	c, err := packCheck("legal_threat.yaml", "reply.legal_threat", o.LegalThreat)
	if err != nil {
		return nil, err
	}
	return withTone(c, t, "threat"), nil
}

// personalAttackRule is the insult pack plus the condescension patterns
// of data/tone.yaml (a lecture, "your insecurities our problem") and the
// mockery patterns (the customer's body, age, looks or accent).
func personalAttackRule(o Options, t func() (*tone, error)) (*checker.Rule, error) {
	c, err := packCheck("personal_attack.yaml", "reply.personal_attack", o.PersonalAttack)
	if err != nil {
		return nil, err
	}
	return withTone(c, t, "condescension", "mock"), nil
}

// argueRule is the contradiction pack plus the argue patterns ("you know
// nothing about", "ask our many happy customers").
func argueRule(o Options, t func() (*tone, error)) (*checker.Rule, error) {
	c, err := packCheck("argue.yaml", "reply.argue", o.Argue)
	if err != nil {
		return nil, err
	}
	return withTone(c, t, "argue"), nil
}

// blameRule is the blame pack plus the blame patterns.
func blameRule(o Options, t func() (*tone, error)) (*checker.Rule, error) {
	c, err := packCheck("blame.yaml", "reply.blame", o.Blame)
	if err != nil {
		return nil, err
	}
	return withTone(c, t, "blame"), nil
}

// toneRules are the reply rules made only of tone patterns: the family of
// data/tone.yaml each reports, and its documentation.
var toneRules = []struct{ fam, id, title, doc, fix string }{
	{"sarcasm", "reply.sarcasm", "Sarcasm toward the customer",
		"Sarcasm in a public reply (\"Thanks for the lesson in manners\", \"We're sorry you feel that way\") reads as " +
			"contempt for the customer; it is screenshotted and shared far beyond the thread.",
		"Answer plainly: acknowledge the point, apologise where it is due, and offer to help in DM."},
	{"owns", "reply.owns_the_page", "Telling the customer the brand owns the page",
		"Telling critics that it is the brand's page and the brand sets the rules (Nestlé's Facebook page, 2010) " +
			"turns a complaint into a fight about censorship and draws more critics.",
		"Thank the customer for raising it and answer the point; if a comment broke posted guidelines, say which, politely."},
	{"flirt", "reply.flirt", "Flirting with the customer",
		"A reply that flirts (pet names, compliments on looks, a wink, an invitation) is unprofessional from a brand " +
			"and can read as harassment to the customer and to everyone watching.",
		"Keep replies warm but never personal: thank them, answer, sign off with the agent's name."},
	{"pitch", "reply.sales_pitch", "A sales pitch in reply to a complaint",
		"Answering a complaint with an upsell (\"Sorry about the delay! Check out our new range\") tells the customer " +
			"the brand is not listening.",
		"Answer the complaint first: acknowledge, apologise, move to DM; leave offers for another time."},
}
