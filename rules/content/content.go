// Package content holds Preflight's content rules: what the words of a post
// (and the alt texts of its media) say, whatever the news or the calendar.
// Profanity and slurs, sexual innuendo, insensitive wording, mockery of
// tragedy, intoxication talk, a personal voice on a brand account (staff
// narrative, rants), partisan politics, misspellings, stereotypes about a
// group (worse on the group's own day), a joke or product pun in a tribute,
// help promised per share, and sacred figures used to sell or joke. Scenes
// (scenes.go, data/scenes.yaml) read what a post or its picture shows
// (a noose, blackface, a staged suicide, sacred dress as fashion) and
// extend the rule each belongs to. English and Norwegian; profanity and slurs
// also in Swedish, Danish, German, French, Spanish, Portuguese, Italian,
// Dutch, Polish, Finnish and Turkish, each looked up only in posts in its
// language (English in every post).
//
// The word lists are data: data/*.yaml, embedded, one file per rule, each
// noting its source and licence. Teams extend or trim them through Options
// (the "content" section of preflight.yaml). Matching is on whole tokens by
// their normalised form (text.Token.Norm), so disguised spellings match and
// place names such as Scunthorpe do not. Rules that read sentences (who is
// said to be or do what) use word classes and patterns
// (rules/internal/grammar) from the same data folder.
package content

import (
	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// since is the rules version that introduced the content rules.
const since = "2026.11.0"

// Options configures the content rules; it is the "content" section of
// preflight.yaml. The zero value means the built-in lexicons unchanged.
type Options struct {
	Profanity     LexiconOptions `yaml:"profanity"`
	Innuendo      LexiconOptions `yaml:"innuendo"`
	Insensitive   LexiconOptions `yaml:"insensitive"`
	Mockery       LexiconOptions `yaml:"mockery"`
	Intoxication  LexiconOptions `yaml:"intoxication"`
	PersonalVoice LexiconOptions `yaml:"personal_voice"`
	Political     LexiconOptions `yaml:"political"`
	// Contested adds topics contested in an audience's market to
	// data/contested.yaml's.
	Contested ContestedOptions `yaml:"contested"`
	// Stereotype extends the stereotype rule's word classes (groups,
	// places, traits).
	Stereotype StereotypeOptions `yaml:"stereotype"`
	// Spelling extends the misspelling list: Extra terms give the
	// misspelling as phrase and the correction as suggest; Allow lists
	// words never to flag (product names).
	Spelling LexiconOptions `yaml:"spelling"`
}

// Rules builds the content rules once, at start-up.
func Rules(opts Options) ([]*checker.Rule, error) {
	return checker.BuildRules(opts,
		profanityRule, innuendoRule, insensitiveRule, mockeryRule, intoxicationRule,
		personalVoiceRule, politicalRule, contestedRule, spellingRule, stereotypeRule, helpForSharesRule, tributeJokeRule, sacredRule, regionalSenseRule)
}

// target is one text a rule reads: the post itself or a media alt text.
type target struct {
	doc *text.Doc
	alt int // -1 for the post text
}

// targets lists the post text and then every non-empty alt text.
func targets(p *checker.Pass) []target {
	ts := make([]target, 0, 1+len(p.Alts))
	ts = append(ts, target{doc: p.Doc, alt: -1})
	for i, d := range p.Alts {
		if d != nil && d.Len() > 0 {
			ts = append(ts, target{doc: d, alt: i})
		}
	}
	return ts
}

// report records f at s in the target's text.
func (t target) report(p *checker.Pass, s text.Span, f checker.Finding) {
	if t.alt < 0 {
		p.ReportSpan(s, f)
		return
	}
	p.ReportAlt(t.alt, s, f)
}

// where says where a finding is, for messages about alt texts.
func (t target) where() string {
	if t.alt < 0 {
		return ""
	}
	return " in the image description"
}
