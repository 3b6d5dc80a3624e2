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

import "github.com/preflight-dev/preflight/checker"

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

func legalThreatRule(o Options) (*checker.Rule, error) {
	return packRule("legal_threat.yaml", "reply.legal_threat", o.LegalThreat)
}

func personalAttackRule(o Options) (*checker.Rule, error) {
	return packRule("personal_attack.yaml", "reply.personal_attack", o.PersonalAttack)
}

func argueRule(o Options) (*checker.Rule, error) {
	return packRule("argue.yaml", "reply.argue", o.Argue)
}

func blameRule(o Options) (*checker.Rule, error) {
	return packRule("blame.yaml", "reply.blame", o.Blame)
}
