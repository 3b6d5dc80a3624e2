package content

import (
	"slices"
	"strconv"
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

// TestTropeAllowedPhrases checks read against its definition: a people's
// name or a cliché is dropped exactly when an allowed phrase holds it, in
// a text where allowed phrases nest and overlap ("French toast", "a
// Mexican wave in New Mexico").
func TestTropeAllowedPhrases(t *testing.T) {
	b, err := loadTropes()
	if err != nil {
		t.Fatal(err)
	}
	d := text.Analyse(strings.Repeat("Irish coffee, an Irish pub and French toast; a Mexican wave in New Mexico with mexican food. ", 40), "")
	ms := b.lex.Find(d)
	var allowed []text.Span
	for _, m := range ms {
		if strings.HasPrefix(m.Entry.Value, strconv.Itoa(tkAllow)+":") {
			allowed = append(allowed, m.Span)
		}
	}
	want := 0
	for _, m := range ms {
		k, _, _ := strings.Cut(m.Entry.Value, ":")
		kind, _ := strconv.Atoi(k)
		if kind == tkAllow || kind <= tkProp && slices.ContainsFunc(allowed, func(a text.Span) bool {
			return a.Start <= m.Start && m.End <= a.End
		}) {
			continue
		}
		want++
	}
	hits := b.read(d)
	if len(hits) != want || want == 0 || len(allowed) == 0 {
		t.Fatalf("read kept %d hits, want %d (%d allowed phrases)", len(hits), want, len(allowed))
	}
	for _, h := range hits {
		for _, a := range allowed {
			if h.kind <= tkProp && a.Start <= h.span.Start && h.span.End <= a.End {
				t.Fatalf("%q kept inside an allowed phrase", d.Slice(h.span))
			}
		}
	}
}

// BenchmarkTropeLongPost reads a 64 KB post thick with peoples' names
// and allowed phrases: the allowed filter must stay linear.
func BenchmarkTropeLongPost(b *testing.B) {
	tb, err := loadTropes()
	if err != nil {
		b.Fatal(err)
	}
	d := text.Analyse(strings.Repeat("Irish coffee, French toast and a Mexican siesta. ", 1300), "")
	for b.Loop() {
		tb.judge(d)
	}
}
