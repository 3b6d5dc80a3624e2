package grammar

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/text"
)

func testGrammar(t *testing.T) *Grammar {
	t.Helper()
	g, err := New(map[string][]string{
		"group.gender": {"women", "girl", "men"},
		"group.age":    {"old people"},
		"place":        {"kitchen", "home"},
	}, []Pattern{
		{ID: "belong", Pattern: "{group} belong|belongs in|at the? {place}"},
		{ID: "like", Pattern: "act|throw like a|an? {group.gender}"},
		{ID: "cant", Pattern: "{group} can't|cannot drive"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func find(g *Grammar, s string) []string {
	d := text.Analyse(s, "en")
	var out []string
	for _, m := range g.Find(g.Read(d)) {
		out = append(out, m.Pattern.ID+":"+d.Slice(m.Span)+":"+strings.Join(m.Classes, ","))
	}
	return out
}

func TestPatternsReadGroupsAndSlots(t *testing.T) {
	g := testGrammar(t)
	for _, c := range []struct{ in, want string }{
		{"Women belong in the kitchen.", "belong:Women belong in the kitchen:group.gender,place"},
		{"Old people belong at home", "belong:Old people belong at home:group.age,place"},
		{"You throw like a girl!", "like:throw like a girl:group.gender"},
		{"Men cant drive, apparently.", "cant:Men cant drive:group.gender"},
		{"Women belong. In the kitchen.", ""},         // a sentence boundary breaks it
		{"Act like old people", ""},                   // the slot asks for gender only
		{"The kitchen is where women belong", ""},     // not this pattern
		{"#WomenBelongInTheKitchen is a myth", ""},    // class words inside a tag are not read
		{"Women can't wait for the kitchen sale", ""}, // "wait" is not the pattern's verb
	} {
		got := strings.Join(find(g, c.in), ";")
		if got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}

func TestCompileErrorsNameThePattern(t *testing.T) {
	for _, p := range []string{"{nope} x", "a? b? c? d? e? f? g", "x|", "*?"} {
		if _, err := New(map[string][]string{"group": {"women"}}, []Pattern{{ID: "p1", Pattern: p}}); err == nil || !strings.Contains(err.Error(), "p1") {
			t.Errorf("%q: err %v, want one naming p1", p, err)
		}
	}
}

// A class that cannot be used is named in the error, the first in the
// classes' order, whether its name or one of its phrases is the problem:
// the phrases are compiled once, by the lexicon, and checked one by one
// only when it refuses one.
func TestClassErrorsNameTheFirstBadClass(t *testing.T) {
	for _, c := range []struct {
		classes map[string][]string
		want    string
	}{
		{map[string][]string{"a": {"women"}, "b": {"* men"}}, "class b: "},
		{map[string][]string{"a": {"* men"}, "b|c": {"women"}}, "class a: "},
		{map[string][]string{"a": {"women"}, "b c": {"* men"}}, `class name "b c"`},
		{map[string][]string{"a": {"women", "~ab"}, "z": {"* men"}}, "class a: "},
	} {
		_, err := New(c.classes, []Pattern{{ID: "p", Pattern: "{a} x"}})
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%v: err %v, want one starting %q", c.classes, err, c.want)
		}
	}
}

func FuzzFind(f *testing.F) {
	f.Add("Women belong in the kitchen. Act like a girl!")
	f.Fuzz(func(t *testing.T, s string) {
		g := testGrammar(t)
		d := text.Analyse(s, "")
		for _, m := range g.Find(g.Read(d)) {
			if m.Span.Start < 0 || m.Span.End > d.Len() || m.Span.Start >= m.Span.End || m.First > m.Last {
				t.Fatalf("bad match %+v in %q", m, s)
			}
		}
	})
}

func TestSentenceStartAnchorsImperatives(t *testing.T) {
	g, err := New(map[string][]string{"order": {"calm down"}}, []Pattern{{ID: "imp", Pattern: "^ just? {order}"}})
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"Calm down, it's a burger.":   "imp:Calm down:order",
		"Sorry! Just calm down.":      "imp:Just calm down:order",
		"We help you calm down here.": "",
	} {
		if got := strings.Join(find(g, in), ";"); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
	if _, err := New(nil, []Pattern{{ID: "p2", Pattern: "x ^"}}); err == nil {
		t.Error("^ after the first slot is accepted")
	}
}

func TestPossessivesReadOnlyWhereAsked(t *testing.T) {
	g, err := New(map[string][]string{"group": {"men", "woman"}, "place": {"kitchen"}},
		[]Pattern{{ID: "typ", Pattern: "typical {group}"}, {ID: "place", Pattern: "a {group}'s place is in the {place}"}})
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"Typical men!":                      "typ:Typical men:group",
		"Typical men's sizes run large.":    "",
		"A woman's place is in the kitchen": "place:A woman's place is in the kitchen:group,place",
		"A woman place is in the kitchen":   "",
	} {
		if got := strings.Join(find(g, in), ";"); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

// TestAnchorsOnlySkip: passing over a pattern whose anchor words a text
// lacks never changes what Find finds.
func TestAnchorsOnlySkip(t *testing.T) {
	g := testGrammar(t)
	all := *g
	all.anchors, all.anchored = nil, make([]bool, len(g.patterns))
	if len(g.anchors) == 0 {
		t.Fatal("no pattern is anchored")
	}
	for _, s := range []string{"Women belong in the kitchen.", "Old people belong at home", "You throw like a girl!",
		"Men cant drive, apparently.", "Act like old people", "women can't drive and belong at home", "like like like a men",
		"The kitchen is where women belong", "", "drive drive drive"} {
		r := g.Read(text.Analyse(s, "en"))
		got, want := g.Find(r), all.Find(r)
		if len(got) != len(want) {
			t.Errorf("%q: %d matches with anchors, %d without", s, len(got), len(want))
			continue
		}
		for i := range got {
			if got[i].Pattern != want[i].Pattern || got[i].Span != want[i].Span {
				t.Errorf("%q: match %d differs with anchors", s, i)
			}
		}
	}
}

// A pattern without words is tried only on texts holding a phrase of each
// class its required slots name (or of a class under it), whether the
// reading was made by the grammar itself or by another with the same
// classes.
func TestPatternsOfClassesOnly(t *testing.T) {
	classes := map[string][]string{
		"group.gender": {"women", "men"},
		"group.age":    {"old people"},
		"place":        {"kitchen", "home"},
	}
	g, err := New(classes, []Pattern{
		{ID: "group-place", Pattern: "{group} * {place}"},
		{ID: "age-place", Pattern: "{group.age} at? {place}"},
	})
	if err != nil {
		t.Fatal(err)
	}
	other, err := New(classes, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ in, want string }{
		{"Women in kitchen", "group-place:Women in kitchen"},
		{"Old people at home", "group-place:Old people at home;age-place:Old people at home"},
		{"Old people in home", "group-place:Old people in home"},
		{"Men in hats", ""},
		{"In the kitchen at home", ""},
	} {
		d := text.Analyse(c.in, "en")
		for _, r := range []*Reading{g.Read(d), other.Read(d)} {
			var got []string
			for _, m := range g.Find(r) {
				got = append(got, m.Pattern.ID+":"+d.Slice(m.Span))
			}
			if s := strings.Join(got, ";"); s != c.want {
				t.Errorf("%q: got %q, want %q", c.in, s, c.want)
			}
		}
	}
}

// Find tries at each token only the patterns whose first slot can take
// it; what it finds must be what trying every pattern at every token
// finds, in the same order, on texts drawn from the patterns' own words.
func TestFindTriesOnlyPatternsThatCanStart(t *testing.T) {
	g, err := New(map[string][]string{
		"group.gender": {"women", "men", "girl"},
		"group.age":    {"old people", "old"},
		"place":        {"kitchen", "home", "old people"},
		"who":          {"you", "they"},
	}, []Pattern{
		{ID: "belong", Pattern: "{group} belong|belongs in|at the? {place}"},
		{ID: "like", Pattern: "act|throw like a|an? {group.gender}"},
		{ID: "cant", Pattern: "{group} can't|cannot drive"},
		{ID: "start", Pattern: "^ go|get home"},
		{ID: "any", Pattern: "* {who} are"},
		{ID: "opt", Pattern: "the? {place} is mine"},
		{ID: "poss", Pattern: "{group}'s place"},
		{ID: "classes", Pattern: "{who} {group}"},
		{ID: "word", Pattern: "you|they are {group.age}?"},
	})
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("women men girl old people kitchen home you they belong belongs in at the act throw like a an can't cannot drive go get are is mine place women's men's . , and ! #women")
	rng := rand.New(rand.NewPCG(3, 4))
	for n := range 3000 {
		var b strings.Builder
		for range 1 + rng.IntN(14) {
			w := words[rng.IntN(len(words))]
			if rng.IntN(5) == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w + " ")
		}
		d := text.Analyse(b.String(), "en")
		r := g.Read(d)
		if got, want := fmt.Sprint(g.Find(r)), fmt.Sprint(g.findEach(r)); got != want {
			t.Fatalf("text %d %q:\n got %s\nwant %s", n, b.String(), got, want)
		}
	}
}
