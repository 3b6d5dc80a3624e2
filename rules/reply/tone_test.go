package reply

import (
	"testing"

	"github.com/preflight-dev/preflight/rules/internal/grammar"
	"github.com/preflight-dev/preflight/text"
)

// TestToneExamples checks each pattern's own examples in data/tone.yaml
// against what the reply rules report: every flag example is found by its
// pattern, no pass example is reported at all.
func TestToneExamples(t *testing.T) {
	var f grammar.File
	if err := readFile("tone.yaml", &f); err != nil {
		t.Fatal(err)
	}
	tn, err := loadTone()
	if err != nil {
		t.Fatal(err)
	}
	// A context pattern is never reported; the examples of the patterns
	// it enables show it at work.
	var ps []grammar.Pattern
	for _, p := range f.Patterns {
		if !contextOnly(p.ID) {
			ps = append(ps, p)
		}
	}
	for _, e := range grammar.ExampleErrors(ps, func(in string) []grammar.Match {
		var out []grammar.Match
		for _, ms := range tn.find(text.Analyse(in, "en")) {
			out = append(out, ms...)
		}
		return out
	}) {
		t.Error(e)
	}
}
