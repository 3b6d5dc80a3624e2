package content

import (
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/text"
)

// TestTropeExamples runs data/tropes.yaml's own examples: each flag
// example must be reported, no pass example may.
func TestTropeExamples(t *testing.T) {
	var f tropeFile
	if err := readData("tropes.yaml", &f); err != nil {
		t.Fatal(err)
	}
	b, err := compileTropes("tropes.yaml", f)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Examples.Flag) == 0 || len(f.Examples.Pass) == 0 {
		t.Fatal("data/tropes.yaml needs examples to flag and to pass")
	}
	for _, e := range f.Examples.Flag {
		if len(b.judge(text.Analyse(e, ""))) == 0 {
			t.Errorf("not reported: %q", e)
		}
	}
	for _, e := range f.Examples.Pass {
		d := text.Analyse(e, "")
		for _, x := range b.judge(d) {
			t.Errorf("near miss %q reported: %s", e, x.message)
		}
	}
}

// TestTropeFileErrors checks that a bad trope file is refused with the
// field named.
func TestTropeFileErrors(t *testing.T) {
	var good tropeFile
	if err := readData("tropes.yaml", &good); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		edit func(*tropeFile)
		want string
	}{
		"no weight":      {func(f *tropeFile) { f.Weights = map[string]int{"trait": 3, "costume": 2} }, "weights.prop"},
		"extra weight":   {func(f *tropeFile) { f.Weights = map[string]int{"trait": 3, "costume": 2, "prop": 1, "x": 1} }, "weights"},
		"zero threshold": {func(f *tropeFile) { f.Total = 0 }, "total"},
		"repeated group": {func(f *tropeFile) { f.Groups = append(f.Groups, f.Groups[0]) }, ".id"},
		"empty group":    {func(f *tropeFile) { f.Groups[0].Trait, f.Groups[0].Costume = nil, nil }, "groups[0] (mexican)"},
		"bad phrase":     {func(f *tropeFile) { f.Groups[0].Trait = []string{"  "} }, "groups[0] (mexican).trait"},
		"no audience":    {func(f *tropeFile) { f.Belittle.Audience = nil }, "belittle.audience: empty"},
	} {
		f := good
		f.Groups = append([]tropeGroup(nil), good.Groups...)
		c.edit(&f)
		_, err := compileTropes("t.yaml", f)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "data/t.yaml") {
			t.Errorf("%s: got %v, want an error naming %q", name, err, c.want)
		}
	}
}
