package calendar

import (
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/rules/internal/grammar"
	"github.com/preflight-dev/preflight/text"
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

// TestOfferExamples: every offer pattern finds its own flag examples, and
// no pattern finds a pass example (the hyphen rule included: "gluten-free
// bread" is no free bread).
func TestOfferExamples(t *testing.T) {
	lex, err := loadLexicon(cuesYAML)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range grammar.ExampleErrors(lex.offers.Patterns(), func(s string) []grammar.Match {
		return lex.readOffers(text.Analyse(s, ""))
	}) {
		t.Error(e)
	}
}

// TestOfferLeadChecked: a solemn day's lead outside 0 to 30 days is an
// error naming the day.
func TestOfferLeadChecked(t *testing.T) {
	_, err := loadLexicon([]byte("solemn:\n  anzac-day:\n    lead: 90\n"))
	if err == nil || !strings.Contains(err.Error(), "solemn.anzac-day.lead") {
		t.Errorf("lead 90: %v", err)
	}
}
