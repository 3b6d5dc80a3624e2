package content

import (
	"testing"

	"github.com/preflight-dev/preflight/brand"
	"github.com/preflight-dev/preflight/calendars"
	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/ruletest"
)

// TestRuleCases runs the cases in testdata/*.txtar: each rule's positives
// and near misses, with the findings expected next to each post. The real
// calendar is there so that a stereotype on the day honouring its group is
// read as worse.
func TestRuleCases(t *testing.T) {
	rs, err := Rules(Options{})
	if err != nil {
		t.Fatal(err)
	}
	cal, err := calendars.New(calendars.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// A brand profile with products, for puns on the brand's own goods.
	book, err := brand.New(brand.Config{"Marrowby Bakehouse": {Products: []string{"Sticky Bun", "sourdough", "croissant"}}}, checker.Profile{})
	if err != nil {
		t.Fatal(err)
	}
	ruletest.Run(t, "testdata", ruletest.Config{Rules: rs, Calendar: cal, Profile: checker.Profile{Book: book}})
}
