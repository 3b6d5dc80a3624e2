package news

import (
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/checker"
)

// TestProximity: the event's country is home, a neighbour or culturally
// close country is near, anywhere else far; a world event is everyone's.
func TestProximity(t *testing.T) {
	pt, err := newProximityTable([][]string{{"nz", "fj"}})
	if err != nil {
		t.Fatal(err)
	}
	ev := checker.Event{Countries: []string{"FR"}, Reach: checker.ReachNational}
	for _, c := range []struct {
		audience []string
		want     Proximity
	}{
		{[]string{"FR"}, ProximityHome}, {[]string{"BE"}, ProximityNear}, {[]string{"JP"}, ProximityFar},
		{[]string{"JP", "FR"}, ProximityHome}, {nil, ProximityFar},
	} {
		if got := pt.of(c.audience, ev); got != c.want {
			t.Errorf("%v: %s, want %s", c.audience, got, c.want)
		}
	}
	if got := pt.of([]string{"FJ"}, checker.Event{Countries: []string{"NZ"}}); got != ProximityNear {
		t.Errorf("configured group: %s", got)
	}
	if got := pt.of(nil, checker.Event{Countries: []string{"FR"}, Reach: checker.ReachInternational}); got != ProximityHome {
		t.Errorf("a world event: %s", got)
	}
	if _, err := newProximityTable([][]string{{"France", "BE"}}); err == nil || !strings.Contains(err.Error(), "France") {
		t.Errorf("bad code: %v", err)
	}
}
