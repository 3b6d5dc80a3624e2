package reply

import (
	"testing"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/ruletest"
)

// TestRuleCases runs the cases in testdata/*.txtar: each rule's positives
// and near misses, with the findings expected next to each reply.
func TestRuleCases(t *testing.T) {
	rs, err := Rules(Options{})
	if err != nil {
		t.Fatal(err)
	}
	ruletest.Run(t, "testdata", ruletest.Config{Rules: rs,
		Profile: checker.Profile{Brand: "Northway", Competitors: []string{"Southgate", "Acme Mobile"}}})
}
