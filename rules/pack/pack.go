// Package pack is Preflight's rule packs as data, in the manner of Vale's
// styles: a few rule kinds written in Go, and rules of those kinds declared
// in YAML with an ID, title, doc, fix, severity, languages, allow list and
// their own examples. A team extends the data, never the Go.
//
// The kinds:
//
//   - existence: report every phrase of a list; weak phrases count only
//     next to a cue (a word or emoji) or a second weak phrase; a message per
//     term category;
//   - substitution: the same, each phrase with a replacement shown through
//     "{suggest}" in the rule's suggestion;
//   - tags: report hashtags whose bodies are listed;
//   - combination: report the listed phrases only when the post also
//     carries every named text signal (promotional, light_hearted,
//     engagement, condolence, charity, personal): "in memory of" in a
//     promotional post.
//
// A pack file:
//
//	name: legal                 # optional: a named pack's rules are opt-in
//	source: written by the Acme social team
//	licence: CC0
//	rules:
//	  - id: team.no_unlimited
//	    category: content
//	    kind: substitution
//	    title: Say what the plan includes
//	    doc: Why the rule exists.
//	    fix: How to fix what it finds.
//	    severity: high
//	    languages: [en]
//	    post_kinds: [post, reply]
//	    alt_texts: true
//	    opt_in: false              # true: only for brands that turn it on
//	    message: "{match}{where} is a word legal asked us not to use."
//	    messages: {category: "another message for terms of that category"}
//	    suggestion: "Write {suggest}."
//	    match: {commas: false, pairs: false, near: 0}
//	    terms: [{phrase: unlimited, suggest: "the allowance"}]
//	    cues: []
//	    emoji: []
//	    allow: [unlimited support]
//	    examples: {flag: ["Unlimited data!"], pass: ["Unlimited support."]}
//
// A rule marked opt_in, and every rule of a named pack, runs only for the
// brands that switch it on: brands.NAME.packs lists the pack's name, or
// the rule's setting says enabled: true (checker.Rule.OptIn).
//
// A team names its packs in preflight.yaml (packs: a file in the data
// folder, or a pack written in place; see config.PackSource), and
// `preflight rules test PACK` runs a pack's examples.
//
// Every key is checked: a misspelt one is an error naming its line. Term
// syntax (phrase, weak, category, severity, case, compound, only_lang,
// suggest) is the built-in lexicons'. The built-in packs live beside the
// category that owns their IDs (rules/content/data, rules/reply/data).
package pack

import (
	"io/fs"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/pack"
)

// Pack is a parsed pack file.
type Pack = pack.Pack

// Spec declares one rule of a pack.
type Spec = pack.Spec

// Kind is a rule kind.
type Kind = pack.Kind

// Failure is an example its rule got wrong.
type Failure = pack.Failure

// The rule kinds.
const (
	KindExistence    = pack.KindExistence
	KindSubstitution = pack.KindSubstitution
	KindTags         = pack.KindTags
	KindCombination  = pack.KindCombination
)

// TeamPrefix starts the ID of every rule a team declares.
const TeamPrefix = pack.TeamPrefix

// Load reads a team's pack file name from fsys and builds its rules, for
// the engine next to the built-in ones. Every ID must start with "team."
// (it can never collide with a built-in ID); a misspelt key, an unknown
// kind or severity, or a rule without terms is an error naming the file
// and the rule. The Pack is returned for TestExamples.
func Load(fsys fs.FS, name string) ([]*checker.Rule, *Pack, error) {
	return pack.Load(fsys, name)
}

// Parse decodes a pack strictly without building it.
func Parse(name string, data []byte) (*Pack, error) { return pack.Parse(name, data) }

// Read decodes the pack file name in fsys strictly without building it;
// Pack.Team builds it as a team's pack.
func Read(fsys fs.FS, name string) (*Pack, error) { return pack.Read(fsys, name) }
