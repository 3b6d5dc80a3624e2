package hashtag

import (
	"testing"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/ruletest"
)

// TestRules runs the cases of testdata/*.txtar through the hashtag rules
// (with #SaveOurPier added as a movement tag) for the brand Acme Bank;
// each file's header gives the clock and the news.
func TestRules(t *testing.T) {
	rs, err := Rules(Options{SensitiveTags: []SensitiveTag{{Tag: "SaveOurPier", Category: "movement"}}})
	if err != nil {
		t.Fatal(err)
	}
	ruletest.Run(t, "testdata", ruletest.Config{Rules: rs,
		Profile: checker.Profile{Brand: "Acme Bank", Aliases: []string{"Acme"}}})
}
