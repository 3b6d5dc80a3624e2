package content

import (
	"testing"

	"github.com/preflight-dev/preflight/rules/internal/grammar"
	"github.com/preflight-dev/preflight/text"
)

// TestStereotypeExamples checks every pattern's own examples in
// data/stereotype.yaml: each flag example matches that pattern, and no
// pass example matches any pattern.
func TestStereotypeExamples(t *testing.T) {
	var f stereotypeFile
	if err := readData("stereotype.yaml", &f); err != nil {
		t.Fatal(err)
	}
	s, err := compileStereotype(f, StereotypeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkExamples(t, f.Patterns, func(in string) []grammar.Match { return s.g.Find(s.g.Read(text.Analyse(in, "en"))) })
}

func TestStereotypeOptionsNameTheClass(t *testing.T) {
	var f stereotypeFile
	if err := readData("stereotype.yaml", &f); err != nil {
		t.Fatal(err)
	}
	if _, err := compileStereotype(f, StereotypeOptions{Classes: map[string][]string{"nonsense": {"x"}}}); err == nil {
		t.Error("an unknown class is accepted")
	}
	s, err := compileStereotype(f, StereotypeOptions{Classes: map[string][]string{"group.profession": {"plumbers"}}})
	if err != nil {
		t.Fatal(err)
	}
	if ms := s.g.Find(s.g.Read(text.Analyse("Plumbers can't count.", "en"))); len(ms) != 1 {
		t.Errorf("a team's own group is not read: %v", ms)
	}
}

// TestVoiceExamples checks every voice pattern's own examples in
// data/voice.yaml.
func TestVoiceExamples(t *testing.T) {
	var f grammar.File
	if err := readData("voice.yaml", &f); err != nil {
		t.Fatal(err)
	}
	v, err := loadVoice()
	if err != nil {
		t.Fatal(err)
	}
	checkExamples(t, f.Patterns, func(in string) []grammar.Match { return v.g.Find(v.g.Read(text.Analyse(in, "en"))) })
}

// checkExamples asserts each pattern's flag examples match it and its
// pass examples match no pattern.
func checkExamples(t *testing.T, ps []grammar.Pattern, find func(string) []grammar.Match) {
	t.Helper()
	for _, e := range grammar.ExampleErrors(ps, find) {
		t.Error(e)
	}
}
