package regional

import (
	"strings"
	"testing"
)

func TestBuiltInTableLoads(t *testing.T) {
	tb, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if !tb.Reaches([]string{"US", "AR"}) || tb.Reaches([]string{"US"}) {
		t.Errorf("Reaches: want AR reached and US alone not")
	}
}

func TestFindLongestFormAndNoOverlap(t *testing.T) {
	tb, err := Parse([]byte(`source: s
licence: l
senses:
  - {langs: [en], forms: [root, root for], meaning: m, everyday: e, regions: [AU]}
  - {langs: [en], forms: [for], meaning: m, everyday: e, regions: [NZ]}
`))
	if err != nil {
		t.Fatal(err)
	}
	got := tb.Find(strings.Fields("we root for them and root and for"))
	var spans []string
	for _, m := range got {
		spans = append(spans, strings.Join(strings.Fields("we root for them and root and for")[m.Start:m.End], " "))
	}
	if want := "root for|root|for"; strings.Join(spans, "|") != want {
		t.Errorf("Find = %q, want %q", strings.Join(spans, "|"), want)
	}
	if r := got[0].Sense.ReadIn([]string{"GB", "AU"}); len(r) != 1 || r[0] != "AU" {
		t.Errorf("ReadIn = %v, want [AU]", r)
	}
}

func TestParseNamesTheProblem(t *testing.T) {
	for name, c := range map[string]struct{ yaml, want string }{
		"no licence":   {"source: s\nsenses: []\n", "source and licence"},
		"lower region": {"source: s\nlicence: l\nsenses:\n  - {langs: [es], forms: [x], meaning: m, everyday: e, regions: [ar]}\n", `region "ar"`},
		"upper form":   {"source: s\nlicence: l\nsenses:\n  - {langs: [es], forms: [Concha], meaning: m, everyday: e, regions: [AR]}\n", `form "Concha"`},
		"no meaning":   {"source: s\nlicence: l\nsenses:\n  - {langs: [es], forms: [x], everyday: e, regions: [AR]}\n", "sense 1"},
		"unknown key":  {"source: s\nlicence: l\nsenses:\n  - {langs: [es], forms: [x], meaning: m, everyday: e, regions: [AR], colour: red}\n", "colour"},
	} {
		_, err := Parse([]byte(c.yaml))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to mention %q", name, err, c.want)
		}
	}
}
