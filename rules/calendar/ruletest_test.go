package calendar

import (
	"errors"
	"testing"

	"github.com/preflight-dev/preflight/calendars"
	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/ruletest"
)

// testCalendar is the real calendar plus a company day, as a team's
// preflight.yaml would add one.
func testCalendar(t testing.TB) checker.Calendar {
	t.Helper()
	cal, err := calendars.New(calendars.Options{Days: []calendars.CustomDay{
		{Name: "Riverside fire anniversary", Rule: "03-14", Regions: []string{"US"}, Tone: "solemn", Aliases: []string{"Riverside fire"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return cal
}

var testProfile = checker.Profile{Brand: "Northway", Aliases: []string{"@northway"}}

// TestRuleCases runs testdata/*.txtar: every calendar finding cites the
// observance it is about and says what to do.
func TestRuleCases(t *testing.T) {
	rs, err := Rules(Options{})
	if err != nil {
		t.Fatal(err)
	}
	ruletest.Run(t, "testdata", ruletest.Config{Rules: rs, Calendar: testCalendar(t), Profile: testProfile,
		Invariant: func(f checker.Finding) error {
			if len(f.Evidence) == 0 || f.Evidence[0].Type != "observance" || f.Evidence[0].Date == "" {
				return errors.New("no observance evidence")
			}
			if f.Suggestion == "" {
				return errors.New("no suggestion")
			}
			return nil
		}})
}
