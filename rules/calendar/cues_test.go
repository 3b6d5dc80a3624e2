package calendar

import (
	"strings"
	"testing"
)

// TestCuesDecodedStrictly: a misspelt key in the cue data is an error, not
// a silently empty list.
func TestCuesDecodedStrictly(t *testing.T) {
	if _, err := loadLexicon(cuesYAML); err != nil {
		t.Fatalf("built-in cues: %v", err)
	}
	_, err := loadLexicon([]byte("source: x\nlicence: y\npromos: [sale]\n"))
	if err == nil || !strings.Contains(err.Error(), "promos") {
		t.Errorf("misspelt key: %v", err)
	}
}
