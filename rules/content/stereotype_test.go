package content

import (
	"strings"
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

// TestMockFarewellData: a nation's code must be three capital letters and
// listed once; match tags split into known codes only.
func TestMockFarewellData(t *testing.T) {
	bad := farewellData{Languages: []farewellLanguage{{Lang: "es", Farewells: []string{"adios"}}}}
	bad.Languages[0].Nations = []farewellNation{{Names: []string{"mexico"}, Codes: []string{"mx"}}}
	if _, err := compileFarewell(bad); err == nil || !strings.Contains(err.Error(), `"mx"`) {
		t.Errorf("a lower-case code: %v", err)
	}
	bad.Languages[0].Nations[0].Codes = []string{"MEX", "MEX"}
	if _, err := compileFarewell(bad); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("a code listed twice: %v", err)
	}
	bad.Languages[0].Nations[0].Codes = []string{"MEX"}
	bad.Languages[0].Nations[0].Flags = []string{"Mexico"}
	if _, err := compileFarewell(bad); err == nil || !strings.Contains(err.Error(), `flag "Mexico"`) {
		t.Errorf("a flag that is no alpha-2 code: %v", err)
	}
	if e, _ := flagEmoji("MX"); e != "🇲🇽" {
		t.Errorf("flagEmoji(MX) = %q", e)
	}
	var f stereotypeFile
	if err := readData("stereotype.yaml", &f); err != nil {
		t.Fatal(err)
	}
	m, err := compileFarewell(f.MockFarewell)
	if err != nil {
		t.Fatal(err)
	}
	for tag, want := range map[string]string{"NEDMEX": "NED MEX", "nedvmex": "NED MEX", "NEDvsMEX": "NED MEX", "MEX": "MEX",
		"GoMEX": "", "FOOBAR": "", "NEDXYZ": ""} {
		if got := strings.Join(m.matchCodes(tag), " "); got != want {
			t.Errorf("matchCodes(%q) = %q, want %q", tag, got, want)
		}
	}
}
