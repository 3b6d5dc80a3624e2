package content

import "github.com/preflight-dev/preflight/checker"

// innuendoRule reports sexual double meanings. Phrases that are usually
// innocent ("come inside") count only with a suggestive cue (a wink, an
// aubergine) or a second innuendo in the same text. The rule is the pack in
// data/innuendo.yaml.
func innuendoRule(o Options) (*checker.Rule, error) {
	return packRule("innuendo.yaml", "content.innuendo", o.Innuendo)
}
