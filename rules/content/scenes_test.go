package content

import (
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// sceneTargets analyses an example as the engine does: the post text, then
// its alt text in the post's language; and reads whether it sells or jokes.
func sceneTargets(e sceneExample) ([]target, sceneContext) {
	d := text.Analyse(e.Text, "")
	ts := []target{{doc: d, alt: -1}}
	docs := []*text.Doc{d}
	if e.Alt != "" {
		a := text.Analyse(e.Alt, d.Language)
		ts = append(ts, target{doc: a, alt: 0})
		docs = append(docs, a)
	}
	return ts, contextOf(docs)
}

// TestSceneExamples runs every scene's own examples from data/scenes.yaml:
// each flag example must show that scene, and no pass example may.
func TestSceneExamples(t *testing.T) {
	b, err := loadScenes()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range b.scenes {
		r := &sceneReader{book: b, scenes: []*scene{s}}
		for _, e := range s.Examples.Flag {
			if fs := r.find(sceneTargets(e)); len(fs) == 0 {
				t.Errorf("scene %s: not found in %q / alt %q", s.ID, e.Text, e.Alt)
			}
		}
		for _, e := range s.Examples.Pass {
			ts, ctx := sceneTargets(e)
			for _, f := range r.find(ts, ctx) {
				t.Errorf("scene %s: found %q in near miss %q / alt %q", s.ID, ts[f.target].doc.Slice(f.span), e.Text, e.Alt)
			}
		}
	}
}

// TestSceneFileErrors checks that a bad scene file is refused with the
// field named.
func TestSceneFileErrors(t *testing.T) {
	ok := func() sceneFile {
		return sceneFile{
			Classes: map[string][]string{"a": {"noose"}, "b": {"model"}},
			Scenes: []sceneSpec{{ID: "x", Rule: "content.insensitive", Severity: "high", Needs: [][]string{{"a"}},
				Message: "m", Suggestion: "s",
				Examples: sceneExamples{Flag: []sceneExample{{Text: "noose"}}, Pass: []sceneExample{{Text: "rope"}}}}},
		}
	}
	if _, err := compileScenes("t.yaml", ok()); err != nil {
		t.Fatalf("a valid file: %v", err)
	}
	for name, c := range map[string]struct {
		edit func(*sceneFile)
		want string
	}{
		"unknown class": {func(f *sceneFile) { f.Scenes[0].Needs = [][]string{{"a+zz"}} }, `scenes[0] (x).needs[0]: unknown class "zz"`},
		"unknown rule":  {func(f *sceneFile) { f.Scenes[0].Rule = "content.nope" }, "scenes[0] (x).rule"},
		"bad severity":  {func(f *sceneFile) { f.Scenes[0].Severity = "huge" }, "scenes[0] (x).severity"},
		"bad within":    {func(f *sceneFile) { f.Scenes[0].Within = "page" }, "scenes[0] (x).within"},
		"bad context":   {func(f *sceneFile) { f.Scenes[0].Context = "sad" }, "scenes[0] (x).context"},
		"empty class":   {func(f *sceneFile) { f.Classes["c"] = nil }, "classes.c: empty"},
		// The phrases are checked one by one only when the classes do not
		// compile; the first problem in class order is still the one named.
		"bad phrase":            {func(f *sceneFile) { f.Classes["b"] = []string{"model", "?!"} }, `classes.b: "?!"`},
		"bad phrase then empty": {func(f *sceneFile) { f.Classes["a"] = []string{"~ab"}; f.Classes["c"] = nil }, `classes.a: "~ab"`},
		"no examples":           {func(f *sceneFile) { f.Scenes[0].Examples.Pass = nil }, "scenes[0] (x).examples"},
		"repeated id":           {func(f *sceneFile) { f.Scenes = append(f.Scenes, f.Scenes[0]) }, "scenes[1] (x).id"},
		"unknown unless":        {func(f *sceneFile) { f.Scenes[0].Unless = []string{"q"} }, `scenes[0] (x).unless: unknown class "q"`},
		"far near":              {func(f *sceneFile) { f.Scenes[0].Near = 50 }, "scenes[0] (x).near"},
	} {
		f := ok()
		c.edit(&f)
		_, err := compileScenes("t.yaml", f)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "data/t.yaml") {
			t.Errorf("%s: got %v, want an error naming %q", name, err, c.want)
		}
	}
}

// TestSceneOrder checks that an ordered scene needs its classes in order:
// light skin turned dark is not the whitening trope, and a chain needs its
// words near each other.
func TestSceneOrder(t *testing.T) {
	b, err := loadScenes()
	if err != nil {
		t.Fatal(err)
	}
	var s *scene
	for _, x := range b.scenes {
		if x.ID == "skin_transformation" {
			s = x
		}
	}
	if s == nil {
		t.Fatal("no skin_transformation scene")
	}
	r := &sceneReader{book: b, scenes: []*scene{s}}
	for alt, want := range map[string]bool{
		"A Black woman turns into a white woman.":                true,
		"A white woman turns into a Black woman.":                false,
		"A Black woman and a white woman.":                       false,
		"A woman in black turns into a woman in white.":          false,
		"Before: a Black man. After the soap: a white man.":      true,
		"A Black man, then a white man, then an Asian man wave.": false,
	} {
		ts, _ := sceneTargets(sceneExample{Text: "New soap", Alt: alt})
		if got := len(r.find(ts, sceneContext{})) > 0; got != want {
			t.Errorf("%q: found %v, want %v", alt, got, want)
		}
	}
}

// FuzzScenes checks what every scene finding promises whatever the post and
// alt text: a span inside its own text, on whole characters, not empty, at
// most one finding per scene, a valid severity, and the same answer twice.
func FuzzScenes(f *testing.F) {
	b, err := loadScenes()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range b.scenes {
		for _, e := range append(append([]sceneExample(nil), s.Examples.Flag...), s.Examples.Pass...) {
			f.Add(e.Text, e.Alt)
		}
	}
	r := &sceneReader{book: b, scenes: b.scenes}
	f.Fuzz(func(t *testing.T, post, alt string) {
		ts, ctx := sceneTargets(sceneExample{Text: post, Alt: alt})
		fs := r.find(ts, ctx)
		seen := map[string]bool{}
		for _, x := range fs {
			if x.target < 0 || x.target >= len(ts) {
				t.Fatalf("scene %s: target %d of %d", x.scene.ID, x.target, len(ts))
			}
			d := ts[x.target].doc
			if x.span.Start < 0 || x.span.End > d.Len() || x.span.Start >= x.span.End {
				t.Fatalf("scene %s: span %v outside text of %d characters", x.scene.ID, x.span, d.Len())
			}
			if seen[x.scene.ID] {
				t.Fatalf("scene %s reported twice", x.scene.ID)
			}
			seen[x.scene.ID] = true
			if x.sev < checker.SeverityLow || x.sev > checker.SeverityCritical {
				t.Fatalf("scene %s: severity %v", x.scene.ID, x.sev)
			}
		}
		if again := r.find(ts, ctx); len(again) != len(fs) {
			t.Fatalf("not deterministic: %d then %d findings", len(fs), len(again))
		}
	})
}

// BenchmarkScenes reads every scene in a long alt text full of cue words,
// the worst case for the chains.
func BenchmarkScenes(b *testing.B) {
	book, err := loadScenes()
	if err != nil {
		b.Fatal(err)
	}
	r := &sceneReader{book: book, scenes: book.scenes}
	alt := strings.Repeat("A black woman turns into a white woman before and after the soap, a hose from the exhaust, women tied up. ", 40)
	ts, ctx := sceneTargets(sceneExample{Text: "New soap, 20% off", Alt: alt})
	b.ResetTimer()
	for range b.N {
		r.find(ts, ctx)
	}
}

// BenchmarkCompileScenes compiles the scene book from its decoded file:
// the largest lexicon a one-post check builds at start-up.
func BenchmarkCompileScenes(b *testing.B) {
	var f sceneFile
	if err := readData("scenes.yaml", &f); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := compileScenes("scenes.yaml", f); err != nil {
			b.Fatal(err)
		}
	}
}
