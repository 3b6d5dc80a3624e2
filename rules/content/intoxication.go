package content

import "github.com/preflight-dev/preflight/checker"

// intoxicationRule reports talk of getting drunk or high. Product talk
// ("wine pairing", "craft beer") is not listed; ambiguous words ("wasted",
// "420") count only next to a drinking or party cue. The rule is the pack
// in data/intoxication.yaml.
func intoxicationRule(o Options) (*checker.Rule, error) {
	return packRule("intoxication.yaml", "content.intoxication", o.Intoxication)
}
