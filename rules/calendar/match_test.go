package calendar

import (
	"testing"

	"github.com/preflight-dev/preflight/text"
)

// A phrase with nothing to match (punctuation only) is left out of a
// phrase set and the others are still found: the set is compiled once, and
// its phrases are checked one by one only when that fails.
func TestPhraseSetLeavesOutUnmatchablePhrases(t *testing.T) {
	if text.CheckPhrase("!!") == nil || text.CheckPhrase("—") == nil {
		t.Fatal("the test's unmatchable phrases are matchable")
	}
	for _, withBad := range []bool{false, true} {
		ps := newPhraseSet()
		ps.add("Pearl Harbor", "pearl-harbor")
		if withBad {
			ps.add("!!", "noise")
			ps.add("—", "dash")
		}
		ps.add("Remembrance Day", "remembrance")
		hs := ps.find(text.Analyse("Remember Pearl Harbor!! — on Remembrance Day.", ""))
		var keys []string
		for _, h := range hs {
			keys = append(keys, h.key)
		}
		if len(keys) != 2 || keys[0] != "pearl-harbor" || keys[1] != "remembrance" {
			t.Errorf("with unmatchable phrases %v: found %v, want [pearl-harbor remembrance]", withBad, keys)
		}
	}
}
