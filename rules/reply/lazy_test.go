package reply

import (
	"strings"
	"testing"
)

// The reply rules build their word lists and patterns on first use, but a
// mistake in preflight.yaml's reply section still stops start-up: a term
// with an unknown severity is refused by Rules, before any reply is read.
func TestRulesRefuseBadOptionsAtStartUp(t *testing.T) {
	for name, o := range map[string]Options{
		"competitor":   {Competitor: CompetitorOptions{LexiconOptions: LexiconOptions{Extra: []Term{{Phrase: "worse than them", Severity: "dire"}}}}},
		"legal_threat": {LegalThreat: LexiconOptions{Extra: []Term{{Phrase: "see you in court", Severity: "dire"}}}},
	} {
		if _, err := Rules(o); err == nil || !strings.Contains(err.Error(), "dire") {
			t.Errorf("%s: Rules with a bad severity: %v, want an error naming it", name, err)
		}
	}
}
