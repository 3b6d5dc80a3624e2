package content

import (
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/rules/internal/lexicon"
)

// TestContestedTopicsValidated: a team's topic without a reason or a
// source, with an audience that is not a region code, or with a period
// that ends before it starts is refused with the topic named.
func TestContestedTopicsValidated(t *testing.T) {
	name := []lexicon.Term{{Phrase: "ostravia"}}
	for _, tc := range []struct {
		topic ContestedTopic
		want  string
	}{
		{ContestedTopic{ID: "a", Source: "s", Charged: name}, "want an id, why, source"},
		{ContestedTopic{ID: "b", Why: "w", Source: "s"}, "at least one name"},
		{ContestedTopic{ID: "c", Why: "w", Source: "s", Charged: name, Offends: []string{"usa"}}, `offends "usa"`},
		{ContestedTopic{ID: "d", Why: "w", Source: "s", Charged: name, Periods: []Period{{From: 1950, To: 1940}}}, "period 1950-1940"},
		{ContestedTopic{ID: "e", Why: "w", Source: "s", Plain: []lexicon.Term{{}}}, "without a phrase or hashtag"},
	} {
		_, err := loadContested([]ContestedTopic{tc.topic})
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "("+tc.topic.ID+")") {
			t.Errorf("topic %s: got %v, want an error naming it and %q", tc.topic.ID, err, tc.want)
		}
	}
	if _, err := loadContested([]ContestedTopic{{ID: "ok", Why: "w", Source: "s", Charged: name, Offends: []string{"*", "NO"}}}); err != nil {
		t.Errorf("a valid team topic: %v", err)
	}
}
