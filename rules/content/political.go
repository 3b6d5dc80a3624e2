package content

import "github.com/preflight-dev/preflight/checker"

// politicalRule reports partisan political content: candidates, parties,
// campaign slogans and hashtags, and calls to vote for a side (US, UK,
// Norway). "vote for" alone counts only next to another political term.
// The rule is the pack in data/political.yaml.
func politicalRule(o Options) (*checker.Rule, error) {
	return packRule("political.yaml", "content.political", o.Political)
}
